package deepsvddlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** The decoder's clamped output sigmoid against the plain sigmoid. */
class LayersTest {

    @Test
    void outputSigmoidIsTheSigmoidExceptBeyondTheLogitBound() {
        Engines.pytorch();
        try (NDManager mgr = NDManager.newBaseManager()) {
            float[] logits = {-200f, -90f, -30.5f, -30f, -12f, -1f, 0f, 0.5f, 7f, 29f, 31f, 120f};
            Block b = Layers.outputSigmoid();
            b.initialize(mgr, DataType.FLOAT32, new Shape(logits.length));
            NDArray out = b.forward(new ParameterStore(mgr, false), new NDList(mgr.create(logits)), false)
                    .singletonOrThrow();
            float[] v = out.toFloatArray();
            double floor = 1 / (1 + Math.exp(30));
            for (int i = 0; i < logits.length; i++) {
                double clamped = Math.max(-30, Math.min(30, logits[i]));
                double expected = 1 / (1 + Math.exp(-clamped));
                assertEquals(expected, v[i], 1e-6 * Math.max(expected, 1e-13), "logit " + logits[i]);
                assertTrue(v[i] >= floor * 0.999, "no output below sigmoid(-30), so no denormal floats: " + v[i]);
            }
        }
    }
}
