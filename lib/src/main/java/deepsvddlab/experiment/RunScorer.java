package deepsvddlab.experiment;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;
import deepsvddlab.data.FittedPreprocessor;
import deepsvddlab.data.ImageSet;
import deepsvddlab.data.Preprocessing;
import deepsvddlab.detect.FittedDetector;
import deepsvddlab.io.Json;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.ocnn.OcnnModel;
import deepsvddlab.svdd.Autoencoder;
import deepsvddlab.svdd.DeepSvddModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Scores new images with a finished run's model: the run's fitted preprocessing (from config.json),
 * its checkpoint, and its threshold (from results.json), so new data is labelled exactly as the
 * run labelled its test set. Higher score = more anomalous; predicted 1 = anomaly.
 *
 * @param scores one score per image
 * @param predicted 1 where the score is above the run's threshold
 * @param threshold the run's threshold value
 */
public record RunScorer(double[] scores, int[] predicted, double threshold) {

    /**
     * Scores {@code images} (raw pixel values 0..255, as the readers give them) with the run in
     * {@code runDir}.
     *
     * @throws IllegalArgumentException when the folder holds no finished run, when its method keeps
     *     no fitted model (Isolation Forest, One-Class SVM), or when the images do not fit its network
     */
    public static RunScorer score(Path runDir, ImageSet images) {
        JsonObject results = Experiment.readResults(runDir);
        if (results == null || !Files.isRegularFile(runDir.resolve("config.json"))) {
            throw new IllegalArgumentException("run folder must hold a finished run (config.json and a readable "
                    + Experiment.RESULTS + "), found none in " + runDir + "; pass a folder listed by dsvdd runs");
        }
        JsonObject config = Json.read(runDir.resolve("config.json"));
        Map<String, Object> pre =
                Json.GSON.fromJson(config.get("preprocessing"), new TypeToken<Map<String, Object>>() {}.getType());
        FittedPreprocessor fitted = Preprocessing.fromDescription(pre);
        ImageSet x = fitted.apply(images);
        double threshold = results.getAsJsonObject("threshold").get("value").getAsDouble();
        Path extractor = extractor(runDir);
        double[] scores;
        try (NDManager m = NDManager.newBaseManager(deepsvddlab.nn.Devices.current())) {
            FittedDetector model = loadModel(runDir);
            try {
                scores = model instanceof DeepSvddModel d && extractor != null
                        ? d.score(features(extractor, x, m))
                        : model instanceof DeepSvddModel d
                                ? d.score(x.toNDArray(m))
                                : model instanceof OcnnModel o
                                        ? o.score(x.toNDArray(m))
                                        : ((Autoencoder) model).reconstructionErrors(x.toNDArray(m));
            } finally {
                ((AutoCloseable) model).close();
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        int[] predicted = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            predicted[i] = scores[i] > threshold ? 1 : 0;
        }
        return new RunScorer(scores, predicted, threshold);
    }

    /**
     * The TorchScript file of a run whose detector works on its features (a Deep SVDD head), checked
     * against the SHA-256 the run recorded; null for a run on the images.
     */
    static Path extractor(Path runDir) {
        JsonObject detector = Json.read(runDir.resolve("config.json"))
                .getAsJsonObject("experiment")
                .getAsJsonObject("detector");
        if (detector.get("extractor") == null || detector.get("featureModel") != null) {
            return null;
        }
        if (!detector.get("detector").getAsString().equals(Method.DEEP_SVDD.id())
                && !detector.get("detector").getAsString().equals(Method.DSPSVDD.id())) {
            return null;
        }
        Path file = Path.of(detector.get("extractor").getAsString());
        String recorded = detector.get("extractorSha256").getAsString();
        String found;
        try {
            found = Files.isRegularFile(file) ? deepsvddlab.io.Hashing.sha256(file) : "nothing";
        } catch (java.io.IOException e) {
            found = "an unreadable file (" + e.getMessage() + ")";
        }
        if (!found.equals(recorded)) {
            throw new IllegalArgumentException("TorchScript file " + file + " must be the one the run in " + runDir
                    + " was trained on (SHA-256 " + recorded + "), found " + found
                    + "; put that file back at that path, or run the experiment again with the new one");
        }
        return file;
    }

    /** The frozen network's features of preprocessed images, as the head's input. */
    private static float[][] features(Path extractor, ImageSet x, NDManager m) {
        try (deepsvddlab.nn.TorchScriptEncoder e =
                deepsvddlab.nn.TorchScriptEncoder.load(extractor, x.channels(), x.height(), x.width())) {
            return e.features(x.toNDArray(m));
        }
    }

    /**
     * The shape (channels, height, width) images must have for the run in {@code runDir}: its
     * network's input, or for a head on TorchScript features the images the run's extractor took.
     */
    public static int[] imageShape(Path runDir) {
        NetworkSpec net = network(runDir);
        if (extractor(runDir) == null) {
            return new int[] {net.channels(), net.height(), net.width()};
        }
        JsonObject results = Experiment.readResults(runDir);
        if (results == null || results.getAsJsonObject("fit").get("imageShape") == null) {
            throw new IllegalArgumentException("run in " + runDir + " must record the image shape its TorchScript"
                    + " extractor took (results.json fit.imageShape), found none; run the experiment again");
        }
        return Json.GSON.fromJson(results.getAsJsonObject("fit").get("imageShape"), int[].class);
    }

    /**
     * The network of the run in {@code runDir}, from its config.json: images to score must have its
     * input shape (an image folder is read at it, RGB for 3 channels), except for a head on
     * TorchScript features, whose images have {@link #imageShape}.
     */
    public static NetworkSpec network(Path runDir) {
        if (!Files.isRegularFile(runDir.resolve("config.json"))) {
            throw new IllegalArgumentException("run folder must hold config.json, found none in " + runDir
                    + "; pass a folder listed by dsvdd runs");
        }
        JsonObject detector = Json.read(runDir.resolve("config.json"))
                .getAsJsonObject("experiment")
                .getAsJsonObject("detector");
        if (detector.get("network") == null) {
            throw new IllegalArgumentException(
                    "run in " + runDir + " must be of a deep method (its config names a" + " network), found detector "
                            + detector.get("detector") + "; pass a deep-svdd, dspsvdd, ocnn or ae run");
        }
        return NetworkSpec.parse(detector.get("network").getAsString());
    }

    /**
     * The fitted model of a finished run, from its checkpoint: a {@link DeepSvddModel} (deep-svdd,
     * dspsvdd), an {@link OcnnModel} (ocnn) or an {@link Autoencoder} (ae); close it when done.
     *
     * @throws IllegalArgumentException for a folder without a finished run, or a method that keeps
     *     no fitted model (Isolation Forest and One-Class SVM record their parameters only)
     */
    public static FittedDetector loadModel(Path runDir) {
        if (!Files.isRegularFile(runDir.resolve("config.json"))) {
            throw new IllegalArgumentException("run folder must hold config.json, found none in " + runDir
                    + "; pass a folder listed by dsvdd runs");
        }
        JsonObject config = Json.read(runDir.resolve("config.json"));
        String method = config.getAsJsonObject("experiment")
                .getAsJsonObject("detector")
                .get("detector")
                .getAsString();
        Path ckpt = runDir.resolve("checkpoint");
        return switch (Method.parse(method)) {
            case DEEP_SVDD, DSPSVDD -> DeepSvddModel.load(ckpt);
            case OCNN -> OcnnModel.load(ckpt);
            case AE -> {
                Autoencoder ae = Autoencoder.loadIfPresent(ckpt);
                if (ae == null) {
                    throw new IllegalArgumentException("checkpoint folder " + ckpt
                            + " must hold autoencoder.json, found none;" + " run the experiment again");
                }
                yield ae;
            }
            default ->
                throw new IllegalArgumentException("run must be of a method that keeps its fitted model"
                        + " (deep-svdd, dspsvdd, ocnn, ae), found " + method + " in " + runDir
                        + "; Isolation Forest and One-Class SVM runs record their parameters only");
        };
    }
}
