package deepsvddlab.detect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;

/**
 * Mahalanobis distance to the training normals (Mahalanobis 1936): fit the mean mu and covariance
 * Sigma of the normal rows and score x by the <b>squared</b> Mahalanobis distance
 * D^2(x) = (x - mu)^T (Sigma + lambda I)^{-1} (x - mu).
 *
 * <p>The squared distance is used (not its square root) because for Gaussian normals it follows a
 * chi-square(d) distribution, so {@code Thresholds.chiSquare(d, alpha)} applies directly; the ranking,
 * and hence ROC-AUC, is the same either way.
 *
 * <p>Sigma is the sample covariance with the n - 1 denominator (unbiased, as numpy's
 * {@code np.cov}). The ridge lambda >= 0 (default 0) is added only when asked for and is recorded
 * in {@link #params()}. A singular (or numerically singular) Sigma, e.g. from constant or linearly
 * dependent features or from fewer rows than features, is an error that suggests a ridge. The inverse
 * is never formed: Sigma + lambda I = L L^T (Cholesky, commons-math3) and D^2 = ||L^{-1}(x - mu)||^2.
 */
public final class MahalanobisDetector implements Detector {
    /** A Cholesky pivot at most this times the largest variance counts as zero (singular covariance). */
    static final double RELATIVE_PIVOT_TOLERANCE = 1e-10;

    private final double ridge;

    private MahalanobisDetector(double ridge) {
        this.ridge = ridge;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link MahalanobisDetector}; {@link #build()} validates. */
    public static final class Builder {
        private double ridge = 0.0;

        private Builder() {}

        /** Ridge lambda >= 0 added to the covariance diagonal (default 0: none). */
        public Builder ridge(double lambda) {
            this.ridge = lambda;
            return this;
        }

        public MahalanobisDetector build() {
            if (!(ridge >= 0.0) || Double.isInfinite(ridge)) {
                throw new IllegalArgumentException("ridge must be a finite number >= 0, found " + ridge
                        + "; use 0 for none or a small value such as 1e-3 times the mean variance");
            }
            return new MahalanobisDetector(ridge);
        }
    }

    @Override
    public String name() {
        return "Mahalanobis";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ridge", ridge);
        p.put("score", "squared distance");
        p.put("covariance", "sample (n - 1)");
        return Collections.unmodifiableMap(p);
    }

    @Override
    public Fitted fit(float[][] trainNormals) {
        int d = Inputs.checkMatrix("trainNormals", trainNormals);
        int n = trainNormals.length;
        if (n < 2) {
            throw new IllegalArgumentException("trainNormals must have at least 2 rows for a covariance, found " + n
                    + "; pass more normal samples");
        }
        double[] mean = new double[d];
        for (float[] row : trainNormals) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        // Sigma = (X - mu)^T (X - mu) / (n - 1), upper triangle then mirrored (exactly symmetric)
        double[][] cov = new double[d][d];
        double[] c = new double[d];
        for (float[] row : trainNormals) {
            for (int j = 0; j < d; j++) {
                c[j] = row[j] - mean[j];
            }
            for (int a = 0; a < d; a++) {
                double ca = c[a];
                double[] covA = cov[a];
                for (int b = a; b < d; b++) {
                    covA[b] += ca * c[b];
                }
            }
        }
        double maxVar = 0.0;
        double trace = 0.0;
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= (n - 1);
                cov[b][a] = cov[a][b];
            }
            maxVar = Math.max(maxVar, cov[a][a]);
            trace += cov[a][a];
        }
        double[][] regularised = new double[d][];
        for (int a = 0; a < d; a++) {
            regularised[a] = cov[a].clone();
            regularised[a][a] += ridge;
        }
        double[][] lower;
        try {
            CholeskyDecomposition chol = new CholeskyDecomposition(
                    new Array2DRowRealMatrix(regularised, false),
                    CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD,
                    RELATIVE_PIVOT_TOLERANCE * (maxVar + ridge));
            lower = chol.getL().getData();
        } catch (NonPositiveDefiniteMatrixException e) {
            throw new IllegalArgumentException(
                    "covariance must be positive definite, found a singular covariance ("
                            + d + " features, " + n + " rows, ridge " + ridge
                            + "; constant or linearly dependent features, or fewer rows than features, cause this)"
                            + "; set a ridge, e.g. MahalanobisDetector.builder().ridge("
                            + String.format(java.util.Locale.ROOT, "%.3g", Math.max(1e-3 * trace / d, 1e-6))
                            + ") (1e-3 times the mean feature variance)",
                    e);
        }
        Map<String, Object> p = new LinkedHashMap<>(params());
        p.put("nTrain", n);
        p.put("nFeatures", d);
        return new Fitted(mean, cov, lower, p);
    }

    /** A fitted Mahalanobis detector: mean, covariance and the Cholesky factor of Sigma + lambda I. */
    public static final class Fitted implements FittedDetector {
        private final double[] mean;
        private final double[][] covariance;
        private final double[][] lower;
        private final Map<String, Object> params;

        private Fitted(double[] mean, double[][] covariance, double[][] lower, Map<String, Object> params) {
            this.mean = mean;
            this.covariance = covariance;
            this.lower = lower;
            this.params = Collections.unmodifiableMap(params);
        }

        /** Squared Mahalanobis distances D^2(x); higher = more anomalous. */
        @Override
        public double[] score(float[][] x) {
            int d = mean.length;
            Inputs.checkMatrix("x", x, d);
            double[] out = new double[x.length];
            double[] z = new double[d];
            for (int i = 0; i < x.length; i++) {
                // forward substitution L z = x - mu; D^2 = z . z
                double sq = 0.0;
                for (int a = 0; a < d; a++) {
                    double s = x[i][a] - mean[a];
                    double[] la = lower[a];
                    for (int b = 0; b < a; b++) {
                        s -= la[b] * z[b];
                    }
                    z[a] = s / la[a];
                    sq += z[a] * z[a];
                }
                out[i] = sq;
            }
            return out;
        }

        /** A copy of the mean mu. */
        public double[] mean() {
            return mean.clone();
        }

        /** A copy of the sample covariance Sigma (n - 1 denominator, without the ridge). */
        public double[][] covariance() {
            double[][] out = new double[covariance.length][];
            for (int i = 0; i < out.length; i++) {
                out[i] = covariance[i].clone();
            }
            return out;
        }

        /** Number of features d (the degrees of freedom for {@code Thresholds.chiSquare}). */
        public int dimension() {
            return mean.length;
        }

        @Override
        public String name() {
            return "Mahalanobis";
        }

        @Override
        public Map<String, Object> params() {
            return params;
        }
    }
}
