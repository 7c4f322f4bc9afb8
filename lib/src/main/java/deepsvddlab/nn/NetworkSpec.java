package deepsvddlab.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;

/**
 * A network family for Deep SVDD: an encoder phi(x; W) into a rep_dim-dimensional feature space and
 * the matching autoencoder (the same encoder, built by the same code, plus a decoder), as in
 * Ruff et al., "Deep One-Class Classification", ICML 2018. New architectures (CIFAR-10 LeNet,
 * ResNet-type encoders) are added as new constants.
 */
public enum NetworkSpec {
    /**
     * LeNet-type net for 1x28x28 images (MNIST, Fashion-MNIST): conv 8@5x5 - BN - LeakyReLU - pool,
     * conv 4@5x5 - BN - LeakyReLU - pool, linear 196 -> 32; no bias.
     */
    MNIST_LENET(1, 28, 28, 32) {
        @Override
        public Block encoder() {
            return new SequentialBlock()
                    .add(Layers.conv(8, 5, 2, 1 * 25))
                    .add(Layers.batchNorm())
                    .add(Layers.leakyRelu())
                    .add(Layers.maxPool2())
                    .add(Layers.conv(4, 5, 2, 8 * 25))
                    .add(Layers.batchNorm())
                    .add(Layers.leakyRelu())
                    .add(Layers.maxPool2())
                    .add(Blocks.batchFlattenBlock())
                    .add(Layers.linear(32, 4 * 7 * 7));
        }

        @Override
        public Block decoder() {
            // Reference: view(N, 2, 4, 4) -> interpolate(leaky_relu(x)) -> deconv1 4@5x5 pad 2 -> BN ->
            // leaky_relu -> interpolate -> deconv2 8@5x5 pad 3 -> BN -> leaky_relu -> interpolate ->
            // deconv3 1@5x5 pad 2 -> sigmoid. Sizes: 4 -> 8 -> 8 -> 16 -> 14 -> 28 -> 28.
            return new SequentialBlock()
                    .add(Layers.reshape(2, 4, 4))
                    .add(Layers.leakyRelu())
                    .add(Layers.upsample2())
                    .add(Layers.transposedConv(4, 5, 2))
                    .add(Layers.batchNorm())
                    .add(Layers.leakyRelu())
                    .add(Layers.upsample2())
                    .add(Layers.transposedConv(8, 5, 3))
                    .add(Layers.batchNorm())
                    .add(Layers.leakyRelu())
                    .add(Layers.upsample2())
                    .add(Layers.transposedConv(1, 5, 2))
                    .add(Layers.sigmoid());
        }
    };

    private final int channels;
    private final int height;
    private final int width;
    private final int repDim;

    NetworkSpec(int channels, int height, int width, int repDim) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.repDim = repDim;
    }

    /** A new, uninitialised encoder phi. */
    public abstract Block encoder();

    /** A new, uninitialised decoder from rep_dim back to the input shape. */
    public abstract Block decoder();

    /** A new autoencoder made of {@link #encoder()} and {@link #decoder()}; its forward gives (x_hat, z). */
    public AutoencoderBlock autoencoder() {
        return new AutoencoderBlock(encoder(), decoder());
    }

    /** The shape of one batch of {@code n} inputs, (n, C, H, W). */
    public Shape inputShape(long n) {
        return new Shape(n, channels, height, width);
    }

    public int channels() { return channels; }
    public int height() { return height; }
    public int width() { return width; }
    /** Dimension of the feature space, where the hypersphere lives. */
    public int repDim() { return repDim; }

    /** Checks that images of shape CxHxW fit this network, with an error that says what would. */
    public void checkInput(int c, int h, int w) {
        if (c != channels || h != height || w != width) {
            throw new IllegalArgumentException(
                    "input shape must be " + channels + "x" + height + "x" + width + " for network " + name()
                            + ", found " + c + "x" + h + "x" + w
                            + "; pick the network spec made for this data set");
        }
    }
}
