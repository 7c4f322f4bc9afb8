package deepsvddlab.nn;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import java.util.List;

/**
 * A ResNet-18-type encoder for 3x32x32 images (He et al. 2016, with the CIFAR stem): a 3x3 conv 64,
 * no initial max-pool; four stages of two basic blocks (64, 128, 256, 512 channels; the first
 * block of stages 2-4 has stride 2 and a 1x1 projection shortcut); global average pooling; a
 * bias-free linear projection 512 -> rep_dim (128).
 *
 * <p>Bias and BatchNorm, for the hypersphere: Ruff et al. (Prop. 2) show that a bias term lets
 * Deep SVDD reach the trivial solution phi(x) = c for every x. A BatchNorm's shift beta is such a
 * bias, so every convolution and the projection are bias-free and every BatchNorm is without affine
 * (no scale, no shift; eps 1e-4), as in the reference's LeNets. Activations are LeakyReLU(0.01) like
 * theirs. Its decoder (same size, mirrored): bias-free linear rep_dim -> 512*4*4, then three steps of
 * nearest x2 upsampling + 3x3 conv + BatchNorm + LeakyReLU (256, 128, 64 channels), and a 3x3 conv
 * to 3 channels with the output sigmoid.
 */
final class ResNet18 extends ColourNet {
    static final ResNet18 INSTANCE = new ResNet18();

    private ResNet18() {}

    @Override
    public String name() {
        return "RESNET18";
    }

    /** Bias-free k x k convolution with the given stride and padding ({@link Layers#conv}). */
    static Block conv(int filters, int kernel, int stride, int padding, int fanIn) {
        return Layers.conv(filters, kernel, stride, padding, fanIn);
    }

    /** A basic block: conv3x3(stride) - BN - LeakyReLU - conv3x3 - BN, plus the shortcut, then LeakyReLU. */
    static Block basicBlock(int in, int out, int stride) {
        SequentialBlock main = new SequentialBlock()
                .add(conv(out, 3, stride, 1, in * 9))
                .add(Layers.batchNorm())
                .add(Layers.leakyRelu())
                .add(conv(out, 3, 1, 1, out * 9))
                .add(Layers.batchNorm());
        Block shortcut = stride == 1 && in == out
                ? Blocks.identityBlock()
                : new SequentialBlock().add(conv(out, 1, stride, 0, in)).add(Layers.batchNorm());
        return new SequentialBlock()
                .add(new ParallelBlock(
                        list -> new NDList(
                                list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
                        List.of(main, shortcut)))
                .add(Layers.leakyRelu());
    }

    /**
     * 100: every intermediate map of the 64-channel 32x32 stage lives until the batch ends, 64 x 32 x
     * 32 floats an image, about 0.26 GB each at 1,000 images, which at the LeNets' batch of 1,000 made
     * the center pass the peak of a whole run (bench/README has the measurements).
     */
    @Override
    public int inferenceBatch() {
        return 100;
    }

    /**
     * 64, as is usual for ResNets on 32x32 images: at the LeNets' 200 a training holds over 3 GB
     * (eager PyTorch as much), at 64 under 2 GB, in the same seconds per epoch; bench/README has the
     * measurements. A smaller batch is more optimiser steps an epoch: another schedule, not the same
     * one cheaper.
     */
    @Override
    public int trainingBatch() {
        return 64;
    }

    /**
     * True: with the running statistics left by training (averages of batch statistics taken while
     * the weights kept changing), the eval-mode network that computes c and every score put the
     * training normals far from where training put them, farther than the anomalies; re-estimated for
     * the final weights, they sit where training put them. The measurements are in the README ("The
     * ResNet-18 below chance, and why"); BatchNormRefreshTest fails without the refresh.
     */
    @Override
    public boolean refreshesBatchNorm() {
        return true;
    }

    @Override
    public Block encoder() {
        SequentialBlock b = new SequentialBlock()
                .add(new SequentialBlock()
                        .add(conv(64, 3, 1, 1, 3 * 9))
                        .add(Layers.batchNorm())
                        .add(Layers.leakyRelu()));
        int in = 64;
        int[] widths = {64, 128, 256, 512};
        for (int s = 0; s < widths.length; s++) {
            b.add(new SequentialBlock()
                    .add(basicBlock(in, widths[s], s == 0 ? 1 : 2))
                    .add(basicBlock(widths[s], widths[s], 1)));
            in = widths[s];
        }
        return b.add(new LambdaBlock(
                        l -> {
                            ai.djl.ndarray.NDArray a = l.singletonOrThrow();
                            // mean over H and W (NDArray.mean takes one axis on this engine)
                            return new NDList(
                                    a.reshape(a.getShape().get(0), a.getShape().get(1), -1)
                                            .mean(new int[] {2}));
                        },
                        "globalAveragePool"))
                .add(Layers.linear(repDim(), 512));
    }

    @Override
    public Block decoder() {
        SequentialBlock b = new SequentialBlock()
                .add(Layers.linear(512 * 4 * 4, repDim()))
                .add(Layers.reshape(512, 4, 4))
                .add(Layers.batchNorm())
                .add(Layers.leakyRelu());
        int in = 512;
        for (int out : new int[] {256, 128, 64}) {
            b.add(Layers.upsample2())
                    .add(conv(out, 3, 1, 1, in * 9))
                    .add(Layers.batchNorm())
                    .add(Layers.leakyRelu());
            in = out;
        }
        return b.add(conv(3, 3, 1, 1, in * 9)).add(Layers.outputSigmoid());
    }
}
