package deepsvddlab.svdd;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import deepsvddlab.io.AtomicFiles;
import deepsvddlab.nn.AutoencoderBlock;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.nn.Networks;
import deepsvddlab.svdd.DeepSvddConfig.DspScore;
import deepsvddlab.svdd.DeepSvddConfig.Method;
import deepsvddlab.train.History;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted Deep SVDD or DSPSVDD model: the network, the center c and (soft-boundary) the radius R.
 * Scores: higher = more anomalous; d = ||phi(x) - c||^2 for one-class, d - R^2 for soft-boundary
 * (positive = outside the sphere); DSPSVDD can add the weighted reconstruction error. Holds native
 * memory: close it (try-with-resources) when done.
 */
public final class DeepSvddModel implements deepsvddlab.detect.FittedDetector, AutoCloseable {
    private static final String PARAMS = "model.params";
    private static final String META = "model.json";
    private static final Gson GSON = deepsvddlab.io.Json.GSON;

    private final DeepSvddConfig config;
    private final Model model;
    private final Block encoder;
    private final float[] center;
    private final NDArray centerArray;
    private final double radius;
    private final History history;
    private final Autoencoder pretrained;

    DeepSvddModel(
            DeepSvddConfig config,
            Model model,
            float[] center,
            double radius,
            History history,
            Autoencoder pretrained) {
        this.config = config;
        this.model = model;
        this.encoder =
                config.method() == Method.DSPSVDD ? ((AutoencoderBlock) model.getBlock()).encoder() : model.getBlock();
        this.center = center.clone();
        this.centerArray = model.getNDManager().create(this.center);
        this.radius = radius;
        this.history = history;
        this.pretrained = pretrained;
    }

    /** The detector contract: scores of rows of flattened inputs; higher = more anomalous. */
    @Override
    public double[] score(float[][] rows) {
        try (ai.djl.ndarray.NDManager manager = model.getNDManager().newSubManager()) {
            return score(Networks.toInput(manager, config.network(), "rows", rows));
        }
    }

    @Override
    public String name() {
        return name(config);
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>(config.toMap());
        m.put("radius", radius);
        return m;
    }

    static String name(DeepSvddConfig config) {
        String base = config.method() == Method.DSPSVDD ? "DSPSVDD" : "Deep SVDD";
        return config.objective() == Objective.SOFT_BOUNDARY ? "soft-boundary " + base : base;
    }

    /** Anomaly scores, one per row of {@code data} (N, C, H, W); higher = more anomalous. */
    public double[] score(NDArray data) {
        double[] d = distances(data);
        double r2 = config.objective() == Objective.SOFT_BOUNDARY ? radius * radius : 0.0;
        for (int i = 0; i < d.length; i++) {
            d[i] -= r2;
        }
        if (config.method() == Method.DSPSVDD && config.dspScore() == DspScore.DISTANCE_PLUS_RECONSTRUCTION) {
            double[] e = reconstructionErrors(data);
            for (int i = 0; i < d.length; i++) {
                d[i] += config.reconScoreWeight() * e[i];
            }
        }
        return d;
    }

    /** Squared distances ||phi(x) - c||^2. */
    public double[] distances(NDArray data) {
        Autoencoder.checkData(config.network(), data);
        return toDouble(Networks.map(
                encoder,
                data,
                config.network().inferenceBatch(),
                b -> SvddLoss.distances(b.output().singletonOrThrow(), centerArray)));
    }

    /** The embeddings phi(x), one row per input (rep_dim columns). */
    public float[][] embed(NDArray data) {
        Autoencoder.checkData(config.network(), data);
        return Networks.rows(
                Networks.map(
                        encoder,
                        data,
                        config.network().inferenceBatch(),
                        b -> b.output().singletonOrThrow()),
                (int) data.getShape().get(0));
    }

    /** DSPSVDD only: per-sample reconstruction error of the jointly trained autoencoder. */
    public double[] reconstructionErrors(NDArray data) {
        if (config.method() != Method.DSPSVDD) {
            throw new IllegalStateException("reconstructionErrors needs a DSPSVDD model, found " + config.method()
                    + "; use pretrainedAutoencoder().reconstructionErrors(...) for plain Deep SVDD");
        }
        return toDouble(Networks.map(
                model.getBlock(),
                data,
                config.network().inferenceBatch(),
                b -> Autoencoder.sampleErrors(b.output().get(0), b.input())));
    }

