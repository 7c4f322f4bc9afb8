package deepsvddlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/**
 * {@link UpsampleConv2d} against its definition: nearest x2 upsampling, then a plain convolution
 * with the same weight. Outputs and both gradients (input and weight) must agree, for the three
 * decoder geometries of the MNIST LeNet autoencoder and for other kernels, paddings and shapes.
 */
class UpsampleConv2dTest {

    @Test
    void matchesUpsampleThenConvolutionIncludingGradients() {
        Engines.pytorch();
        // filters, channels, height, width, kernel, padding (on the upsampled image)
        int[][] cases = {
            {4, 2, 4, 4, 5, 2}, // decoder layer 1: (2,4,4) -> (4,8,8)
            {8, 4, 8, 8, 5, 1}, // decoder layer 2: (4,8,8) -> (8,14,14)
            {1, 8, 14, 14, 5, 2}, // decoder layer 3: (8,14,14) -> (1,28,28)
            {3, 2, 5, 7, 3, 0},
            {2, 3, 6, 4, 3, 1},
            {2, 1, 3, 5, 3, 2},
            {5, 2, 4, 6, 5, 4},
            {2, 2, 6, 6, 7, 3},
            {1, 1, 1, 1, 1, 0},
        };
        for (int[] c : cases) {
            check(c[0], c[1], c[2], c[3], c[4], c[5]);
        }
    }

    private static void check(int filters, int channels, int h, int w, int kernel, int padding) {
        String what = "filters " + filters + ", channels " + channels + ", input " + h + "x" + w + ", kernel " + kernel
                + ", padding " + padding;
        Engine.getInstance().setRandomSeed(filters * 1000 + channels * 100 + h * 10 + kernel);
        try (NDManager mgr = NDManager.newBaseManager()) {
            UpsampleConv2d block = new UpsampleConv2d(filters, kernel, padding, filters * kernel * kernel);
            Shape in = new Shape(3, channels, h, w);
            block.initialize(mgr, DataType.FLOAT32, in);
            NDArray weight = block.getParameters().get("weight").getArray();
            assertEquals(new Shape(filters, channels, kernel, kernel), weight.getShape(), what);

            NDArray x1 = mgr.randomNormal(in);
            NDArray x2 = x1.duplicate();
            NDArray w2 = weight.duplicate();
            x1.setRequiresGradient(true);
            x2.setRequiresGradient(true);
            w2.setRequiresGradient(true);
            NDArray fast;
            NDArray slow;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                fast = block.forward(new ParameterStore(mgr, false), new NDList(x1), true)
                        .singletonOrThrow();
                NDArray up = x2.getNDArrayInternal().interpolation(new long[] {2L * h, 2L * w}, 0, false);
                slow = Conv2d.conv2d(up, w2, null, new Shape(1, 1), new Shape(padding, padding))
                        .singletonOrThrow();
                assertEquals(slow.getShape(), fast.getShape(), what);
                assertEquals(block.getOutputShapes(new Shape[] {in})[0], fast.getShape(), what);
                NDArray g = mgr.randomNormal(slow.getShape());
                gc.backward(fast.mul(g).sum().add(slow.mul(g).sum()));
            }
            assertClose(slow, fast, "output, " + what);
            assertClose(x2.getGradient(), x1.getGradient(), "input gradient, " + what);
            assertClose(w2.getGradient(), weight.getGradient(), "weight gradient, " + what);
        }
    }

    private static void assertClose(NDArray expected, NDArray actual, String what) {
        ArrayAsserts.assertClose(expected, actual, 1e-5, what);
    }

    @Test
    void rejectsEvenKernelsAndOutOfRangePadding() {
        assertThrows(IllegalArgumentException.class, () -> new UpsampleConv2d(1, 4, 1, 16));
        assertThrows(IllegalArgumentException.class, () -> new UpsampleConv2d(1, 5, 5, 25));
        assertThrows(IllegalArgumentException.class, () -> new UpsampleConv2d(1, 5, -1, 25));
    }
}
