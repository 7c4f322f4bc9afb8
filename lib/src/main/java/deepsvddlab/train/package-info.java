/** The one epoch loop, optimiser schedules, progress reporting and training history shared by every deep model. */
package deepsvddlab.train;
