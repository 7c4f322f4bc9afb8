/** Deep SVDD Lab: data, deep one-class detectors, baselines, metrics and notebook display helpers. */
package deepsvddlab;
