/** Atomic file writes and JSON run records shared by the whole library. */
package deepsvddlab.io;
