package deepsvddlab.detect;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Isolation Forest (Liu, Ting and Zhou, "Isolation Forest", ICDM 2008), with scikit-learn's
 * semantics.
 *
 * <p>Each of {@code nTrees} isolation trees is grown on psi = min(maxSamples, n) training rows drawn
 * without replacement. A node splits on a feature drawn uniformly at random among those that are not
 * constant in the node (a feature with max - min &lt;= 1e-7 in the node is skipped and another is
 * drawn, as scikit-learn's random splitter does; if every feature is constant the node is a leaf) at
 * a split value drawn uniformly in [min, max) of that feature in the node; rows with x &lt;= split go
 * left. Growth stops at one row or at the height limit ceil(log2(psi)).
 *
 * <p>The path length of x in a tree is h(x) = depth of its leaf + c(size of the leaf), where
 * c(m) = 2 H(m - 1) - 2 (m - 1) / m (with H(i) = ln(i) + 0.5772156649, c(2) = 1, c(m &lt;= 1) = 0) is
 * the average path length of an unsuccessful search in a binary search tree of m points. The score
 * is s(x) = 2^(-E[h(x)] / c(psi)), in (0, 1]: close to 1 = easy to isolate = anomalous, about 0.5 or
 * below = normal. (scikit-learn's {@code score_samples} returns -s(x).)
 *
 * <p>Randomness: tree t uses its own generator seeded by the t-th number of a generator seeded with
 * {@code seed}, so trees may be built (and rows scored) in parallel and the result does not depend
 * on the number of threads.
 */
public final class IsolationForest implements Detector {
    /** scikit-learn's FEATURE_THRESHOLD: a feature whose range in a node is at most this is constant there. */
    static final double CONSTANT_RANGE = 1e-7;

    private static final double EULER_GAMMA = 0.5772156649015329;

    private final int nTrees;
    private final int maxSamples;
    private final long seed;
    private final boolean parallel;

    private IsolationForest(Builder b) {
        this.nTrees = b.nTrees;
        this.maxSamples = b.maxSamples;
        this.seed = b.seed;
        this.parallel = b.parallel;
    }

    /** A builder with the defaults: 100 trees, maxSamples 256, seed 0, parallel. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link IsolationForest}; {@link #build()} validates. */
    public static final class Builder {
        private int nTrees = 100;
        private int maxSamples = 256;
        private long seed = 0L;
        private boolean parallel = true;

        private Builder() {}

        /** Number of trees (default 100). */
        public Builder nTrees(int nTrees) {
            this.nTrees = nTrees;
            return this;
        }

        /** Rows per tree, capped at the training size: psi = min(maxSamples, n) (default 256). */
        public Builder maxSamples(int maxSamples) {
            this.maxSamples = maxSamples;
            return this;
        }

        /** Seed of the random subsamples, features and split values (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Build trees and score rows on several threads (default true; results are identical either way). */
        public Builder parallel(boolean parallel) {
            this.parallel = parallel;
            return this;
        }

        public IsolationForest build() {
            if (nTrees < 1) {
                throw new IllegalArgumentException(
                        "nTrees must be >= 1, found " + nTrees + "; 100 is the usual choice");
            }
            if (maxSamples < 2) {
                throw new IllegalArgumentException(
                        "maxSamples must be >= 2, found " + maxSamples + "; 256 is the paper's choice");
            }
            return new IsolationForest(this);
        }
    }

    @Override
    public String name() {
        return "IsolationForest";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("nTrees", nTrees);
        p.put("maxSamples", maxSamples);
        p.put("seed", seed);
        return java.util.Collections.unmodifiableMap(p);
    }

    @Override
    public Fitted fit(float[][] trainNormals) {
        int d = Inputs.checkMatrix("trainNormals", trainNormals);
        int n = trainNormals.length;
        int psi = Math.min(maxSamples, n);
        int heightLimit = (int) Math.ceil(Math.log(Math.max(psi, 2)) / Math.log(2));
        SplittableRandom master = new SplittableRandom(seed);
        long[] treeSeeds = new long[nTrees];
        for (int t = 0; t < nTrees; t++) {
            treeSeeds[t] = master.nextLong();
        }
        IntStream trees = IntStream.range(0, nTrees);
        Tree[] forest = (parallel ? trees.parallel() : trees)
                .mapToObj(t -> Tree.grow(trainNormals, psi, heightLimit, new SplittableRandom(treeSeeds[t])))
                .toArray(Tree[]::new);
        Map<String, Object> p = new LinkedHashMap<>(params());
        p.put("psi", psi);
        p.put("heightLimit", heightLimit);
        p.put("nTrain", n);
        p.put("nFeatures", d);
        return new Fitted(forest, d, averagePathLength(psi), parallel, p);
    }

    /** c(m): the average path length of an unsuccessful search in a binary search tree of m points. */
    static double averagePathLength(int m) {
        if (m <= 1) {
            return 0.0;
        }
        if (m == 2) {
            return 1.0;
        }
        return 2.0 * (Math.log(m - 1.0) + EULER_GAMMA) - 2.0 * (m - 1.0) / m;
    }

    /** A fitted isolation forest: immutable trees stored as flat arrays. */
    public static final class Fitted implements FittedDetector {
        private final Tree[] trees;
        private final int nFeatures;
        private final double cPsi;
        private final boolean parallel;
        private final Map<String, Object> params;

        private Fitted(Tree[] trees, int nFeatures, double cPsi, boolean parallel, Map<String, Object> params) {
            this.trees = trees;
            this.nFeatures = nFeatures;
            this.cPsi = cPsi;
            this.parallel = parallel;
            this.params = java.util.Collections.unmodifiableMap(params);
        }

        /** s(x) = 2^(-E[h(x)] / c(psi)), in (0, 1]; higher = more anomalous. */
        @Override
        public double[] score(float[][] x) {
            Inputs.checkMatrix("x", x, nFeatures);
            double[] out = new double[x.length];
            IntStream rows = IntStream.range(0, x.length);
            (parallel ? rows.parallel() : rows).forEach(i -> {
                double sum = 0.0;
                for (Tree t : trees) {
                    sum += t.pathLength(x[i]);
                }
                out[i] = Math.pow(2.0, -(sum / trees.length) / cPsi);
            });
            return out;
        }

        /** Mean path length E[h(x)] over the trees, per row (shorter = easier to isolate). */
        public double[] meanPathLength(float[][] x) {
            Inputs.checkMatrix("x", x, nFeatures);
            double[] out = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double sum = 0.0;
                for (Tree t : trees) {
                    sum += t.pathLength(x[i]);
                }
                out[i] = sum / trees.length;
            }
            return out;
        }

        @Override
        public String name() {
            return "IsolationForest";
        }

        @Override
        public Map<String, Object> params() {
            return params;
        }
    }

    /**
     * One isolation tree. Node k is internal if feature[k] >= 0 (children left[k], right[k], split
     * value split[k]) and a leaf otherwise, with pathLength[k] = depth + c(rows in the leaf).
     */
    static final class Tree {
        private int[] feature;
        private double[] split;
        private int[] left;
        private int[] right;
        private double[] leafPath;
        private int size;

        private Tree(int capacity) {
            feature = new int[capacity];
            split = new double[capacity];
            left = new int[capacity];
            right = new int[capacity];
            leafPath = new double[capacity];
        }

        static Tree grow(float[][] x, int psi, int heightLimit, SplittableRandom rng) {
            int n = x.length;
            // psi rows without replacement: a partial Fisher-Yates shuffle
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            for (int i = 0; i < psi; i++) {
                int j = i + rng.nextInt(n - i);
                int tmp = all[i];
                all[i] = all[j];
                all[j] = tmp;
            }
            int[] rows = Arrays.copyOf(all, psi);
            int d = x[0].length;
            int[] features = new int[d];
            for (int j = 0; j < d; j++) {
                features[j] = j;
            }
            Tree tree = new Tree(2 * psi - 1);
            tree.build(x, rows, 0, psi, 0, heightLimit, features, d, rng);
            return tree;
        }

        /** Grows the node for rows[lo, hi) and returns its index. */
        private int build(
                float[][] x,
                int[] rows,
                int lo,
                int hi,
                int depth,
                int heightLimit,
                int[] parentFeatures,
                int nCandidates,
                SplittableRandom rng) {
            int node = size++;
            int m = hi - lo;
            if (m <= 1 || depth >= heightLimit) {
                return leaf(node, depth, m);
            }
            // draw features without replacement until one is not constant in this node
            int[] candidates = Arrays.copyOf(parentFeatures, nCandidates);
            int remaining = nCandidates;
            while (remaining > 0) {
                int k = rng.nextInt(remaining);
                int f = candidates[k];
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = lo; i < hi; i++) {
                    double v = x[rows[i]][f];
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                if (max - min <= CONSTANT_RANGE) { // constant here (and in every descendant): drop it
                    candidates[k] = candidates[remaining - 1];
                    candidates[remaining - 1] = f;
                    remaining--;
                    continue;
                }
                double s = min + rng.nextDouble() * (max - min);
                if (s >= max) {
                    s = min; // as scikit-learn: keep the split inside [min, max)
                }
                int mid = partition(x, rows, lo, hi, f, s);
                feature[node] = f;
                split[node] = s;
                left[node] = build(x, rows, lo, mid, depth + 1, heightLimit, candidates, remaining, rng);
                right[node] = build(x, rows, mid, hi, depth + 1, heightLimit, candidates, remaining, rng);
                return node;
            }
            return leaf(node, depth, m); // every feature is constant: the rows cannot be separated
        }

        private int leaf(int node, int depth, int m) {
            feature[node] = -1;
            leafPath[node] = depth + averagePathLength(m);
            return node;
        }

        /** Moves rows with x[f] <= s to the front of [lo, hi); returns the first index of the right part. */
        private static int partition(float[][] x, int[] rows, int lo, int hi, int f, double s) {
            int i = lo;
            int j = hi - 1;
            while (i <= j) {
                if (x[rows[i]][f] <= s) {
                    i++;
                } else {
                    int tmp = rows[i];
                    rows[i] = rows[j];
                    rows[j] = tmp;
                    j--;
                }
            }
            return i;
        }

        double pathLength(float[] row) {
            int k = 0;
            while (feature[k] >= 0) {
                k = row[feature[k]] <= split[k] ? left[k] : right[k];
            }
            return leafPath[k];
        }
    }
}
