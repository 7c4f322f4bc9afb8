package libsvm;

import java.util.stream.IntStream;

/**
 * LIBSVM's one-class Q matrix, Q_ij = k(x_i, x_j) = exp(-gamma ||x_i - x_j||^2), on dense rows
 * instead of LIBSVM's sparse {@code svm_node[]} rows (which {@code ONE_CLASS_Q} walks index by index).
 *
 * <p>It reproduces LIBSVM's {@code ONE_CLASS_Q} bit for bit: the kernel is computed in double in
 * LIBSVM's form exp(-gamma (|x_i|^2 + |x_j|^2 - 2 x_i.x_j)), each dot product summed in the same
 * order (feature 0, 1, ..., d-1; the zero terms LIBSVM's sparse rows leave out add exactly 0), and
 * stored as float in a {@link Cache} of LIBSVM's size; {@link #swap_index} permutes the rows, the
 * squared norms, QD and the cache as {@code ONE_CLASS_Q.swap_index} does. So the solver takes the
 * same steps and returns the same alphas and rho as {@code svm.svm_train}.
 *
 * <p>Speed comes from things that keep every value identical: the rows are held as double[]
 * (float to double is exact; LIBSVM's nodes hold doubles too), eight dot products (x_i against
 * x_j .. x_j+7) advance together, which hides the latency of the dependent additions without
 * reordering any sum; and long row segments are split over the common fork-join pool, each entry
 * still computed by the same code alone.
 */
final class DenseOneClassQ extends QMatrix {
    /** Below this many multiply-adds a row segment is computed on the calling thread. */
    private static final long PARALLEL_MIN_WORK = 1L << 18;
    /** Rows per parallel task (a multiple of 8). */
    private static final int PARALLEL_CHUNK = 128;

    private final double[][] x; // the rows, in the solver's current order
    private final double[] xSquare; // |x_i|^2, same order
    private final double[] qd; // Q_ii, same order
    private final double gamma;
    private final int d;
    private final Cache cache;

    /**
     * @param rows    the training rows (copied as double[])
     * @param gamma   RBF gamma &gt; 0
     * @param cacheMb kernel cache size in MB (LIBSVM's {@code cache_size})
     */
    DenseOneClassQ(float[][] rows, double gamma, double cacheMb) {
        int l = rows.length;
        this.d = l == 0 ? 0 : rows[0].length;
        this.x = new double[l][d];
        for (int i = 0; i < l; i++) {
            for (int k = 0; k < d; k++) {
                x[i][k] = rows[i][k];
            }
        }
        this.gamma = gamma;
        this.cache = new Cache(l, (long) (cacheMb * (1 << 20)));
        this.xSquare = new double[l];
        for (int i = 0; i < l; i++) {
            xSquare[i] = dot(x[i], x[i]);
        }
        this.qd = new double[l];
        for (int i = 0; i < l; i++) {
            qd[i] = kernel(i, i, dot(x[i], x[i]));
        }
    }

    @Override
    float[] get_Q(int i, int len) {
        float[][] data = new float[1][];
        int start = cache.get_data(i, data, len);
        if (start < len) {
            fill(i, data[0], start, len);
        }
        return data[0];
    }

    @Override
    double[] get_QD() {
        return qd;
    }

    @Override
    void swap_index(int i, int j) {
        cache.swap_index(i, j);
        double[] r = x[i];
        x[i] = x[j];
        x[j] = r;
        double s = xSquare[i];
        xSquare[i] = xSquare[j];
        xSquare[j] = s;
        double q = qd[i];
        qd[i] = qd[j];
        qd[j] = q;
    }

    /** Q_ij for j in [from, to), written to {@code out[j]}. */
    private void fill(int i, float[] out, int from, int to) {
        if ((long) (to - from) * d < PARALLEL_MIN_WORK) {
            fillRange(i, out, from, to);
            return;
        }
        int chunks = (to - from + PARALLEL_CHUNK - 1) / PARALLEL_CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int a = from + c * PARALLEL_CHUNK;
            fillRange(i, out, a, Math.min(to, a + PARALLEL_CHUNK));
        });
    }

    private void fillRange(int i, float[] out, int from, int to) {
        double[] k = new double[to - from];
        kernels(i, from, to, k);
        for (int j = from; j < to; j++) {
            out[j] = (float) k[j - from];
        }
    }

    /** k(x_i, x_j) in double for j in [from, to), written to {@code out[j - from]}. */
    void kernels(int i, int from, int to, double[] out) {
        double[] a = x[i];
        int j = from;
        for (; j + 7 < to; j += 8) {
            double[] b0 = x[j], b1 = x[j + 1], b2 = x[j + 2], b3 = x[j + 3];
            double[] b4 = x[j + 4], b5 = x[j + 5], b6 = x[j + 6], b7 = x[j + 7];
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            for (int k = 0; k < d; k++) { // eight sums side by side, each in feature order
                double ak = a[k];
                s0 += ak * b0[k];
                s1 += ak * b1[k];
                s2 += ak * b2[k];
                s3 += ak * b3[k];
                s4 += ak * b4[k];
                s5 += ak * b5[k];
                s6 += ak * b6[k];
                s7 += ak * b7[k];
            }
            out[j - from] = kernel(i, j, s0);
            out[j + 1 - from] = kernel(i, j + 1, s1);
            out[j + 2 - from] = kernel(i, j + 2, s2);
            out[j + 3 - from] = kernel(i, j + 3, s3);
            out[j + 4 - from] = kernel(i, j + 4, s4);
            out[j + 5 - from] = kernel(i, j + 5, s5);
            out[j + 6 - from] = kernel(i, j + 6, s6);
            out[j + 7 - from] = kernel(i, j + 7, s7);
        }
        for (; j < to; j++) {
            out[j - from] = kernel(i, j, dot(a, x[j]));
        }
    }

    /** LIBSVM's RBF form: exp(-gamma (|x_i|^2 + |x_j|^2 - 2 x_i.x_j)), in double. */
    private double kernel(int i, int j, double dotIJ) {
        return Math.exp(-gamma * (xSquare[i] + xSquare[j] - 2 * dotIJ));
    }

    /** x.y summed in feature order, as LIBSVM's {@code Kernel.dot}. */
    private static double dot(double[] x, double[] y) {
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            sum += x[k] * y[k];
        }
        return sum;
    }
}
