package deepsvddlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;

/** Element-wise comparison of two arrays relative to the largest expected magnitude, for the layer tests. */
final class ArrayAsserts {
    private ArrayAsserts() {}

    /** Every |actual - expected| <= relTol * max(|expected|, 1e-6), naming the first element that is not. */
    static void assertClose(NDArray expected, NDArray actual, double relTol, String what) {
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        assertEquals(e.length, a.length, what);
        double scale = 1e-6;
        for (float v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < e.length; i++) {
            assertTrue(
                    Math.abs(e[i] - a[i]) <= relTol * scale,
                    what + ": element " + i + " is " + a[i] + ", expected " + e[i]);
        }
    }
}
