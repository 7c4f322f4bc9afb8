/** The command line: the same pipeline as the notebooks, for batch work (runs and resumable sweeps). */
package deepsvddlab.cli;
