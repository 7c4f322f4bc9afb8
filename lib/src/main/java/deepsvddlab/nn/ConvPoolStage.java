package deepsvddlab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * One LeNet stage: a bias-free k x k convolution with "same" padding (k - 1) / 2, BatchNorm
 * without affine, LeakyReLU(0.01) and 2x2 max pooling, computed in space-to-depth form. The result
 * is the same function of the input and of the k x k weight as the four layers one after the other
 * (up to float rounding and ties inside a pooling window), with the same parameters, the same
 * BatchNorm statistics and the same initialisation.
 *
 * <p>How: the input's 2x2 pixel blocks become 4 channels at half resolution ("space to depth"). A
 * full-resolution output pixel {@code 2i + p} reads input pixels {@code 2(i + d) + q}, so each of
 * the 4 output phases (p_row, p_col) is a convolution of the 4C phase channels with a 3 x 3 (for
 * k = 5) kernel whose taps are taps of w; one convolution with 4x the filters computes all four.
 * BatchNorm is per filter over all four phases (the same numbers as over the full image), and the
 * 2x2 max pool is then a max over the phase axis: the full-resolution image is never built.
 *
 * <p>Why: on a CPU the plain form spends most of its time in layouts, not arithmetic. A convolution
 * with 1 input channel (the first MNIST layer) is padded to 8 channels by oneDNN's backward pass
 * and 2x2 max pooling with indices is slow; here the convolution has 4C inputs and 4O outputs and
 * the pool is two elementwise maxima over the phases. bench/run TrainBench measures the difference.
 *
 * <p>Tried and slower (first stage, 200 images, forward + backward): an im2col form, the 36-wide
 * patches of the space-to-depth input times a (36, 4O) matrix with BatchNorm on the (B*196*4, O)
 * result, took 24 ms a step against this block's 13 ms. The two matrix products cost as much as the
 * convolution and its weight gradient, and BatchNorm on the channels-last 2-D view was 3x slower.
 * Also measured (forward + backward per step, same batch, medians): folding the space-to-depth copy
 * into the convolution as a (k+1) x (k+1) stride-2 kernel on the plain input, 20 against 16 ms
 * (first stage) and 9.7 against 8.0 ms (second); the space-to-depth as a one-hot grouped stride-2
 * convolution, 2-3x slower than the permuting copy used here; for the second stage (8 inputs) the
 * plain four layers, 7.5-8.9 against 8.0-9.6 ms, within the machine's noise, so both stages use
 * this block.
 */
public final class ConvPoolStage extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int filters;
    private final int kernel;
    private final Polyphase geometry;
    private final float[] phaseMatrix;
    private final Parameter weight;
    private final Block batchNorm;

    /**
     * @param filters output channels O
     * @param kernel odd kernel size k; padding is (k - 1) / 2
     * @param fanIn fan-in for PyTorch's default U(-1/sqrt(fanIn), 1/sqrt(fanIn)) initialisation
     */
    public ConvPoolStage(int filters, int kernel, int fanIn) {
        super(VERSION);
        if (kernel % 2 != 1 || filters < 1) {
            throw new IllegalArgumentException("ConvPoolStage needs an odd kernel and filters >= 1, found kernel "
                    + kernel + ", filters " + filters);
        }
        this.filters = filters;
        this.kernel = kernel;
        this.geometry = Polyphase.of(kernel, (kernel - 1) / 2);
        int window = geometry.window();
        // Row ((p * 2 + q) * window + d), column t: 1 where tap t of output phase p reads input phase q at
        // block offset dMin + d.
        this.phaseMatrix = new float[4 * window * kernel];
        for (int p = 0; p < 2; p++) {
            for (int t = 0; t < kernel; t++) {
                phaseMatrix[((p * 2 + geometry.inputPhase(p, t)) * window + geometry.offset(p, t)) * kernel + t] = 1f;
            }
        }
        this.weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .build());
        setInitializer(new UniformInitializer((float) (1.0 / Math.sqrt(fanIn))), Parameter.Type.WEIGHT);
        this.batchNorm = addChildBlock("batchNorm", Layers.batchNorm());
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(filters, inputShapes[0].get(1), kernel, kernel));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        batchNorm.initialize(manager, dataType, new Shape(s.get(0), filters, 2 * s.get(2), s.get(3) / 2));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), filters, s.get(2) / 2, s.get(3) / 2)};
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        int window = geometry.window();
        Shape s = x.getShape();
        long batch = s.get(0);
        long channels = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        if (h % 2 != 0 || w % 2 != 0) {
            throw new IllegalArgumentException(
                    "ConvPoolStage needs an even height and width (2x2 pooling), found " + s);
        }
        long m = h / 2;
        long n = w / 2;
        // space to depth: channel c * 4 + 2 * rowPhase + colPhase
        NDArray xs = x.reshape(batch, channels, m, 2, n, 2)
                .transpose(0, 1, 3, 5, 2, 4)
                .reshape(batch, 4 * channels, m, n);
        NDArray wt = store.getValue(weight, x.getDevice(), training);
        NDArray a = x.getManager().create(phaseMatrix, new Shape(4L * window, kernel));
        // (4D, k) @ (O, C, k, k) @ (k, 4D) -> (O, C, [p q d]_row, [p q d]_col)
        NDArray k4 = a.matMul(wt)
                .matMul(a.transpose())
                .reshape(filters, channels, 2, 2, window, 2, 2, window)
                .transpose(0, 2, 5, 1, 3, 6, 4, 7)
                .reshape(4L * filters, 4 * channels, window, window);
        NDArray y = Conv2d.conv2d(
                        xs,
                        k4,
                        null,
                        new Shape(1, 1),
                        new Shape(-geometry.dMin(), -geometry.dMin()),
                        new Shape(1, 1),
                        1)
                .singletonOrThrow();
        // channel o * 4 + phase: BatchNorm per o over (phase, i, j) = over the full-resolution image
        NDArray z = batchNorm
                .forward(store, new NDList(y.reshape(batch, filters, 4 * m, n)), training, params)
                .singletonOrThrow();
        // 2x2 max pool = max over the 4 phases, taken before the LeakyReLU (it is increasing, so they
        // commute) and written max(a, b) = b + relu(a - b): plain elementwise kernels whose backward is
        // one mask. Measured against it: max_pool2d with indices ~3x slower; a max reduction over the
        // phase axis, NDArray.maximum and where(a > b, a, b) as fast or slower.
        NDList half = z.reshape(batch, filters, 2, 2 * m * n).split(2, 2);
        NDArray rows = maxOf(half.get(0), half.get(1));
        NDList quarter = rows.reshape(batch, filters, 2, m * n).split(2, 2);
        NDArray pooled =
                Activation.leakyRelu(maxOf(quarter.get(0), quarter.get(1)).reshape(batch, filters, m, n), 0.01f);
        return new NDList(pooled);
    }

    /** max(a, b) as b + relu(a - b); on a tie the gradient goes to b, like max pooling picks one. */
    private static NDArray maxOf(NDArray a, NDArray b) {
        return b.add(Activation.relu(a.sub(b)));
    }

    @Override
    public String toString() {
        return "ConvPoolStage(filters=" + filters + ", kernel=" + kernel + ")";
    }
}
