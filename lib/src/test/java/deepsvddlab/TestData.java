package deepsvddlab;

import java.util.Random;
import java.util.SplittableRandom;

/** Seeded synthetic inputs shared by the tests: 28x28 images with a lit quadrant, and Gaussian blobs. */
public final class TestData {
    private TestData() {}

    /** Normals: bright square top-left; anomalies: bright square bottom-right; plus noise. n x 784 values. */
    public static float[] images(int n, boolean anomalous, SplittableRandom rng) {
        float[] px = new float[n * 784];
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    boolean lit = anomalous ? (y >= 14 && x >= 14) : (y < 14 && x < 14);
                    px[i * 784 + y * 28 + x] = (float) ((lit ? 0.7 : 0.1) + 0.2 * rng.nextDouble());
                }
            }
        }
        return px;
    }

    /** n rows of N(shift, I) in {@code dim} dimensions. */
    public static float[][] gaussian(Random rng, int n, int dim, double shift) {
        float[][] x = new float[n][dim];
        for (float[] row : x) {
            for (int j = 0; j < dim; j++) {
                row[j] = (float) (shift + rng.nextGaussian());
            }
        }
        return x;
    }
}
