package deepsvddlab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.UniformInitializer;

/**
 * The few layer shapes Deep SVDD networks are made of, with the conventions of Ruff et al. (2018)
 * and of the reference implementation (lukasruff/Deep-SVDD-PyTorch):
 *
 * <ul>
 *   <li>no bias anywhere: a bias lets the network map every input to the constant c and collapse
 *       the hypersphere (Ruff et al. 2018, Proposition 2);
 *   <li>BatchNorm with eps 1e-4 and <em>no affine</em> parameters (the learned shift would act as a
 *       bias);
 *   <li>PyTorch's default initialisation, U(-1/sqrt(fan_in), 1/sqrt(fan_in)), so loss curves match
 *       the reference (DJL's own default is He-normal).
 * </ul>
 */
public final class Layers {
    private Layers() {}

    /** Bias-free 5x5 (or k x k) convolution with PyTorch's default initialisation for {@code fanIn}. */
    public static Block conv(int filters, int kernel, int padding, int fanIn) {
        return conv(filters, kernel, 1, padding, fanIn);
    }

    /** As {@link #conv(int, int, int, int)} with a stride. */
    public static Block conv(int filters, int kernel, int stride, int padding, int fanIn) {
        Block conv = Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optBias(false)
                .build();
        conv.setInitializer(new UniformInitializer((float) (1.0 / Math.sqrt(fanIn))), Parameter.Type.WEIGHT);
        return conv;
    }

    /**
     * The stand-in for a stride-1 {@code ConvTranspose2d(in, out, k, padding=p)}: a convolution with
     * padding {@code k-1-p} (DJL's transposed convolution is not implemented on the PyTorch engine).
     * PyTorch initialises a transposed convolution with fan_in = out * k * k; we do the same.
     */
    public static Block transposedConv(int outChannels, int kernel, int transposedPadding) {
        return conv(outChannels, kernel, kernel - 1 - transposedPadding, outChannels * kernel * kernel);
    }

    /**
     * Nearest x2 upsampling followed by {@link #transposedConv(int, int, int)}, as one
     * {@link UpsampleConv2d} block: the same function and the same k x k weight (shape and
     * initialisation), computed on the small image without materialising the upsampled one.
     */
    public static Block upsampleTransposedConv(int outChannels, int kernel, int transposedPadding) {
        return new UpsampleConv2d(outChannels, kernel, kernel - 1 - transposedPadding, outChannels * kernel * kernel);
    }

    /**
     * conv(k x k, same padding, bias-free) - BatchNorm - LeakyReLU - 2x2 max pool, as one
     * {@link ConvPoolStage} block: the same function and parameters, computed in space-to-depth form.
     */
    public static Block convPoolStage(int filters, int kernel, int fanIn) {
        return new ConvPoolStage(filters, kernel, fanIn);
    }

    /** Bias-free linear layer (acts on the last axis) with PyTorch's default initialisation. */
    public static Block linear(int units, int fanIn) {
        Block linear = Linear.builder().setUnits(units).optBias(false).build();
        linear.setInitializer(new UniformInitializer((float) (1.0 / Math.sqrt(fanIn))), Parameter.Type.WEIGHT);
        return linear;
    }

    /** BatchNorm without affine parameters, eps 1e-4, momentum as PyTorch's default 0.1. */
    public static Block batchNorm() {
        return BatchNorm.builder()
                .optEpsilon(1e-4f)
                .optCenter(false)
                .optScale(false)
                .build();
    }

    /** LeakyReLU with slope 0.01 (PyTorch's default). */
    public static Block leakyRelu() {
        return Activation.leakyReluBlock(0.01f);
    }

    /** 2x2 max pooling with stride 2. */
    public static Block maxPool2() {
        return Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
    }

    /** Nearest-neighbour upsampling x2, as {@code F.interpolate(x, scale_factor=2)}. */
    public static Block upsample2() {
        return new LambdaBlock(
                list -> {
                    NDArray x = list.singletonOrThrow();
                    Shape s = x.getShape();
                    long h = s.get(2);
                    long w = s.get(3);
                    // Internal API, but the only one that matches PyTorch bit for bit and keeps gradients.
                    return new NDList(x.getNDArrayInternal().interpolation(new long[] {2 * h, 2 * w}, 0, false));
                },
                "upsample2");
    }

    /** Reshapes a batch of vectors to (N, c, h, w). */
    public static Block reshape(int c, int h, int w) {
        return new LambdaBlock(list -> new NDList(list.singletonOrThrow().reshape(-1, c, h, w)), "reshape");
    }

    /** Sigmoid. */
    public static Block sigmoid() {
        return Activation.sigmoidBlock();
    }

    /** The logit bound of {@link #outputSigmoid()}. */
    public static final float OUTPUT_LOGIT_BOUND = 30f;

    /**
     * The decoder's output sigmoid, with its input clamped to [-30, 30]. An autoencoder trained on
     * images with a constant background drives those pixels' logits far below -30; there the
     * sigmoid and its gradient reach denormal floats (below 1.2e-38), which CPUs process slowly and
     * which libtorch cannot be told to flush from Java (PyTorch's {@code torch.set_flush_denormal}
     * is not exposed by DJL). Measured on Fashion-MNIST: an AE epoch ~40% slower, in eager PyTorch
     * as well. The clamp changes an output only where it is below sigmoid(-30) = 9.4e-14 (above
     * 1 - 9.4e-14 float32 rounds to 1 anyway) and a gradient only where it is below ~1e-26, far
     * under float32 resolution of the loss; every other value is the plain sigmoid's.
     */
    public static Block outputSigmoid() {
        return new LambdaBlock(
                list -> new NDList(
                        Activation.sigmoid(list.singletonOrThrow().clip(-OUTPUT_LOGIT_BOUND, OUTPUT_LOGIT_BOUND))),
                "outputSigmoid");
    }
}
