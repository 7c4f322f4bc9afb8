package deepsvddlab.display;

/**
 * Factories for {@link ProgressBar}, the per-epoch progress display. A trainer calls
 * {@code onEpoch(phase, epoch, epochs, metrics, seconds, etaSeconds)} and {@code onDone(phase)};
 * adapt it to the training listener with e.g.
 * {@code r -> bar.onEpoch(r.phase(), r.epoch(), r.epochs(), r.metrics(), r.seconds(), r.etaSeconds())}.
 */
public final class Progress {
    private Progress() {}

    /**
     * For terminals and logs: redraws one line in place with a carriage return when standard output
     * is a terminal, else prints one line every tenth of the epochs.
     */
    public static ProgressBar console() {
        return new ProgressBar(System.console() != null ? ProgressBar.Mode.TERMINAL : ProgressBar.Mode.LINES,
                System.out);
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
        return KernelBridge.canUpdate() ? new ProgressBar(ProgressBar.Mode.NOTEBOOK, System.out)
                : new ProgressBar(ProgressBar.Mode.LINES, System.out);
    }

    /** {@link #notebook()} inside a Jupyter kernel, {@link #console()} elsewhere. */
    public static ProgressBar auto() {
        return notebook();
    }
}
