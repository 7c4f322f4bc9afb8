package deepsvddlab.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepsvddlab.eval.Metrics;
import deepsvddlab.eval.Thresholds;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.svdd.AutoencoderDetector;
import deepsvddlab.svdd.DeepSvdd;
import deepsvddlab.svdd.DeepSvddConfig;
import deepsvddlab.svdd.Objective;
import deepsvddlab.train.OptimConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every {@link Detector} passes. To add a detector, add ONE line to {@link #cases()}:
 * {@code DetectorCase.of("Name", seed -> config(seed), aurocFloor, () -> badConfig1(), ...)}.
 * Checks: score length, direction on seeded blobs (AUROC floor), bad parameters and bad inputs
 * throw {@link IllegalArgumentException} with a message, fitting twice gives independent models,
 * the same seed gives the same scores, and predict agrees with a threshold on the scores.
 */
class DetectorContractTest {

    /**
     * One detector under test.
     *
     * @param factory a configured detector for a seed (deterministic detectors ignore it)
     * @param aurocFloor minimum ROC-AUC on the seeded blobs
     * @param badConfigurations each must throw IllegalArgumentException with a message
     */
    record DetectorCase(
            LongFunction<Detector> factory,
            double aurocFloor,
            boolean normalsAwayFromOrigin,
            List<Executable> badConfigurations) {
        static Named<DetectorCase> of(
                String name, LongFunction<Detector> factory, double aurocFloor, Executable... badConfigurations) {
            return Named.of(name, new DetectorCase(factory, aurocFloor, false, List.of(badConfigurations)));
        }

        /**
         * For detectors that separate the data from the origin (OCNN, like Schoelkopf's one-class SVM in
         * feature space): the same blobs mirrored by x -> 2.5 - x, so the normals sit at 2.5 and the
         * anomalies between them and the origin. Distances and shapes are unchanged.
         */
        static Named<DetectorCase> awayFromOrigin(
                String name, LongFunction<Detector> factory, double aurocFloor, Executable... badConfigurations) {
            return Named.of(name, new DetectorCase(factory, aurocFloor, true, List.of(badConfigurations)));
        }

        float[][] place(float[][] x) {
            if (!normalsAwayFromOrigin) {
                return x;
            }
            float[][] out = new float[x.length][];
            for (int i = 0; i < x.length; i++) {
                out[i] = new float[x[i].length];
                for (int j = 0; j < x[i].length; j++) {
                    out[i][j] = 2.5f - x[i][j];
                }
            }
            return out;
        }
    }

    static Stream<Named<DetectorCase>> cases() {
        return Stream.of(
                DetectorCase.of(
                        "IsolationForest",
                        seed -> IsolationForest.builder().seed(seed).build(),
                        0.95,
                        () -> IsolationForest.builder().nTrees(0).build(),
                        () -> IsolationForest.builder().maxSamples(1).build()),
                DetectorCase.of(
                        "OneClassSvm",
                        seed -> OneClassSvm.builder().nu(0.1).build(),
                        0.95,
                        () -> OneClassSvm.builder().nu(0.0).build(),
                        () -> OneClassSvm.builder().nu(1.5).build(),
                        () -> OneClassSvm.builder().gamma(-1.0).build(),
                        () -> OneClassSvm.builder().tol(0).build()),
                DetectorCase.of(
                        "Mahalanobis",
                        seed -> MahalanobisDetector.builder().build(),
                        0.95,
                        () -> MahalanobisDetector.builder().ridge(-1e-3).build(),
                        () -> MahalanobisDetector.builder().ridge(Double.NaN).build()),
                DetectorCase.of(
                        "Deep SVDD (MLP)",
                        seed -> new DeepSvdd(deep(seed).build()),
                        0.9,
                        () -> deep(0).nu(0).build(),
                        () -> deep(0).centerEps(-1).build()),
                DetectorCase.of(
                        "soft-boundary DSPSVDD (MLP)",
                        seed -> new DeepSvdd(deep(seed)
                                .method(DeepSvddConfig.Method.DSPSVDD)
                                .objective(Objective.SOFT_BOUNDARY)
                                .warmUpEpochs(2)
                                .build()),
                        0.9,
                        () -> deep(0).mu(0, 0).build()),
                DetectorCase.of(
                        "AE reconstruction error (MLP)",
                        seed -> new AutoencoderDetector(
                                NetworkSpec.mlp(DIM, 16, 4), new OptimConfig(5, 3e-3, 1e-6, List.of(), 0.1, 100), seed),
                        0.9,
                        () -> new AutoencoderDetector(NetworkSpec.mlp(DIM, 16, 4), null, 0),
                        () -> new OptimConfig(0, 1e-3, 0, List.of(), 0.1, 50)),
                // OCNN's bias-free head separates the data from the origin: it gets the mirrored blobs.
                DetectorCase.awayFromOrigin(
                        "OCNN (features only)",
                        seed -> new deepsvddlab.ocnn.Ocnn(deepsvddlab.ocnn.OcnnConfig.builder()
                                .featuresOnly()
                                .train(new OptimConfig(10, 1e-2, 0, List.of(), 0.1, 50))
                                .seed(seed)
                                .build()),
                        0.9,
                        () -> deepsvddlab.ocnn.OcnnConfig.builder().nu(0).build(),
                        () -> deepsvddlab.ocnn.OcnnConfig.builder()
                                .hiddenUnits(0)
                                .build()));
    }

    /** A small bias-free MLP Deep SVDD for the 8-D blobs. */
    static DeepSvddConfig.Builder deep(long seed) {
        OptimConfig quick = new OptimConfig(5, 3e-3, 1e-6, List.of(), 0.1, 100);
        return DeepSvddConfig.builder(NetworkSpec.mlp(DIM, 16, 4))
                .pretrain(quick)
                .train(quick)
                .seed(seed);
    }

    static final int DIM = 8;

    static float[][] gaussian(Random rng, int n, double shift) {
        return deepsvddlab.TestData.gaussian(rng, n, DIM, shift);
    }

    /** Test rows: 100 normals N(0, I) then 100 anomalies N(2.5, I); labels accordingly. */
    static float[][] testRows() {
        Random rng = new Random(42);
        float[][] normal = gaussian(rng, 100, 0.0);
        float[][] anomalies = gaussian(rng, 100, 2.5);
        float[][] x = Arrays.copyOf(normal, 200);
        System.arraycopy(anomalies, 0, x, 100, 100);
        return x;
    }

    static int[] testLabels() {
        int[] y = new int[200];
        Arrays.fill(y, 100, 200, 1);
        return y;
    }

    static float[][] train() {
        return gaussian(new Random(7), 300, 0.0);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void scoresHaveOneValuePerRowAndRankAnomaliesHigher(DetectorCase c) {
        Detector detector = c.factory().apply(1L);
        assertFalse(detector.name().isBlank());
        assertNotNull(detector.params());
        FittedDetector model = detector.fit(c.place(train()));
        double[] s = model.score(c.place(testRows()));
        assertEquals(200, s.length);
        for (double v : s) {
            assertTrue(Double.isFinite(v));
        }
        double auroc = Metrics.rocAuc(testLabels(), s);
        assertTrue(
                auroc >= c.aurocFloor(),
                detector.name() + " AUROC " + auroc + " below " + c.aurocFloor()
                        + ": is the score direction (higher = more anomalous) right?");
        assertEquals(1, model.score(new float[][] {testRows()[0]}).length);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void badParametersThrowWithAMessage(DetectorCase c) {
        assertFalse(c.badConfigurations().isEmpty(), "list at least one bad configuration");
        for (Executable bad : c.badConfigurations()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad);
            assertTrue(e.getMessage() != null && e.getMessage().contains("must"), e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void badInputsThrowWithAMessage(DetectorCase c) {
        Detector detector = c.factory().apply(1L);
        assertThrows(IllegalArgumentException.class, () -> detector.fit(new float[0][]));
        float[][] withNaN = train();
        withNaN[3][2] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> detector.fit(withNaN));
        float[][] ragged = train();
        ragged[5] = new float[DIM - 1];
        assertThrows(IllegalArgumentException.class, () -> detector.fit(ragged));
        FittedDetector model = detector.fit(train());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> model.score(new float[][] {new float[DIM + 1]}));
        assertTrue(e.getMessage().contains("features"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void fittingTwiceGivesIndependentModels(DetectorCase c) {
        Detector detector = c.factory().apply(3L);
        float[][] test = testRows();
        FittedDetector first = detector.fit(train());
        double[] before = first.score(test);
        float[][] other = gaussian(new Random(99), 300, 1.0);
        FittedDetector second = detector.fit(other);
        assertArrayEquals(before, first.score(test), 0.0, "refitting must not change the first model");
        assertFalse(Arrays.equals(before, second.score(test)), "a model fitted on other data must score differently");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sameSeedGivesSameScores(DetectorCase c) {
        float[][] test = testRows();
        double[] a = c.factory().apply(5L).fit(train()).score(test);
        double[] b = c.factory().apply(5L).fit(train()).score(test);
        assertArrayEquals(a, b, 0.0);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void predictIsScoreAboveThreshold(DetectorCase c) {
        FittedDetector model = c.factory().apply(1L).fit(train());
        double[] s = model.score(testRows());
        double median = deepsvddlab.eval.Quantiles.quantile(s, 0.5);
        int[] labels = model.predict(testRows(), Thresholds.fixed(median));
        for (int i = 0; i < s.length; i++) {
            assertEquals(s[i] > median ? 1 : 0, labels[i]);
        }
    }
}
