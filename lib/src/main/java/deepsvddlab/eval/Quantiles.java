package deepsvddlab.eval;

import java.util.Arrays;

/**
 * The one quantile function of the library, identical to numpy's default {@code np.quantile(a, q)}
 * ("linear", Hyndman and Fan type 7).
 *
 * <p>With the values sorted, v[0] <= ... <= v[n-1], the virtual index is h = (n - 1) q and the
 * quantile interpolates linearly between v[floor(h)] and v[floor(h) + 1] with weight g = h - floor(h).
 * Like numpy, the interpolation is computed as {@code a + g (b - a)} for g < 0.5 and
 * {@code b - (1 - g)(b - a)} for g >= 0.5, so results agree with numpy to the last bit.
 *
 * <p>Note: commons-math3's {@code Percentile} defaults to a different estimator (type 6-like,
 * position (n + 1) p), so it gives other values on small samples; do not mix the two.
 */
public final class Quantiles {
    private Quantiles() {}

    /**
     * The q-quantile of {@code values} (numpy's default, type 7).
     *
     * @param values the sample; not empty, no NaN (not modified)
     * @param q the probability in [0, 1]
     * @throws IllegalArgumentException for an empty sample, a NaN value, or q outside [0, 1]
     */
    public static double quantile(double[] values, double q) {
        return quantileOfSorted(sortedCopy(values), q);
    }

    /** Several quantiles of one sample (sorts once). */
    public static double[] quantiles(double[] values, double... qs) {
        double[] sorted = sortedCopy(values);
        double[] out = new double[qs.length];
        for (int i = 0; i < qs.length; i++) {
            out[i] = quantileOfSorted(sorted, qs[i]);
        }
        return out;
    }

    private static double[] sortedCopy(double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("values must be a non-empty array, found "
                    + (values == null ? "null" : "an empty array") + "; pass at least one score");
        }
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                throw new IllegalArgumentException("values must not contain NaN, found NaN at index " + i
                        + "; remove or fix the NaN scores first");
            }
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    private static double quantileOfSorted(double[] v, double q) {
        if (!(q >= 0.0 && q <= 1.0)) {
            throw new IllegalArgumentException(
                    "q must be in [0, 1], found " + q + "; for a percentile p use q = p / 100");
        }
        int n = v.length;
        double h = (n - 1) * q;
        if (h >= n - 1) {
            return v[n - 1];
        }
        int lo = (int) Math.floor(h);
        double g = h - lo;
        double a = v[lo];
        double b = v[lo + 1];
        double diff = b - a;
        return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
    }
}
