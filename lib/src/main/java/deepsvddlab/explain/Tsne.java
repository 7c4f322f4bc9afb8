package deepsvddlab.explain;

import deepsvddlab.nn.Interrupts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntToDoubleFunction;

/**
 * t-SNE (van der Maaten &amp; Hinton 2008, "Visualizing Data using t-SNE", JMLR 9), with the Barnes-Hut
 * gradient of van der Maaten 2014 ("Accelerating t-SNE using Tree-Based Algorithms", JMLR 15), for
 * plotting the latent codes of the lab's detectors in the plane. It follows scikit-learn 1.2's
 * {@code sklearn.manifold.TSNE} step for step, so the two give comparable embeddings and the same
 * kind of KL divergence:
 *
 * <ul>
 *   <li>Affinities: squared Euclidean distances d_ij; for each i a binary search on the precision
 *       beta_i (at most 100 steps, |entropy - ln(perplexity)| &lt;= 1e-5) gives p_j|i = exp(-beta_i
 *       d_ij) / sum_k exp(-beta_i d_ik), over all other points ({@link Method#EXACT}) or over the k =
 *       min(n - 1, floor(3 perplexity + 1)) nearest neighbours, found by an exact brute-force search
 *       ({@link Method#BARNES_HUT}). Then P = (P_cond + P_cond^T) / sum, floored at the double
 *       machine epsilon for EXACT.
 *   <li>Low-dimensional similarities: Student t with one degree of freedom (max(n_components - 1,
 *       1) = 1), q_ij = (1 + ||y_i - y_j||^2)^-1 / Z with Z = sum_{k != l} (1 + ||y_k - y_l||^2)^-1.
 *   <li>Objective KL(P || Q) = sum_{i != j} p_ij ln(p_ij / q_ij), gradient dC/dy_i = 4 sum_j (p_ij -
 *       q_ij) (1 + ||y_i - y_j||^2)^-1 (y_i - y_j). Barnes-Hut splits it into the attractive part over
 *       the sparse P and the repulsive part, where a quadtree cell whose squared width over its
 *       squared distance to y_i is below angle^2 stands for all its points at their barycenter.
 *   <li>Optimisation: gradient descent with momentum and per-coordinate gains (gain + 0.2 where the
 *       gradient's sign flips against the last update, gain * 0.8 elsewhere, at least {@code minGain});
 *       {@code exaggerationIter} iterations with P multiplied by {@code earlyExaggeration} and
 *       momentum 0.5, then up to {@code nIter} in all with momentum 0.8, the update and gains reset
 *       between the two phases as scikit-learn does. Every 50 iterations the run stops when the error
 *       has not improved for {@code nIterWithoutProgress} iterations (250 in the first phase) or the
 *       gradient norm is at most {@code minGradNorm}.
 *   <li>Learning rate "auto" = max(n / earlyExaggeration / 4, 50) (scikit-learn 1.2's definition, 4
 *       times other implementations'). Init PCA: the first two principal coordinates (scikit-learn's
 *       sign rule: each column's largest-magnitude entry positive) divided by the standard deviation
 *       of the first and multiplied by 1e-4; RANDOM: N(0, (1e-4)^2), seeded.
 * </ul>
 *
 * <p>The reported KL divergence is the one computed at the last iteration, as scikit-learn reports
 * {@code kl_divergence_}: exact for EXACT; for BARNES_HUT the sum over the sparse P of p_ij ln(p_ij /
 * q_ij) with q_ij from the tree's estimate of Z. {@link Result#iterations()} counts gradient steps
 * (scikit-learn's {@code n_iter_} is that minus one).
 *
 * <p>Implementation: plain Java on primitive arrays in both methods (double precision where
 * scikit-learn uses float32). The EXACT gradient is two passes over an n x n array, not DJL
 * tensors: for the sizes EXACT is meant for (n up to a few thousand; it keeps two n x n double
 * arrays) that takes seconds, without the engine's start-up, and
 * the result stays bit-reproducible. The Barnes-Hut quadtree lives in flat arrays (the four children of a
 * cell are stored together, each leaf lists its points), rebuilt each iteration; the points are then
 * visited in the tree's depth-first order, so consecutive walks share cells. The nearest-neighbour
 * search and one fused attractive + repulsive pass per iteration run on a fixed pool of {@code
 * threads} threads over 16 fixed chunks whose partial sums are added in order, so a seed gives the
 * same embedding whatever the thread count. The configuration is immutable; {@link #fit} may be
 * called concurrently.
 */
public final class Tsne {
    /** How the gradient is computed. */
    public enum Method {
        /** All n^2 pairs: O(n^2) time and memory per iteration. */
        EXACT,
        /** Sparse P over nearest neighbours and a quadtree for the repulsion: O(n log n). */
        BARNES_HUT
    }

    /** The starting embedding. */
    public enum Init {
        /** Principal coordinates scaled to a standard deviation of 1e-4 (the first column). */
        PCA,
        /** N(0, (1e-4)^2) from the seed. */
        RANDOM
    }

    /**
     * A fitted embedding.
     *
     * @param config the configuration that made it
     * @param embedding n rows of 2 coordinates, in the order of the input rows
     * @param klDivergence KL(P || Q) at the last iteration (see the class comment)
     * @param iterations gradient steps taken (scikit-learn's n_iter_ + 1)
     * @param learningRate the learning rate used (the resolved value when "auto")
     */
    public record Result(Tsne config, double[][] embedding, double klDivergence, int iterations, double learningRate) {}

    /** numpy's finfo(float64).eps: the floor of P and Q in the exact method, and of Z. */
    private static final double MACHINE_EPSILON = Math.ulp(1.0);
    /** numpy's finfo(float32).tiny: the floor inside the Barnes-Hut error's logarithm. */
    private static final double FLOAT32_TINY = Float.MIN_NORMAL;

