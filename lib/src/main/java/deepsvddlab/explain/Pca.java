package deepsvddlab.explain;

import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.correlation.Covariance;

/**
 * Principal component analysis fitted on rows (e.g. the latent codes of the training normals):
 * the top k eigenvectors of the sample covariance (n - 1), by falling eigenvalue. Each
 * component's sign is fixed so that its largest-magnitude entry is positive, so refits agree.
 * {@link #transform} centres with the fitted mean and projects; a point such as the center c
 * projects the same way, which places c in the plot of the codes.
 *
 * @param mean the fitted mean, one value per column
 * @param components k rows of unit length, orthogonal
 * @param explainedVariance the k eigenvalues, falling
 * @param totalVariance the sum of all eigenvalues (the trace of the covariance)
 */
public record Pca(double[] mean, double[][] components, double[] explainedVariance, double totalVariance) {

    /** Fits k components on {@code rows} (n x D, n at least 2, 1 &lt;= k &lt;= D). */
    public static Pca fit(float[][] rows, int k) {
        if (rows == null || rows.length < 2) {
            throw new IllegalArgumentException("rows must hold at least 2 rows, found "
                    + (rows == null ? "null" : rows.length) + "; pass the codes of the training set");
        }
        int d = rows[0].length;
        if (k < 1 || k > d) {
            throw new IllegalArgumentException(
                    "k must be in 1.." + d + " (the number of columns), found " + k + "; 2 for a scatter plot");
        }
        double[][] x = new double[rows.length][d];
        double[] mean = new double[d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException(
                        "rows[" + i + "] must have " + d + " columns like rows[0], found " + rows[i].length);
            }
            for (int j = 0; j < d; j++) {
                x[i][j] = rows[i][j];
                mean[j] += x[i][j] / rows.length;
            }
        }
        RealMatrix cov = new Covariance(x, true).getCovarianceMatrix();
        EigenDecomposition eig = new EigenDecomposition(cov);
        double[] values = eig.getRealEigenvalues();
        Integer[] order = new Integer[d];
        for (int j = 0; j < d; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        double[][] comps = new double[k][];
        double[] explained = new double[k];
        double total = 0;
        for (double v : values) {
            total += Math.max(0, v);
        }
        for (int c = 0; c < k; c++) {
            double[] v = eig.getEigenvector(order[c]).toArray();
            int big = 0;
            for (int j = 1; j < d; j++) {
                big = Math.abs(v[j]) > Math.abs(v[big]) ? j : big;
            }
            if (v[big] < 0) {
                for (int j = 0; j < d; j++) {
                    v[j] = -v[j];
                }
            }
            comps[c] = v;
            explained[c] = Math.max(0, values[order[c]]);
        }
        return new Pca(mean, comps, explained, total);
    }

    /** The coordinates of each row on the components (n x k). */
    public double[][] transform(float[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = transform(rows[i]);
        }
        return out;
    }

    /** The coordinates of one point (e.g. the center c). */
    public double[] transform(float[] point) {
        if (point.length != mean.length) {
            throw new IllegalArgumentException(
                    "point must have " + mean.length + " values like the fitted rows, found " + point.length);
        }
        double[] out = new double[components.length];
        for (int c = 0; c < components.length; c++) {
            for (int j = 0; j < mean.length; j++) {
                out[c] += (point[j] - mean[j]) * components[c][j];
            }
        }
        return out;
    }

    /** The share of the total variance that component c explains. */
    public double explainedShare(int c) {
        return totalVariance > 0 ? explainedVariance[c] / totalVariance : 0;
    }

    /** Column c of coordinates (for a chart axis). */
    public static double[] column(double[][] coords, int c) {
        double[] out = new double[coords.length];
        for (int i = 0; i < coords.length; i++) {
            out[i] = coords[i][c];
        }
        return out;
    }
}
