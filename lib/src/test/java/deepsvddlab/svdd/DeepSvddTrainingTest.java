package deepsvddlab.svdd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.nn.Networks;
import deepsvddlab.train.OptimConfig;
import deepsvddlab.train.TrainingDivergedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Short training runs on synthetic images: invariants, determinism, save/load, guards. */
class DeepSvddTrainingTest {
    static NDManager manager;
    static NDArray normals;
    static NDArray test;
    static int[] testLabels;

    static float[] images(int n, boolean anomalous, SplittableRandom rng) {
        return deepsvddlab.TestData.images(n, anomalous, rng);
    }

    @BeforeAll
    static void data() {
        manager = NDManager.newBaseManager();
        SplittableRandom rng = new SplittableRandom(1);
        normals = manager.create(images(200, false, rng), NetworkSpec.MNIST_LENET.inputShape(200));
        float[] a = images(50, false, rng);
        float[] b = images(50, true, rng);
        float[] all = new float[100 * 784];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        test = manager.create(all, NetworkSpec.MNIST_LENET.inputShape(100));
        testLabels = new int[100];
        for (int i = 50; i < 100; i++) {
            testLabels[i] = 1;
        }
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    static DeepSvddConfig.Builder quick() {
        OptimConfig o = new OptimConfig(3, 1e-3, 1e-6, List.of(2), 0.1, 50);
        return DeepSvddConfig.builder(NetworkSpec.MNIST_LENET)
                .pretrain(o)
                .train(o)
                .seed(7);
    }

    static double auroc(double[] s, int[] y) {
        double wins = 0;
        int pos = 0;
        int neg = 0;
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
            pos += y[i];
        }
        neg = s.length - pos;
        return wins / ((double) pos * neg);
    }

    @Test
    void sameSeedSameScoresAndParametersMove() {
        DeepSvddConfig cfg = quick().build();
        try (DeepSvddModel a = new DeepSvdd(cfg).fit(normals);
                DeepSvddModel b = new DeepSvdd(cfg).fit(normals)) {
            double[] sa = a.score(test);
            assertArrayEquals(sa, b.score(test), 0.0, "same seed must give the same scores");
            assertEquals(100, sa.length);
            // the center obeys the guard
            for (float ci : a.center()) {
                assertTrue(Math.abs(ci) >= 0.1f - 1e-7, "guarded center expected, found " + ci);
            }
            // Deep SVDD moved the encoder away from its pretrained state
            float[] pre =
                    DeepSvdd.meanEmbedding(a.pretrainedAutoencoder().block().encoder(), normals);
            float[] post = DeepSvdd.meanEmbedding(a.encoder(), normals);
            assertNotEquals(java.util.Arrays.toString(pre), java.util.Arrays.toString(post));
            assertTrue(auroc(sa, testLabels) > 0.8, "anomalies should score higher, AUROC " + auroc(sa, testLabels));
            assertEquals(6, a.history().records().size());
        }
        try (DeepSvddModel c = new DeepSvdd(quick().seed(8).build()).fit(normals)) {
            try (DeepSvddModel a = new DeepSvdd(cfg).fit(normals)) {
                assertNotEquals(a.score(test)[0], c.score(test)[0]);
            }
        }
    }

    @Test
    void saveAndLoadGiveIdenticalScores(@TempDir Path dir) {
        DeepSvddConfig cfg =
                quick().objective(Objective.SOFT_BOUNDARY).warmUpEpochs(1).build();
        try (DeepSvddModel a = new DeepSvdd(cfg).fit(normals)) {
            a.save(dir);
            try (DeepSvddModel b = DeepSvddModel.load(dir)) {
                assertArrayEquals(a.score(test), b.score(test), 0.0);
                assertEquals(a.radius(), b.radius());
                assertEquals(cfg, b.config());
            }
        }
    }