    private static final int SEARCH_STEPS = 100;
    private static final double PERPLEXITY_TOLERANCE = 1e-5;
    private static final double SEARCH_SUM_FLOOR = 1e-8;
    private static final int CHECK_EVERY = 50;
    /** Coordinates closer than this count as the same point in the quadtree (scikit-learn's value). */
    private static final double DUPLICATE_EPS = 1e-6;
    /** Rows are cut into this many chunks whatever the thread count, so sums do not depend on it. */
    private static final int CHUNKS = 16;

    private static final int DIM = 2;

    private final double perplexity;
    private final double earlyExaggeration;
    private final OptionalDouble learningRate;
    private final int nIter;
    private final int exaggerationIter;
    private final int nIterWithoutProgress;
    private final double minGradNorm;
    private final double minGain;
    private final double initialMomentum;
    private final double finalMomentum;
    private final Init init;
    private final Method method;
    private final double angle;
    private final long seed;
    private final int threads;

    private Tsne(Builder b) {
        this.perplexity = b.perplexity;
        this.earlyExaggeration = b.earlyExaggeration;
        this.learningRate = b.learningRate;
        this.nIter = b.nIter;
        this.exaggerationIter = b.exaggerationIter;
        this.nIterWithoutProgress = b.nIterWithoutProgress;
        this.minGradNorm = b.minGradNorm;
        this.minGain = b.minGain;
        this.initialMomentum = b.initialMomentum;
        this.finalMomentum = b.finalMomentum;
        this.init = b.init;
        this.method = b.method;
        this.angle = b.angle;
        this.seed = b.seed;
        this.threads = b.threads;
    }

    public static Builder builder() {
        return new Builder();
    }

    public double perplexity() {
        return perplexity;
    }

    public double earlyExaggeration() {
        return earlyExaggeration;
    }

    /** The fixed learning rate, or empty for "auto". */
    public OptionalDouble learningRate() {
        return learningRate;
    }

    /** The learning rate for n points: the fixed one, or max(n / earlyExaggeration / 4, 50). */
    public double effectiveLearningRate(int n) {
        return learningRate.orElse(Math.max(n / earlyExaggeration / 4.0, 50.0));
    }

    public int nIter() {
        return nIter;
    }

    public int exaggerationIter() {
        return exaggerationIter;
    }

    public int nIterWithoutProgress() {
        return nIterWithoutProgress;
    }

    public double minGradNorm() {
        return minGradNorm;
    }

    public double minGain() {
        return minGain;
    }

    public double initialMomentum() {
        return initialMomentum;
    }

    public double finalMomentum() {
        return finalMomentum;
    }

    public Init init() {
        return init;
    }

    public Method method() {
        return method;
    }

    public double angle() {
        return angle;
    }

    public long seed() {
        return seed;
    }

    public int threads() {
        return threads;
    }

