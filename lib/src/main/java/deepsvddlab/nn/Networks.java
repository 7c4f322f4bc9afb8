package deepsvddlab.nn;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import deepsvddlab.detect.Inputs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** Creating, seeding, copying and running (eval mode, no gradients) the lab's networks. */
public final class Networks {
    private Networks() {}

    /** Batch size used for inference; large batches are faster and need no gradients. */
    public static final int INFERENCE_BATCH = 1000;

    /** The reference's training batch (Ruff et al.'s code, every phase): see {@link NetworkSpec#trainingBatch()}. */
    public static final int TRAINING_BATCH = 200;

    /** {@code net}'s training batch ({@link NetworkSpec#trainingBatch()}), or the reference's when net is null. */
    public static int trainingBatch(NetworkSpec net) {
        return net == null ? TRAINING_BATCH : net.trainingBatch();
    }

    /**
     * A new DJL model holding {@code block}, initialised for inputs of {@code spec} after seeding the
     * engine with {@code seed}, so that the same seed gives the same initial weights.
     */
    public static Model newModel(String name, Block block, NetworkSpec spec, long seed) {
        Engines.pytorch().setRandomSeed((int) seed);
        Model model = Model.newInstance(name, deepsvddlab.nn.Devices.current(), "PyTorch");
        model.setBlock(block);
        block.initialize(model.getNDManager(), DataType.FLOAT32, spec.inputShape(1));
        return model;
    }

    /**
     * Copies every parameter (weights and BatchNorm running statistics) of {@code from} into
     * {@code to}; both must have been built by the same code.
     */
    public static void copyParameters(Block from, Block to, NDManager manager) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                from.saveParameters(out);
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                to.loadParameters(manager, in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ai.djl.MalformedModelException e) {
            throw new IllegalArgumentException("the two blocks must have the same architecture: " + e.getMessage(), e);
        }
    }

    /** Number of elements of all parameters whose type is trainable (weights), per the given filter. */
    public static long countParameters(Block block, boolean trainableOnly) {
        long total = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (!trainableOnly || p.getValue().requiresGradient()) {
                total += p.getValue().getArray().size();
            }
        }
        return total;
    }

    /** "name:shape" of every parameter, to recognise a checkpoint of another architecture. */
    public static List<String> parameterSignature(Block block) {
        List<String> out = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            out.add(p.getKey() + ":" + p.getValue().getArray().getShape());
        }
        return out;
    }

    /** Running-statistics updates a BatchNorm refresh makes: what is left of the old ones is 0.9^50 = 0.5%. */
    public static final int BATCH_NORM_REFRESH_UPDATES = 50;

    /**
     * Re-estimates the BatchNorm running statistics of {@code block} for its current weights: forward
     * passes in training mode, without gradients, over {@code data} in order, {@code batch} rows at a
     * time, until every BatchNorm layer has made {@link #BATCH_NORM_REFRESH_UPDATES} updates (DJL's
     * momentum 0.9, PyTorch's 0.1). The statistics then average the batch statistics of these
     * weights over the data, as PyTorch's {@code torch.optim.swa_utils.update_bn} does; the weights
     * do not change. Deterministic: no shuffling.
     */
    public static void refreshBatchNorm(Block block, NDArray data, int batch) {
        long perPass = batch < 1 ? 1 : (data.getShape().get(0) + batch - 1) / batch;
        int passes = (int) ((BATCH_NORM_REFRESH_UPDATES + perPass - 1) / perPass);
        forEachBatch(block, data, batch, true, passes, "re-estimating the BatchNorm statistics", b -> {});
    }

    /**
     * Runs {@code block} in eval mode over {@code data} in batches and collects
     * {@code perBatch(outputs, batch)} (a 1-D or 2-D array per batch) as floats, row after row.
     */
    public static float[] map(Block block, NDArray data, Function<Batch, NDArray> perBatch) {
        return map(block, data, INFERENCE_BATCH, perBatch);
    }

    /**
     * As {@link #map(Block, NDArray, Function)} with {@code batch} images per forward pass (see
     * {@link NetworkSpec#inferenceBatch()}: every intermediate array of a batch lives until the
     * batch ends, so a wide network needs smaller batches).
     */
    public static float[] map(Block block, NDArray data, int batch, Function<Batch, NDArray> perBatch) {
        List<float[]> parts = new ArrayList<>();
        forEachBatch(
                block,
                data,
                batch,
                false,
                1,
                "running the network",
                b -> parts.add(perBatch.apply(b).toFloatArray()));
        float[] all = new float[parts.stream().mapToInt(p -> p.length).sum()];
        int pos = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, pos, p.length);
            pos += p.length;
        }
        return all;
    }

    /**
     * The batch loop of {@link #map} and {@link #refreshBatchNorm}: {@code passes} passes over {@code
     * data} in order, {@code batch} rows per forward pass in training or eval mode, each batch in its
     * own NDManager scope and holding a compute slot, interruptible between batches ({@code what}
     * names the work in the message).
     */
    private static void forEachBatch(
            Block block, NDArray data, int batch, boolean training, int passes, String what, Consumer<Batch> each) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, found " + batch);
        }
        long n = data.getShape().get(0);
        long mark = Interrupts.mark();
        try (Interrupts.Work work = Interrupts.begin();
                NDManager scope = data.getManager().newSubManager()) {
            ParameterStore store = new ParameterStore(scope, false);
            for (int pass = 0; pass < passes; pass++) {
                for (long start = 0; start < n; start += batch) {
                    long stop = Math.min(n, start + batch);
                    long from = start;
                    Interrupts.check(mark, () -> what + ", before row " + (from + 1) + " of " + n);
                    try (ComputeSlots.Lease slot = ComputeSlots.acquire();
                            NDManager batchScope = scope.newSubManager()) {
                        NDArray x = data.get(batchScope, new NDIndex("{}:{}", start, stop));
                        each.accept(new Batch(x, block.forward(store, new NDList(x), training)));
                    }
                }
            }
        }
    }

    /** One inference batch: the inputs and the block's outputs. */
    public record Batch(NDArray input, NDList output) {}

    /** Reshapes a flat row-major array into {@code rows} rows. */
    public static float[][] rows(float[] flat, int rows) {
        int cols = rows == 0 ? 0 : flat.length / rows;
        float[][] out = new float[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, out[i], 0, cols);
        }
        return out;
    }

    /**
     * Rows of flattened C*H*W values (as {@code ImageSet.toMatrix()} gives them) as one (N, C, H, W)
     * array of {@code manager}, checked as every detector's input is ({@link Inputs#checkMatrix}).
     *
     * @param name the argument's name for error messages
     */
    public static NDArray toInput(NDManager manager, NetworkSpec net, String name, float[][] rows) {
        int d = net.channels() * net.height() * net.width();
        Inputs.checkMatrix(name, rows, d);
        float[] flat = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return manager.create(flat, net.inputShape(rows.length));
    }
}
