package deepsvddlab.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.svdd.DeepSvdd;
import deepsvddlab.svdd.DeepSvddConfig;
import deepsvddlab.svdd.DeepSvddModel;
import deepsvddlab.train.OptimConfig;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Grad-CAM and saliency of the anomaly score, checked with real gradients of a trained Deep SVDD. */
class ExplainTest {
    static NDManager manager;
    static DeepSvddModel model;
    static NDArray normals;
    static NDArray anomalies;

    /** Images with a bright band of 6 rows at {@code top}, plus noise, in [0, 1]. */
    static float[] images(int n, int top, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] px = new float[n * 784];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < 784; p++) {
                int row = p / 28;
                px[i * 784 + p] = (row >= top && row < top + 6 ? 0.7f : 0.1f) + 0.15f * (float) rng.nextDouble();
            }
        }
        return px;
    }

    @BeforeAll
    static void train() {
        manager = NDManager.newBaseManager();
        NDArray train = manager.create(images(300, 2, 1), new Shape(300, 1, 28, 28));
        normals = manager.create(images(40, 2, 2), new Shape(40, 1, 28, 28));
        anomalies = manager.create(images(40, 16, 3), new Shape(40, 1, 28, 28));
        OptimConfig o = new OptimConfig(5, 1e-3, 1e-6, List.of(), 0.1, 50);
        DeepSvddConfig cfg = DeepSvddConfig.builder(NetworkSpec.MNIST_LENET)
                .pretrain(o)
                .train(o)
                .seed(0)
                .build();
        model = new DeepSvdd(cfg).fit(train, null, null);
    }

    @AfterAll
    static void close() {
        model.close();
        manager.close();
    }

    /**
     * The mean over images of |s(x + noise on its hottest 10% of pixels) - s(x)| divided by the same
     * for the coldest 10% (noise N(0, 0.2^2), the same draws for both, five draws; ties in the map are
     * broken at random): above 1 when the map points at what the score is sensitive to, about 1 for a map that
     * knows nothing.
     */
    static double hotOverCold(NDArray x, Explain.Maps maps) {
        return hotOverCold(model, x, maps, 1, 5);
    }

    /**
     * As above for any model and images of {@code channels} channels (the noise goes on the same pixel
     * positions in every channel), over {@code draws} draws.
     */
    static double hotOverCold(DeepSvddModel model, NDArray x, Explain.Maps maps, int channels, int draws) {
        float[] px = x.toFloatArray();
        int n = maps.maps().length;
        int plane = maps.height() * maps.width();
        SplittableRandom rng = new SplittableRandom(42);
        double[] s = model.score(x);
        double dHot = 0;
        double dCold = 0;
        for (int draw = 0; draw < draws; draw++) {
            float[] hot = px.clone();
            float[] cold = px.clone();
            for (int i = 0; i < n; i++) {
                List<Integer> order = new java.util.ArrayList<>();
                for (int p = 0; p < plane; p++) {
                    order.add(p);
                }
                java.util.Collections.shuffle(order, new java.util.Random(rng.nextLong()));
                float[] m = maps.maps()[i];
                order.sort((a, b) -> Float.compare(m[b], m[a]));
                for (int k = 0; k < plane / 10; k++) {
                    for (int ch = 0; ch < channels; ch++) {
                        float noise = (float) (0.2 * gaussian(rng));
                        hot[(i * channels + ch) * plane + order.get(k)] += noise;
                        cold[(i * channels + ch) * plane + order.get(plane - 1 - k)] += noise;
                    }
                }
            }
            try (NDManager scope = x.getManager().newSubManager()) {
                double[] sHot = model.score(scope.create(hot, x.getShape()));
                double[] sCold = model.score(scope.create(cold, x.getShape()));
                for (int i = 0; i < n; i++) {
                    dHot += Math.abs(sHot[i] - s[i]);
                    dCold += Math.abs(sCold[i] - s[i]);
                }
            }
        }
        return dHot / dCold;
    }

    static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    @Test
    void theHotPixelsAreThoseTheScoreDependsOn() {
        for (NDArray x : new NDArray[] {normals, anomalies}) {
            Explain.Maps cam = Explain.gradCam(model, x);
            Explain.Maps sal = Explain.saliency(model, x);
            assertArrayEquals(model.score(x), cam.scores(), 1e-3, "the maps explain the model's own scores");
            double camRatio = hotOverCold(x, cam);
            double salRatio = hotOverCold(x, sal);
            assertTrue(camRatio > 1.5, "Grad-CAM: perturbing hot pixels moves the score more, ratio " + camRatio);
            assertTrue(salRatio > 1.5, "saliency: ratio " + salRatio);
            for (float[] m : cam.maps()) {
                assertEquals(28 * 28, m.length);
                float max = 0;
                for (float v : m) {
                    assertTrue(v >= 0 && v <= 1, "maps lie in [0, 1]");
                    max = Math.max(max, v);
                }
                assertEquals(1f, max, "each map is divided by its maximum");
            }
        }
    }

    @Test
    void anAnomalysMapDiffersFromANormalOnes() {
        float[] normalMean = mean(Explain.gradCam(model, normals).maps());
        float[] anomalyMean = mean(Explain.gradCam(model, anomalies).maps());
        // the anomalies' band (rows 16-21) is where their maps are hotter than the normals'
        assertTrue(
                rows(anomalyMean, 16, 22) - rows(normalMean, 16, 22) > 0.1,
                rows(anomalyMean, 16, 22) + " vs " + rows(normalMean, 16, 22));
    }

    @Test
    void zeroGradientsGiveNoExplanationAndFailTheCheck() {
        Explain.Maps real = Explain.gradCam(model, normals);
        // the same feature maps with the gradient replaced by zeros: every map is zero, the check cannot pass
        try (NDManager m = manager.newSubManager()) {
            NDArray a = m.ones(new Shape(40, 4, 7, 7));
            float[][] zero = Explain.camMaps(a, m.zeros(a.getShape()), 28, 28, Explain.Part.POSITIVE);
            for (float[] map : zero) {
                assertEquals(
                        0f,
                        mean(new float[][] {map})[0]
                                + Arrays.stream(toDouble(map)).sum(),
                        0f);
            }
            double ratio = hotOverCold(normals, new Explain.Maps(zero, real.scores(), 28, 28));
            assertTrue(ratio < 1.2, "a zero-gradient map must not pass the hot/cold check, ratio " + ratio);
        }
    }

    @Test
    void explainingLeavesNoGradientOnTheParametersAndTheScoresUnchanged() {
        double[] before = model.score(normals);
        Explain.gradCam(model, normals);
        Explain.saliency(model, anomalies);
        for (var p : model.encoder().getParameters()) {
            NDArray v = p.getValue().getArray();
            if (v.hasGradient()) {
                assertEquals(0f, v.getGradient().abs().sum().getFloat(), p.getKey());
            }
        }
        assertArrayEquals(before, model.score(normals));
    }

    @Test
    void bilinearMatchesPyTorchsAlignCornersFalse() {
        // torch.nn.functional.interpolate(torch.tensor([[[[1., 2.], [3., 4.]]]]), size=4, mode="bilinear")
        float[] up = Explain.bilinear(new float[] {1, 2, 3, 4}, 2, 2, 4, 4);
        assertArrayEquals(
                new float[] {1, 1.25f, 1.75f, 2, 1.5f, 1.75f, 2.25f, 2.5f, 2.5f, 2.75f, 3.25f, 3.5f, 3, 3.25f, 3.75f, 4
                },
                up,
                1e-6f);
        assertArrayEquals(new float[] {0, 0}, Explain.normalise(new float[] {0, 0}));
    }

    @Test
    void mahalanobisScoreAndBadInput() {
        float[][] z = model.embed(normals);
        double[] mu = new double[z[0].length];
        double[][] eye = new double[mu.length][mu.length];
        for (int j = 0; j < mu.length; j++) {
            eye[j][j] = 2;
        }
        Explain.Maps m = Explain.gradCam(model.encoder(), normals, Explain.mahalanobis(mu, eye));
        for (int i = 0; i < z.length; i++) {
            double want = 0;
            for (float v : z[i]) {
                want += 2.0 * v * v;
            }
            assertEquals(want, m.scores()[i], 1e-3 * Math.max(1, want), "(z - mu)^T Sigma^-1 (z - mu)");
        }
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Explain.gradCam(model, manager.zeros(new Shape(2, 784))));
        assertTrue(e.getMessage().startsWith("x must be images (N, C, H, W)"), e.getMessage());
        // an MLP has no convolutional feature map: Grad-CAM says so and points to the saliency map
        NetworkSpec mlp = NetworkSpec.mlp(784, 16, 8);
        try (ai.djl.Model mlpModel = deepsvddlab.nn.Networks.newModel("mlp", mlp.encoder(), mlp, 0)) {
            NDArray flat = manager.create(images(4, 2, 9), new Shape(4, 1, 28, 28));
            e = assertThrows(
                    IllegalArgumentException.class,
                    () -> Explain.gradCam(mlpModel.getBlock(), flat, Explain.distance(new float[8])));
            assertTrue(e.getMessage().contains("use Explain.saliency instead"), e.getMessage());
        }
    }

    static float[] mean(float[][] maps) {
        float[] out = new float[maps[0].length];
        for (float[] m : maps) {
            for (int p = 0; p < out.length; p++) {
                out[p] += m[p] / maps.length;
            }
        }
        return out;
    }

    static double rows(float[] map, int from, int to) {
        double s = 0;
        for (int p = from * 28; p < to * 28; p++) {
            s += map[p];
        }
        return s / ((to - from) * 28);
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Test
    void theGridShowsEachGroupsImageMapAndOverlay() {
        float[][] imgs = new float[4][28 * 28];
        float[][] maps = new float[4][28 * 28];
        for (int i = 0; i < 4; i++) {
            for (int p = 0; p < 28 * 28; p++) {
                imgs[i][p] = p % 28;
                maps[i][p] = (p / 28) / 27f; // 0 at the top row, 1 at the bottom
            }
        }
        Explain.Maps m = new Explain.Maps(maps, new double[] {0.1, 0.9, 0.5, 2.0}, 28, 28);
        java.awt.image.BufferedImage grid = ExplanationGrid.of(imgs, m, new int[] {0, 0, 1, 1}, 1);
        // first group (most anomalous normal): its map tile's bottom-left pixel is the top of Viridis
        int x0 = 6 + 28 * 3 + 2; // the second tile of the first strip
        int y0 = 6 + 18;
        assertEquals(deepsvddlab.display.Charts.viridisRgb(1.0), grid.getRGB(x0 + 1, y0 + 28 * 3 - 1) & 0xffffff);
        assertEquals(deepsvddlab.display.Charts.viridisRgb(0.0), grid.getRGB(x0 + 1, y0 + 1) & 0xffffff);
        assertEquals(0x000000, grid.getRGB(6 + 1, y0 + 1) & 0xffffff, "the image tile: column 0 is the darkest");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ExplanationGrid.of(imgs, m, new int[] {0, 1}, 2));
        assertTrue(e.getMessage().startsWith("images and labels must have one entry per map (4)"), e.getMessage());
    }

    @Test
    void pcaFindsTheDirectionOfLargestVarianceAndPlacesAPoint() {
        SplittableRandom rng = new SplittableRandom(5);
        float[][] rows = new float[500][3];
        for (float[] r : rows) {
            double t = gaussian(rng) * 3;
            double u = gaussian(rng) * 0.5;
            // along (1, 2, 2)/3 with spread 3, across (2, -2, 1)/3 with spread 0.5, offset (1, 1, 1)
            r[0] = (float) (1 + t / 3 + 2 * u / 3);
            r[1] = (float) (1 + 2 * t / 3 - 2 * u / 3);
            r[2] = (float) (1 + 2 * t / 3 + u / 3);
        }
        Pca pca = Pca.fit(rows, 2);
        assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3, 2.0 / 3}, pca.components()[0], 0.02);
        assertEquals(9, pca.explainedVariance()[0], 1.2);
        assertEquals(0.25, pca.explainedVariance()[1], 0.05);
        assertTrue(pca.explainedShare(0) > 0.95);
        double dot = 0;
        for (int j = 0; j < 3; j++) {
            dot += pca.components()[0][j] * pca.components()[1][j];
        }
        assertEquals(0, dot, 1e-9, "orthogonal");
        double[] at = pca.transform(new float[] {1 + 1f / 3 * 3, 1 + 2f / 3 * 3, 1 + 2f / 3 * 3});
        assertEquals(3, at[0], 0.1, "a point 3 along the first direction from the mean");
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(rows, 4));
    }
}