    @Test
    void checkpointOfAnotherArchitectureIsRejected(@TempDir Path dir) throws Exception {
        DeepSvddConfig cfg = quick().build();
        DeepSvddConfig dsp = quick().method(DeepSvddConfig.Method.DSPSVDD).build();
        Path enc = dir.resolve("enc");
        Path ae = dir.resolve("ae");
        try (DeepSvddModel a = new DeepSvdd(cfg).fit(normals);
                DeepSvddModel b = new DeepSvdd(dsp).fit(normals)) {
            a.save(enc);
            b.save(ae);
        }
        // an autoencoder's parameters under an encoder's metadata
        Files.copy(
                ae.resolve("model.params"),
                enc.resolve("model.params"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeepSvddModel.load(enc));
        assertTrue(e.getMessage().contains("model.params"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DeepSvddModel.load(dir.resolve("missing")));
        assertTrue(e.getMessage().contains("model.json"), e.getMessage());
    }

    @Test
    void softBoundaryLeavesAboutNuOutside() {
        OptimConfig o = new OptimConfig(10, 1e-4, 1e-6, List.of(), 0.1, 50);
        DeepSvddConfig cfg = quick().train(o)
                .objective(Objective.SOFT_BOUNDARY)
                .nu(0.2)
                .warmUpEpochs(2)
                .build();
        try (DeepSvddModel m = new DeepSvdd(cfg).fit(normals);
                NDManager s = normals.getManager().newSubManager()) {
            // R is solved on training-mode distances (BatchNorm on batch statistics), so count those:
            // by construction about nu of them lie outside (a little less: the last steps shrink d).
            NDArray z = m.encoder()
                    .forward(new ai.djl.training.ParameterStore(s, false), new ai.djl.ndarray.NDList(normals), true)
                    .singletonOrThrow();
            float[] d = SvddLoss.distances(z, s.create(m.center())).toFloatArray();
            double r2 = m.radius() * m.radius();
            long outside = 0;
            for (float v : d) {
                outside += v > r2 ? 1 : 0;
            }
            double frac = outside / (double) d.length;
            assertTrue(m.radius() > 0, "R must be positive after warm-up");
            assertTrue(frac > 0.05 && frac <= 0.25, "fraction outside should be about nu=0.2, found " + frac);
            assertEquals(0.0, m.history().series(DeepSvdd.PHASE_SVDD, "R")[1], "R stays 0 during the warm-up");
            // the score is d - R^2: positive exactly outside the sphere
            double[] scores = m.score(normals);
            double[] dist = m.distances(normals);
            assertEquals(dist[0] - r2, scores[0], 1e-5);
        }
    }

    @Test
    void dspsvddTrainsBothTermsAndScoresWithReconstruction() {
        DeepSvddConfig cfg = quick().method(DeepSvddConfig.Method.DSPSVDD)
                .mu(1.0, 0.1)
                .dspScore(DeepSvddConfig.DspScore.DISTANCE_PLUS_RECONSTRUCTION, 0.5)
                .build();
        try (DeepSvddModel m = new DeepSvdd(cfg).fit(normals)) {
            double[] d = m.distances(test);
            double[] e = m.reconstructionErrors(test);
            double[] s = m.score(test);
            assertEquals(d[3] + 0.5 * e[3], s[3], 1e-4);
            double[] svdd = m.history().series(DeepSvdd.PHASE_DSPSVDD, "svdd");
            double[] recon = m.history().series(DeepSvdd.PHASE_DSPSVDD, "recon");
            assertEquals(3, svdd.length);
            double[] loss = m.history().series(DeepSvdd.PHASE_DSPSVDD, "loss");
            assertEquals(svdd[2] + 0.1 * recon[2], loss[2], 1e-4);
        }
    }

    @Test
    void aBalancedMu2MakesBothWeightedTermsStartEqual() {
        // one batch of all 200 normals, so the first batch is the training set in any order
        OptimConfig whole = new OptimConfig(3, 1e-3, 1e-6, List.of(2), 0.1, 200);
        DeepSvddConfig cfg = quick().method(DeepSvddConfig.Method.DSPSVDD)
                .train(whole)
                .muBalanced(2.0)
                .build();
        // the rule from its definition, on a twin of the pretrained autoencoder (same seed, same
        // weights): mu2 = mu1 * mean ||phi(x) - c||^2 / mean ||x - x^||^2 in training mode
        double expected;
        try (Autoencoder twin =
                        Autoencoder.pretrain(cfg.network(), normals, cfg.pretrain(), null, cfg.seed(), null, null);
                NDManager scope = normals.getManager().newSubManager()) {
            NDArray c = scope.create(
                    Center.guard(DeepSvdd.meanEmbedding(twin.block().encoder(), normals), cfg.centerEps()));
            ai.djl.ndarray.NDList out = twin.block()
                    .forward(
                            new ai.djl.training.ParameterStore(scope, false), new ai.djl.ndarray.NDList(normals), true);
            double svdd = SvddLoss.oneClass(SvddLoss.distances(out.get(1), c)).getFloat();
            double recon = Autoencoder.sampleErrors(out.get(0), normals).mean().getFloat();
            expected = 2.0 * svdd / recon;
        }
        Autoencoder ae = Autoencoder.pretrain(cfg.network(), normals, cfg.pretrain(), null, cfg.seed(), null, null);
        try (DeepSvddModel m = new DeepSvdd(cfg).fit(normals, ae, null, null)) {
            double[] mu2 = m.history().series(DeepSvdd.PHASE_DSPSVDD, "mu2");
            double[] loss = m.history().series(DeepSvdd.PHASE_DSPSVDD, "loss");
            double[] s = m.history().series(DeepSvdd.PHASE_DSPSVDD, "svdd");
            double[] r = m.history().series(DeepSvdd.PHASE_DSPSVDD, "recon");
            assertEquals(3, mu2.length);
            assertEquals(expected, mu2[0], 1e-4 * expected);
            assertEquals(mu2[0], mu2[2]); // set once, at the start
            assertEquals(2.0 * s[0], mu2[0] * r[0], 1e-4 * r[0] * mu2[0]); // epoch 1 is that one batch
            assertEquals(2.0 * s[1] + mu2[0] * r[1], loss[1], 1e-4 * loss[1]);
        }
        // recorded as "balanced", read back as such, and a run of its own (label and identity)
        assertEquals("balanced", cfg.toMap().get("mu2"));
        assertEquals(
                cfg,
                DeepSvddConfig.fromJson(
                        deepsvddlab.io.Json.GSON.toJsonTree(cfg.toMap()).getAsJsonObject()));
        assertEquals("dspsvdd-one-class-mu2_balanced", new deepsvddlab.experiment.DetectorSpec.Svdd(cfg).label());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> quick().method(DeepSvddConfig.Method.DSPSVDD)
                        .muBalanced(0)
                        .build());
        assertTrue(e.getMessage().contains("mu1 > 0"), e.getMessage());
    }

    @Test
    void dspsvddDefaultsToMu1OneMu2PointOne() {
        // the smallest mu2 of the AccuracyBench sweep that differs from plain Deep SVDD (DeepSvddConfig's Javadoc)
        DeepSvddConfig d = DeepSvddConfig.builder(NetworkSpec.MNIST_LENET)
                .method(DeepSvddConfig.Method.DSPSVDD)
                .build();
        assertEquals(1.0, d.mu1());
        assertEquals(0.1, d.mu2());
    }

    @Test
    void nanInputsStopPretrainingWithAClearMessage() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] px = images(60, false, new SplittableRandom(3));
            px[5] = Float.NaN;
            NDArray bad = m.create(px, NetworkSpec.MNIST_LENET.inputShape(60));
            TrainingDivergedException e =
                    assertThrows(TrainingDivergedException.class, () -> new DeepSvdd(quick().build()).fit(bad));
            assertTrue(e.getMessage().contains("pretrain"), e.getMessage());
        }
    }

    @Test
    void copyingTheEncoderCopiesBatchNormStatistics() {
        try (var ae = Autoencoder.pretrain(
                        NetworkSpec.MNIST_LENET,
                        normals,
                        quick().build().pretrain(),
                        1,
                        deepsvddlab.train.ProgressListener.none(),
                        () -> false);
                var m = Networks.newModel("e", NetworkSpec.MNIST_LENET.encoder(), NetworkSpec.MNIST_LENET, 2)) {
            Networks.copyParameters(ae.block().encoder(), m.getBlock(), m.getNDManager());
            assertArrayEquals(
                    DeepSvdd.meanEmbedding(ae.block().encoder(), normals),
                    DeepSvdd.meanEmbedding(m.getBlock(), normals),
                    0f);
        }
    }

    @Test
    void aNullListenerMeansNoProgressAndANullStopMeansNever() {
        OptimConfig o = new OptimConfig(1, 1e-3, 1e-6, List.of(), 0.1, 50);
        try (DeepSvddModel m = new DeepSvdd(quick().pretrain(null).train(o).build()).fit(normals, null, null)) {
            assertEquals(1, m.history().phase(DeepSvdd.PHASE_SVDD).size());
        }
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new DeepSvdd(quick().build()).fit(null, null, null));
        assertTrue(e.getMessage().startsWith("data must be an NDArray"), e.getMessage());
    }
}
