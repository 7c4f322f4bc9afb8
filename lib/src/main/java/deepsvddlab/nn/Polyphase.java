package deepsvddlab.nn;

/**
 * The index arithmetic shared by the space-to-depth blocks ({@link ConvPoolStage},
 * {@link UpsampleConv2d}): along one axis, a k-tap convolution with padding p whose full-resolution
 * output pixel {@code 2i + phase} reads pixel {@code 2i + phase + t - p} for tap t, i.e. the pixel of
 * parity {@code (phase + t - p) mod 2} in the 2x2 block at offset {@code floor((phase + t - p) / 2)}
 * from block i. Offsets run from {@link #dMin()} over {@link #window()} values, so each phase is a
 * window x window convolution at half resolution with padding -dMin on both sides (for odd k).
 */
record Polyphase(int kernel, int padding, int dMin, int window) {

    static Polyphase of(int kernel, int padding) {
        int dMin = Math.floorDiv(-padding, 2);
        int dMax = Math.floorDiv(1 + kernel - 1 - padding, 2);
        return new Polyphase(kernel, padding, dMin, dMax - dMin + 1);
    }

    /** Block offset of tap t for output phase {@code phase}, counted from dMin (0 .. window - 1). */
    int offset(int phase, int t) {
        return Math.floorDiv(phase + t - padding, 2) - dMin;
    }

    /** Parity (0 or 1) of the input pixel that tap t of output phase {@code phase} reads. */
    int inputPhase(int phase, int t) {
        return Math.floorMod(phase + t - padding, 2);
    }
}
