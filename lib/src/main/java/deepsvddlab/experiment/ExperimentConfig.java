package deepsvddlab.experiment;

import deepsvddlab.data.DataSource;
import deepsvddlab.data.DatasetId;
import deepsvddlab.io.Hashing;
import deepsvddlab.io.Json;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.svdd.DeepSvddConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Immutable description of one one-class experiment: which data set and normal class, how much
 * pollution, which preprocessing, the seed, and the detector ({@link DetectorSpec}: any method the
 * lab has).
 *
 * <p>A run is identified by its whole configuration: {@link #runName(String)} is a readable prefix
 * plus a short SHA-256 of every field, the data set's content hash and {@link #RESULT_VERSION}, so
 * a run that differs in anything (nu, a learning rate, the data files) gets a folder of its own and
 * a finished run is only reused for exactly the same experiment.
 *
 * @param data the data set (a standard one, a user's image folder or CSV)
 * @param normalClass the class that is normal (an index into the data set's class names)
 * @param pollution fraction of anomalies mixed into the training set, in [0, 1)
 * @param preprocessing "gcn-l1-minmax" (Ruff et al. 2018), "gcn-l1-per-channel-minmax" (their CIFAR-10
 *     variant: GCN per channel), "scale255" or "none" (feature vectors)
 * @param trainLimit at most this many training images (0 = all; quick mode)
 * @param testLimit at most this many test images, stratified (0 = all; quick mode)
 * @param seed seeds the split, the initialisation and the shuffling (it replaces the detector's seed)
 * @param detector the method and its configuration
 */
public record ExperimentConfig(
        DataSource data,
        int normalClass,
        double pollution,
        String preprocessing,
        int trainLimit,
        int testLimit,
        long seed,
        DetectorSpec detector) {

    /**
     * The version of everything in the code that changes a run's numbers. Bump it when a change
     * would give other scores for the same configuration, so older run folders are not reused.
     */
    public static final int RESULT_VERSION = 2;

    /** The preprocessing names. */
    public static final List<String> PREPROCESSINGS =
            List.of("gcn-l1-minmax", "gcn-l1-per-channel-minmax", "scale255", "none");

    public ExperimentConfig {
        if (data == null || detector == null) {
            throw new IllegalArgumentException("data and detector must be set, found " + data + " and " + detector);
        }
        if (normalClass < 0) {
            throw new IllegalArgumentException(
                    "normalClass must be >= 0, found " + normalClass + "; give the index of the normal class");
        }
        if (!(pollution >= 0 && pollution < 1)) {
            throw new IllegalArgumentException(
                    "pollution must be in [0, 1), found " + pollution + "; 0 means clean training data");
        }
        if (preprocessing == null || !PREPROCESSINGS.contains(preprocessing)) {
            throw new IllegalArgumentException(
                    "preprocessing must be one of " + PREPROCESSINGS + ", found '" + preprocessing + "'");
        }
        if (trainLimit < 0 || testLimit < 0) {
            throw new IllegalArgumentException(
                    "trainLimit and testLimit must be >= 0 (0 = all), found " + trainLimit + " and " + testLimit);
        }
        NetworkSpec net = detector.network();
        if (detector.extractor() != null && data.isCsv()) {
            throw new IllegalArgumentException("dataset " + data.name() + " holds feature vectors, so a TorchScript"
                    + " extractor has no images to take; drop --features torchscript:FILE for csv:PATH data");
        }
        // a network on TorchScript features takes the extractor's outputs: the extractor checks the images
        if (!data.isCsv() && net != null && detector.extractor() == null) {
            int side = data.colour() ? 32 : 28;
            int channels = data.colour() ? 3 : 1;
            if (net.channels() != channels || net.height() != side || net.width() != side) {
                throw new IllegalArgumentException("dataset " + data.name() + " has " + channels + "x" + side + "x"
                        + side
                        + " images, so the network must take " + channels + "x" + side + "x" + side + ", found "
                        + net.name() + " (" + net.channels() + "x" + net.height() + "x" + net.width() + "); use --net "
                        + (data.colour() ? "cifar-lenet" : "mnist-lenet") + " (NetworkSpec."
                        + (data.colour() ? "CIFAR_LENET" : "MNIST_LENET") + ")");
            }
        }
        detector = detector.withSeed(seed);
    }

    /** An experiment on a standard data set. */
    public ExperimentConfig(
            DatasetId dataset,
            int normalClass,
            double pollution,
            String preprocessing,
            int trainLimit,
            int testLimit,
            long seed,
            DetectorSpec detector) {
        this(DataSource.of(dataset), normalClass, pollution, preprocessing, trainLimit, testLimit, seed, detector);
    }

    /** A Deep SVDD / DSPSVDD experiment on a standard data set; the model's seed becomes the experiment's. */
    public ExperimentConfig(
            DatasetId dataset,
            int normalClass,
            double pollution,
            String preprocessing,
            int trainLimit,
            int testLimit,
            DeepSvddConfig model) {
        this(
                DataSource.of(dataset),
                normalClass,
                pollution,
                preprocessing,
                trainLimit,
                testLimit,
                model.seed(),
                new DetectorSpec.Svdd(model));
    }

    /** This experiment with another seed. */
    public ExperimentConfig withSeed(long newSeed) {
        return new ExperimentConfig(
                data, normalClass, pollution, preprocessing, trainLimit, testLimit, newSeed, detector);
    }

    /** The readable part of the folder name, e.g. {@code fashion-mnist_c0_deep-svdd-one-class_p0.00_s0}. */
    public String prefix() {
        String limits = trainLimit > 0 || testLimit > 0 ? "_n" + trainLimit + "-" + testLimit : "";
        return String.format(
                Locale.ROOT,
                "%s_c%d_%s_p%.2f%s_s%d",
                data.name(),
                normalClass,
                detector.label(),
                pollution,
                limits,
                seed);
    }

    /**
     * The run folder's name: {@link #prefix()} plus the first 10 hex digits of the SHA-256 of
     * {@link #identity(String)}.
     *
     * @param dataSha256 the content hash of the data set's train and test parts
     */
    public String runName(String dataSha256) {
        return prefix() + "_"
                + Hashing.sha256(Json.GSON.toJson(identity(dataSha256))).substring(0, 10);
    }

    /**
     * The runs that differ from this one only in the seed share this key (the summary's groups):
     * the hash of the identity of the same experiment with seed 0.
     */
    public String groupKey(String dataSha256) {
        return Hashing.sha256(Json.GSON.toJson(withSeed(0).identity(dataSha256)))
                .substring(0, 10);
    }

    /**
     * The runs that differ from this one only in the normal class and the seed share this key (the
     * summary's "mean over classes" rows).
     */
    public String familyKey(String dataSha256) {
        ExperimentConfig c =
                new ExperimentConfig(data, 0, pollution, preprocessing, trainLimit, testLimit, 0, detector);
        return c.groupKey(dataSha256);
    }

    /** What the run's hash covers: every field, the data's content hash and the code's result version. */
    public Map<String, Object> identity(String dataSha256) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("experiment", toMap());
        m.put("dataSha256", dataSha256);
        m.put("resultVersion", RESULT_VERSION);
        return m;
    }

    /** Every field, for the run's JSON record. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", data.describe());
        m.put("normalClass", normalClass);
        m.put("pollution", pollution);
        m.put("preprocessing", preprocessing);
        m.put("trainLimit", trainLimit);
        m.put("testLimit", testLimit);
        m.put("seed", seed);
        m.put("detector", detector.toMap());
        return m;
    }
}
