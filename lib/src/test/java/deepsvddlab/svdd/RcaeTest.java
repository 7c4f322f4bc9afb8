package deepsvddlab.svdd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import deepsvddlab.io.Json;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.train.OptimConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RCAE: the soft-threshold step, lambda = infinity as the plain autoencoder, planted outliers absorbed by N. */
class RcaeTest {
    static final OptimConfig O = new OptimConfig(8, 1e-3, 1e-6, List.of(), 0.1, 50);

    /** n images with a bright band of 6 rows at {@code top}; the last {@code outliers} have it at row 16. */
    static float[] images(int n, int outliers, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] px = new float[n * 784];
        for (int i = 0; i < n; i++) {
            int top = i >= n - outliers ? 16 : 2;
            for (int p = 0; p < 784; p++) {
                int row = p / 28;
                px[i * 784 + p] = (row >= top && row < top + 6 ? 0.7f : 0.1f) + 0.15f * (float) rng.nextDouble();
            }
        }
        return px;
    }

    @Test
    void theSoftThresholdIsTheClosedFormOfTheL1Step() {
        assertEquals(0.3f, Rcae.softThreshold(0.5f, 0.2), 1e-7f);
        assertEquals(-0.3f, Rcae.softThreshold(-0.5f, 0.2), 1e-7f);
        assertEquals(0f, Rcae.softThreshold(0.1f, 0.2));
        assertEquals(0f, Rcae.softThreshold(-0.2f, 0.2));
        assertEquals(0f, Rcae.softThreshold(0.9f, Double.POSITIVE_INFINITY));
        // it minimises 1/2 (r - n)^2 + lambda |n|: no n on a fine grid does better
        for (float r : new float[] {-0.7f, -0.15f, 0f, 0.25f, 0.8f}) {
            float n = Rcae.softThreshold(r, 0.2);
            double best = 0.5 * (r - n) * (r - n) + 0.2 * Math.abs(n);
            for (double m = -1; m <= 1; m += 0.001) {
                assertTrue(0.5 * (r - m) * (r - m) + 0.2 * Math.abs(m) >= best - 1e-7, "r " + r + ", n " + m);
            }
        }
    }

    @Test
    void lambdaInfinityIsThePlainAutoencoderBitForBit() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(images(200, 10, 1), new Shape(200, 1, 28, 28));
            NDArray test = m.create(images(40, 20, 2), new Shape(40, 1, 28, 28));
            try (Autoencoder plain = Autoencoder.pretrain(NetworkSpec.MNIST_LENET, x, O, 3, null, null);
                    Autoencoder ae = Rcae.pretrain(
                            NetworkSpec.MNIST_LENET,
                            x,
                            O,
                            new RcaeConfig(Double.POSITIVE_INFINITY, 2),
                            3,
                            null,
                            null)) {
                assertArrayEquals(plain.reconstructionErrors(test), ae.reconstructionErrors(test));
                assertArrayEquals(
                        plain.history().series("pretrain", "loss"), ae.history().series("pretrain", "loss"));
                assertEquals(0, Arrays.stream(ae.outlierNorms()).sum());
                assertEquals(null, plain.outliers());
            }
        }
    }

    @Test
    void plantedOutliersAreAbsorbedByN() {
        try (NDManager m = NDManager.newBaseManager()) {
            int n = 200;
            int outliers = 10;
            NDArray x = m.create(images(n, outliers, 4), new Shape(n, 1, 28, 28));
            OptimConfig longer = O.withEpochs(30);
            try (Autoencoder ae =
                    Rcae.pretrain(NetworkSpec.MNIST_LENET, x, longer, new RcaeConfig(0.15, 5), 5, null, null)) {
                double[] norms = ae.outlierNorms();
                double normals = Arrays.stream(norms, 0, n - outliers).average().orElse(0);
                double planted = Arrays.stream(norms, n - outliers, n).average().orElse(0);
                assertTrue(
                        planted > 5 * normals && planted > 0,
                        "||N_i||_1: outliers " + planted + ", normals " + normals);
                // the top ||N_i|| are the planted outliers
                Integer[] order = new Integer[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (a, b) -> Double.compare(norms[b], norms[a]));
                long hits = Arrays.stream(order, 0, outliers)
                        .filter(i -> i >= n - outliers)
                        .count();
                assertTrue(hits >= 8, hits + " of the 10 largest ||N_i|| are planted outliers");
                double[] nonZero = ae.history().series("pretrain", "nonZero");
                assertEquals(30, nonZero.length);
                assertEquals(0, nonZero[0], "N starts at 0 and is first set after epoch 5");
                assertTrue(nonZero[29] > 0 && nonZero[29] < 0.2, "N is sparse: " + nonZero[29]);
            }
        }
    }

    @Test
    void badSettingsAreRefusedWithTheRule() {
        for (double lambda : new double[] {0, -1, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RcaeConfig(lambda, 2));
            assertTrue(e.getMessage().startsWith("lambda must be > 0"), e.getMessage());
            assertTrue(e.getMessage().contains("found " + lambda), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RcaeConfig(0.1, 0));
        assertTrue(e.getMessage().startsWith("every must be at least 1"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> DeepSvddConfig.builder(NetworkSpec.MNIST_LENET)
                        .pretrain(null)
                        .rcae(RcaeConfig.of(0.1))
                        .build());
        assertTrue(e.getMessage().startsWith("pretrain must be set for RCAE pretraining"), e.getMessage());
    }

    @Test
    void deepSvddPretrainsWithRcaeAndTheOutliersSurviveASave(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(images(100, 5, 1), new Shape(100, 1, 28, 28));
            DeepSvddConfig cfg = DeepSvddConfig.builder(NetworkSpec.MNIST_LENET)
                    .pretrain(O.withEpochs(2))
                    .rcae(new RcaeConfig(0.2, 1))
                    .train(O.withEpochs(2))
                    .seed(4)
                    .build();
            assertEquals(
                    cfg,
                    DeepSvddConfig.fromJson(Json.GSON.toJsonTree(cfg.toMap()).getAsJsonObject()));
            assertTrue(cfg.toMap().containsKey("rcae"));
            assertTrue(!cfg.toBuilder().rcae(null).build().toMap().containsKey("rcae"), "absent when plain");
            try (DeepSvddModel model = new DeepSvdd(cfg).fit(x)) {
                assertEquals(2, model.history().series("pretrain", "nonZero").length, "RCAE pretrained it");
            }
            try (Autoencoder ae =
                    Autoencoder.pretrain(NetworkSpec.MNIST_LENET, x, O.withEpochs(2), cfg.rcae(), 4, null, null)) {
                ae.save(dir);
                try (Autoencoder back = Autoencoder.loadIfPresent(dir)) {
                    assertArrayEquals(ae.outlierNorms(), back.outlierNorms());
                    assertArrayEquals(ae.reconstructionErrors(x), back.reconstructionErrors(x));
                }
                // a plain autoencoder is refused where the config asks for RCAE
                try (Autoencoder plain =
                        Autoencoder.pretrain(NetworkSpec.MNIST_LENET, x, O.withEpochs(2), 4, null, null)) {
                    IllegalArgumentException e = assertThrows(
                            IllegalArgumentException.class, () -> new DeepSvdd(cfg).fit(x, plain, null, null));
                    assertTrue(e.getMessage().contains("must be an RCAE"), e.getMessage());
                }
            }
            Path n = dir.resolve("outliers.bin");
            Files.write(n, Arrays.copyOf(Files.readAllBytes(n), 100));
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> Autoencoder.loadIfPresent(dir));
            assertTrue(e.getMessage().contains("outliers.bin must hold"), e.getMessage());
        }
    }
}
