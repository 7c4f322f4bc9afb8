package deepsvddlab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * Nearest-neighbour x2 upsampling followed by a bias-free, stride-1 k x k convolution with padding
 * p, computed without ever building the upsampled image ("sub-pixel" or polyphase form). The result
 * is the same function of the input and of the k x k weight as {@code conv(upsample2(x), w, p)},
 * up to float rounding; the learned parameter is that k x k weight, with the same shape and
 * initialisation as the plain convolution it replaces.
 *
 * <p>Why it is exact: after nearest upsampling, output pixel {@code o = 2i + phase} of the
 * convolution reads upsampled pixels {@code o + t - p} (t = 0..k-1), which are all copies of input
 * pixels {@code i + floor((phase + t - p) / 2)}. So each of the four output phases (row parity x
 * column parity) is an ordinary convolution of the small input with a D x D kernel whose taps are
 * sums of taps of w. The four phase kernels are computed from w on every forward pass (a product
 * with a constant 0/1 matrix, so gradients flow to w), the four phases run as one convolution with
 * 4x the filters, and a depth-to-space reshape interleaves them.
 *
 * <p>Why bother: in the MNIST LeNet autoencoder the last decoder layer convolves 8 channels of
 * 28x28 pixels into 1; as a 4-filter 3x3 convolution on 14x14 it needs a third of the
 * multiply-adds, and the three upsampling copies (and their backward passes) disappear. The AE
 * epoch gets about twice as fast on a 2-core CPU (bench/run TrainBench).
 */
public final class UpsampleConv2d extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int filters;
    private final int kernel;
    private final int padding;
    // polyphase geometry (one spatial axis; the kernel is square)
    private final Polyphase geometry;
    private final float[] phaseMatrix;
    private final Parameter weight;

    /**
     * @param filters output channels
     * @param kernel kernel size k (odd)
     * @param padding padding p of the convolution on the upsampled image, 0 <= p <= k - 1
     * @param fanIn fan-in for PyTorch's default U(-1/sqrt(fanIn), 1/sqrt(fanIn)) initialisation
     */
    public UpsampleConv2d(int filters, int kernel, int padding, int fanIn) {
        super(VERSION);
        if (kernel % 2 != 1 || padding < 0 || padding > kernel - 1 || filters < 1) {
            throw new IllegalArgumentException("UpsampleConv2d needs an odd kernel, 0 <= padding <= kernel - 1 and"
                    + " filters >= 1, found kernel " + kernel + ", padding " + padding + ", filters " + filters);
        }
        this.filters = filters;
        this.kernel = kernel;
        this.padding = padding;
        this.geometry = Polyphase.of(kernel, padding);
        int window = geometry.window();
        // Row (phase * window + d), column t: 1 where tap t of phase `phase` lands on offset dMin + d (after
        // nearest upsampling both parities of a block are the same input pixel, so only the offset counts).
        this.phaseMatrix = new float[2 * window * kernel];
        for (int phase = 0; phase < 2; phase++) {
            for (int t = 0; t < kernel; t++) {
                phaseMatrix[(phase * window + geometry.offset(phase, t)) * kernel + t] = 1f;
            }
        }
        this.weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .build());
        setInitializer(new UniformInitializer((float) (1.0 / Math.sqrt(fanIn))), Parameter.Type.WEIGHT);
    }

    /** Left (and right) padding of the small convolution; equal on both sides for odd k. */
    private int smallPadding() {
        return -geometry.dMin();
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(filters, inputShapes[0].get(1), kernel, kernel));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), filters, outSize(s.get(2)), outSize(s.get(3)))};
    }

    private long outSize(long n) {
        return 2 * n + 2L * padding - kernel + 1;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        int window = geometry.window();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        Shape s = x.getShape();
        long batch = s.get(0);
        long channels = s.get(1);
        long m = outSize(s.get(2)) / 2;
        long mw = outSize(s.get(3)) / 2;
        // For odd k the small convolution's symmetric padding gives exactly m outputs per phase
        // (n + 2 * smallPadding - window + 1 = m); checked so that a geometry slip cannot go unnoticed.
        if (s.get(2) + 2L * smallPadding() - window + 1 != m || s.get(3) + 2L * smallPadding() - window + 1 != mw) {
            throw new IllegalStateException("UpsampleConv2d geometry does not close for input " + s + ", kernel "
                    + kernel + ", padding " + padding);
        }
        NDArray a = x.getManager().create(phaseMatrix, new Shape(2L * window, kernel));
        // (2D, k) @ (O, C, k, k) @ (k, 2D) -> (O, C, 2D, 2D): every phase pair's D x D kernel.
        NDArray phases = a.matMul(w).matMul(a.transpose());
        NDArray k4 = phases.reshape(filters, channels, 2, window, 2, window)
                .transpose(0, 2, 4, 1, 3, 5)
                .reshape(4L * filters, channels, window, window);
        NDArray y = Conv2d.conv2d(
                        x, k4, null, new Shape(1, 1), new Shape(smallPadding(), smallPadding()), new Shape(1, 1), 1)
                .singletonOrThrow();
        // depth to space: channel o*4 + 2*rowPhase + colPhase -> pixel (2i + rowPhase, 2j + colPhase)
        NDArray out = y.reshape(batch, filters, 2, 2, m, mw)
                .transpose(0, 1, 4, 2, 5, 3)
                .reshape(batch, filters, 2 * m, 2 * mw);
        return new NDList(out);
    }

    @Override
    public String toString() {
        return "UpsampleConv2d(filters=" + filters + ", kernel=" + kernel + ", padding=" + padding + ")";
    }
}
