/** Rich notebook output (tables, Plotly charts with PNG fallbacks, images, progress) that also runs unchanged from the command line. */
package deepsvddlab.display;
