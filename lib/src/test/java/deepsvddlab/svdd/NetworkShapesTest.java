package deepsvddlab.svdd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.nn.Networks;
import org.junit.jupiter.api.Test;

/** Layer by layer against the reference MNIST_LeNet / MNIST_LeNet_Autoencoder definitions. */
class NetworkShapesTest {
    @Test
    void mnistLeNetEncoderMatchesReference() {
        NetworkSpec net = NetworkSpec.MNIST_LENET;
        try (Model m = Networks.newModel("enc", net.encoder(), net, 0)) {
            // conv1 8x1x5x5 = 200, conv2 4x8x5x5 = 800, fc 32x196 = 6272; no bias anywhere.
            assertEquals(200 + 800 + 6272, Networks.countParameters(m.getBlock(), true));
            for (String sig : Networks.parameterSignature(m.getBlock())) {
                assertTrue(
                        !sig.contains("bias") || sig.contains("batchNorm") || sig.contains("BatchNorm"),
                        "no conv/linear bias expected, found " + sig);
            }
            Shape out = m.getBlock().getOutputShapes(new Shape[] {net.inputShape(5)})[0];
            assertEquals(new Shape(5, 32), out);
        }
    }

    @Test
    void mnistLeNetAutoencoderMatchesReference() {
        NetworkSpec net = NetworkSpec.MNIST_LENET;
        try (Model m = Networks.newModel("ae", net.autoencoder(), net, 0);
                NDManager mgr = NDManager.newBaseManager()) {
            // encoder 7272 + deconv1 2x4x5x5 = 200, deconv2 4x8x5x5 = 800, deconv3 8x1x5x5 = 200.
            assertEquals(7272 + 200 + 800 + 200, Networks.countParameters(m.getBlock(), true));
            NDArray x = mgr.randomUniform(0, 1, net.inputShape(3));
            NDList out = m.getBlock().forward(new ParameterStore(mgr, false), new NDList(x), false);
            assertEquals(new Shape(3, 1, 28, 28), out.get(0).getShape());
            assertEquals(new Shape(3, 32), out.get(1).getShape());
            float[] v = out.get(0).toFloatArray();
            for (float f : v) {
                assertTrue(f > 0 && f < 1, "sigmoid output expected in (0,1), found " + f);
            }
        }
    }

    @Test
    void wrongInputShapeIsExplained() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> NetworkSpec.MNIST_LENET.checkInput(3, 32, 32));
        assertTrue(e.getMessage().contains("1x28x28"), e.getMessage());
    }
}
