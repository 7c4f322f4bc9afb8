package deepsvddlab.ocnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import deepsvddlab.eval.Quantiles;

/**
 * The OCNN objective of Chalapathy, Menon and Chawla (2018, eq. 4), written with NDArray operations
 * so gradients flow to w and V:
 *
 * <pre>
 *   L(w, V, r) = 1/2 ||w||^2 + 1/2 ||V||_F^2 + (1/nu) mean_i max(0, r - y_i) - r,   y_i = &lt;w, g(V z_i)&gt;
 * </pre>
 *
 * With r fixed, gradient steps on (w, V) lift the outputs of the training points that lie below r;
 * with (w, V) fixed, the minimising r is the nu-quantile of the y_i (the paper's closed form,
 * {@link #r(double[], double)}), so a fraction nu of the training points ends up below r.
 */
public final class OcnnLoss {
    private OcnnLoss() {}

    /**
     * The objective for one batch.
     *
     * @param y the outputs y_i, shape (N)
     * @param w the output weights, any shape (1 x hidden in the head)
     * @param v the hidden weights V, any shape (hidden x dim in the head)
     * @param r the threshold, held fixed
     * @param nu in (0, 1]
     * @return a scalar in y's manager
     */
    public static NDArray objective(NDArray y, NDArray w, NDArray v, double r, double nu) {
        NDArray weights = halfSquaredNorm(w, y.getManager()).add(halfSquaredNorm(v, y.getManager()));
        return hinge(y, r).mul((float) (1.0 / nu)).add(weights).sub((float) r);
    }

    /** mean_i max(0, r - y_i). */
    public static NDArray hinge(NDArray y, double r) {
        // y first, float scalars: the result stays float32 and in y's (batch) manager
        return y.neg().add((float) r).maximum(0f).mean();
    }

    /** 1/2 sum of squares of a parameter, in {@code scope} (not in the parameter's long-lived manager). */
    static NDArray halfSquaredNorm(NDArray p, NDManager scope) {
        NDArray sq = p.square();
        sq.attach(scope);
        return sq.sum().mul(0.5f);
    }

    /** The closed-form r: the nu-quantile of the outputs (numpy's default quantile). */
    public static double r(double[] y, double nu) {
        return Quantiles.quantile(y, nu);
    }
}
