package deepsvddlab.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The preprocessing of Ruff et al., "Deep One-Class Classification", ICML 2018, and two simple ones.
 *
 * <p><b>Global contrast normalisation (GCN, L1).</b> Per image {@code x} with {@code D} values:
 * {@code x' = (x - mean(x)) / s} with {@code s = (1/D) sum_j |x_j - mean(x)|}, the reference's
 * {@code global_contrast_normalization(x, scale='l1')} (lukasruff/Deep-SVDD-PyTorch,
 * {@code src/datasets/preprocessing.py}). GCN is scale-invariant ({@code GCN(a x) = GCN(x)} for
 * {@code a > 0}), so it does not matter that the reference starts from {@code ToTensor} values
 * {@code x/255} while our readers give bytes 0..255. A constant image ({@code s = 0}) becomes all
 * zeros here (the reference would give NaN).
 *
 * <p><b>Min-max scaling.</b> Then {@code x'' = (x' - min) / (max - min)} where {@code min} and
 * {@code max} are the smallest and largest GCN'd value over all pixels of all training normals. The
 * reference hard-codes these per-class constants; here they are computed by {@link Preprocessor#fit}.
 * Training normals land in [0, 1]; other images may fall slightly outside.
 *
 * <p><b>Colour images.</b> {@link #gcnL1MinMax()} normalises each image over all its C*H*W values,
 * as the method describes. The reference, applied to one C x H x W tensor, takes the mean and scale
 * per channel instead (its function treats the first axis as the batch); {@link #gcnL1MinMaxPerChannel()}
 * reproduces that for CIFAR-10. For one channel the two are identical.
 */
public final class Preprocessing {
    private Preprocessing() {}

    /** GCN (L1) per image, then min-max scaling fitted on the training normals ({@code "gcn-l1+minmax"}). */
    public static Preprocessor gcnL1MinMax() {
        return new GcnMinMax(false);
    }

    /** As {@link #gcnL1MinMax()} but GCN per channel, as the reference does for CIFAR-10 ({@code "gcn-l1-per-channel+minmax"}). */
    public static Preprocessor gcnL1MinMaxPerChannel() {
        return new GcnMinMax(true);
    }

    /**
     * GCN (L1) per image then min-max scaling with given constants, e.g. the reference's published ones
     * (for MNIST class 0: {@code min = -0.8826567065619495, max = 9.001545489292527}).
     */
    public static FittedPreprocessor gcnL1MinMax(double min, double max) {
        return new FittedGcnMinMax(false, min, max, -1);
    }

    /**
     * The fitted preprocessor that {@link FittedPreprocessor#describe()} described (as a run's
     * config.json records it), to apply a run's preprocessing to new images.
     *
     * @throws IllegalArgumentException for a description of no known preprocessor
     */
    public static FittedPreprocessor fromDescription(Map<String, ?> d) {
        Object name = d == null ? null : d.get("name");
        if ("scale255".equals(name)) {
            return (FittedPreprocessor) scale255();
        }
        if ("none".equals(name)) {
            return (FittedPreprocessor) none();
        }
        if ("gcn-l1+minmax".equals(name) || "gcn-l1-per-channel+minmax".equals(name)) {
            return new FittedGcnMinMax(
                    "gcn-l1-per-channel+minmax".equals(name),
                    ((Number) d.get("min")).doubleValue(),
                    ((Number) d.get("max")).doubleValue(),
                    -1);
        }
        throw new IllegalArgumentException("preprocessing description must name scale255, none, gcn-l1+minmax or "
                + "gcn-l1-per-channel+minmax, found " + d + "; was the run made by another version?");
    }

    /** {@code x / 255} (bytes to [0, 1]); nothing to fit ({@code "scale255"}). */
    public static Preprocessor scale255() {
        return new Fixed("scale255", 1.0 / 255);
    }

    /** No change ({@code "none"}). */
    public static Preprocessor none() {
        return new Fixed("none", 1.0);
    }

    /**
     * GCN (L1) of one image over all its values: {@code (x - mean(x)) / mean(|x - mean(x)|)}; a constant
     * image gives zeros. Returns a new array.
     */
    public static float[] gcnL1(float[] image) {
        float[] out = new float[image.length];
        gcnInto(image, 0, image.length, out, 0);
        return out;
    }

    /** GCN (L1) of one C x H x W image, each channel on its own (the reference's behaviour on a single image). */
    public static float[] gcnL1PerChannel(float[] image, int channels) {
        if (channels < 1 || image.length % channels != 0) {
            throw new IllegalArgumentException("channels must be >= 1 and divide the image length " + image.length
                    + ", found " + channels + "; pass the image's channel count");
        }
        float[] out = new float[image.length];
        int plane = image.length / channels;
        for (int c = 0; c < channels; c++) {
            gcnInto(image, c * plane, plane, out, c * plane);
        }
        return out;
    }

    /** GCN of {@code src[from .. from+n)} into {@code dst[to ..]}, in double precision. */
    private static void gcnInto(float[] src, int from, int n, float[] dst, int to) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += src[from + j];
        }
        double mean = sum / n;
        double abs = 0;
        for (int j = 0; j < n; j++) {
            abs += Math.abs(src[from + j] - mean);
        }
        double scale = abs / n;
        for (int j = 0; j < n; j++) {
            dst[to + j] = scale == 0 ? 0f : (float) ((src[from + j] - mean) / scale);
        }
    }

    private static float[] gcnAll(ImageSet images, boolean perChannel) {
        float[] p = images.pixels();
        int d = images.featureCount();
        int plane = perChannel ? images.height() * images.width() : d;
        float[] out = new float[p.length];
        for (int start = 0; start < p.length; start += plane) {
            gcnInto(p, start, plane, out, start);
        }
        return out;
    }

    private record GcnMinMax(boolean perChannel) implements Preprocessor {
        @Override
        public FittedPreprocessor fit(ImageSet trainNormals) {
            if (trainNormals.size() == 0) {
                throw new IllegalArgumentException("trainNormals must hold at least one image, found none in '"
                        + trainNormals.name() + "'; fit on the normal training images");
            }
            float[] g = gcnAll(trainNormals, perChannel);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (float v : g) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (!(max > min)) {
                throw new IllegalArgumentException(
                        "GCN'd training normals must not all be equal, found min = max = " + min + " in '"
                                + trainNormals.name() + "'; the images are constant, min-max scaling is undefined");
            }
            return new FittedGcnMinMax(perChannel, min, max, trainNormals.featureCount());
        }

        @Override
        public String name() {
            return perChannel ? "gcn-l1-per-channel+minmax" : "gcn-l1+minmax";
        }
    }

    private record FittedGcnMinMax(boolean perChannel, double min, double max, int featureCount)
            implements FittedPreprocessor {
        FittedGcnMinMax {
            if (!(max > min) || !Double.isFinite(min) || !Double.isFinite(max)) {
                throw new IllegalArgumentException("min-max constants must be finite with max > min, found min = " + min
                        + ", max = " + max + "; pass the GCN'd minimum and maximum of the training normals");
            }
        }

        @Override
        public ImageSet apply(ImageSet images) {
            if (featureCount > 0 && images.featureCount() != featureCount) {
                throw new IllegalArgumentException("images must have " + featureCount
                        + " values each (the fitted shape), " + "found " + images.featureCount() + " in '"
                        + images.name() + "'; apply to images of the fitted data set");
            }
            float[] g = gcnAll(images, perChannel);
            double range = max - min;
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) ((g[i] - min) / range);
            }
            return images.withPixels(g);
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", perChannel ? "gcn-l1-per-channel+minmax" : "gcn-l1+minmax");
            m.put("min", min);
            m.put("max", max);
            return Collections.unmodifiableMap(m);
        }
    }

    private record Fixed(String name, double factor) implements Preprocessor, FittedPreprocessor {
        @Override
        public FittedPreprocessor fit(ImageSet trainNormals) {
            return this;
        }

        @Override
        public ImageSet apply(ImageSet images) {
            if (factor == 1.0) {
                return images;
            }
            float[] p = images.pixels();
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (p[i] * factor);
            }
            return images.withPixels(p);
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("name", name);
        }
    }
}
