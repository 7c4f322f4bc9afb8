package libsvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dense path against LIBSVM's own {@code svm.svm_train} on the same rows: the kernel values are
 * the same bit for bit, so the solver takes the same steps and the alphas, rho and objective must be
 * equal exactly (not merely close; a tolerance would hide a changed summation order).
 */
class DenseOneClassTest {

    /** Gaussian rows with about a third of the entries exactly 0 (LIBSVM's sparse rows leave those out). */
    static float[][] data(long seed, int n, int d) {
        Random r = new Random(seed);
        float[][] x = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = r.nextInt(3) == 0 ? 0f : (float) (r.nextGaussian() + (i % 3 == 0 ? 1.5 : 0.0));
            }
        }
        return x;
    }

    /** The rows as LIBSVM's sparse problem (zero features left out, 1-based indices), labels 0. */
    static svm_problem sparseProblem(float[][] x) {
        svm_problem prob = new svm_problem();
        prob.l = x.length;
        prob.y = new double[x.length];
        prob.x = new svm_node[x.length][];
        for (int i = 0; i < x.length; i++) {
            List<svm_node> nodes = new ArrayList<>();
            for (int j = 0; j < x[i].length; j++) {
                if (x[i][j] != 0f) {
                    svm_node node = new svm_node();
                    node.index = j + 1;
                    node.value = x[i][j];
                    nodes.add(node);
                }
            }
            prob.x[i] = nodes.toArray(new svm_node[0]);
        }
        return prob;
    }

    /** alpha per row from LIBSVM's model (0 for rows that are not support vectors), and rho. */
    static double[] libsvmAlphas(
            float[][] x, double nu, double gamma, double eps, double cacheMb, boolean shrinking, double[] rhoOut) {
        svm_problem prob = sparseProblem(x);
        svm_parameter p = new svm_parameter();
        p.svm_type = svm_parameter.ONE_CLASS;
        p.kernel_type = svm_parameter.RBF;
        p.gamma = gamma;
        p.nu = nu;
        p.eps = eps;
        p.cache_size = cacheMb;
        p.shrinking = shrinking ? 1 : 0;
        p.C = 1.0;
        p.weight_label = new int[0];
        p.weight = new double[0];
        svm.svm_set_print_string_function(s -> {});
        svm_model model = svm.svm_train(prob, p);
        double[] alpha = new double[x.length];
        for (int k = 0; k < model.l; k++) {
            alpha[model.sv_indices[k] - 1] = model.sv_coef[0][k];
        }
        rhoOut[0] = model.rho[0];
        return alpha;
    }

    @ParameterizedTest(name = "n {0}, d {1}, nu {2}, gamma {3}, cache {4} MB, shrinking {5}")
    @CsvSource({
        "400, 40, 0.1, 0.02, 200, true",
        "400, 40, 0.5, 0.1, 200, true",
        "300, 25, 0.05, 1.0, 200, false",
        "500, 60, 0.2, 0.01, 0.05, true", // a cache of ~25 columns: evictions and swaps that drop columns
        "257, 7, 0.9, 0.3, 0.02, true", // odd sizes: the 8-at-a-time loop's remainder
        "50, 3, 1.0, 0.5, 200, true"
    }) // nu = 1: every alpha starts at 1
    void alphasAndRhoEqualLibsvmExactly(int n, int d, double nu, double gamma, double cacheMb, boolean shrinking) {
        float[][] x = data(n * 31L + d, n, d);
        double[] rho = new double[1];
        double[] expected = libsvmAlphas(x, nu, gamma, 1e-3, cacheMb, shrinking, rho);
        DenseOneClass.Solution sol = DenseOneClass.solve(x, nu, gamma, 1e-3, cacheMb, shrinking);
        assertArrayEquals(expected, sol.alpha(), 0.0);
        assertEquals(rho[0], sol.rho(), 0.0);
        double sum = 0;
        for (double a : sol.alpha()) {
            sum += a;
        }
        assertEquals(nu * n, sum, 1e-9 * n, "sum of alphas = nu l");
    }

    @Test
    void kernelValuesEqualLibsvmsInDouble() {
        // float rounding of the cached Q would hide a changed summation order: compare before it
        float[][] x = data(3, 61, 200);
        svm_parameter p = new svm_parameter();
        p.kernel_type = svm_parameter.RBF;
        p.gamma = 0.004;
        p.cache_size = 1;
        svm_problem prob = sparseProblem(x);
        ONE_CLASS_Q reference = new ONE_CLASS_Q(prob, p);
        DenseOneClassQ dense = new DenseOneClassQ(x, 0.004, 1);
        double[] row = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            dense.kernels(i, 0, x.length, row);
            for (int j = 0; j < x.length; j++) {
                assertEquals(reference.kernel_function(i, j), row[j], 0.0, "k(x_" + i + ", x_" + j + ")");
            }
            assertEquals(reference.get_QD()[i], dense.get_QD()[i], 0.0);
        }
    }

    @Test
    void rowSegmentsComputedInParallelEqualTheSequentialOnes() {
        // 1200 rows of 300 features: a full row is above the parallel threshold, a short segment below
        float[][] x = data(5, 1200, 300);
        DenseOneClassQ q = new DenseOneClassQ(x, 0.003, 200);
        float[] parallel = q.get_Q(17, 1200).clone();
        float[] first = q.get_Q(18, 10).clone(); // sequential (small) segment
        for (int j = 0; j < 1200; j++) {
            double k = Math.exp(-0.003 * (dot(x[17], x[17]) + dot(x[j], x[j]) - 2 * dot(x[17], x[j])));
            assertEquals((float) k, parallel[j], 0.0f, "Q[17][" + j + "]");
        }
        assertEquals(q.get_Q(18, 1200)[5], first[5], 0.0f);
        assertEquals(1.0, q.get_QD()[3], 0.0);
    }

    /** x.y in double, summed in feature order. */
    private static double dot(float[] x, float[] y) {
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            sum += (double) x[k] * y[k];
        }
        return sum;
    }

    @Test
    void badArgumentsAreRejectedWithTheirName() {
        float[][] x = data(1, 10, 2);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DenseOneClass.solve(x, 0.0, 0.1, 1e-3, 200, true));
        assertTrue(e.getMessage().startsWith("nu must be in (0, 1]"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> DenseOneClass.solve(new float[][] {{1f, 2f}, {3f}}, 0.5, 0.1, 1e-3, 200, true));
        assertTrue(e.getMessage().startsWith("rows must be rectangular"), e.getMessage());
    }
}