    private static double[] toDouble(float[] f) {
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    /** A copy of the center c. */
    public float[] center() {
        return center.clone();
    }
    /** The radius R (0 for one-class). */
    public double radius() {
        return radius;
    }

    public DeepSvddConfig config() {
        return config;
    }

    public History history() {
        return history;
    }
    /** The encoder phi (for Grad-CAM and embeddings). */
    public Block encoder() {
        return encoder;
    }
    /** The DJL model that holds the trained network. */
    public Model model() {
        return model;
    }
    /** The pretrained autoencoder, or null (no pretraining, or a loaded checkpoint). */
    public Autoencoder pretrainedAutoencoder() {
        return pretrained;
    }

    /**
     * Saves the checkpoint into folder {@code dir}: {@code model.params} (DJL parameters, BatchNorm
     * running statistics included) and {@code model.json} (config, c, R, parameter signature), each
     * written atomically; model.json is written last, so a folder without it is an incomplete save.
     */
    public Path save(Path dir) {
        AtomicFiles.write(dir.resolve(PARAMS), out -> {
            DataOutputStream dos = new DataOutputStream(new BufferedOutputStream(out));
            model.getBlock().saveParameters(dos);
            dos.flush();
        });
        JsonObject meta = new JsonObject();
        meta.addProperty("format", "deepsvdd-lab-checkpoint/1");
        meta.add("config", GSON.toJsonTree(config.toMap()));
        meta.add("center", GSON.toJsonTree(center));
        meta.addProperty("radius", radius);
        meta.add("parameters", GSON.toJsonTree(Networks.parameterSignature(model.getBlock())));
        AtomicFiles.writeString(dir.resolve(META), GSON.toJson(meta));
        return dir;
    }

    /** Loads a checkpoint written by {@link #save(Path)}; errors name the file and what does not match. */
    public static DeepSvddModel load(Path dir) {
        Path metaFile = dir.resolve(META);
        Path paramsFile = dir.resolve(PARAMS);
        if (!Files.isRegularFile(metaFile) || !Files.isRegularFile(paramsFile)) {
            throw new IllegalArgumentException("checkpoint folder must hold " + META + " and " + PARAMS
                    + ", found neither or one in " + dir + "; save a model with DeepSvddModel.save(dir) first");
        }
        try {
            JsonObject meta = GSON.fromJson(Files.readString(metaFile), JsonObject.class);
            DeepSvddConfig config = DeepSvddConfig.fromJson(meta.getAsJsonObject("config"));
            float[] c = GSON.fromJson(meta.get("center"), float[].class);
            double r = meta.get("radius").getAsDouble();
            List<?> signature = GSON.fromJson(meta.get("parameters"), List.class);
            NetworkSpec net = config.network();
            Block block = config.method() == Method.DSPSVDD ? net.autoencoder() : net.encoder();
            Model model = Networks.newModel("deep-svdd", block, net, config.seed());
            try {
                List<String> expected = Networks.parameterSignature(block);
                if (!expected.equals(signature)) {
                    throw new IllegalArgumentException(
                            "checkpoint " + paramsFile + " must match network " + net + " (" + config.method()
                                    + "), found parameters " + signature + " but the network has " + expected
                                    + "; load it with the network it was trained with");
                }
                try (InputStream in = new BufferedInputStream(Files.newInputStream(paramsFile))) {
                    block.loadParameters(model.getNDManager(), new DataInputStream(in));
                } catch (ai.djl.MalformedModelException | IOException | RuntimeException e) {
                    throw new IllegalArgumentException(
                            "checkpoint " + paramsFile + " must hold the complete parameters of " + net
                                    + ", found a truncated or damaged file (" + e
                                    + "); run the experiment again to rewrite it",
                            e);
                }
                return new DeepSvddModel(config, model, c, r, new History(), null);
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read checkpoint " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException(
                    "checkpoint " + metaFile + " is not a valid Deep SVDD Lab checkpoint: " + e, e);
        }
    }

    /** A summary (config, c, R) for run records. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("config", config.toMap());
        m.put("center", center.clone());
        m.put("radius", radius);
        return m;
    }

    @Override
    public void close() {
        model.close();
        if (pretrained != null) {
            pretrained.close();
        }
    }
}
