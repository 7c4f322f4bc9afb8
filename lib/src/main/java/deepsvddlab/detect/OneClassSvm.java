package deepsvddlab.detect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import libsvm.svm;
import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;
import libsvm.svm_problem;

/**
 * One-class SVM (Schölkopf et al., "Estimating the Support of a High-Dimensional Distribution",
 * Neural Computation 2001) with an RBF kernel k(x, y) = exp(-gamma ||x - y||^2), trained by LIBSVM
 * (the Java port, {@code libsvm.svm}), with scikit-learn's {@code OneClassSVM} defaults.
 *
 * <p>The decision function is f(x) = sum_i alpha_i k(x_i, x) - rho, positive inside the learned
 * region. nu in (0, 1] is an upper bound on the fraction of training rows outside it (and a lower
 * bound on the fraction of support vectors). <b>Score = -f(x)</b>: LIBSVM's decision value is
 * higher for normal data, so the sign is flipped to follow the library's "higher = more anomalous".
 *
 * <p>gamma: by default "scale", gamma = 1 / (d Var(X)) with Var(X) the (population) variance of all
 * entries of the training matrix, as scikit-learn (1 if that variance is 0); or a given value.
 * Other settings: tol 1e-3 (LIBSVM's eps), shrinking on, kernel cache {@code cacheMb} MB (200).
 *
 * <p>Thread safety: LIBSVM keeps global static state (the print function set by
 * {@code svm_set_print_string_function} and the shared {@code svm.rand} generator), so fits must not
 * run concurrently: every fit holds one static lock. Scoring does not call LIBSVM (see {@link Fitted})
 * and runs in parallel over rows.
 */
public final class OneClassSvm implements Detector {
    /** Guards LIBSVM's global state (print function, shared random generator) during training. */
    private static final Object LIBSVM_LOCK = new Object();

    private final double nu;
    private final double gamma; // NaN = "scale"
    private final double tol;
    private final double cacheMb;
    private final boolean shrinking;

    private OneClassSvm(Builder b) {
        this.nu = b.nu;
        this.gamma = b.gamma;
        this.tol = b.tol;
        this.cacheMb = b.cacheMb;
        this.shrinking = b.shrinking;
    }

    /** A builder with scikit-learn's defaults: nu 0.1 (sklearn: 0.5), gamma "scale", tol 1e-3, cache 200 MB, shrinking. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link OneClassSvm}; {@link #build()} validates. */
    public static final class Builder {
        private double nu = 0.1;
        private double gamma = Double.NaN;
        private double tol = 1e-3;
        private double cacheMb = 200;
        private boolean shrinking = true;

        private Builder() {
        }

        /** nu in (0, 1]: bound on the fraction of training outliers (default 0.1). */
        public Builder nu(double nu) { this.nu = nu; return this; }

        /** A fixed RBF gamma > 0 (default: "scale", 1 / (d Var(X))). */
        public Builder gamma(double gamma) {
            if (!(gamma > 0.0) || Double.isInfinite(gamma)) {
                throw new IllegalArgumentException("gamma must be a finite number > 0, found " + gamma
                        + "; leave it unset for gamma = 1 / (nFeatures * X.var()) (\"scale\")");
            }
            this.gamma = gamma;
            return this;
        }

        /** Use gamma = 1 / (d Var(X)) computed on the training data (the default). */
        public Builder gammaScale() { this.gamma = Double.NaN; return this; }

        /** Stopping tolerance of the solver (default 1e-3). */
        public Builder tol(double tol) { this.tol = tol; return this; }

        /** Kernel cache size in MB (default 200). */
        public Builder cacheMb(double cacheMb) { this.cacheMb = cacheMb; return this; }

        /** LIBSVM's shrinking heuristic (default true). */
        public Builder shrinking(boolean shrinking) { this.shrinking = shrinking; return this; }

        public OneClassSvm build() {
            if (!(nu > 0.0 && nu <= 1.0)) {
                throw new IllegalArgumentException("nu must be in (0, 1], found " + nu
                        + "; nu bounds the fraction of training outliers, e.g. 0.1");
            }
            if (!(tol > 0.0) || Double.isInfinite(tol)) {
                throw new IllegalArgumentException("tol must be a finite number > 0, found " + tol + "; 1e-3 is usual");
            }
            if (!(cacheMb > 0.0) || Double.isInfinite(cacheMb)) {
                throw new IllegalArgumentException("cacheMb must be > 0, found " + cacheMb + "; 200 is usual");
            }
            return new OneClassSvm(this);
        }
    }

    @Override
    public String name() {
        return "OneClassSvm";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("kernel", "rbf");
        p.put("nu", nu);
        p.put("gamma", Double.isNaN(gamma) ? "scale" : gamma);
        p.put("tol", tol);
        p.put("cacheMb", cacheMb);
        p.put("shrinking", shrinking);
        return Collections.unmodifiableMap(p);
    }

    /** scikit-learn's gamma="scale": 1 / (d Var(X)), Var over all entries (ddof 0); 1 if Var(X) = 0. */
    public static double scaleGamma(float[][] x) {
        int d = Inputs.checkMatrix("x", x);
        double sum = 0.0;
        for (float[] row : x) {
            for (float v : row) {
                sum += v;
            }
        }
        double count = (double) x.length * d;
        double mean = sum / count;
        double ss = 0.0;
        for (float[] row : x) {
            for (float v : row) {
                ss += (v - mean) * (v - mean);
            }
        }
        double var = ss / count;
        return var == 0.0 ? 1.0 : 1.0 / (d * var);
    }

