package deepsvddlab.train;

/** Thrown when a loss becomes NaN or infinite; carries the history up to that point. */
public final class TrainingDivergedException extends IllegalStateException {
    private final transient History history;

    public TrainingDivergedException(String message, History history) {
        super(message);
        this.history = history;
    }

    /** The epochs completed before the loss diverged. */
    public History history() {
        return history;
    }
}
