package deepsvddlab.svdd;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.nn.Networks;
import deepsvddlab.train.EpochLoop;
import deepsvddlab.train.OptimConfig;
import deepsvddlab.train.ProgressListener;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Robust convolutional autoencoder (RCAE; Chalapathy, Menon and Chawla, "Robust, deep and inductive
 * anomaly detection", ECML PKDD 2017): the training images are X = L + N, with L what the
 * autoencoder can reconstruct and N a sparse matrix that absorbs the outliers,
 *
 * <pre>  min over theta, N of  1/2 ||X - N - D(E(X - N))||^2 + lambda ||N||_1 ,</pre>
 *
 * solved by alternating: the autoencoder trains on X - N (input and target) for {@code every}
 * epochs with N fixed, then N takes its closed form, the soft-thresholded residual
 * N = sign(R) max(|R| - lambda, 0) with R = X - D(E(X)) (elementwise), and training goes on; the
 * optimiser and its learning-rate schedule run through without restarting. Anomalies mixed into the
 * training set are absorbed by N instead of being learnt. lambda = infinity keeps N = 0: the plain
 * autoencoder, bit for bit ({@code RcaeTest}). The history holds each epoch's loss and the share of
 * non-zero entries of N ("nonZero").
 */
public final class Rcae {
    private Rcae() {}

    /**
     * Pretrains an RCAE of {@code network} on {@code data} (N, C, H, W), values in [0, 1]. The
     * autoencoder it gives holds the final N ({@link Autoencoder#outliers()}).
     */
    public static Autoencoder pretrain(
            NetworkSpec network,
            NDArray data,
            OptimConfig config,
            RcaeConfig rcae,
            long seed,
            ProgressListener listener,
            BooleanSupplier stop) {
        if (rcae == null) {
            throw new IllegalArgumentException(
                    "rcae must be set, found null; use RcaeConfig.of(lambda), or Autoencoder.pretrain for the plain one");
        }
        double lambda = rcae.lambda();
        int every = rcae.every();
        Autoencoder.checkData(network, data);
        float[] x = data.toFloatArray();
        float[] noise = new float[x.length];
        int rows = (int) data.getShape().get(0);
        try (NDArray target = data.duplicate()) {
            java.util.function.Function<Model, EpochLoop.EpochEnd> update = model -> epoch -> {
                if ((epoch + 1) % every != 0 || Double.isInfinite(lambda)) {
                    return Map.of("nonZero", share(noise));
                }
                // N = soft(X - D(E(X)), lambda), then the autoencoder goes on with X - N
                float[] xHat = Networks.map(
                        model.getBlock(),
                        data,
                        network.inferenceBatch(),
                        b -> b.output().get(0));
                float[] next = x.clone();
                for (int p = 0; p < x.length; p++) {
                    noise[p] = softThreshold(x[p] - xHat[p], lambda);
                    next[p] = x[p] - noise[p];
                }
                target.set(FloatBuffer.wrap(next));
                return Map.of("nonZero", share(noise));
            };
            return Autoencoder.train(
                    network, target, config, seed, update, () -> Networks.rows(noise, rows), listener, stop);
        }
    }

    /** sign(r) max(|r| - lambda, 0): the closed-form minimiser of 1/2 (r - n)^2 + lambda |n|. */
    public static float softThreshold(float r, double lambda) {
        float a = Math.abs(r) - (float) lambda; // in float: |r| = lambda gives 0, not a rounding residue
        return a > 0 ? Math.copySign(a, r) : 0f;
    }

    private static double share(float[] noise) {
        int nz = 0;
        for (float v : noise) {
            nz += v != 0f ? 1 : 0;
        }
        return (double) nz / noise.length;
    }
}
