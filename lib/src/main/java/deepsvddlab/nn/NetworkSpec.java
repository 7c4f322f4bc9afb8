package deepsvddlab.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A network family for Deep SVDD: an encoder phi(x; W) into a rep_dim-dimensional feature space and
 * the matching autoencoder (the same encoder, built by the same code, plus a decoder), as in
 * Ruff et al., "Deep One-Class Classification", ICML 2018. Inputs are always (N, C, H, W); feature
 * vectors are (N, 1, 1, D). A spec is identified by its {@link #name()}, which checkpoints record and
 * {@link #parse(String)} reads back.
 */
public interface NetworkSpec {
    /**
     * LeNet-type net for 1x28x28 images (MNIST, Fashion-MNIST): conv 8@5x5 - BN - LeakyReLU - pool,
     * conv 4@5x5 - BN - LeakyReLU - pool, linear 196 -> 32; no bias. Its decoder: view (2,4,4),
     * LeakyReLU, upsample, "deconv" 4@5x5, BN, LeakyReLU, upsample, "deconv" 8@5x5, BN, LeakyReLU,
     * upsample, "deconv" 1@5x5, sigmoid (the reference's MNIST_LeNet_Autoencoder).
     */
    NetworkSpec MNIST_LENET = new MnistLeNet();

    /**
     * LeNet-type net for 3x32x32 colour images (CIFAR-10), the reference's CIFAR10_LeNet: three stages
     * conv 32/64/128 @5x5 pad 2 - BN (eps 1e-4, no affine) - LeakyReLU(0.01) - max-pool 2, then a
     * bias-free linear 128*4*4 -> 128. Its autoencoder (CIFAR10_LeNet_Autoencoder) puts a BatchNorm1d
     * (no affine) on the code and mirrors the encoder: view (8,4,4), LeakyReLU, "deconv" 128@5x5, BN,
     * LeakyReLU, upsample, "deconv" 64, BN, LeakyReLU, upsample, "deconv" 32, BN, LeakyReLU, upsample,
     * "deconv" 3, sigmoid. The BatchNorm1d sits at the start of the decoder, so the code z the
     * autoencoder reports is the encoder's output, as the Deep SVDD net (which has no BatchNorm1d) sees it.
     */
    NetworkSpec CIFAR_LENET = new CifarLeNet();

    /**
     * A ResNet-18-type encoder for 3x32x32 images, bias-free with BatchNorm without affine; see
     * {@link ResNet18} for the layers and why.
     */
    NetworkSpec RESNET18 = ResNet18.INSTANCE;

    /**
     * A bias-free multilayer perceptron for feature vectors of {@code inputDim} values (a CSV of
     * features, embeddings): linear layers of the given widths, each but the last followed by
     * BatchNorm (no affine) and LeakyReLU; the last width is rep_dim. The decoder mirrors it and ends
     * linear (feature values are not confined to [0, 1]).
     */
    static NetworkSpec mlp(int inputDim, int... widths) {
        return new Mlp(inputDim, widths);
    }

    /** The spec named {@code name}: "MNIST_LENET", "CIFAR_LENET", "RESNET18" or "mlp-D-w1-...-wk". */
    static NetworkSpec parse(String name) {
        if (name.equals(MNIST_LENET.name())) {
            return MNIST_LENET;
        }
        if (name.equals(CIFAR_LENET.name())) {
            return CIFAR_LENET;
        }
        if (name.equals(RESNET18.name())) {
            return RESNET18;
        }
        if (name.startsWith("mlp-")) {
            try {
                int[] v = Arrays.stream(name.substring(4).split("-"))
                        .mapToInt(Integer::parseInt)
                        .toArray();
                return mlp(v[0], Arrays.copyOfRange(v, 1, v.length));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("network name must be mlp-D-w1-...-wk, found '" + name + "'", e);
            }
        }
        throw new IllegalArgumentException(
                "network must be MNIST_LENET, CIFAR_LENET, RESNET18 or mlp-D-w1-...-wk, found '" + name
                        + "'; was the checkpoint made by a newer version?");
    }

    /** The identifier recorded in configs and checkpoints. */
    String name();

    /** A new, uninitialised encoder phi. */
    Block encoder();

    /** A new, uninitialised decoder from rep_dim back to the input shape. */
    Block decoder();

    int channels();

    /**
     * Images per forward pass when the network scores, embeds or reconstructs without gradients
     * ({@link Networks#map(ai.djl.nn.Block, ai.djl.ndarray.NDArray, int, java.util.function.Function)}):
     * DJL keeps every intermediate array of a batch until the batch ends, so this bounds the memory
     * of inference. {@link Networks#INFERENCE_BATCH} unless a network is wide enough to need fewer.
     */
    default int inferenceBatch() {
        return Networks.INFERENCE_BATCH;
    }

    /**
     * Images per training batch where a schedule is not given one (the library's config builders and
     * {@code bin/dsvdd}'s {@code --batch} and {@code --ae-batch}): {@link Networks#TRAINING_BATCH}, the
     * reference's, unless a network needs fewer to train within about 2 GB of memory. Autograd keeps
     * every activation of a batch until the backward pass, so a training's memory grows with its batch.
     */
    default int trainingBatch() {
        return Networks.TRAINING_BATCH;
    }

    /**
     * Whether each training phase ends by re-estimating the BatchNorm running statistics for the final
     * weights on the training data ({@link Networks#refreshBatchNorm}). The eval-mode network, which
     * computes c and every score, uses those statistics; during training they are an average over
     * recent batches of weights that kept changing. False (the reference's behaviour) unless a network
     * needs it: the ResNet-18's twenty BatchNorm layers do.
     */
    default boolean refreshesBatchNorm() {
        return false;
    }

    int height();

    int width();

    /** Dimension of the feature space, where the hypersphere lives. */
    int repDim();

    /** A new autoencoder made of {@link #encoder()} and {@link #decoder()}; its forward gives (x_hat, z). */
    default AutoencoderBlock autoencoder() {
        return new AutoencoderBlock(encoder(), decoder());
    }

    /** The shape of one batch of {@code n} inputs, (n, C, H, W). */
    default Shape inputShape(long n) {
        return new Shape(n, channels(), height(), width());
    }

    /** Checks that inputs of shape CxHxW fit this network, with an error that says what would. */
    default void checkInput(int c, int h, int w) {
        if (c != channels() || h != height() || w != width()) {
            throw new IllegalArgumentException(
                    "input shape must be " + channels() + "x" + height() + "x" + width() + " for network " + name()
                            + ", found " + c + "x" + h + "x" + w + "; pick the network spec made for this data set");
        }
    }

    /** The MNIST LeNet; see {@link NetworkSpec#MNIST_LENET}. */
    final class MnistLeNet implements NetworkSpec {
        private MnistLeNet() {}

        @Override
        public String name() {
            return "MNIST_LENET";
        }

        @Override
        public int channels() {
            return 1;
        }

        @Override
        public int height() {
            return 28;
        }

        @Override
        public int width() {
            return 28;
        }

        @Override
        public int repDim() {
            return 32;
        }

        @Override
        public Block encoder() {
            return new SequentialBlock()
                    // conv 8@5x5 pad 2 - BN - LeakyReLU - pool, computed as one space-to-depth stage
                    .add(Layers.convPoolStage(8, 5, 1 * 25))
                    // conv 4@5x5 pad 2 - BN - LeakyReLU - pool
                    .add(Layers.convPoolStage(4, 5, 8 * 25))
                    .add(Blocks.batchFlattenBlock())
                    .add(Layers.linear(32, 4 * 7 * 7));
        }

        @Override
        public Block decoder() {
            // Sizes: 4 -> (up) 8 -> 8 -> (up) 16 -> 14 -> (up) 28 -> 28. Each upsample + "deconv" pair is
            // one UpsampleConv2d: the same function and weights, without building the upsampled image.
            return new SequentialBlock()
                    .add(Layers.reshape(2, 4, 4))
                    .add(Layers.leakyRelu())
                    .add(Layers.upsampleTransposedConv(4, 5, 2))
                    .add(Layers.batchNorm())
                    .add(Layers.leakyRelu())
                    .add(Layers.upsampleTransposedConv(8, 5, 3))
                    .add(Layers.batchNorm())
                    .add(Layers.leakyRelu())
                    .add(Layers.upsampleTransposedConv(1, 5, 2))
                    .add(Layers.outputSigmoid()); // sigmoid; clamped logits keep denormal floats away
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** The CIFAR-10 LeNet; see {@link NetworkSpec#CIFAR_LENET}. */
    final class CifarLeNet extends ColourNet {
        private CifarLeNet() {}

        @Override
        public String name() {
            return "CIFAR_LENET";
        }

        @Override
        public Block encoder() {
            return new SequentialBlock()
                    .add(Layers.convPoolStage(32, 5, 3 * 25)) // 32x32 -> 16x16
                    .add(Layers.convPoolStage(64, 5, 32 * 25)) // -> 8x8
                    .add(Layers.convPoolStage(128, 5, 64 * 25)) // -> 4x4
                    .add(Blocks.batchFlattenBlock())
                    .add(Layers.linear(128, 128 * 4 * 4));
        }

        @Override
        public Block decoder() {
            // Sizes: 4 -> 4 -> (up) 8 -> 8 -> (up) 16 -> 16 -> (up) 32 -> 32
            return new SequentialBlock()
                    .add(Layers.batchNorm()) // the autoencoder's bn1d on the code
                    .add(Layers.reshape(8, 4, 4))
                    .add(Layers.leakyRelu())
                    .add(Layers.transposedConv(128, 5, 2))
                    .add(Layers.batchNorm())
                    .add(Layers.leakyRelu())
                    .add(Layers.upsampleTransposedConv(64, 5, 2))
                    .add(Layers.batchNorm())
                    .add(Layers.leakyRelu())
                    .add(Layers.upsampleTransposedConv(32, 5, 2))
                    .add(Layers.batchNorm())
                    .add(Layers.leakyRelu())
                    .add(Layers.upsampleTransposedConv(3, 5, 2))
                    .add(Layers.outputSigmoid());
        }
    }

    /** See {@link NetworkSpec#mlp(int, int...)}. */
    final class Mlp implements NetworkSpec {
        private final int inputDim;
        private final int[] widths;

        private Mlp(int inputDim, int[] widths) {
            if (inputDim < 1 || widths.length == 0 || Arrays.stream(widths).anyMatch(w -> w < 1)) {
                throw new IllegalArgumentException("mlp needs inputDim >= 1 and at least one width >= 1, found "
                        + inputDim + " and " + Arrays.toString(widths) + "; e.g. NetworkSpec.mlp(20, 16, 8)");
            }
            this.inputDim = inputDim;
            this.widths = widths.clone();
        }

        @Override
        public String name() {
            return "mlp-" + inputDim + "-"
                    + Arrays.stream(widths).mapToObj(Integer::toString).collect(Collectors.joining("-"));
        }

        @Override
        public int channels() {
            return 1;
        }

        @Override
        public int height() {
            return 1;
        }

        @Override
        public int width() {
            return inputDim;
        }

        @Override
        public int repDim() {
            return widths[widths.length - 1];
        }

        @Override
        public Block encoder() {
            SequentialBlock b = new SequentialBlock().add(Blocks.batchFlattenBlock());
            int fanIn = inputDim;
            for (int i = 0; i < widths.length; i++) {
                b.add(Layers.linear(widths[i], fanIn));
                if (i < widths.length - 1) {
                    b.add(Layers.batchNorm()).add(Layers.leakyRelu());
                }
                fanIn = widths[i];
            }
            return b;
        }

        @Override
        public Block decoder() {
            SequentialBlock b = new SequentialBlock();
            int fanIn = repDim();
            for (int i = widths.length - 2; i >= 0; i--) {
                b.add(Layers.leakyRelu()).add(Layers.linear(widths[i], fanIn)).add(Layers.batchNorm());
                fanIn = widths[i];
            }
            b.add(Layers.leakyRelu()).add(Layers.linear(inputDim, fanIn)).add(Layers.reshape(1, 1, inputDim));
            return b;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Mlp m && m.name().equals(name());
        }

        @Override
        public int hashCode() {
            return name().hashCode();
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
