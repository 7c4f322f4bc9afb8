package deepsvddlab.svdd;

import ai.djl.ndarray.NDArray;

/**
 * The Deep SVDD objectives on a batch, written with plain NDArray operations so gradients flow
 * (Ruff et al., "Deep One-Class Classification", ICML 2018, eqs. 3 and 4, without the weight decay
 * term, which the optimiser adds).
 */
public final class SvddLoss {
    private SvddLoss() {}

    /** d_i = ||z_i - c||^2 for each row z_i of {@code z} (N, rep_dim); c has shape (rep_dim). */
    public static NDArray distances(NDArray z, NDArray c) {
        // z first: the result then belongs to z's (batch) manager, not to c's long-lived one.
        return z.sub(c).square().sum(new int[] {1});
    }

    /** One-class loss: mean_i d_i. */
    public static NDArray oneClass(NDArray distances) {
        return distances.mean();
    }

    /** Soft-boundary loss: R^2 + (1/nu) mean_i max(0, d_i - R^2). */
    public static NDArray softBoundary(NDArray distances, double radius, double nu) {
        // float scalars keep the result float32 (a double scalar would promote it to float64)
        float r2 = (float) (radius * radius);
        return distances.sub(r2).maximum(0f).mean().mul((float) (1.0 / nu)).add(r2);
    }

    /** The radius that puts a fraction nu of the given distances outside: the (1 - nu) quantile of sqrt(d). */
    public static double radius(float[] distances, double nu) {
        double[] roots = new double[distances.length];
        for (int i = 0; i < roots.length; i++) {
            roots[i] = Math.sqrt(distances[i]);
        }
        return deepsvddlab.eval.Quantiles.quantile(roots, 1 - nu);
    }
}