    /** The number of nearest neighbours Barnes-Hut uses for n points: min(n - 1, floor(3 perplexity + 1)). */
    public int neighbours(int n) {
        return (int) Math.min(n - 1L, (long) (3.0 * perplexity + 1.0));
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "Tsne[method=%s, perplexity=%s, earlyExaggeration=%s, learningRate=%s, nIter=%d, exaggerationIter=%d,"
                        + " nIterWithoutProgress=%d, minGradNorm=%s, minGain=%s, momentum=%s/%s, init=%s, angle=%s,"
                        + " seed=%d, threads=%d]",
                method,
                perplexity,
                earlyExaggeration,
                learningRate.isPresent() ? Double.toString(learningRate.getAsDouble()) : "auto",
                nIter,
                exaggerationIter,
                nIterWithoutProgress,
                minGradNorm,
                minGain,
                initialMomentum,
                finalMomentum,
                init,
                angle,
                seed,
                threads);
    }

    /** Settings, checked when set; defaults are scikit-learn 1.2's. */
    public static final class Builder {
        private double perplexity = 30.0;
        private double earlyExaggeration = 12.0;
        private OptionalDouble learningRate = OptionalDouble.empty();
        private int nIter = 1000;
        private int exaggerationIter = 250;
        private int nIterWithoutProgress = 300;
        private double minGradNorm = 1e-7;
        private double minGain = 0.01;
        private double initialMomentum = 0.5;
        private double finalMomentum = 0.8;
        private Init init = Init.PCA;
        private Method method = Method.BARNES_HUT;
        private double angle = 0.5;
        private long seed = 0;
        private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

        private Builder() {}

        /** The effective number of neighbours, &gt; 0 and below n - 1 (checked at fit); default 30. */
        public Builder perplexity(double v) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(
                        "perplexity must be a finite number > 0, found " + v + "; typical values are 5 to 50");
            }
            perplexity = v;
            return this;
        }

        /** Factor on P during the first {@link #exaggerationIter} iterations, at least 1; default 12. */
        public Builder earlyExaggeration(double v) {
            if (!(v >= 1) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(
                        "earlyExaggeration must be a finite number >= 1, found " + v + "; the default is 12");
            }
            earlyExaggeration = v;
            return this;
        }

        /** A fixed learning rate &gt; 0 (scikit-learn's scale: 200 here is 800 elsewhere). */
        public Builder learningRate(double v) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("learningRate must be a finite number > 0, found " + v
                        + "; use autoLearningRate() for max(n / earlyExaggeration / 4, 50)");
            }
            learningRate = OptionalDouble.of(v);
            return this;
        }

        /** Learning rate max(n / earlyExaggeration / 4, 50), the default. */
        public Builder autoLearningRate() {
            learningRate = OptionalDouble.empty();
            return this;
        }

        /** Maximum number of iterations in all, at least 250 as in scikit-learn; default 1000. */
        public Builder nIter(int v) {
            if (v < 250) {
                throw new IllegalArgumentException("nIter must be at least 250, found " + v
                        + "; the default is 1000 (250 of them with early exaggeration)");
            }
            nIter = v;
            return this;
        }

        /** Iterations with early exaggeration and the initial momentum, 1..nIter; default 250. */
        public Builder exaggerationIter(int v) {
            if (v < 1) {
                throw new IllegalArgumentException(
                        "exaggerationIter must be at least 1, found " + v + "; the default is 250");
            }
            exaggerationIter = v;
            return this;
        }

        /** Stop after this many iterations without a better error (checked every 50); default 300. */
        public Builder nIterWithoutProgress(int v) {
            if (v < 0) {
                throw new IllegalArgumentException(
                        "nIterWithoutProgress must be >= 0, found " + v + "; the default is 300");
            }
            nIterWithoutProgress = v;
            return this;
        }

        /** Stop when the gradient norm is at most this (checked every 50 iterations); default 1e-7. */
        public Builder minGradNorm(double v) {
            if (!(v >= 0)) {
                throw new IllegalArgumentException("minGradNorm must be >= 0, found " + v + "; the default is 1e-7");
            }
            minGradNorm = v;
            return this;
        }

        /** The smallest per-coordinate gain; default 0.01. */
        public Builder minGain(double v) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(
                        "minGain must be a finite number >= 0, found " + v + "; the default is 0.01");
            }
            minGain = v;
            return this;
        }

        /** Momentum of the exaggeration phase and of the rest, each in [0, 1); defaults 0.5 and 0.8. */
        public Builder momentum(double initial, double after) {
            for (double m : new double[] {initial, after}) {
                if (!(m >= 0 && m < 1)) {
                    throw new IllegalArgumentException(
                            "momentum must be in [0, 1), found " + m + "; the defaults are 0.5 and 0.8");
                }
            }
            initialMomentum = initial;
            finalMomentum = after;
            return this;
        }

        public Builder init(Init v) {
            if (v == null) {
                throw new IllegalArgumentException("init must be PCA or RANDOM, found null");
            }
            init = v;
            return this;
        }

        public Builder method(Method v) {
            if (v == null) {
                throw new IllegalArgumentException("method must be EXACT or BARNES_HUT, found null");
            }
            method = v;
            return this;
        }

        /** Barnes-Hut's theta in [0, 1] (0 = no summaries); default 0.5. */
        public Builder angle(double v) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("angle must be in [0, 1], found " + v
                        + "; 0.2 to 0.8 trades speed for accuracy, the default is 0.5");
            }
            angle = v;
            return this;
        }

        /** Seed of the random init (the PCA init does not use it); default 0. */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Threads for the neighbour search and the gradient passes, at least 1; default all cores. */
        public Builder threads(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("threads must be at least 1, found " + v + "; e.g. 2");
            }
            threads = v;
            return this;
        }

        /** Only 2 is supported (a plot; the Barnes-Hut tree is a quadtree). */
        public Builder nComponents(int v) {
            if (v != DIM) {
                throw new IllegalArgumentException("nComponents must be 2, found " + v
                        + "; this t-SNE embeds in the plane only (its Barnes-Hut tree is a quadtree)");
            }
            return this;
        }

        public Tsne build() {
            if (exaggerationIter > nIter) {
                throw new IllegalArgumentException("exaggerationIter must be at most nIter (" + nIter + "), found "
                        + exaggerationIter + "; raise nIter or lower exaggerationIter");
            }
            return new Tsne(this);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // fit

    /**
     * Embeds the rows of {@code x} (n x D, n at least 4, all values finite) in the plane.
     *
     * @throws IllegalArgumentException for too few rows, ragged or non-finite rows, or a perplexity
     *     not below n - 1
     */
    public Result fit(float[][] x) {
        int n = checkInput(x);
        int d = x[0].length;
        if (!(perplexity < n - 1)) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "perplexity must be in (0, n - 1), found %s for %d points; use at most %d",
                    fmt(perplexity),
                    n,
                    Math.max(1, (n - 1) / 3)));
        }
        if (method == Method.EXACT && (long) n * n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("method EXACT must have at most 46340 points (its n x n arrays), found "
                    + n + "; use Method.BARNES_HUT");
        }
        if (init == Init.PCA && d < DIM) {
            throw new IllegalArgumentException(
                    "x must have at least 2 columns for init PCA, found " + d + "; use init(Init.RANDOM)");
        }
        double[] data = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                data[i * d + j] = x[i][j];
            }
        }
        double lr = effectiveLearningRate(n);
        ExecutorService pool = threads > 1
                ? Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "tsne");
                    t.setDaemon(true);
                    return t;
                })
                : null;
        long mark = Interrupts.mark();
        try (Interrupts.Work work = Interrupts.begin()) {
            Par par = new Par(pool);
            Objective objective = method == Method.EXACT
                    ? new ExactObjective(exactP(data, n, d, par), n, par)
                    : new BarnesHutObjective(sparseP(data, n, d, par), n, angle, par);
            double[] y = init == Init.PCA ? pcaInit(x) : randomInit(n);
            double[] grad = new double[n * DIM];
            Phase first = descend(
                    mark,
                    objective,
                    y,
                    grad,
                    0,
                    exaggerationIter,
                    initialMomentum,
                    exaggerationIter,
                    lr,
                    earlyExaggeration);
            Phase last = first;
            if (nIter > first.lastIter + 1) {
                last = descend(
                        mark,
                        objective,
                        y,
                        grad,
                        first.lastIter + 1,
                        nIter,
                        finalMomentum,
                        nIterWithoutProgress,
                        lr,
                        1.0);
            }
            double[][] emb = new double[n][DIM];
            for (int i = 0; i < n; i++) {
                emb[i][0] = y[i * DIM];
                emb[i][1] = y[i * DIM + 1];
            }
            return new Result(this, emb, last.error, last.lastIter + 1, lr);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static int checkInput(float[][] x) {
        if (x == null || x.length < 4) {
            throw new IllegalArgumentException("x must hold at least 4 rows, found " + (x == null ? "null" : x.length)
                    + "; t-SNE needs neighbours to embed (perplexity < n - 1)");
        }
        if (x[0] == null || x[0].length == 0) {
            throw new IllegalArgumentException(
                    "x[0] must have at least 1 column, found " + (x[0] == null ? "null" : "0"));
        }
        int d = x[0].length;
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != d) {
                throw new IllegalArgumentException("x[" + i + "] must have " + d + " columns like x[0], found "
                        + (x[i] == null ? "null" : x[i].length));
            }
            for (int j = 0; j < d; j++) {
                if (!Float.isFinite(x[i][j])) {
                    throw new IllegalArgumentException("x must be finite, found " + x[i][j] + " in row " + i
                            + " (column " + j + "); drop or impute that row");
                }
            }
        }
        return x.length;
    }

    // ---------------------------------------------------------------------------------------------
    // gradient descent (scikit-learn's _gradient_descent)

    private record Phase(double error, int lastIter) {}

    private interface Objective {
        /** Writes dC/dy into grad; returns KL(P * exaggeration || Q) when asked, NaN otherwise. */
        double gradient(double[] y, double[] grad, double exaggeration, boolean computeError);
    }

    private Phase descend(
            long mark,
            Objective objective,
            double[] y,
            double[] grad,
            int start,
            int stop,
            double momentum,
            int withoutProgress,
            double lr,
            double exaggeration) {
        int m = y.length;
        double[] update = new double[m];
        double[] gains = new double[m];
        Arrays.fill(gains, 1.0);
        double error = Double.MAX_VALUE;
        double best = Double.MAX_VALUE;
        int bestIter = start;
        int i = start;
        for (int it = start; it < stop; it++) {
            i = it;
            int at = it;
            Interrupts.check(mark, () -> "t-SNE at iteration " + (at + 1) + " of " + nIter);
            boolean check = (it + 1) % CHECK_EVERY == 0;
            error = objective.gradient(y, grad, exaggeration, check || it == stop - 1);
            double norm2 = 0;
            for (int k = 0; k < m; k++) {
                double g = grad[k];
                double gain = update[k] * g < 0.0 ? gains[k] + 0.2 : gains[k] * 0.8;
                gain = Math.max(gain, minGain);
                gains[k] = gain;
                g *= gain;
                norm2 += g * g;
                update[k] = momentum * update[k] - lr * g;
                y[k] += update[k];
            }
            if (check) {
                if (error < best) {
                    best = error;
                    bestIter = it;
                } else if (it - bestIter > withoutProgress) {
                    break;
                }
                if (Math.sqrt(norm2) <= minGradNorm) {
                    break;
                }
            }
        }
        return new Phase(error, i);
    }

    // ---------------------------------------------------------------------------------------------
    // affinities

    /** Squared Euclidean distance of rows a and b of the flat n x d array (4 accumulators). */
    private static double sqDist(double[] data, int a, int b, int d) {
        int oa = a * d;
        int ob = b * d;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < d; j += 4) {
            double t0 = data[oa + j] - data[ob + j];
            double t1 = data[oa + j + 1] - data[ob + j + 1];
            double t2 = data[oa + j + 2] - data[ob + j + 2];
            double t3 = data[oa + j + 3] - data[ob + j + 3];
            s0 += t0 * t0;
            s1 += t1 * t1;
            s2 += t2 * t2;
            s3 += t3 * t3;
        }
        for (; j < d; j++) {
            double t = data[oa + j] - data[ob + j];
            s0 += t * t;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * scikit-learn's _binary_search_perplexity for one row: p[off..off+len) from the squared
     * distances dist[off..off+len); entry {@code self} (or -1) is left at 0.
     */
    private static void searchRow(double[] dist, double[] p, int off, int len, int self, double logPerplexity) {
        double beta = 1.0;
        double betaMin = Double.NEGATIVE_INFINITY;
        double betaMax = Double.POSITIVE_INFINITY;
        for (int step = 0; step < SEARCH_STEPS; step++) {
            double sum = 0;
            for (int j = 0; j < len; j++) {
                if (j == self) {
                    p[off + j] = 0;
                    continue;
                }
                double v = Math.exp(-dist[off + j] * beta);
                p[off + j] = v;
                sum += v;
            }
            if (sum == 0.0) {
                sum = SEARCH_SUM_FLOOR;
            }
            double sumDistP = 0;
            for (int j = 0; j < len; j++) {
                p[off + j] /= sum;
                sumDistP += dist[off + j] * p[off + j];
            }
            double diff = Math.log(sum) + beta * sumDistP - logPerplexity;
            if (Math.abs(diff) <= PERPLEXITY_TOLERANCE) {
                break;
            }
            if (diff > 0) {
                betaMin = beta;
                beta = betaMax == Double.POSITIVE_INFINITY ? beta * 2.0 : (beta + betaMax) / 2.0;
            } else {
                betaMax = beta;
                beta = betaMin == Double.NEGATIVE_INFINITY ? beta / 2.0 : (beta + betaMin) / 2.0;
            }
        }
    }

    /** The dense joint P (n x n, zero diagonal, off-diagonal floored at the machine epsilon). */
    private double[] exactP(double[] data, int n, int d, Par par) {
        double[] dist = new double[n * n];
        double[] p = new double[n * n];
        double logPerp = Math.log(perplexity);
        par.forRows(n, (from, to) -> {
            for (int i = from; i < to; i++) {
                for (int j = 0; j < n; j++) {
                    dist[i * n + j] = i == j ? 0 : sqDist(data, i, j, d);
                }
                searchRow(dist, p, i * n, n, i, logPerp);
            }
            return 0;
        });
        // symmetrise in place: p_ij = (c_ij + c_ji); dist is reused for nothing else
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double v = p[i * n + j] + p[j * n + i];
                p[i * n + j] = v;
                p[j * n + i] = v;
                sum += 2 * v;
            }
        }
        sum = Math.max(sum, MACHINE_EPSILON);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                p[i * n + j] = i == j ? 0 : Math.max(p[i * n + j] / sum, MACHINE_EPSILON);
            }
        }
        return p;
    }

    /** A symmetric sparse matrix in CSR form (columns sorted within each row). */
    private record Csr(int[] rowPtr, int[] cols, double[] vals) {}

    /** The sparse joint P over the k nearest neighbours: (P_cond + P_cond^T) / sum. */
    private Csr sparseP(double[] data, int n, int d, Par par) {
        int k = neighbours(n);
        int[] nbr = new int[n * k];
        double[] nd = new double[n * k];
        knn(data, n, d, k, nbr, nd, par);
        double[] cond = new double[n * k];
        double logPerp = Math.log(perplexity);
        par.forRows(n, (from, to) -> {
            for (int i = from; i < to; i++) {
                searchRow(nd, cond, i * k, k, -1, logPerp);
            }
            return 0;
        });
        // transpose by counting: incoming edges of each row, sources ascending
        int[] inPtr = new int[n + 1];
        for (int e = 0; e < n * k; e++) {
            inPtr[nbr[e] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            inPtr[i + 1] += inPtr[i];
        }
        int[] inSrc = new int[n * k];
        double[] inVal = new double[n * k];
        int[] fill = Arrays.copyOf(inPtr, n);
        for (int i = 0; i < n; i++) {
            for (int e = i * k; e < (i + 1) * k; e++) {
                int at = fill[nbr[e]]++;
                inSrc[at] = i;
                inVal[at] = cond[e];
            }
        }
        // merge each row's own (sorted by column) and incoming lists, adding shared columns
        int[] rowPtr = new int[n + 1];
        int[] cols = new int[2 * n * k];
        double[] vals = new double[2 * n * k];
        long[] order = new long[k];
        int at = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            rowPtr[i] = at;
            for (int t = 0; t < k; t++) {
                order[t] = ((long) nbr[i * k + t] << 32) | t;
            }
            Arrays.sort(order);
            int a = 0;
            int b = inPtr[i];
            int bEnd = inPtr[i + 1];
            while (a < k || b < bEnd) {
                int ca = a < k ? (int) (order[a] >>> 32) : Integer.MAX_VALUE;
                int cb = b < bEnd ? inSrc[b] : Integer.MAX_VALUE;
                double v;
                int c;
                if (ca == cb) {
                    c = ca;
                    v = cond[i * k + (int) order[a++]] + inVal[b++];
                } else if (ca < cb) {
                    c = ca;
                    v = cond[i * k + (int) order[a++]];
                } else {
                    c = cb;
                    v = inVal[b++];
                }
                cols[at] = c;
                vals[at] = v;
                sum += v;
                at++;
            }
        }
        rowPtr[n] = at;
        sum = Math.max(sum, MACHINE_EPSILON);
        for (int e = 0; e < at; e++) {
            vals[e] /= sum;
        }
        return new Csr(rowPtr, Arrays.copyOf(cols, at), Arrays.copyOf(vals, at));
    }

    /**
     * Exact k nearest neighbours (self excluded) by brute force: for each row a bounded max-heap over
     * all other rows; on return nbr/nd hold, per row, k indices and squared distances, nearest first.
     */
    private static void knn(double[] data, int n, int d, int k, int[] nbr, double[] nd, Par par) {
        par.forRows(n, (from, to) -> {
            double[] hd = new double[k];
            int[] hi = new int[k];
            for (int i = from; i < to; i++) {
                int size = 0;
                for (int j = 0; j < n; j++) {
                    if (j == i) {
                        continue;
                    }
                    double v = sqDist(data, i, j, d);
                    if (size < k) {
                        // sift up
                        int c = size++;
                        while (c > 0) {
                            int parent = (c - 1) >>> 1;
                            if (hd[parent] >= v) {
                                break;
                            }
                            hd[c] = hd[parent];
                            hi[c] = hi[parent];
                            c = parent;
                        }
                        hd[c] = v;
                        hi[c] = j;
                    } else if (v < hd[0]) {
                        siftDown(hd, hi, k, v, j);
                    }
                }
                // pop in descending order into the row, back to front
                for (int s = k; s > 0; s--) {
                    nd[i * k + s - 1] = hd[0];
                    nbr[i * k + s - 1] = hi[0];
                    double lastD = hd[s - 1];
                    int lastI = hi[s - 1];
                    siftDown(hd, hi, s - 1, lastD, lastI);
                }
            }
            return 0;
        });
    }

    /** Replaces the max-heap's root (of the first {@code size} entries) by (v, j) and restores order. */
    private static void siftDown(double[] hd, int[] hi, int size, double v, int j) {
        int c = 0;
        while (true) {
            int l = 2 * c + 1;
            if (l >= size) {
                break;
            }
            int r = l + 1;
            int big = r < size && hd[r] > hd[l] ? r : l;
            if (hd[big] <= v) {
                break;
            }
            hd[c] = hd[big];
            hi[c] = hi[big];
            c = big;
        }
        if (size > 0) {
            hd[c] = v;
            hi[c] = j;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // initialisation

    private static double[] pcaInit(float[][] x) {
        Pca pca = Pca.fit(x, DIM);
        double[][] z = pca.transform(x);
        int n = z.length;
        double[] y = new double[n * DIM];
        for (int c = 0; c < DIM; c++) {
            // scikit-learn's svd_flip (u-based): the largest-magnitude coordinate is positive
            int big = 0;
            for (int i = 1; i < n; i++) {
                big = Math.abs(z[i][c]) > Math.abs(z[big][c]) ? i : big;
            }
            double sign = z[big][c] < 0 ? -1 : 1;
            for (int i = 0; i < n; i++) {
                y[i * DIM + c] = sign * z[i][c];
            }
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += y[i * DIM];
        }
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) {
            double t = y[i * DIM] - mean;
            var += t * t;
        }
        double std = Math.sqrt(var / n);
        double scale = std > 0 ? 1e-4 / std : 1e-4;
        for (int i = 0; i < y.length; i++) {
            y[i] *= scale;
        }
        return y;
    }

    private double[] randomInit(int n) {
        Random rng = new Random(seed);
        double[] y = new double[n * DIM];
        for (int i = 0; i < y.length; i++) {
            y[i] = 1e-4 * rng.nextGaussian();
        }
        return y;
    }

    // ---------------------------------------------------------------------------------------------
    // exact gradient

    private static final class ExactObjective implements Objective {
        private final double[] p;
        private final double[] num;
        private final int n;
        private final Par par;

        ExactObjective(double[] p, int n, Par par) {
            this.p = p;
            this.num = new double[n * n];
            this.n = n;
            this.par = par;
        }

        @Override
        public double gradient(double[] y, double[] grad, double ex, boolean computeError) {
            double z = par.forRows(n, (from, to) -> {
                double s = 0;
                for (int i = from; i < to; i++) {
                    double yi0 = y[2 * i];
                    double yi1 = y[2 * i + 1];
                    int row = i * n;
                    for (int j = 0; j < n; j++) {
                        double t0 = yi0 - y[2 * j];
                        double t1 = yi1 - y[2 * j + 1];
                        double v = j == i ? 0 : 1.0 / (1.0 + t0 * t0 + t1 * t1);
                        num[row + j] = v;
                        s += v;
                    }
                }
                return s;
            });
            double invZ = 1.0 / z;
            double kl = par.forRows(n, (from, to) -> {
                double err = 0;
                for (int i = from; i < to; i++) {
                    double yi0 = y[2 * i];
                    double yi1 = y[2 * i + 1];
                    int row = i * n;
                    double g0 = 0;
                    double g1 = 0;
                    for (int j = 0; j < n; j++) {
                        if (j == i) {
                            continue;
                        }
                        double w = num[row + j];
                        double q = Math.max(w * invZ, MACHINE_EPSILON);
                        double pij = p[row + j] * ex;
                        double f = (pij - q) * w;
                        g0 += f * (yi0 - y[2 * j]);
                        g1 += f * (yi1 - y[2 * j + 1]);
                        if (computeError) {
                            err += pij * Math.log(Math.max(pij, MACHINE_EPSILON) / q);
                        }
                    }
                    grad[2 * i] = 4.0 * g0;
                    grad[2 * i + 1] = 4.0 * g1;
                }
                return err;
            });
            return computeError ? kl : Double.NaN;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Barnes-Hut gradient

    private static final class BarnesHutObjective implements Objective {
        private final Csr p;
        private final int n;
        private final double theta2;
        private final Par par;
        private final QuadTree tree;
        private final double[] neg;
        private final double[] pos;

        BarnesHutObjective(Csr p, int n, double angle, Par par) {
            this.p = p;
            this.n = n;
            this.theta2 = angle * angle;
            this.par = par;
            this.tree = new QuadTree(n);
            this.neg = new double[n * DIM];
            this.pos = new double[n * DIM];
        }

        @Override
        public double gradient(double[] y, double[] grad, double ex, boolean computeError) {
            tree.build(y, n);
            int[] order = tree.order();
            // one pass per chunk of points in tree order (neighbours in the plane share cells): the
            // repulsion and its share of Z, and the attraction, which does not need Z
            double z = Math.max(
                    par.forRows(n, (from, to) -> {
                        attraction(y, order, from, to, ex);
                        return tree.repulsion(y, order, from, to, theta2, neg);
                    }),
                    MACHINE_EPSILON);
            double invZ = 1.0 / z;
            for (int k = 0; k < n * DIM; k++) {
                grad[k] = 4.0 * (pos[k] - neg[k] * invZ);
            }
            return computeError ? par.forRows(n, (from, to) -> error(y, from, to, ex, invZ)) : Double.NaN;
        }

        /** pos_i = sum_j p_ij (1 + ||y_i - y_j||^2)^-1 (y_i - y_j) over row i of the sparse P. */
        private void attraction(double[] y, int[] order, int from, int to, double ex) {
            int[] rowPtr = p.rowPtr();
            int[] cols = p.cols();
            double[] vals = p.vals();
            for (int t = from; t < to; t++) {
                int i = order[t];
                double yi0 = y[2 * i];
                double yi1 = y[2 * i + 1];
                double f0 = 0;
                double f1 = 0;
                for (int e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
                    int j = cols[e];
                    double t0 = yi0 - y[2 * j];
                    double t1 = yi1 - y[2 * j + 1];
                    double w = vals[e] / (1.0 + t0 * t0 + t1 * t1);
                    f0 += w * t0;
                    f1 += w * t1;
                }
                pos[2 * i] = ex * f0;
                pos[2 * i + 1] = ex * f1;
            }
        }

        /** sum over rows from..to of the sparse P of p_ij ln(p_ij / q_ij), both floored at float32's tiny. */
        private double error(double[] y, int from, int to, double ex, double invZ) {
            int[] rowPtr = p.rowPtr();
            int[] cols = p.cols();
            double[] vals = p.vals();
            double err = 0;
            for (int i = from; i < to; i++) {
                for (int e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
                    int j = cols[e];
                    double t0 = y[2 * i] - y[2 * j];
                    double t1 = y[2 * i + 1] - y[2 * j + 1];
                    double q = invZ / (1.0 + t0 * t0 + t1 * t1);
                    double pij = vals[e] * ex;
                    err += pij * Math.log(Math.max(pij, FLOAT32_TINY) / Math.max(q, FLOAT32_TINY));
                }
            }
            return err;
        }
    }

    /**
     * A point quadtree in flat arrays, rebuilt for each iteration as scikit-learn's _QuadTree: the root
     * spans the points' bounding box (the maximum pushed out by 1e-3 relative or absolute); a leaf holds
     * one point, or several closer than 1e-6 per coordinate; an inner cell has four children stored
     * together (empty ones have size 0) and keeps the barycenter and count of the points below it.
     */
    private static final class QuadTree {
        /** Per cell: barycenter x, y, squared max width, point count. */
        private double[] hot;
        /** Per cell: min x, min y, max x, max y. */
        private double[] box;
        /** Per cell: index of the first of its four children, or -1 for a leaf. */
        private int[] first;
        /** Per cell: the first point of a leaf, or -1; the others follow through {@link #next}. */
        private int[] head;

        private final int[] next;
        private final int[] order;
        private int[] walk = new int[64];
        private int count;

        QuadTree(int n) {
            int cap = Math.max(16, 4 * n);
            hot = new double[4 * cap];
            box = new double[4 * cap];
            first = new int[cap];
            head = new int[cap];
            next = new int[n];
            order = new int[n];
        }

        void build(double[] y, int n) {
            double minX = Double.POSITIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                minX = Math.min(minX, y[2 * i]);
                maxX = Math.max(maxX, y[2 * i]);
                minY = Math.min(minY, y[2 * i + 1]);
                maxY = Math.max(maxY, y[2 * i + 1]);
            }
            maxX = Math.max(maxX * (1 + 1e-3 * Math.signum(maxX)), maxX + 1e-3);
            maxY = Math.max(maxY * (1 + 1e-3 * Math.signum(maxY)), maxY + 1e-3);
            count = 0;
            newCell(minX, minY, maxX, maxY);
            for (int i = 0; i < n; i++) {
                insert(y[2 * i], y[2 * i + 1], i);
            }
            fillOrder();
        }

        /** The points in depth-first order of the tree (valid after {@link #build}). */
        int[] order() {
            return order;
        }

        private void fillOrder() {
            int top = 0;
            int at = 0;
            walk[top++] = 0;
            while (top > 0) {
                int c = walk[--top];
                int f = first[c];
                if (f < 0) {
                    for (int i = head[c]; i >= 0; i = next[i]) {
                        order[at++] = i;
                    }
                    continue;
                }
                if (top + 4 > walk.length) {
                    walk = Arrays.copyOf(walk, 2 * walk.length);
                }
                for (int q = 3; q >= 0; q--) {
                    if (hot[4 * (f + q) + 3] > 0) {
                        walk[top++] = f + q;
                    }
                }
            }
        }

        private int newCell(double x0, double y0, double x1, double y1) {
            if (count == first.length) {
                int cap = 2 * first.length;
                hot = Arrays.copyOf(hot, 4 * cap);
                box = Arrays.copyOf(box, 4 * cap);
                first = Arrays.copyOf(first, cap);
                head = Arrays.copyOf(head, cap);
            }
            int c = count++;
            double wx = x1 - x0;
            double wy = y1 - y0;
            hot[4 * c] = 0;
            hot[4 * c + 1] = 0;
            hot[4 * c + 2] = Math.max(wx * wx, wy * wy);
            hot[4 * c + 3] = 0;
            box[4 * c] = x0;
            box[4 * c + 1] = y0;
            box[4 * c + 2] = x1;
            box[4 * c + 3] = y1;
            first[c] = -1;
            head[c] = -1;
            return c;
        }

        /** The child quadrant of cell c holding (px, py): x is the high bit, as in scikit-learn. */
        private int quadrant(int c, double px, double py) {
            double midX = (box[4 * c] + box[4 * c + 2]) / 2;
            double midY = (box[4 * c + 1] + box[4 * c + 3]) / 2;
            return (px >= midX ? 2 : 0) + (py >= midY ? 1 : 0);
        }

        private void split(int c) {
            double x0 = box[4 * c];
            double y0 = box[4 * c + 1];
            double x1 = box[4 * c + 2];
            double y1 = box[4 * c + 3];
            double mx = (x0 + x1) / 2;
            double my = (y0 + y1) / 2;
            int f = newCell(x0, y0, mx, my);
            newCell(x0, my, mx, y1);
            newCell(mx, y0, x1, my);
            newCell(mx, my, x1, y1);
            first[c] = f;
            // move the leaf's point(s) into their child
            double bx = hot[4 * c];
            double by = hot[4 * c + 1];
            int ch = f + quadrant(c, bx, by);
            hot[4 * ch] = bx;
            hot[4 * ch + 1] = by;
            hot[4 * ch + 3] = hot[4 * c + 3];
            head[ch] = head[c];
            head[c] = -1;
        }

        private void insert(double px, double py, int i) {
            int c = 0;
            while (true) {
                double size = hot[4 * c + 3];
                if (size == 0) {
                    hot[4 * c] = px;
                    hot[4 * c + 1] = py;
                    hot[4 * c + 3] = 1;
                    head[c] = i;
                    next[i] = -1;
                    return;
                }
                if (first[c] >= 0) {
                    hot[4 * c] = (size * hot[4 * c] + px) / (size + 1);
                    hot[4 * c + 1] = (size * hot[4 * c + 1] + py) / (size + 1);
                    hot[4 * c + 3] = size + 1;
                    c = first[c] + quadrant(c, px, py);
                    continue;
                }
                if (Math.abs(px - hot[4 * c]) <= DUPLICATE_EPS && Math.abs(py - hot[4 * c + 1]) <= DUPLICATE_EPS) {
                    hot[4 * c + 3] = size + 1;
                    next[i] = head[c];
                    head[c] = i;
                    return;
                }
                split(c);
                // c is now an inner cell: the loop adds the point to it and descends
            }
        }

        /**
         * The unnormalised repulsion of the points order[from..to): neg_i = sum over summary cells of
         * size q^2 (y_i - barycenter), q = 1 / (1 + squared distance); returns their share of Z.
         */
        double repulsion(double[] y, int[] order, int from, int to, double theta2, double[] neg) {
            double[] h = hot;
            int[] fc = first;
            int[] stack = new int[64];
            double z = 0;
            for (int t = from; t < to; t++) {
                int i = order[t];
                double px = y[2 * i];
                double py = y[2 * i + 1];
                double f0 = 0;
                double f1 = 0;
                int top = 0;
                stack[top++] = 0;
                while (top > 0) {
                    int c = stack[--top];
                    int o = 4 * c;
                    double dx = px - h[o];
                    double dy = py - h[o + 1];
                    double d2 = dx * dx + dy * dy;
                    int f = fc[c];
                    if (f < 0) {
                        if (Math.abs(dx) <= DUPLICATE_EPS && Math.abs(dy) <= DUPLICATE_EPS) {
                            continue; // the point itself (and its duplicates)
                        }
                    } else if (!(h[o + 2] < theta2 * d2)) {
                        if (top + 4 > stack.length) {
                            stack = Arrays.copyOf(stack, 2 * stack.length);
                        }
                        int fo = 4 * f + 3;
                        if (h[fo + 12] > 0) {
                            stack[top++] = f + 3;
                        }
                        if (h[fo + 8] > 0) {
                            stack[top++] = f + 2;
                        }
                        if (h[fo + 4] > 0) {
                            stack[top++] = f + 1;
                        }
                        if (h[fo] > 0) {
                            stack[top++] = f;
                        }
                        continue;
                    }
                    double q = 1.0 / (1.0 + d2);
                    double sq = h[o + 3] * q;
                    z += sq;
                    double mult = sq * q;
                    f0 += mult * dx;
                    f1 += mult * dy;
                }
                neg[2 * i] = f0;
                neg[2 * i + 1] = f1;
            }
            return z;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // threads

    @FunctionalInterface
    private interface RowTask {
        /** Works on rows from..to-1 and returns a partial sum. */
        double run(int from, int to);
    }

    /** Runs row chunks on the pool (or inline) and adds their partial sums in chunk order. */
    private static final class Par {
        private final ExecutorService pool;

        Par(ExecutorService pool) {
            this.pool = pool;
        }

        double forRows(int n, RowTask task) {
            int chunks = Math.min(CHUNKS, n);
            IntToDoubleFunction chunk =
                    c -> task.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
            if (pool == null) {
                double s = 0;
                for (int c = 0; c < chunks; c++) {
                    s += chunk.applyAsDouble(c);
                }
                return s;
            }
            List<Callable<Double>> jobs = new ArrayList<>(chunks);
            for (int c = 0; c < chunks; c++) {
                int cc = c;
                jobs.add(() -> chunk.applyAsDouble(cc));
            }
            try {
                double s = 0;
                for (Future<Double> f : pool.invokeAll(jobs)) {
                    s += f.get();
                }
                return s;
            } catch (InterruptedException e) {
                throw Interrupts.stopped("in t-SNE, waiting for its worker threads");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // trustworthiness

    /**
     * Trustworthiness T(k) of an embedding (Venna &amp; Kaski 2001), as scikit-learn's
     * {@code sklearn.manifold.trustworthiness} with the Euclidean metric: T(k) = 1 - 2 / (n k (2n -
     * 3k - 1)) sum_i sum_{j in N_k(i)} max(0, r(i, j) - k), where N_k(i) are the k nearest neighbours
     * of i in the embedding and r(i, j) is the rank of j among i's neighbours in the input space (1 =
     * nearest). O(n^2 log n) time.
     *
     * @param x the input rows (n x D)
     * @param embedding their coordinates (n rows of any width)
     * @param k the neighbourhood size, 1 &lt;= k &lt; n / 2
     */
    public static double trustworthiness(float[][] x, double[][] embedding, int k) {
        if (x == null || embedding == null || x.length != embedding.length) {
            throw new IllegalArgumentException("x and embedding must have the same number of rows, found "
                    + (x == null ? "null" : x.length) + " and " + (embedding == null ? "null" : embedding.length)
                    + "; pass the rows that were embedded");
        }
        int n = x.length;
        if (k < 1 || k >= n / 2.0) {
            throw new IllegalArgumentException("k must be in [1, n / 2), found " + k + " for " + n
                    + " points; use at most " + Math.max(1, (n - 1) / 2));
        }
        double[] sorted = new double[n - 1];
        double[] de = new double[n];
        double[] dx = new double[n];
        long penalty = 0;
        for (int i = 0; i < n; i++) {
            int m = 0;
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int c = 0; c < x[i].length; c++) {
                    double t = (double) x[i][c] - x[j][c];
                    s += t * t;
                }
                dx[j] = s;
                double e = 0;
                for (int c = 0; c < embedding[i].length; c++) {
                    double t = embedding[i][c] - embedding[j][c];
                    e += t * t;
                }
                de[j] = j == i ? Double.POSITIVE_INFINITY : e;
                if (j != i) {
                    sorted[m++] = s;
                }
            }
            Arrays.sort(sorted);
            // the k nearest in the embedding: a partial selection by sorting (index, distance) pairs
            Integer[] idx = new Integer[n];
            for (int j = 0; j < n; j++) {
                idx[j] = j;
            }
            Arrays.sort(idx, (a, b) -> Double.compare(de[a], de[b]));
            for (int r = 0; r < k; r++) {
                int j = idx[r];
                int rank = lowerBound(sorted, dx[j]) + 1;
                penalty += Math.max(0, rank - k);
            }
        }
        return 1.0 - penalty * (2.0 / (n * (double) k * (2.0 * n - 3.0 * k - 1.0)));
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
