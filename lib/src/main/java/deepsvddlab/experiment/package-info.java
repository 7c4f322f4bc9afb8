/** One-class experiments end to end (data, preprocessing, fit, score, metrics, run folder) and resumable sweeps. */
package deepsvddlab.experiment;
