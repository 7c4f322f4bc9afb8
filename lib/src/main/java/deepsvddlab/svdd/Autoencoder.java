package deepsvddlab.svdd;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.Trainer;
import deepsvddlab.io.Json;
import deepsvddlab.nn.AutoencoderBlock;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.nn.Networks;
import deepsvddlab.train.EpochLoop;
import deepsvddlab.train.History;
import deepsvddlab.train.OptimConfig;
import deepsvddlab.train.ProgressListener;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A convolutional autoencoder pretrained on the training normals; its encoder initialises the Deep
 * SVDD network and gives the center c (Ruff et al. 2018, Section 4). The loss is the reference's:
 * per sample the <em>sum</em> of squared pixel errors, averaged over the batch.
 */
public final class Autoencoder implements deepsvddlab.detect.FittedDetector, AutoCloseable {
    /** Phase name in progress reports and histories. */
    public static final String PHASE = "pretrain";

    private static final String OUTLIERS = "outliers.bin";

    private final NetworkSpec network;
    private final Model model;
    private final AutoencoderBlock block;
    private final History history;
    private final float[][] outliers;

    Autoencoder(NetworkSpec network, Model model, History history) {
        this(network, model, history, null);
    }

    Autoencoder(NetworkSpec network, Model model, History history, float[][] outliers) {
        this.network = network;
        this.model = model;
        this.block = (AutoencoderBlock) model.getBlock();
        this.history = history;
        this.outliers = outliers;
    }

    /**
     * Pretrains the autoencoder a config asks for: the plain one with {@code rcae == null}, else the
     * robust one ({@link Rcae#pretrain}).
     */
    public static Autoencoder pretrain(
            NetworkSpec network,
            NDArray data,
            OptimConfig config,
            RcaeConfig rcae,
            long seed,
            ProgressListener listener,
            BooleanSupplier stop) {
        return rcae == null
                ? pretrain(network, data, config, seed, listener, stop)
                : Rcae.pretrain(network, data, config, rcae, seed, listener, stop);
    }

    /**
     * Pretrains a new autoencoder of {@code network} on {@code data} (N, C, H, W), values in [0, 1]
     * as the sigmoid output expects.
     */
    public static Autoencoder pretrain(
            NetworkSpec network,
            NDArray data,
            OptimConfig config,
            long seed,
            ProgressListener listener,
            BooleanSupplier stop) {
        checkData(network, data);
        return train(network, data, config, seed, model -> EpochLoop.EpochEnd.none(), () -> null, listener, stop);
    }