    @Override
    public Fitted fit(float[][] trainNormals) {
        int d = Inputs.checkMatrix("trainNormals", trainNormals);
        double g = Double.isNaN(gamma) ? scaleGamma(trainNormals) : gamma;
        svm_problem prob = new svm_problem();
        prob.l = trainNormals.length;
        prob.y = new double[prob.l]; // ignored by one-class training
        prob.x = new svm_node[prob.l][];
        for (int i = 0; i < prob.l; i++) {
            prob.x[i] = nodes(trainNormals[i]);
        }
        svm_parameter param = new svm_parameter();
        param.svm_type = svm_parameter.ONE_CLASS;
        param.kernel_type = svm_parameter.RBF;
        param.gamma = g;
        param.nu = nu;
        param.eps = tol;
        param.cache_size = cacheMb;
        param.shrinking = shrinking ? 1 : 0;
        param.probability = 0;
        param.C = 1.0; // unused by one-class
        param.nr_weight = 0;
        param.weight_label = new int[0];
        param.weight = new double[0];
        svm_model model;
        synchronized (LIBSVM_LOCK) {
            svm.svm_set_print_string_function(s -> { }); // LIBSVM prints solver progress to stdout by default
            String problem = svm.svm_check_parameter(prob, param);
            if (problem != null) {
                throw new IllegalArgumentException("LIBSVM rejected the parameters: " + problem + "; check nu and gamma");
            }
            model = svm.svm_train(prob, param);
        }
        Map<String, Object> p = new LinkedHashMap<>(params());
        p.put("gammaValue", g);
        p.put("nSupportVectors", model.l);
        p.put("rho", model.rho[0]);
        p.put("nTrain", trainNormals.length);
        p.put("nFeatures", d);
        return new Fitted(model, d, p);
    }

    /** A row as LIBSVM's sparse nodes (1-based indices; exact zeros are left out, which LIBSVM treats as 0). */
    static svm_node[] nodes(float[] row) {
        List<svm_node> list = new ArrayList<>();
        for (int j = 0; j < row.length; j++) {
            if (row[j] != 0.0f) {
                svm_node node = new svm_node();
                node.index = j + 1;
                node.value = row[j];
                list.add(node);
            }
        }
        return list.toArray(new svm_node[0]);
    }

    /**
     * A fitted one-class SVM: the support vectors x_i, their coefficients alpha_i, rho and gamma,
     * copied out of the LIBSVM model into dense arrays. The decision function is evaluated here,
     * f(x) = sum_i alpha_i exp(-gamma ||x - x_i||^2) - rho, the same sum LIBSVM's
     * {@code svm_predict_values} computes, but on dense arrays, which is several times faster than
     * LIBSVM's linked sparse nodes (checked against scikit-learn's decision_function in the tests).
     */
    public static final class Fitted implements FittedDetector {
        private final double[][] supportVectors;
        private final double[] coef;
        private final double rho;
        private final double gamma;
        private final int nFeatures;
        private final Map<String, Object> params;

        private Fitted(svm_model model, int nFeatures, Map<String, Object> params) {
            this.nFeatures = nFeatures;
            this.supportVectors = new double[model.l][nFeatures];
            for (int i = 0; i < model.l; i++) {
                for (svm_node node : model.SV[i]) {
                    supportVectors[i][node.index - 1] = node.value;
                }
            }
            this.coef = model.sv_coef[0].clone();
            this.rho = model.rho[0];
            this.gamma = model.param.gamma;
            this.params = Collections.unmodifiableMap(params);
        }

        /** Decision values f(x) (higher = more normal; as LIBSVM's and scikit-learn's decision_function). */
        public double[] decisionFunction(float[][] x) {
            Inputs.checkMatrix("x", x, nFeatures);
            double[] out = new double[x.length];
            IntStream.range(0, x.length).parallel().forEach(r -> {
                double[] row = new double[nFeatures];
                for (int j = 0; j < nFeatures; j++) {
                    row[j] = x[r][j];
                }
                double sum = 0.0;
                for (int i = 0; i < supportVectors.length; i++) {
                    sum += coef[i] * Math.exp(-gamma * squaredDistance(row, supportVectors[i]));
                }
                out[r] = sum - rho;
            });
            return out;
        }

        private static double squaredDistance(double[] a, double[] b) {
            double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0; // four independent sums run faster
            int j = 0;
            for (; j + 3 < a.length; j += 4) {
                double d0 = a[j] - b[j], d1 = a[j + 1] - b[j + 1], d2 = a[j + 2] - b[j + 2], d3 = a[j + 3] - b[j + 3];
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
            }
            for (; j < a.length; j++) {
                double d = a[j] - b[j];
                s0 += d * d;
            }
            return (s0 + s1) + (s2 + s3);
        }

        /** Score = -f(x): higher = more anomalous. */
        @Override
        public double[] score(float[][] x) {
            double[] f = decisionFunction(x);
            for (int i = 0; i < f.length; i++) {
                f[i] = -f[i];
            }
            return f;
        }

        /** Number of support vectors. */
        public int supportVectorCount() {
            return supportVectors.length;
        }

        @Override
        public String name() {
            return "OneClassSvm";
        }

        @Override
        public Map<String, Object> params() {
            return params;
        }
    }
}
