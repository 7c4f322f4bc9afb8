package deepsvddlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/**
 * The CIFAR-10 LeNet against the reference's definitions (Ruff et al.'s CIFAR10_LeNet and
 * CIFAR10_LeNet_Autoencoder): shapes, trainable parameter counts, no bias anywhere.
 */
class CifarLeNetTest {
    @Test
    void shapesAndParameterCountsMatchTheReference() {
        NetworkSpec net = NetworkSpec.CIFAR_LENET;
        assertEquals(net, NetworkSpec.parse("CIFAR_LENET"));
        try (Model ae = Networks.newModel("ae", net.autoencoder(), net, 0);
                NDManager m = NDManager.newBaseManager()) {
            NDList out = ae.getBlock()
                    .forward(new ParameterStore(m, false), new NDList(m.randomUniform(0, 1, net.inputShape(5))), false);
            assertEquals(new Shape(5, 3, 32, 32), out.get(0).getShape(), "reconstruction");
            assertEquals(new Shape(5, 128), out.get(1).getShape(), "code z: rep_dim 128");
            AutoencoderBlock block = (AutoencoderBlock) ae.getBlock();
            // conv1 3*32*25 + conv2 32*64*25 + conv3 64*128*25 + fc1 2048*128 (bias-free, BN without affine)
            assertEquals(2400 + 51200 + 204800 + 262144, Networks.countParameters(block.encoder(), true));
            // deconv1 8*128*25 + deconv2 128*64*25 + deconv3 64*32*25 + deconv4 32*3*25
            assertEquals(25600 + 204800 + 51200 + 2400, Networks.countParameters(block.decoder(), true));
            for (var p : block.getParameters()) {
                assertTrue(!p.getKey().contains("bias") || !p.getValue().requiresGradient(), p.getKey() + " is a bias");
            }
            float[] px = out.get(0).toFloatArray();
            for (float v : px) {
                assertTrue(v > 0 && v < 1, "the sigmoid output lies in (0, 1): " + v);
            }
        }
    }

    @Test
    void greyImagesAreRefusedNamingBothShapes() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> NetworkSpec.CIFAR_LENET.checkInput(1, 28, 28));
        assertTrue(
                e.getMessage().contains("input shape must be 3x32x32 for network CIFAR_LENET, found 1x28x28"),
                e.getMessage());
    }
}
