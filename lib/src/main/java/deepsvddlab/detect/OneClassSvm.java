package deepsvddlab.detect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import libsvm.DenseOneClass;
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
 * <p>Training, {@link KernelRows}: by default ({@link KernelRows#DENSE}) LIBSVM's SMO solver runs on
 * a dense kernel matrix ({@link DenseOneClass}: same solver, same start, kernel values identical bit
 * for bit, so the same alphas and rho as {@code svm.svm_train}, ~10x faster on 784-pixel images);
 * {@link KernelRows#LIBSVM_NODES} calls {@code svm.svm_train} on LIBSVM's sparse rows (kept as the
 * reference the dense path is tested against).
 *
 * <p>Thread safety: LIBSVM's {@code Solver} keeps its state in the instance, but it prints progress
 * through a global print function (set by {@code svm_set_print_string_function}, stdout by default);
 * {@code svm.rand}, LIBSVM's other static state, is used only for cross-validation and probability
 * estimates, never in a one-class fit. Every fit silences the print function and trains under one
 * static lock, so fits run one at a time. Scoring does not call LIBSVM (see {@link Fitted}) and runs
 * in parallel over rows.
 */
public final class OneClassSvm implements Detector {
    /** Guards LIBSVM's global state (print function, shared random generator) during training. */
    private static final Object LIBSVM_LOCK = new Object();

    private final double nu;
    private final double gamma; // NaN = "scale"
    private final double tol;
    private final double cacheMb;
    private final boolean shrinking;
    private final KernelRows kernelRows;

    /** How the training rows are given to LIBSVM's solver; both give the same model. */
    public enum KernelRows {
        /** Dense float rows and a dense kernel ({@link DenseOneClass}): the default, fast. */
        DENSE,
        /** LIBSVM's own {@code svm.svm_train} on sparse {@code svm_node[]} rows: the slow reference. */
        LIBSVM_NODES
    }

    private OneClassSvm(Builder b) {
        this.nu = b.nu;
        this.gamma = b.gamma;
        this.tol = b.tol;
        this.cacheMb = b.cacheMb;
        this.shrinking = b.shrinking;
        this.kernelRows = b.kernelRows;
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
        private KernelRows kernelRows = KernelRows.DENSE;

        private Builder() {}

        /** nu in (0, 1]: bound on the fraction of training outliers (default 0.1). */
        public Builder nu(double nu) {
            this.nu = nu;
            return this;
        }

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
        public Builder gammaScale() {
            this.gamma = Double.NaN;
            return this;
        }

        /** Stopping tolerance of the solver (default 1e-3). */
        public Builder tol(double tol) {
            this.tol = tol;
            return this;
        }

        /** Kernel cache size in MB (default 200). */
        public Builder cacheMb(double cacheMb) {
            this.cacheMb = cacheMb;
            return this;
        }

        /** LIBSVM's shrinking heuristic (default true). */
        public Builder shrinking(boolean shrinking) {
            this.shrinking = shrinking;
            return this;
        }

        /** How rows reach LIBSVM's solver (default {@link KernelRows#DENSE}; same model either way). */
        public Builder kernelRows(KernelRows kernelRows) {
            if (kernelRows == null) {
                throw new IllegalArgumentException("kernelRows must not be null, found null; use KernelRows.DENSE");
            }
            this.kernelRows = kernelRows;
            return this;
        }

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
        p.put("kernelRows", kernelRows.name());
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
        double[][] supportVectors;
        double[] coef;
        double rho;
        synchronized (LIBSVM_LOCK) {
            svm.svm_set_print_string_function(s -> {}); // LIBSVM prints solver progress to stdout by default
            if (kernelRows == KernelRows.DENSE) {
                DenseOneClass.Solution sol = DenseOneClass.solve(trainNormals, nu, g, tol, cacheMb, shrinking);
                int nSv = 0;
                for (double a : sol.alpha()) {
                    nSv += a != 0.0 ? 1 : 0;
                }
                supportVectors = new double[nSv][];
                coef = new double[nSv];
                for (int i = 0, k = 0; i < trainNormals.length; i++) {
                    if (sol.alpha()[i] != 0.0) { // LIBSVM's rule: |alpha_i| > 0, in row order
                        supportVectors[k] = toDouble(trainNormals[i]);
                        coef[k++] = sol.alpha()[i];
                    }
                }
                rho = sol.rho();
            } else {
                svm_model model = trainLibsvm(trainNormals, g);
                supportVectors = new double[model.l][d];
                for (int i = 0; i < model.l; i++) {
                    for (svm_node node : model.SV[i]) {
                        supportVectors[i][node.index - 1] = node.value;
                    }
                }
                coef = model.sv_coef[0].clone();
                rho = model.rho[0];
            }
        }
        Map<String, Object> p = new LinkedHashMap<>(params());
        p.put("gammaValue", g);
        p.put("nSupportVectors", supportVectors.length);
        p.put("rho", rho);
        p.put("nTrain", trainNormals.length);
        p.put("nFeatures", d);
        return new Fitted(supportVectors, coef, rho, g, d, p);
    }

    /** LIBSVM's own training on sparse rows; the caller holds {@link #LIBSVM_LOCK}. */
    private svm_model trainLibsvm(float[][] trainNormals, double g) {
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
        String problem = svm.svm_check_parameter(prob, param);
        if (problem != null) {
            throw new IllegalArgumentException("LIBSVM rejected the parameters: " + problem + "; check nu and gamma");
        }
        return svm.svm_train(prob, param);
    }

    private static double[] toDouble(float[] row) {
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            out[j] = row[j];
        }
        return out;
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
     * as dense arrays. The decision function is evaluated here,
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

        private Fitted(
                double[][] supportVectors,
                double[] coef,
                double rho,
                double gamma,
                int nFeatures,
                Map<String, Object> params) {
            this.nFeatures = nFeatures;
            this.supportVectors = supportVectors;
            this.coef = coef;
            this.rho = rho;
            this.gamma = gamma;
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

        /** rho, the offset of the decision function f(x) = sum_i alpha_i k(x_i, x) - rho. */
        public double rho() {
            return rho;
        }

        /** The coefficients alpha_i of the support vectors (a copy; for tests). */
        double[] coefficients() {
            return coef.clone();
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