    /**
     * A new autoencoder of {@code network} trained on {@code target} (input and target of the
     * reconstruction loss), with the epoch hook {@code end} made for its model (RCAE updates N there);
     * {@code outliers} gives what the autoencoder records as its N when training is over.
     */
    static Autoencoder train(
            NetworkSpec network,
            NDArray target,
            OptimConfig config,
            long seed,
            java.util.function.Function<Model, EpochLoop.EpochEnd> end,
            java.util.function.Supplier<float[][]> outliers,
            ProgressListener listener,
            BooleanSupplier stop) {
        Model model = Networks.newModel("autoencoder", network.autoencoder(), network, seed);
        try {
            History h = EpochLoop.run(
                    PHASE,
                    model,
                    target,
                    config,
                    seed,
                    Autoencoder::reconstructionLoss,
                    end.apply(model),
                    listener,
                    stop);
            if (network.refreshesBatchNorm() && !h.stoppedEarly()) {
                Networks.refreshBatchNorm(model.getBlock(), target, config.batchSize());
            }
            return new Autoencoder(network, model, h, outliers.get());
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    static EpochLoop.Losses reconstructionLoss(Trainer trainer, NDArray x, int epoch) {
        NDArray xHat = trainer.forward(new NDList(x)).get(0);
        return EpochLoop.Losses.of(sampleErrors(xHat, x).mean());
    }

    /** Per sample sum of squared errors, shape (N). */
    static NDArray sampleErrors(NDArray xHat, NDArray x) {
        NDArray sq = xHat.sub(x).square();
        return sq.reshape(sq.getShape().get(0), -1).sum(new int[] {1});
    }

    static void checkData(NetworkSpec network, NDArray data) {
        if (data == null) {
            throw new IllegalArgumentException(
                    "data must be an NDArray of shape (N, C, H, W), found null;" + " use ImageSet.toNDArray(manager)");
        }
        if (data.getShape().dimension() != 4) {
            throw new IllegalArgumentException("data must have shape (N, C, H, W), found " + data.getShape()
                    + "; use ImageSet.toNDArray(manager)");
        }
        network.checkInput((int) data.getShape().get(1), (int) data.getShape().get(2), (int)
                data.getShape().get(3));
    }

    /** The detector contract: reconstruction errors of flattened rows; higher = more anomalous. */
    @Override
    public double[] score(float[][] rows) {
        try (ai.djl.ndarray.NDManager manager = model.getNDManager().newSubManager()) {
            return reconstructionErrors(Networks.toInput(manager, network, "rows", rows));
        }
    }

    @Override
    public String name() {
        return "AE reconstruction error";
    }

    @Override
    public Map<String, Object> params() {
        return describe();
    }

    /** Per-sample reconstruction error (sum of squared pixel errors). */
    public double[] reconstructionErrors(NDArray data) {
        float[] e = Networks.map(
                block,
                data,
                network.inferenceBatch(),
                b -> sampleErrors(b.output().get(0), b.input()));
        double[] out = new double[e.length];
        for (int i = 0; i < e.length; i++) {
            out[i] = e[i];
        }
        return out;
    }

    /** Reconstructions, one flattened image per row. */
    public float[][] reconstruct(NDArray data) {
        return Networks.rows(
                Networks.map(
                        block, data, network.inferenceBatch(), b -> b.output().get(0)),
                (int) data.getShape().get(0));
    }

    /** Latent codes z = encoder(x), one row per input. */
    public float[][] encode(NDArray data) {
        return Networks.rows(
                Networks.map(
                        block, data, network.inferenceBatch(), b -> b.output().get(1)),
                (int) data.getShape().get(0));
    }

    public NetworkSpec network() {
        return network;
    }

    public AutoencoderBlock block() {
        return block;
    }

    public Model model() {
        return model;
    }

    public History history() {
        return history;
    }

    /**
     * RCAE's outlier matrix N on its training images, one row of C*H*W values per image (what the
     * robust autoencoder did not have to reconstruct); null for a plain autoencoder.
     */
    public float[][] outliers() {
        return outliers;
    }

    /** ||N_i||_1 per training image (large where RCAE took the image for an outlier); null for a plain autoencoder. */
    public double[] outlierNorms() {
        if (outliers == null) {
            return null;
        }
        double[] out = new double[outliers.length];
        for (int i = 0; i < outliers.length; i++) {
            for (float v : outliers[i]) {
                out[i] += Math.abs(v);
            }
        }
        return out;
    }

    /**
     * Saves the autoencoder into folder {@code dir}: {@code autoencoder.params} and
     * {@code autoencoder.json} (network, parameter signature, epochs), written atomically, json last.
     */
    public java.nio.file.Path save(java.nio.file.Path dir) {
        deepsvddlab.io.AtomicFiles.write(dir.resolve("autoencoder.params"), out -> {
            java.io.DataOutputStream dos = new java.io.DataOutputStream(new java.io.BufferedOutputStream(out));
            block.saveParameters(dos);
            dos.flush();
        });
        history.writeCsv(dir.resolve("history.csv"));
        if (outliers != null) {
            deepsvddlab.io.AtomicFiles.write(dir.resolve(OUTLIERS), out -> {
                java.io.DataOutputStream dos = new java.io.DataOutputStream(new java.io.BufferedOutputStream(out));
                dos.writeInt(outliers.length);
                dos.writeInt(outliers.length == 0 ? 0 : outliers[0].length);
                for (float[] row : outliers) {
                    for (float v : row) {
                        dos.writeFloat(v);
                    }
                }
                dos.flush();
            });
        }
        Map<String, Object> meta = new java.util.LinkedHashMap<>();
        meta.put("network", network.name());
        meta.put("epochs", history.records().size());
        meta.put("parameters", Networks.parameterSignature(block));
        meta.put("rcae", outliers != null);
        Json.write(dir.resolve("autoencoder.json"), meta);
        return dir;
    }

    /**
     * Loads an autoencoder saved by {@link #save}, with its training history (so a lesson can show
     * the pretraining loss of a cached autoencoder); null when the folder holds no finished save.
     */
    public static Autoencoder loadIfPresent(java.nio.file.Path dir) {
        java.nio.file.Path meta = dir.resolve("autoencoder.json");
        if (!java.nio.file.Files.isRegularFile(meta)) {
            return null;
        }
        NetworkSpec net;
        boolean robust;
        try {
            com.google.gson.JsonObject m = Json.read(meta);
            net = NetworkSpec.parse(m.get("network").getAsString());
            robust = m.has("rcae") && m.get("rcae").getAsBoolean();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "autoencoder checkpoint " + meta + " must name its network, found a" + " damaged file (" + e
                            + "); delete the folder to pretrain again",
                    e);
        }
        Model model = Networks.newModel("autoencoder", net.autoencoder(), net, 0);
        try (java.io.InputStream in = new java.io.BufferedInputStream(
                java.nio.file.Files.newInputStream(dir.resolve("autoencoder.params")))) {
            model.getBlock().loadParameters(model.getNDManager(), new java.io.DataInputStream(in));
            java.nio.file.Path csv = dir.resolve("history.csv");
            History history = java.nio.file.Files.isRegularFile(csv)
                    ? History.fromCsv(java.nio.file.Files.readString(csv), csv.toString())
                    : new History();
            return new Autoencoder(net, model, history, robust ? readOutliers(dir.resolve(OUTLIERS)) : null);
        } catch (java.io.IOException | ai.djl.MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalArgumentException(
                    "autoencoder checkpoint " + dir + " must match network " + net.name() + ", found: " + e.getMessage()
                            + "; delete the folder to pretrain again",
                    e);
        }
    }

    private static float[][] readOutliers(java.nio.file.Path file) throws java.io.IOException {
        try (java.io.DataInputStream in = new java.io.DataInputStream(
                new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file)))) {
            int rows = in.readInt();
            int cols = in.readInt();
            long expected = 8L + 4L * rows * cols;
            if (rows < 0 || cols < 0 || java.nio.file.Files.size(file) != expected) {
                throw new java.io.IOException(file + " must hold " + expected + " bytes for " + rows + " x " + cols
                        + " floats, found " + java.nio.file.Files.size(file));
            }
            float[][] n = new float[rows][cols];
            for (float[] row : n) {
                for (int j = 0; j < cols; j++) {
                    row[j] = in.readFloat();
                }
            }
            return n;
        }
    }

    /**
     * Checks that this autoencoder is of the kind a config asks for: robust (RCAE) when
     * {@code rcae} is set, plain otherwise.
     */
    public void checkKind(RcaeConfig rcae) {
        if ((rcae != null) != (outliers != null)) {
            throw new IllegalArgumentException("pretrained autoencoder must be "
                    + (rcae != null
                            ? "an RCAE (the config asks for " + rcae + ")"
                            : "a plain one (the config has no rcae)")
                    + ", found " + (outliers != null ? "an RCAE" : "a plain autoencoder")
                    + "; pretrain it with Autoencoder.pretrain(network, data, schedule, config.rcae(), seed, ...)");
        }
    }

    /** A summary for run records. */
    public Map<String, Object> describe() {
        return outliers == null
                ? Map.of("network", network.name(), "epochs", history.records().size())
                : Map.of("network", network.name(), "epochs", history.records().size(), "rcae", true);
    }

    @Override
    public void close() {
        model.close();
    }
}
