package deepsvddlab.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import deepsvddlab.data.Datasets;
import deepsvddlab.data.FittedPreprocessor;
import deepsvddlab.data.ImageSet;
import deepsvddlab.data.OneClassProtocol;
import deepsvddlab.data.OneClassTask;
import deepsvddlab.data.Preprocessing;
import deepsvddlab.data.Preprocessor;
import deepsvddlab.eval.Metrics;
import deepsvddlab.io.AtomicFiles;
import deepsvddlab.io.Json;
import deepsvddlab.io.Provenance;
import deepsvddlab.svdd.Autoencoder;
import deepsvddlab.svdd.DeepSvdd;
import deepsvddlab.svdd.DeepSvddConfig;
import deepsvddlab.svdd.DeepSvddModel;
import deepsvddlab.train.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Runs one one-class experiment end to end and writes its folder (as the reference implementation
 * does, one folder per run):
 *
 * <ul>
 *   <li>{@code config.json}: the full configuration, the data hashes, the preprocessing's fitted
 *       values and the provenance (versions, Java, OS, commit);
 *   <li>{@code history.csv}: the per-epoch losses, learning rate, R and seconds;
 *   <li>{@code scores.csv}: index, label (1 = anomaly) and score of every test image;
 *   <li>{@code checkpoint/}: the model (see {@link DeepSvddModel#save});
 *   <li>{@code results.json}: the test metrics, written last: a folder with it is a finished run,
 *       which {@link #run} returns without redoing it.
 * </ul>
 */
public final class Experiment {
    /** The file whose presence marks a finished run. */
    public static final String RESULTS = "results.json";

    private Experiment() {}

    /** Runs {@code config} (or returns its earlier result) under {@code runsDir}. */
    public static RunResult run(ExperimentConfig config, Path dataDir, Path runsDir, ProgressListener listener,
            BooleanSupplier stop) {
        Path dir = runsDir.resolve(config.runName());
        if (Files.isRegularFile(dir.resolve(RESULTS))) {
            return RunResult.load(dir);
        }
        long t0 = System.nanoTime();
        OneClassTask task = OneClassProtocol.split(Datasets.load(config.dataset(), dataDir), config.normalClass(),
                config.pollution(), config.model().seed(), config.trainLimit(), config.testLimit());
        Preprocessor pre = config.preprocessing().equals("scale255") ? Preprocessing.scale255() : Preprocessing.gcnL1MinMax();
        FittedPreprocessor fitted = pre.fit(task.train());
        ImageSet train = fitted.apply(task.train());
        ImageSet test = fitted.apply(task.test());

        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name", config.runName());
        record.put("experiment", config.toMap());
        record.put("data", Map.of("trainSize", train.size(), "testSize", test.size(),
                "trainSha256", task.train().sha256(), "testSha256", task.test().sha256(),
                "trainAnomalies", java.util.Arrays.stream(task.trainIsAnomaly()).sum(),
                "testAnomalies", java.util.Arrays.stream(task.testIsAnomaly()).sum()));
        record.put("preprocessing", fitted.describe());
        record.put("provenance", Provenance.environment());
        Json.write(dir.resolve("config.json"), record);

        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = train.toNDArray(manager);
            NDArray xt = test.toNDArray(manager);
            Autoencoder pretrained = pretrained(config, runsDir, record, x, listener, stop);
            try (DeepSvddModel model = new DeepSvdd(config.model()).fit(x, pretrained, listener, stop)) {
                model.history().writeCsv(dir.resolve("history.csv"));
                if (model.history().stoppedEarly()) {
                    throw new IllegalStateException("run " + config.runName() + " was stopped before its last epoch;"
                            + " nothing was recorded as finished, run it again to redo it");
                }
                double[] scores = model.score(xt);
                int[] labels = task.testIsAnomaly();
                writeScores(dir.resolve("scores.csv"), scores, labels);
                model.save(dir.resolve("checkpoint"));
                Map<String, Double> metrics = Metrics.summary(labels, scores);
                double seconds = (System.nanoTime() - t0) / 1e9;
                Map<String, Object> results = new LinkedHashMap<>();
                results.put("name", config.runName());
                results.put("metrics", metrics);
                results.put("radius", model.radius());
                results.put("seconds", seconds);
                results.put("trainSeconds", model.history().totalSeconds());
                Json.write(dir.resolve(RESULTS), results);
                return new RunResult(config.runName(), dir, metrics, seconds, false);
            }
        }
    }

    /**
     * The pretrained autoencoder shared by every run with the same data, network, pretraining schedule
     * and seed (Deep SVDD and DSPSVDD of one class, say): loaded from
     * {@code runsDir/_pretrained/<key>/} when a finished one is there, else pretrained and saved.
     */
    private static Autoencoder pretrained(ExperimentConfig config, Path runsDir, Map<String, Object> record,
            NDArray x, ProgressListener listener, BooleanSupplier stop) {
        DeepSvddConfig m = config.model();
        if (m.pretrain() == null) {
            return null;
        }
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("data", record.get("data"));
        key.put("preprocessing", config.preprocessing());
        key.put("network", m.network().name());
        // the layer layout too, so a cache written by a version with other blocks is not picked up
        try (ai.djl.Model probe = deepsvddlab.nn.Networks.newModel("probe", m.network().autoencoder(), m.network(), 0)) {
            key.put("parameters", deepsvddlab.nn.Networks.parameterSignature(probe.getBlock()));
        }
        key.put("pretrain", m.pretrain().toMap());
        key.put("seed", m.seed());
        String hash = sha256(Json.GSON.toJson(key)).substring(0, 16);
        Path dir = runsDir.resolve("_pretrained").resolve(m.network().name() + "-" + hash);
        Autoencoder ae = Autoencoder.loadIfPresent(dir);
        if (ae != null) {
            return ae;
        }
        ae = Autoencoder.pretrain(m.network(), x, m.pretrain(), m.seed(), listener, stop);
        if (!ae.history().stoppedEarly()) {
            Json.write(dir.resolve("key.json"), key);
            ae.save(dir);
        }
        return ae;
    }

    private static String sha256(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (byte b : d) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeScores(Path file, double[] scores, int[] labels) {
        StringBuilder sb = new StringBuilder("index,label,score\n");
        for (int i = 0; i < scores.length; i++) {
            sb.append(i).append(',').append(labels[i]).append(',').append(scores[i]).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }
}
