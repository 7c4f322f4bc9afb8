package libsvm;

import java.util.Arrays;

/**
 * One-class SVM training (Schölkopf et al., Neural Computation 2001) with LIBSVM's own SMO solver
 * ({@code Solver}, Fan et al., JMLR 2005) on dense float rows and an RBF kernel: the dual
 *
 * <pre>  min_alpha 0.5 alpha^T Q alpha   s.t. 0 &lt;= alpha_i &lt;= 1, sum_i alpha_i = nu l,   Q_ij = exp(-gamma ||x_i - x_j||^2)</pre>
 *
 * solved exactly as {@code svm.svm_train} does for {@code ONE_CLASS} (its {@code solve_one_class}):
 * the same initial alpha (the first floor(nu l) at 1, the next at nu l - floor(nu l), the rest 0),
 * p = 0, y = +1, Cp = Cn = 1. Only the Q matrix differs in form ({@link DenseOneClassQ}, dense rows,
 * same values bit for bit), so alphas and rho equal LIBSVM's. The decision function is
 * f(x) = sum_i alpha_i k(x_i, x) - rho; the support vectors are the rows with alpha_i != 0.
 *
 * <p>This class lives in package {@code libsvm} because LIBSVM's {@code Solver}, {@code QMatrix} and
 * {@code Cache} are package-private (a split package, fine on the class path).
 *
 * <p>Thread safety: a {@code Solver} keeps all its state in the instance, so separate fits do not
 * share data. LIBSVM's only static state touched here is the print function: the solver reports
 * progress through {@code svm.info}, which prints to stdout unless
 * {@link svm#svm_set_print_string_function} was given another one (that setting is global), and it
 * writes a warning to System.err if it reaches its iteration limit. {@code svm.rand} is used only by
 * cross-validation and probability estimates, never here.
 */
public final class DenseOneClass {
    private DenseOneClass() {}

    /**
     * A solution of the dual.
     *
     * @param alpha     alpha_i per training row, in the rows' order (0 for non-support vectors)
     * @param rho       the offset rho of f(x) = sum_i alpha_i k(x_i, x) - rho
     * @param objective the dual objective 0.5 alpha^T Q alpha
     */
    public record Solution(double[] alpha, double rho, double objective) {}

    /**
     * Solves the one-class dual on {@code rows} with LIBSVM's solver.
     *
     * @param rows      training rows, all of one length, finite values (not modified)
     * @param nu        nu in (0, 1]
     * @param gamma     RBF gamma &gt; 0
     * @param eps       stopping tolerance (LIBSVM's {@code eps}, e.g. 1e-3)
     * @param cacheMb   kernel cache in MB (LIBSVM's {@code cache_size}, e.g. 200)
     * @param shrinking LIBSVM's shrinking heuristic
     */
    public static Solution solve(
            float[][] rows, double nu, double gamma, double eps, double cacheMb, boolean shrinking) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("rows must have at least one row, found "
                    + (rows == null ? "null" : "0 rows") + "; pass one row per training sample");
        }
        if (!(nu > 0.0 && nu <= 1.0)) {
            throw new IllegalArgumentException("nu must be in (0, 1], found " + nu + "; e.g. 0.1");
        }
        if (!(gamma > 0.0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("gamma must be a finite number > 0, found " + gamma);
        }
        if (!(eps > 0.0) || !(cacheMb > 0.0)) {
            throw new IllegalArgumentException("eps and cacheMb must be > 0, found " + eps + " and " + cacheMb);
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != rows[0].length) {
                throw new IllegalArgumentException("rows must be rectangular (" + rows[0].length
                        + " features per row), found " + (rows[i] == null ? "a null row" : rows[i].length + " features")
                        + " at row " + i + "; every row needs the same features");
            }
        }
        int l = rows.length;
        double[] alpha = new double[l];
        int n = (int) (nu * l); // as LIBSVM's solve_one_class
        for (int i = 0; i < n; i++) {
            alpha[i] = 1;
        }
        if (n < l) {
            alpha[n] = nu * l - n;
        }
        double[] zeros = new double[l];
        byte[] ones = new byte[l];
        Arrays.fill(ones, (byte) 1);
        Solver.SolutionInfo si = new Solver.SolutionInfo();
        new Solver()
                .Solve(
                        l,
                        new DenseOneClassQ(rows, gamma, cacheMb),
                        zeros,
                        ones,
                        alpha,
                        1.0,
                        1.0,
                        eps,
                        si,
                        shrinking ? 1 : 0);
        return new Solution(alpha, si.rho, si.obj);
    }
}
