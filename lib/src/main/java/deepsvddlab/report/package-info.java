/** Reports drawn from run folders: a run's figure set ({@link deepsvddlab.report.RunFigures}). */
package deepsvddlab.report;
