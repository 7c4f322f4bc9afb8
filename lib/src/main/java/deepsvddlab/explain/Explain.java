package deepsvddlab.explain;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import deepsvddlab.svdd.DeepSvddModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Why an image got its anomaly score: Grad-CAM of the score and the input-gradient saliency. Both
 * explain the score s(x), not a class and not a latent coordinate:
 *
 * <ul>
 *   <li>Deep SVDD and DSPSVDD: s(x) = ||phi(x) - c||^2 ({@link #distance}); the soft-boundary score
 *       d - R^2 has the same gradient. For DSPSVDD scored by d + w e the maps explain the d term.
 *   <li>The Mahalanobis rule on the features: s(x) = (z - mu)^T Sigma^-1 (z - mu) ({@link #mahalanobis}).
 * </ul>
 *
 * <p>Grad-CAM (Selvaraju et al. 2017) for the score: A = the last convolutional feature map (K
 * channels of h x w), alpha_k = the mean over positions of ds/dA_k, map = ReLU(sum_k alpha_k A_k),
 * upsampled bilinearly to the input size and divided by its maximum (per image, so each map lies in
 * [0, 1]; an all-zero map stays zero). Saliency: |ds/dx|, the largest over the input channels,
 * divided by its maximum. Gradients come from DJL's autograd in eval mode (BatchNorm uses its
 * running statistics, so each image's map depends on that image only); the network's parameter
 * gradients are zeroed afterwards, so training later starts clean.
 */
public final class Explain {
    private static final int BATCH = 200;

    private Explain() {}

    /** An anomaly score of features: z (N, D) to s (N), built with z's manager. */
    @FunctionalInterface
    public interface Score {
        NDArray of(NDArray z);
    }

    /** s(z) = ||z - c||^2. */
    public static Score distance(float[] c) {
        return z -> z.reshape(z.getShape().get(0), -1)
                .sub(z.getManager().create(c))
                .square()
                .sum(new int[] {1});
    }

    /** s(z) = (z - mu)^T Sigma^-1 (z - mu), with {@code sigmaInverse} the inverse covariance (D x D). */
    public static Score mahalanobis(double[] mu, double[][] sigmaInverse) {
        float[] m = new float[mu.length];
        float[][] s = new float[sigmaInverse.length][];
        for (int i = 0; i < mu.length; i++) {
            m[i] = (float) mu[i];
            s[i] = new float[sigmaInverse[i].length];
            for (int j = 0; j < s[i].length; j++) {
                s[i][j] = (float) sigmaInverse[i][j];
            }
        }
        return z -> {
            NDArray d = z.reshape(z.getShape().get(0), -1).sub(z.getManager().create(m));
            return d.matMul(z.getManager().create(s)).mul(d).sum(new int[] {1});
        };
    }

    /**
     * Per-image maps in [0, 1] at the input's size (row-major H x W) and the scores they explain.
     *
     * @param maps one array of height * width values per image
     */
    public record Maps(float[][] maps, double[] scores, int height, int width) {}

    /**
     * Which part of the Grad-CAM sum {@code sum_k alpha_k A_k} a map keeps. Selvaraju et al. keep the
     * positive part, the evidence for a class. For a distance to c the other part explains too: cells
     * whose features pull the image towards c lower the score, and changing them changes it as much. On
     * the colour networks perturbing the hot cells of the negative part, or of the magnitude, moves the
     * score more than perturbing their cold cells (ColourExplainTest checks it), while the positive
     * part's hot cells moved it less in the measurements of the README's colour-images paragraph: there
     * the score's sensitivity sits where the features pull towards c.
     */
    public enum Part {
        /** ReLU(sum): where the features push the score up (Grad-CAM as published). */
        POSITIVE,
        /** ReLU(-sum): where the features pull the image towards c, lowering the score. */
        NEGATIVE,
        /** |sum|: both, by magnitude. */
        ABSOLUTE
    }

    /** Grad-CAM of a Deep SVDD / DSPSVDD model's distance score on images x (N, C, H, W). */
    public static Maps gradCam(DeepSvddModel model, NDArray x) {
        return gradCam(model.encoder(), x, distance(model.center()));
    }

    /** Input-gradient saliency |ds/dx| of a Deep SVDD / DSPSVDD model's distance score. */
    public static Maps saliency(DeepSvddModel model, NDArray x) {
        return saliency(model.encoder(), x, distance(model.center()));
    }

    /**
     * Grad-CAM of {@code score} on the last convolutional feature map of {@code encoder}, a
     * {@link SequentialBlock} whose first children end in (N, K, h, w) maps (the LeNet-type nets' stages;
     * the ResNet-18's stem and four stages, the last 4x4).
     *
     * @throws IllegalArgumentException when no child gives a 4-D feature map (an MLP)
     */
    public static Maps gradCam(Block encoder, NDArray x, Score score) {
        return explain(encoder, x, score, 2, Part.POSITIVE);
    }

    /**
     * Grad-CAM on the last feature map whose sides are at least {@code minSide} cells: an earlier,
     * finer map for a net whose last one is coarse (the CIFAR LeNet's is 4x4, cells of 8x8 pixels;
     * {@code minSide} 8 takes its 8x8 map of the second stage). The gradient still flows from the
     * score through every layer above that map.
     *
     * @throws IllegalArgumentException when no feature map has sides of at least minSide
     */
    public static Maps gradCam(Block encoder, NDArray x, Score score, int minSide) {
        return gradCam(encoder, x, score, minSide, Part.POSITIVE);
    }

    /** As {@link #gradCam(Block, NDArray, Score, int)}, keeping {@code part} of the sum. */
    public static Maps gradCam(Block encoder, NDArray x, Score score, int minSide, Part part) {
        if (minSide < 2) {
            throw new IllegalArgumentException("minSide must be >= 2, found " + minSide + "; 8 suits 32x32 inputs");
        }
        if (part == null) {
            throw new IllegalArgumentException("part must be POSITIVE, NEGATIVE or ABSOLUTE, found null");
        }
        return explain(encoder, x, score, minSide, part);
    }

    /** Grad-CAM of a Deep SVDD / DSPSVDD model's distance score, {@code part} of the sum, maps of sides >= minSide. */
    public static Maps gradCam(DeepSvddModel model, NDArray x, int minSide, Part part) {
        return gradCam(model.encoder(), x, distance(model.center()), minSide, part);
    }

    /** Grad-CAM of a Deep SVDD / DSPSVDD model's distance score on its last map of sides >= minSide. */
    public static Maps gradCam(DeepSvddModel model, NDArray x, int minSide) {
        return gradCam(model.encoder(), x, distance(model.center()), minSide);
    }

    /** The saliency |ds/dx| of {@code score} through {@code encoder}. */
    public static Maps saliency(Block encoder, NDArray x, Score score) {
        return explain(encoder, x, score, 0, null);
    }

    /** Grad-CAM keeping {@code part} of the sum, or with {@code part == null} the input-gradient saliency. */
    private static Maps explain(Block encoder, NDArray x, Score score, int minSide, Part part) {
        if (x == null || x.getShape().dimension() != 4) {
            throw new IllegalArgumentException("x must be images (N, C, H, W), found "
                    + (x == null ? "null" : x.getShape()) + "; pass ImageSet.toNDArray(manager)");
        }
        List<Block> children = new ArrayList<>();
        if (encoder instanceof SequentialBlock seq) {
            for (Pair<String, Block> p : seq.getChildren()) {
                children.add(p.getValue());
            }
        } else {
            children.add(encoder);
        }
        int n = (int) x.getShape().get(0);
        int height = (int) x.getShape().get(2);
        int width = (int) x.getShape().get(3);
        float[][] maps = new float[n][];
        double[] scores = new double[n];
        try (NDManager scope = x.getManager().newSubManager()) {
            ParameterStore store = new ParameterStore(scope, false);
            int split = part != null ? lastFeatureMap(children, store, x.get(scope, new NDIndex("0:1")), minSide) : 0;
            for (int start = 0; start < n; start += BATCH) {
                int stop = Math.min(n, start + BATCH);
                try (NDManager batch = scope.newSubManager()) {
                    // the layers below A run without gradients (outside the collector: grad mode is off)
                    NDArray a = x.get(batch, new NDIndex("{}:{}", start, stop));
                    for (int i = 0; i < split; i++) {
                        a = children.get(i).forward(store, new NDList(a), false).singletonOrThrow();
                    }
                    explainBatch(children, split, store, a, score, part, height, width, start, maps, scores);
                }
            }
        } finally {
            zeroGradients(encoder);
        }
        return new Maps(maps, scores, height, width);
    }

    /** A's gradient for one batch: A becomes a leaf, the layers above it and the score run in the collector. */
    private static void explainBatch(
            List<Block> children,
            int split,
            ParameterStore store,
            NDArray below,
            Score score,
            Part part,
            int height,
            int width,
            int start,
            float[][] maps,
            double[] scores) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray a = below.stopGradient(); // for saliency, A is the input itself
            a.setRequiresGradient(true);
            NDArray z = a;
            for (int i = split; i < children.size(); i++) {
                z = children.get(i).forward(store, new NDList(z), false).singletonOrThrow();
            }
            NDArray s = score.of(z);
            gc.backward(s.sum());
            float[] sv = s.toType(DataType.FLOAT32, false).toFloatArray();
            float[][] m =
                    part != null ? camMaps(a, a.getGradient(), height, width, part) : saliencyMaps(a.getGradient());
            for (int i = 0; i < sv.length; i++) {
                scores[start + i] = sv[i];
                maps[start + i] = m[i];
            }
        }
    }

    /**
     * The number of leading children whose output is the last 4-D (N, K, h, w) feature map with
     * {@code min(h, w) >= minSide} (and more than one cell).
     */
    private static int lastFeatureMap(List<Block> children, ParameterStore store, NDArray probe, int minSide) {
        int split = -1;
        NDArray a = probe;
        for (int i = 0; i < children.size(); i++) {
            a = children.get(i).forward(store, new NDList(a), false).singletonOrThrow();
            if (a.getShape().dimension() == 4
                    && a.getShape().get(2) * a.getShape().get(3) > 1
                    && Math.min(a.getShape().get(2), a.getShape().get(3)) >= minSide) {
                split = i + 1;
            }
        }
        if (split < 0 && minSide > 2) {
            throw new IllegalArgumentException("Grad-CAM with minSide " + minSide + " needs a feature map with sides of"
                    + " at least " + minSide + ", found none in this encoder; use a smaller minSide or gradCam(...)"
                    + " on the last map");
        }
        if (split < 0) {
            throw new IllegalArgumentException("Grad-CAM needs an encoder with a convolutional feature map, found "
                    + "none (an MLP?); use Explain.saliency instead");
        }
        return split;
    }

    static float[][] camMaps(NDArray a, NDArray grad, int height, int width, Part part) {
        long[] sh = a.getShape().getShape();
        int n = (int) sh[0];
        int k = (int) sh[1];
        int h = (int) sh[2];
        int w = (int) sh[3];
        float[] av = a.toFloatArray();
        float[] gv = grad.toFloatArray();
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] cam = new float[h * w];
            for (int c = 0; c < k; c++) {
                int base = (i * k + c) * h * w;
                double alpha = 0;
                for (int p = 0; p < h * w; p++) {
                    alpha += gv[base + p];
                }
                alpha /= h * w;
                for (int p = 0; p < h * w; p++) {
                    cam[p] += (float) (alpha * av[base + p]);
                }
            }
            for (int p = 0; p < cam.length; p++) {
                cam[p] = switch (part) {
                    case POSITIVE -> Math.max(0f, cam[p]);
                    case NEGATIVE -> Math.max(0f, -cam[p]);
                    case ABSOLUTE -> Math.abs(cam[p]);
                };
            }
            out[i] = normalise(bilinear(cam, h, w, height, width));
        }
        return out;
    }

    private static float[][] saliencyMaps(NDArray grad) {
        long[] sh = grad.getShape().getShape();
        int n = (int) sh[0];
        int c = (int) sh[1];
        int plane = (int) (sh[2] * sh[3]);
        float[] g = grad.toFloatArray();
        float[][] out = new float[n][plane];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < plane; p++) {
                    out[i][p] = Math.max(out[i][p], Math.abs(g[(i * c + ch) * plane + p]));
                }
            }
            out[i] = normalise(out[i]);
        }
        return out;
    }

    /**
     * Bilinear resize of an h x w map to H x W with PyTorch's {@code align_corners=False} rule:
     * output pixel centre (y + 0.5) * h / H - 0.5, clamped at the border.
     */
    public static float[] bilinear(float[] map, int h, int w, int outH, int outW) {
        float[] out = new float[outH * outW];
        for (int y = 0; y < outH; y++) {
            double sy = Math.max(0, (y + 0.5) * h / outH - 0.5);
            int y0 = Math.min((int) sy, h - 1);
            int y1 = Math.min(y0 + 1, h - 1);
            double fy = sy - y0;
            for (int x = 0; x < outW; x++) {
                double sx = Math.max(0, (x + 0.5) * w / outW - 0.5);
                int x0 = Math.min((int) sx, w - 1);
                int x1 = Math.min(x0 + 1, w - 1);
                double fx = sx - x0;
                double top = map[y0 * w + x0] * (1 - fx) + map[y0 * w + x1] * fx;
                double bottom = map[y1 * w + x0] * (1 - fx) + map[y1 * w + x1] * fx;
                out[y * outW + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }

    /** Divided by its maximum; an all-zero (or non-finite) map stays zero. */
    static float[] normalise(float[] m) {
        float max = 0;
        for (float v : m) {
            if (Float.isFinite(v)) {
                max = Math.max(max, v);
            }
        }
        float[] out = new float[m.length];
        for (int i = 0; max > 0 && i < m.length; i++) {
            out[i] = Float.isFinite(m[i]) ? m[i] / max : 0f;
        }
        return out;
    }

    /** Zeroes the gradients the backward pass left on the parameters. */
    private static void zeroGradients(Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().isInitialized()) {
                NDArray v = p.getValue().getArray();
                if (v.hasGradient()) {
                    NDArray g = v.getGradient();
                    g.subi(g);
                }
            }
        }
    }
}
