package deepsvddlab.display;

/**
 * Factories for {@link ProgressBar}, the per-epoch progress display. A trainer calls
 * {@code onEpoch(...)} and {@code onDone(phase)}; a ProgressBar is a
 * {@link deepsvddlab.train.ProgressListener}, so it goes straight into {@code fit(data, Progress.notebook(), stop)}.
 */
public final class Progress {
    private Progress() {}

    /**
     * For terminals and logs: redraws one line in place with a carriage return when standard output
     * is a terminal, else prints one line every tenth of the epochs.
     */
    public static ProgressBar console() {
        return new ProgressBar(
                System.console() != null ? ProgressBar.Mode.TERMINAL : ProgressBar.Mode.LINES, System.out);
    }

    /**
     * For notebooks: one output updated in place (with a small loss curve) when the kernel can
     * update outputs; else one line every tenth of the epochs. Outside a kernel the same as
     * {@link #console()}.
     */
    public static ProgressBar notebook() {
        if (!KernelBridge.inKernel()) {
            return console();
        }
        return KernelBridge.canUpdate()
                ? new ProgressBar(ProgressBar.Mode.NOTEBOOK, System.out)
                : new ProgressBar(ProgressBar.Mode.LINES, System.out);
    }

    /** {@link #notebook()} inside a Jupyter kernel, {@link #console()} elsewhere. */
    public static ProgressBar auto() {
        return notebook();
    }
}
