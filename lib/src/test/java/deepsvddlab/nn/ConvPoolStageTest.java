package deepsvddlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ConvPoolStage} against its definition, the four plain layers conv - BatchNorm - LeakyReLU -
 * max pool: outputs in training and eval mode, gradients for the input and the weight, and the
 * BatchNorm running statistics after a training step.
 */
class ConvPoolStageTest {

    @Test
    void matchesConvBatchNormLeakyReluMaxPool() {
        Engines.pytorch();
        // filters, channels, height, width, kernel
        int[][] cases = {
            {8, 1, 28, 28, 5}, // MNIST LeNet stage 1
            {4, 8, 14, 14, 5}, // stage 2
            {3, 2, 6, 10, 3},
            {2, 3, 8, 4, 7},
            {2, 2, 4, 4, 1},
        };
        for (int[] c : cases) {
            check(c[0], c[1], c[2], c[3], c[4]);
        }
    }

    private static void check(int filters, int channels, int h, int w, int kernel) {
        String what = "filters " + filters + ", channels " + channels + ", input " + h + "x" + w + ", kernel " + kernel;
        Engine.getInstance().setRandomSeed(filters * 100 + channels * 10 + kernel);
        try (NDManager mgr = NDManager.newBaseManager()) {
            Shape in = new Shape(6, channels, h, w);
            ConvPoolStage stage = new ConvPoolStage(filters, kernel, channels * kernel * kernel);
            stage.initialize(mgr, DataType.FLOAT32, in);
            Block plain = new SequentialBlock()
                    .add(Layers.conv(filters, kernel, (kernel - 1) / 2, channels * kernel * kernel))
                    .add(Layers.batchNorm())
                    .add(Layers.leakyRelu())
                    .add(Layers.maxPool2());
            plain.initialize(mgr, DataType.FLOAT32, in);
            NDArray weight = stage.getParameters().get("weight").getArray();
            assertEquals(new Shape(filters, channels, kernel, kernel), weight.getShape(), what);
            NDArray plainWeight = parameter(plain, "weight");
            plainWeight.set(weight.toFloatArray());

            NDArray x1 = mgr.randomNormal(in).mul(2).add(0.5);
            NDArray x2 = x1.duplicate();
            x1.setRequiresGradient(true);
            x2.setRequiresGradient(true);
            NDArray fast;
            NDArray slow;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                fast = stage.forward(new ParameterStore(mgr, false), new NDList(x1), true)
                        .singletonOrThrow();
                slow = plain.forward(new ParameterStore(mgr, false), new NDList(x2), true)
                        .singletonOrThrow();
                assertEquals(slow.getShape(), fast.getShape(), what);
                assertEquals(stage.getOutputShapes(new Shape[] {in})[0], fast.getShape(), what);
                NDArray g = mgr.randomNormal(slow.getShape());
                gc.backward(fast.mul(g).sum().add(slow.mul(g).sum()));
            }
            assertClose(slow, fast, "training output, " + what);
            assertClose(x2.getGradient(), x1.getGradient(), "input gradient, " + what);
            assertClose(plainWeight.getGradient(), weight.getGradient(), "weight gradient, " + what);
            assertClose(parameter(plain, "runningMean"), parameter(stage, "runningMean"), "running mean, " + what);
            assertClose(parameter(plain, "runningVar"), parameter(stage, "runningVar"), "running var, " + what);

            NDArray x3 = mgr.randomNormal(in);
            NDArray evalFast = stage.forward(new ParameterStore(mgr, false), new NDList(x3), false)
                    .singletonOrThrow();
            NDArray evalSlow = plain.forward(new ParameterStore(mgr, false), new NDList(x3), false)
                    .singletonOrThrow();
            assertClose(evalSlow, evalFast, "eval output, " + what);
        }
    }

    private static NDArray parameter(Block block, String suffix) {
        List<Pair<String, Parameter>> found = block.getParameters().stream()
                .filter(p -> p.getKey().endsWith(suffix))
                .toList();
        assertEquals(
                1,
                found.size(),
                "one parameter ending in " + suffix + " in "
                        + block.getParameters().keys());
        return found.get(0).getValue().getArray();
    }

    private static void assertClose(NDArray expected, NDArray actual, String what) {
        ArrayAsserts.assertClose(expected, actual, 2e-5, what);
    }

    @Test
    void rejectsEvenKernelsAndOddImages() {
        assertThrows(IllegalArgumentException.class, () -> new ConvPoolStage(1, 4, 16));
        Engines.pytorch();
        try (NDManager mgr = NDManager.newBaseManager()) {
            ConvPoolStage stage = new ConvPoolStage(2, 3, 9);
            stage.initialize(mgr, DataType.FLOAT32, new Shape(2, 1, 6, 6));
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> stage.forward(
                            new ParameterStore(mgr, false), new NDList(mgr.zeros(new Shape(2, 1, 5, 6))), false));
            assertTrue(e.getMessage().contains("even"), e.getMessage());
        }
    }
}
