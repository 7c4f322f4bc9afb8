package deepsvddlab.train;

/**
 * Receives training progress, one call per finished epoch. (Not called TrainingListener: DJL has
 * one, and notebooks import DJL packages.) Implementations live in {@code deepsvddlab.display}
 * (console bar, live notebook display).
 */
@FunctionalInterface
public interface ProgressListener {
    /** Called after each epoch. */
    void onEpoch(EpochRecord record);

    /** Called when a phase ends (normally, stopped or failed). */
    default void onDone(String phase) {}

    /** {@code listener}, or {@link #none()} for null (public fit methods accept null as "no progress"). */
    static ProgressListener orNone(ProgressListener listener) {
        return listener == null ? none() : listener;
    }

    /** A listener that ignores everything. */
    static ProgressListener none() {
        return r -> {};
    }
}
