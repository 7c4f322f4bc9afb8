package deepsvddlab.ocnn;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.google.gson.JsonObject;
import deepsvddlab.detect.FittedDetector;
import deepsvddlab.detect.Inputs;
import deepsvddlab.io.AtomicFiles;
import deepsvddlab.io.Json;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.nn.Networks;
import deepsvddlab.ocnn.OcnnConfig.Features;
import deepsvddlab.train.History;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted One-Class Neural Network (Chalapathy, Menon and Chawla 2018): the frozen encoder (or none
 * in features-only mode), the head y(x) = &lt;w, g(V z(x))&gt; and the threshold r. Scores are
 * r - y(x): higher = more anomalous, positive = below r = flagged. Holds native memory: close it
 * (try-with-resources) when done.
 */
public final class OcnnModel implements FittedDetector, AutoCloseable {
    static final String NAME = "OCNN";
    private static final String META = "ocnn.json";
    private static final String HEAD = "head.params";
    private static final String ENCODER = "encoder.params";

    private final OcnnConfig config;
    private final int featureDim;
    private final Model encoder;
    private final Model head;
    private final double r;
    private final History history;

    OcnnModel(OcnnConfig config, int featureDim, Model encoder, Model head, double r, History history) {
        this.config = config;
        this.featureDim = featureDim;
        this.encoder = encoder;
        this.head = head;
        this.r = r;
        this.history = history;
    }

    /** The detector contract: scores of rows (feature vectors, or flattened C*H*W images); higher = more anomalous. */
    @Override
    public double[] score(float[][] rows) {
        try (NDManager manager = head.getNDManager().newSubManager()) {
            return score(
                    toInput(manager, config, "x", rows, config.features() == Features.RAW_INPUT ? featureDim : -1));
        }
    }

    /** Anomaly scores r - y(x), one per sample of {@code data}; positive = flagged. */
    public double[] score(NDArray data) {
        double[] y = outputs(data);
        for (int i = 0; i < y.length; i++) {
            y[i] = r - y[i];
        }
        return y;
    }

    /** The head's outputs y(x) = &lt;w, g(V z(x))&gt; (higher = more normal). */
    public double[] outputs(NDArray data) {
        try (NDManager scope = head.getNDManager().newSubManager()) {
            return OcnnHead.outputs(
                    head.getBlock(),
                    scope.create(featureValues(data), new Shape(data.getShape().get(0), featureDim)));
        }
    }

    /** The features z(x) the head sees, one row per sample. */
    public float[][] features(NDArray data) {
        return Networks.rows(featureValues(data), (int) data.getShape().get(0));
    }

    private float[] featureValues(NDArray data) {
        checkData(config, data, featureDim);
        if (encoder == null) {
            return data.toFloatArray();
        }
        return Networks.map(
                encoder.getBlock(),
                data,
                config.network().inferenceBatch(),
                b -> b.output().singletonOrThrow());
    }

    /** The threshold r: the nu-quantile of y over the training data after the last epoch. */
    public double r() {
        return r;
    }

    public OcnnConfig config() {
        return config;
    }
    /** Pretraining (phase "pretrain") and head training (phase "ocnn", metrics loss, hinge, r, belowR, lr). */
    public History history() {
        return history;
    }
    /** Dimension of z(x). */
    public int featureDim() {
        return featureDim;
    }
    /** The head block (Linear V, g, Linear w). */
    public Block head() {
        return head.getBlock();
    }
    /** The frozen encoder, or null in features-only mode. */
    public Block encoder() {
        return encoder == null ? null : encoder.getBlock();
    }
    /** A copy of V, (hidden, featureDim). */
    public float[][] v() {
        return Networks.rows(OcnnHead.v(head.getBlock()).toFloatArray(), config.hiddenUnits());
    }
    /** A copy of w, (hidden). */
    public float[] w() {
        return OcnnHead.w(head.getBlock()).toFloatArray();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>(config.toMap());
        m.put("featureDim", featureDim);
        m.put("r", r);
        return m;
    }

    /** Fraction of {@code y} strictly below {@code r} (the training points the model flags). */
    static double fractionBelow(double[] y, double r) {
        long below = 0;
        for (double v : y) {
            below += v < r ? 1 : 0;
        }
        return below / (double) y.length;
    }

    /**
     * Rows as one input array of {@code manager}: (N, C, H, W) for the encoder, (N, d) in
     * features-only mode ({@code expectedDim} is the training width, or -1 when fitting).
     */
    static NDArray toInput(NDManager manager, OcnnConfig config, String name, float[][] rows, int expectedDim) {
        int d;
        if (config.features() == Features.RAW_INPUT) {
            d = expectedDim < 0 ? Inputs.checkMatrix(name, rows) : expectedDim;
        } else {
            NetworkSpec net = config.network();
            d = net.channels() * net.height() * net.width();
        }
        Inputs.checkMatrix(name, rows, d);
        float[] flat = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        Shape shape = config.features() == Features.RAW_INPUT
                ? new Shape(rows.length, d)
                : config.network().inputShape(rows.length);
        return manager.create(flat, shape);
    }

