package deepsvddlab.ocnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import deepsvddlab.eval.Metrics;
import deepsvddlab.eval.Quantiles;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.ocnn.OcnnConfig.Activation;
import deepsvddlab.svdd.Autoencoder;
import deepsvddlab.train.EpochRecord;
import deepsvddlab.train.OptimConfig;
import deepsvddlab.train.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OCNN objective by hand, the r update, the nu fraction, determinism, save/load, the frozen encoder, guards. */
class OcnnTest {
    static final int DIM = 8;

    static float[][] gaussian(Random rng, int n, double shift) {
        return deepsvddlab.TestData.gaussian(rng, n, DIM, shift);
    }

    /** Features-only OCNN with a quick schedule. */
    static OcnnConfig.Builder quick(int epochs) {
        return OcnnConfig.builder()
                .featuresOnly()
                .nu(0.1)
                .train(new OptimConfig(epochs, 1e-2, 0, List.of(), 0.1, 50))
                .seed(3);
    }

    @Test
    void objectiveMatchesAHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = m.create(new float[] {0.2f, 0.8f, 1.5f});
            NDArray w = m.create(new float[] {1, -2}, new Shape(1, 2));
            NDArray v = m.create(new float[] {1, 0, 2, 0, -1, 1}, new Shape(2, 3));
            // 1/2 ||w||^2 = 2.5; 1/2 ||V||^2 = 3.5; mean max(0, 0.5 - y) = (0.3 + 0 + 0) / 3 = 0.1;
            // (1/nu) 0.1 = 0.2 for nu = 0.5; minus r = 0.5: 2.5 + 3.5 + 0.2 - 0.5 = 5.7
            assertEquals(0.1, OcnnLoss.hinge(y, 0.5).getFloat(), 1e-6);
            assertEquals(5.7, OcnnLoss.objective(y, w, v, 0.5, 0.5).getFloat(), 1e-5);
            // r enters only through the hinge and the -r term: with r below every y the hinge vanishes
            assertEquals(2.5 + 3.5 - 0.1, OcnnLoss.objective(y, w, v, 0.1, 0.5).getFloat(), 1e-5);
        }
    }

    @Test
    void headComputesWTimesGOfVz() {
        for (Activation g : Activation.values()) {
            try (Model head = OcnnHead.newModel(3, 2, g, 0);
                    NDManager m = NDManager.newBaseManager()) {
                OcnnHead.v(head.getBlock()).set(new float[] {1, 0, 2, 0, -1, 1});
                OcnnHead.w(head.getBlock()).set(new float[] {1, -2});
                double[] y = OcnnHead.outputs(head.getBlock(), m.create(new float[] {1, 0, -1}, new Shape(1, 3)));
                // V z = (1 - 2, 0 - 1) = (-1, -1); sigmoid(-1) = 0.268941...; y = (1 - 2) g(-1)
                double expected = g == Activation.SIGMOID ? -1 / (1 + Math.exp(1)) : 1.0;
                assertEquals(expected, y[0], 1e-6, g.name());
            }
        }
    }

    @Test
    void rIsTheNuQuantileOfTheTrainingOutputsAfterEachEpoch() {
        float[][] train = gaussian(new Random(7), 200, 2.5);
        List<EpochRecord> seen = new ArrayList<>();
        ProgressListener listener = seen::add;
        try (OcnnModel model = new Ocnn(quick(6).build()).fit(toArray(train), listener, () -> false);
                NDManager m = NDManager.newBaseManager()) {
            double[] y = model.outputs(m.create(flat(train), new Shape(train.length, DIM)));
            assertEquals(Quantiles.quantile(y, 0.1), model.r(), 0.0, "r = nu-quantile of y over the training data");
            double[] rs = model.history().series(Ocnn.PHASE, "r");
            assertEquals(6, rs.length);
            assertEquals(model.r(), rs[5], 0.0);
            assertNotEquals(rs[0], rs[5], "r follows the outputs as w and V move");
            // by construction a fraction nu of the training points lies below r, at every epoch
            for (EpochRecord e : seen) {
                assertEquals(0.1, e.metric("belowR"), 1.0 / train.length + 1e-12, "epoch " + e.epoch());
                assertTrue(Double.isFinite(e.metric("hinge")) && Double.isFinite(e.metric("loss")));
            }
            long flagged = Arrays.stream(model.score(train)).filter(s -> s > 0).count();
            assertEquals(0.1, flagged / (double) train.length, 1.0 / train.length + 1e-12);
            assertEquals(model.r() - y[4], model.score(train)[4], 1e-6, "score = r - y");
        }
    }

    @Test
    void anomaliesBetweenTheDataAndTheOriginScoreHigher() {
        // The bias-free head separates the data from the origin (like a one-class SVM): it learns to
        // rank points whose features lie towards the origin as anomalous.
        float[][] train = gaussian(new Random(7), 200, 2.5);
        Random rng = new Random(42);
        float[][] test = concat(gaussian(rng, 100, 2.5), gaussian(rng, 100, 0.0));
        int[] labels = new int[200];
        Arrays.fill(labels, 100, 200, 1);
        try (OcnnModel model = new Ocnn(quick(10).build()).fit(train)) {
            double auroc = Metrics.rocAuc(labels, model.score(test));
            assertTrue(auroc > 0.9, "AUROC " + auroc);
        }
    }

    @Test
    void theWeightTermsShrinkVWhenTheInputsCarryNoSignal() {
        // z = 0: the hinge has no gradient in V, so only 1/2 ||V||_F^2 moves it (towards 0).
        float[][] zeros = new float[200][DIM];
        OcnnConfig cfg = quick(5).build();
        try (OcnnModel model = new Ocnn(cfg).fit(zeros);
                Model initial = OcnnHead.newModel(DIM, cfg.hiddenUnits(), cfg.activation(), cfg.seed())) {
            double before = norm(OcnnHead.v(initial.getBlock()).toFloatArray());
            double after = norm(flat(model.v()));
            assertTrue(after < 0.5 * before, "||V|| should shrink, found " + before + " -> " + after);
        }
    }

    @Test
    void featuresOnlySaveLoadAndStop(@TempDir Path dir) {
        float[][] train = gaussian(new Random(7), 200, 2.5);
        float[][] test = gaussian(new Random(8), 50, 1.0);
        OcnnConfig cfg = quick(3).activation(Activation.LINEAR).hiddenUnits(5).build();
        try (OcnnModel a = new Ocnn(cfg).fit(train)) {
            a.save(dir);
            try (OcnnModel b = OcnnModel.load(dir)) {
                assertArrayEquals(a.score(test), b.score(test), 0.0);
                assertEquals(a.r(), b.r());
                assertEquals(cfg, b.config());
                assertNull(b.encoder());
            }
        }
        // a parameter file of another width under this metadata is refused, naming the file
        try (OcnnModel other = new Ocnn(cfg.toBuilder().hiddenUnits(6).build()).fit(train)) {
            Path elsewhere = other.save(dir.resolve("other"));
            copy(elsewhere.resolve("head.params"), dir.resolve("head.params"));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OcnnModel.load(dir));
        assertTrue(e.getMessage().contains("head.params"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OcnnModel.load(dir.resolve("missing")));
        assertTrue(e.getMessage().contains("ocnn.json"), e.getMessage());
        // stop before the first epoch: r stays the nu-quantile of the initial outputs
        try (OcnnModel s = new Ocnn(cfg).fit(toArray(train), ProgressListener.none(), () -> true)) {
            assertTrue(s.history().stoppedEarly());
            assertEquals(0, s.history().phase(Ocnn.PHASE).size());
            assertEquals(Quantiles.quantile(s.outputs(toArray(train)), 0.1), s.r(), 0.0);
        }
    }

    @Test
    void pretrainedEncoderStaysFrozenAndTheModelRoundTrips(@TempDir Path dir) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray normals =
                    m.create(images(100, false, new SplittableRandom(1)), NetworkSpec.MNIST_LENET.inputShape(100));
            NDArray test = m.create(images(20, true, new SplittableRandom(2)), NetworkSpec.MNIST_LENET.inputShape(20));
            OptimConfig o = new OptimConfig(2, 1e-3, 1e-6, List.of(), 0.1, 50);
            OcnnConfig cfg = OcnnConfig.builder()
                    .pretrain(o)
                    .train(o.withLearningRate(1e-2))
                    .hiddenUnits(8)
                    .seed(5)
                    .build();
            try (Autoencoder ae = Autoencoder.pretrain(
                            NetworkSpec.MNIST_LENET, normals, o, 5, ProgressListener.none(), () -> false);
                    OcnnModel a = new Ocnn(cfg).fit(normals, ae, ProgressListener.none(), () -> false);
                    OcnnModel b = new Ocnn(cfg).fit(normals)) {
                // the head trains on the pretrained encoder's features, unchanged
                assertArrayEquals(flat(ae.encode(test)), flat(a.features(test)), 0f);
                // pretraining inside fit with the same seed gives the same model
                assertArrayEquals(a.score(test), b.score(test), 0.0, "same seed must give the same scores");
                assertEquals(
                        List.of("pretrain", "pretrain", "ocnn", "ocnn"),
                        b.history().records().stream().map(EpochRecord::phase).toList());
                a.save(dir);
                try (OcnnModel c = OcnnModel.load(dir)) {
                    assertArrayEquals(a.score(test), c.score(test), 0.0);
                    assertEquals(cfg, c.config());
                }
                IllegalArgumentException e =
                        assertThrows(IllegalArgumentException.class, () -> a.score(new float[][] {new float[DIM]}));
                assertTrue(e.getMessage().contains("784 features"), e.getMessage());
            }
        }
    }

    @Test
    void badParametersAreRejectedWithAMessage() {
        for (double nu : new double[] {0.0, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> OcnnConfig.builder().nu(nu).build());
            assertTrue(e.getMessage().startsWith("nu must be in (0, 1], found " + nu), e.getMessage());
        }
        assertEquals(1.0, OcnnConfig.builder().nu(1.0).build().nu());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> OcnnConfig.builder().hiddenUnits(0).build());
        assertTrue(e.getMessage().contains("hiddenUnits must be >= 1"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> new OcnnConfig(
                        OcnnConfig.Features.PRETRAINED_ENCODER,
                        null,
                        4,
                        Activation.SIGMOID,
                        0.1,
                        null,
                        null,
                        OcnnConfig.defaultTrain(),
                        null,
                        0));
        assertTrue(e.getMessage().contains("featuresOnly()"), e.getMessage());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray wrongShape = m.zeros(new Shape(4, 1, 20, 20));
            e = assertThrows(
                    IllegalArgumentException.class,
                    () -> new Ocnn(OcnnConfig.builder().build()).fit(wrongShape));
            assertTrue(e.getMessage().contains("1x28x28"), e.getMessage());
        }
    }

    // ---- helpers ----

    static float[] images(int n, boolean anomalous, SplittableRandom rng) {
        return deepsvddlab.TestData.images(n, anomalous, rng);
    }

    private static final NDManager ARRAYS = NDManager.newBaseManager();

    /** Rows as an (N, DIM) array of a long-lived test manager. */
    static NDArray toArray(float[][] rows) {
        return ARRAYS.create(flat(rows), new Shape(rows.length, rows[0].length));
    }

    static float[] flat(float[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * rows[0].length, rows[0].length);
        }
        return out;
    }

    static float[][] concat(float[][] a, float[][] b) {
        float[][] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
