package REPL;

/**
 * Stands in for a notebook cell: JShell compiles each cell into a class of the package {@code REPL},
 * which is how {@code Interrupts.request()} tells the threads that run notebook code.
 */
public final class Snippet {
    private Snippet() {}

    /** Runs {@code cell} with a frame of this class on the stack, as a kernel runs a cell. */
    public static void run(Runnable cell) {
        cell.run();
    }
}