    /** Checks an input array: (N, C, H, W) matching the network, or (N, ...) with {@code featureDim} values per sample. */
    static void checkData(OcnnConfig config, NDArray data, int featureDim) {
        if (data == null) {
            throw new IllegalArgumentException(
                    "data must be an NDArray of shape (N, ...), found null;" + " use ImageSet.toNDArray(manager)");
        }
        Shape s = data.getShape();
        if (s.dimension() < 2 || s.get(0) < 1) {
            throw new IllegalArgumentException(
                    "data must have shape (N, ...) with N >= 1, found " + s + "; put one sample per row");
        }
        if (config.features() == Features.PRETRAINED_ENCODER) {
            if (s.dimension() != 4) {
                throw new IllegalArgumentException("data must have shape (N, C, H, W), found " + s
                        + "; use ImageSet.toNDArray(manager), or featuresOnly() for feature vectors");
            }
            config.network().checkInput((int) s.get(1), (int) s.get(2), (int) s.get(3));
        } else if (featureDim >= 0 && s.size() / s.get(0) != featureDim) {
            throw new IllegalArgumentException(
                    "data must have " + featureDim + " features per sample like the training" + " data, found "
                            + s.size() / s.get(0) + " (shape " + s + "); apply the same preprocessing as for fitting");
        }
    }

    /**
     * Saves the model into folder {@code dir}: {@code head.params}, {@code encoder.params} (with an
     * encoder) and {@code ocnn.json} (config, r, feature width, parameter signatures), each written
     * atomically; ocnn.json is written last, so a folder without it is an incomplete save.
     */
    public Path save(Path dir) {
        writeParams(dir.resolve(HEAD), head.getBlock());
        if (encoder != null) {
            writeParams(dir.resolve(ENCODER), encoder.getBlock());
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format", "deepsvdd-lab-ocnn/1");
        meta.put("config", config.toMap());
        meta.put("featureDim", featureDim);
        meta.put("r", r);
        meta.put("head", Networks.parameterSignature(head.getBlock()));
        meta.put("encoder", encoder == null ? null : Networks.parameterSignature(encoder.getBlock()));
        Json.write(dir.resolve(META), meta);
        return dir;
    }

    private static void writeParams(Path file, Block block) {
        AtomicFiles.write(file, out -> {
            DataOutputStream dos = new DataOutputStream(new BufferedOutputStream(out));
            block.saveParameters(dos);
            dos.flush();
        });
    }

    /** Loads a model written by {@link #save(Path)}; errors name the file and what does not match. */
    public static OcnnModel load(Path dir) {
        Path metaFile = dir.resolve(META);
        if (!Files.isRegularFile(metaFile) || !Files.isRegularFile(dir.resolve(HEAD))) {
            throw new IllegalArgumentException("OCNN folder must hold " + META + " and " + HEAD
                    + ", found neither or one in " + dir + "; save a model with OcnnModel.save(dir) first");
        }
        OcnnConfig config;
        int featureDim;
        double r;
        JsonObject meta = Json.read(metaFile);
        try {
            config = OcnnConfig.fromJson(meta.getAsJsonObject("config"));
            featureDim = meta.get("featureDim").getAsInt();
            r = meta.get("r").getAsDouble();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    metaFile + " must be an OCNN checkpoint (config, featureDim, r), found: " + e, e);
        }
        Model encoder = null;
        Model head = OcnnHead.newModel(featureDim, config.hiddenUnits(), config.activation(), config.seed());
        try {
            readParams(dir.resolve(HEAD), head, meta.get("head"));
            if (config.features() == Features.PRETRAINED_ENCODER) {
                NetworkSpec net = config.network();
                encoder = Networks.newModel("ocnn-encoder", net.encoder(), net, config.seed());
                readParams(dir.resolve(ENCODER), encoder, meta.get("encoder"));
            }
            OcnnModel model = new OcnnModel(config, featureDim, encoder, head, r, new History());
            encoder = null;
            head = null;
            return model;
        } finally {
            if (head != null) {
                head.close();
            }
            if (encoder != null) {
                encoder.close();
            }
        }
    }

    private static void readParams(Path file, Model model, com.google.gson.JsonElement signature) {
        List<String> expected = Networks.parameterSignature(model.getBlock());
        List<?> found = signature == null || signature.isJsonNull() ? null : Json.GSON.fromJson(signature, List.class);
        if (!expected.equals(found)) {
            throw new IllegalArgumentException("checkpoint " + file + " must hold parameters " + expected + ", found "
                    + found + "; load it with the config it was trained with");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            model.getBlock().loadParameters(model.getNDManager(), new DataInputStream(in));
            if (!Networks.parameterSignature(model.getBlock()).equals(expected)) {
                throw new IllegalArgumentException("checkpoint " + file + " must hold parameters " + expected
                        + ", found " + Networks.parameterSignature(model.getBlock())
                        + "; was the file copied from another model?");
            }
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (IOException | ai.djl.MalformedModelException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "checkpoint " + file + " must hold the complete parameters " + expected
                            + ", found a truncated or damaged file (" + e + "); run the experiment again to rewrite it",
                    e);
        }
    }

    @Override
    public void close() {
        head.close();
        if (encoder != null) {
            encoder.close();
        }
    }
}
