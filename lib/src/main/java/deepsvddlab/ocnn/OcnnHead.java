package deepsvddlab.ocnn;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import deepsvddlab.nn.Layers;
import deepsvddlab.nn.Networks;
import deepsvddlab.ocnn.OcnnConfig.Activation;

/**
 * The one-class head y(z) = &lt;w, g(V z)&gt;: bias-free Linear(hidden) (V), g, bias-free Linear(1) (w),
 * as in the paper (no bias in V or w); PyTorch's default initialisation ({@link Layers#linear}).
 */
final class OcnnHead {
    private OcnnHead() {}

    static Block block(int inputDim, int hidden, Activation activation) {
        SequentialBlock b = new SequentialBlock().add(Layers.linear(hidden, inputDim));
        if (activation == Activation.SIGMOID) {
            b.add(Layers.sigmoid());
        }
        return b.add(Layers.linear(1, hidden));
    }

    /** A DJL model holding a new head for {@code inputDim} features, initialised after seeding with {@code seed}. */
    static Model newModel(int inputDim, int hidden, Activation activation, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        Model model = Model.newInstance("ocnn", deepsvddlab.nn.Devices.current(), "PyTorch");
        Block block = block(inputDim, hidden, activation);
        model.setBlock(block);
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, inputDim));
        return model;
    }

    /** V, shape (hidden, inputDim). */
    static NDArray v(Block head) {
        return head.getChildren().values().get(0).getParameters().valueAt(0).getArray();
    }

    /** w, shape (1, hidden). */
    static NDArray w(Block head) {
        var children = head.getChildren().values();
        return children.get(children.size() - 1).getParameters().valueAt(0).getArray();
    }

    /** y for each row of {@code z} (N, inputDim), in eval mode, without gradients. */
    static double[] outputs(Block head, NDArray z) {
        float[] y = Networks.map(head, z, b -> b.output().singletonOrThrow());
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i];
        }
        return out;
    }
}
