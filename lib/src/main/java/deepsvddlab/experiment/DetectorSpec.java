package deepsvddlab.experiment;

import deepsvddlab.io.Names;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.ocnn.OcnnConfig;
import deepsvddlab.svdd.DeepSvddConfig;
import deepsvddlab.svdd.Objective;
import deepsvddlab.svdd.RcaeConfig;
import deepsvddlab.train.OptimConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The detector half of an {@link ExperimentConfig}: any method the lab has, with every constant
 * that changes its result. Immutable; {@link #toMap()} is the record written to config.json and
 * hashed into the run's identity, so two specs that differ in any field get different run folders.
 *
 * <p>The experiment's seed replaces the spec's ({@link #withSeed}), so one seed drives the split,
 * the initialisation and the shuffling.
 */
public sealed interface DetectorSpec
        permits DetectorSpec.Svdd, DetectorSpec.Ocnn, DetectorSpec.Ae, DetectorSpec.Shallow {

    /** Which method this is. */
    Method method();

    /** A short readable name for folder names and tables, e.g. {@code deep-svdd-soft-boundary}. */
    String label();

    /** Every field, in a stable order (the run record, and the input of the run's hash). */
    Map<String, Object> toMap();

    /** The seed of initialisation and shuffling. */
    long seed();

    /** This spec with another seed. */
    DetectorSpec withSeed(long seed);

    /** The network whose input the images must fit, or null when the method works on any feature vector. */
    NetworkSpec network();

    /** The autoencoder pretraining this method starts from (shared through the cache), or null. */
    OptimConfig pretrain();

    /** RCAE instead of the plain autoencoder for that pretraining, or null for the plain one. */
    RcaeConfig rcae();

    /**
     * The outlier fraction used by the training-quantile threshold: a run's labels flag the top
     * {@code thresholdNu} of the training scores (soft-boundary Deep SVDD uses its radius instead).
     */
    double thresholdNu();

    /**
     * The user's frozen TorchScript network whose outputs the method works on (the
     * {@code torchscript:FILE} of {@code --features}), or null when it works on the images.
     */
    default java.nio.file.Path extractor() {
        return null;
    }

    /**
     * Deep SVDD or DSPSVDD, one-class or soft-boundary, on the images or, with an {@code extractor},
     * as a small trainable head (an MLP) on the features of the user's frozen TorchScript network:
     * s(x) = ||phi_w(phi_0(x)) - c||^2, with phi_0 the file's network and phi_w the config's MLP.
     *
     * @param extractor the TorchScript file phi_0, or null; the run's identity holds its path and
     *     SHA-256, so another file (or a changed one) is another run
     */
    record Svdd(DeepSvddConfig config, java.nio.file.Path extractor) implements DetectorSpec {
        /** Deep SVDD or DSPSVDD on the images. */
        public Svdd(DeepSvddConfig config) {
            this(config, null);
        }

        public Svdd {
            if (config == null) {
                throw new IllegalArgumentException(
                        "config must be set, found null; use DeepSvddConfig.builder(network)");
            }
            checkExtractor(extractor);
            if (extractor != null && !config.network().name().startsWith("mlp-")) {
                throw new IllegalArgumentException("network must be an MLP head (NetworkSpec.mlp(featureDim, 64, 32))"
                        + " on TorchScript features, found " + config.network().name()
                        + "; the frozen network gives feature vectors, not images");
            }
        }

        @Override
        public Method method() {
            return config.method() == DeepSvddConfig.Method.DSPSVDD ? Method.DSPSVDD : Method.DEEP_SVDD;
        }

        @Override
        public String label() {
            String s =
                    method().id() + "-" + (config.objective() == Objective.ONE_CLASS ? "one-class" : "soft-boundary");
            if (config.method() == DeepSvddConfig.Method.DSPSVDD) {
                s += "-mu" + num(config.mu1()) + "_"
                        + (config.balanceMu2() ? DeepSvddConfig.BALANCED : num(config.mu2()));
            }
            return s + rcaeTag(config.rcae()) + (extractor == null ? "" : "-torchscript");
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = tagged(method(), config.toMap());
            putExtractor(m, extractor); // absent on images, so their identities stay as they were
            return m;
        }

        @Override
        public long seed() {
            return config.seed();
        }

        @Override
        public Svdd withSeed(long seed) {
            return new Svdd(config.toBuilder().seed(seed).build(), extractor);
        }

        @Override
        public NetworkSpec network() {
            return config.network();
        }

        @Override
        public OptimConfig pretrain() {
            return config.pretrain();
        }

        @Override
        public RcaeConfig rcae() {
            return config.rcae();
        }

        @Override
        public double thresholdNu() {
            return config.nu();
        }
    }

    /** One-Class Neural Network on the frozen pretrained encoder, or trained jointly with it. */
    record Ocnn(OcnnConfig config) implements DetectorSpec {
        public Ocnn {
            if (config == null) {
                throw new IllegalArgumentException("config must be set, found null; use OcnnConfig.builder()");
            }
        }

        @Override
        public Method method() {
            return Method.OCNN;
        }

        @Override
        public String label() {
            return "ocnn-" + config.activation().name().toLowerCase(Locale.ROOT)
                    + (config.joint() != null ? "-joint" : "")
                    + rcaeTag(config.rcae());
        }

        @Override
        public Map<String, Object> toMap() {
            return tagged(Method.OCNN, config.toMap());
        }

        @Override
        public long seed() {
            return config.seed();
        }

        @Override
        public Ocnn withSeed(long seed) {
            return new Ocnn(config.toBuilder().seed(seed).build());
        }

        @Override
        public NetworkSpec network() {
            return config.network();
        }

        @Override
        public OptimConfig pretrain() {
            return config.pretrain();
        }

        @Override
        public RcaeConfig rcae() {
            return config.rcae();
        }

        @Override
        public double thresholdNu() {
            return config.nu();
        }
    }

    /**
     * The pretrained autoencoder's reconstruction error as the anomaly score.
     *
     * @param thresholdNu the training-quantile threshold's outlier fraction, in (0, 1]
     */
    record Ae(NetworkSpec network, OptimConfig pretrain, RcaeConfig rcae, long seed, double thresholdNu)
            implements DetectorSpec {
        /** The plain autoencoder's error. */
        public Ae(NetworkSpec network, OptimConfig pretrain, long seed, double thresholdNu) {
            this(network, pretrain, null, seed, thresholdNu);
        }

        public Ae {
            if (network == null || pretrain == null) {
                throw new IllegalArgumentException("network and pretrain must be set for the ae method, found "
                        + network + " and " + pretrain + "; the score is the pretrained autoencoder's error");
            }
            checkNu("thresholdNu", thresholdNu);
        }

        @Override
        public Method method() {
            return Method.AE;
        }

        @Override
        public String label() {
            return rcae == null ? "ae" : "rcae";
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("network", network.name());
            m.put("pretrain", pretrain.toMap());
            if (rcae != null) {
                m.put("rcae", rcae.toMap());
            }
            m.put("thresholdNu", thresholdNu);
            m.put("seed", seed);
            return tagged(Method.AE, m);
        }

        @Override
        public Ae withSeed(long s) {
            return new Ae(network, pretrain, rcae, s, thresholdNu);
        }
    }

    /** Where a shallow baseline's feature vectors come from. */
    enum FeatureSource {
        /** The preprocessed pixels, flattened. */
        PIXELS("pixels"),
        /** The codes of the autoencoder pretrained on the training normals (its encoder's output). */
        AE_CODES("ae-codes"),
        /** The embeddings phi(x) of a Deep SVDD network trained on the training normals. */
        DEEP_SVDD("deep-svdd"),
        /**
         * The outputs of the user's frozen TorchScript network (for example an ImageNet-pretrained
         * ResNet-18), written {@code torchscript:FILE} on the command line.
         */
        TORCHSCRIPT("torchscript");

        private final String id;

        FeatureSource(String id) {
            this.id = id;
        }

        /** The name on the command line ({@code --features}). */
        public String id() {
            return id;
        }

        /** Parses {@link #id()}. */
        public static FeatureSource parse(String s) {
            return Names.byId(values(), FeatureSource::id, s, "features");
        }
    }

    /**
     * Isolation Forest or One-Class SVM on a named feature source.
     *
     * @param method {@link Method#ISOLATION_FOREST} or {@link Method#OCSVM}
     * @param features where the feature vectors come from
     * @param featureModel the deep model behind the features: its network and pretraining for
     *     {@link FeatureSource#AE_CODES}, the whole Deep SVDD config for {@link FeatureSource#DEEP_SVDD};
     *     null for {@link FeatureSource#PIXELS} and {@link FeatureSource#TORCHSCRIPT}
     * @param extractor the TorchScript file of {@link FeatureSource#TORCHSCRIPT}, else null; the run's
     *     identity holds its path and SHA-256, so another file (or a changed one) is another run
     * @param nTrees Isolation Forest: number of trees (scikit-learn's default 100)
     * @param maxSamples Isolation Forest: rows per tree (256)
     * @param nu One-Class SVM: nu in (0, 1]; for both, the training-quantile threshold's fraction
     * @param gamma One-Class SVM: RBF gamma, or NaN for scikit-learn's "scale"
     * @param seed Isolation Forest's sampling, and the feature model's seed
     */
    record Shallow(
            Method method,
            FeatureSource features,
            DeepSvddConfig featureModel,
            java.nio.file.Path extractor,
            int nTrees,
            int maxSamples,
            double nu,
            double gamma,
            long seed)
            implements DetectorSpec {
        public Shallow {
            if (method != Method.ISOLATION_FOREST && method != Method.OCSVM) {
                throw new IllegalArgumentException(
                        "method must be isolation-forest or ocsvm for a shallow baseline, found " + method);
            }
            if (features == null) {
                throw new IllegalArgumentException("features must be one of pixels, ae-codes, deep-svdd, found null");
            }
            boolean modelFree = features == FeatureSource.PIXELS || features == FeatureSource.TORCHSCRIPT;
            if (modelFree != (featureModel == null)) {
                throw new IllegalArgumentException("featureModel must be "
                        + (modelFree
                                ? "null for " + features.id() + " features"
                                : "set for " + features.id() + " features")
                        + ", found " + featureModel);
            }
            if ((features == FeatureSource.TORCHSCRIPT) != (extractor != null)) {
                throw new IllegalArgumentException("extractor must be "
                        + (extractor == null
                                ? "a TorchScript file for torchscript features"
                                : "null for " + features.id())
                        + ", found " + extractor);
            }
            checkExtractor(extractor);
            if (features == FeatureSource.AE_CODES && featureModel.pretrain() == null) {
                throw new IllegalArgumentException(
                        "featureModel.pretrain must be set for ae-codes features, found none;"
                                + " the codes come from the pretrained autoencoder");
            }
            if (nTrees < 1) {
                throw new IllegalArgumentException(
                        "nTrees must be >= 1, found " + nTrees + "; 100 is the usual choice");
            }
            if (maxSamples < 2) {
                throw new IllegalArgumentException(
                        "maxSamples must be >= 2, found " + maxSamples + "; 256 is the usual choice");
            }
            checkNu("nu", nu);
            if (!Double.isNaN(gamma) && !(gamma > 0 && Double.isFinite(gamma))) {
                throw new IllegalArgumentException("gamma must be > 0 (or NaN for \"scale\"), found " + gamma);
            }
        }

        /** Isolation Forest or One-Class SVM on pixels, autoencoder codes or Deep SVDD features. */
        public Shallow(
                Method method,
                FeatureSource features,
                DeepSvddConfig featureModel,
                int nTrees,
                int maxSamples,
                double nu,
                double gamma,
                long seed) {
            this(method, features, featureModel, null, nTrees, maxSamples, nu, gamma, seed);
        }

        @Override
        public String label() {
            return method.id() + "-" + features.id() + rcaeTag(rcae());
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("features", features.id());
            if (features == FeatureSource.AE_CODES) {
                m.put("network", featureModel.network().name());
                m.put("pretrain", featureModel.pretrain().toMap());
                if (featureModel.rcae() != null) {
                    m.put("rcae", featureModel.rcae().toMap());
                }
            } else if (features == FeatureSource.DEEP_SVDD) {
                m.put("featureModel", featureModel.toMap());
            } else {
                putExtractor(m, extractor);
            }
            if (method == Method.ISOLATION_FOREST) {
                m.put("nTrees", nTrees);
                m.put("maxSamples", maxSamples);
            } else {
                m.put("gamma", Double.isNaN(gamma) ? "scale" : gamma);
            }
            m.put("nu", nu);
            m.put("seed", seed);
            return tagged(method, m);
        }

        @Override
        public Shallow withSeed(long s) {
            DeepSvddConfig fm = featureModel == null
                    ? null
                    : featureModel.toBuilder().seed(s).build();
            return new Shallow(method, features, fm, extractor, nTrees, maxSamples, nu, gamma, s);
        }

        @Override
        public NetworkSpec network() {
            return featureModel == null ? null : featureModel.network();
        }

        @Override
        public OptimConfig pretrain() {
            return featureModel == null ? null : featureModel.pretrain();
        }

        @Override
        public RcaeConfig rcae() {
            return featureModel == null ? null : featureModel.rcae();
        }

        @Override
        public double thresholdNu() {
            return nu;
        }
    }

    private static void checkExtractor(java.nio.file.Path extractor) {
        if (extractor != null && !java.nio.file.Files.isRegularFile(extractor)) {
            throw new IllegalArgumentException("torchscript:FILE must name a TorchScript file, found nothing at "
                    + extractor + "; export one with torch.jit.trace(model, example).save(path) (README)");
        }
    }

    /** The TorchScript file's path and SHA-256 into a run record (nothing when there is none). */
    private static void putExtractor(Map<String, Object> m, java.nio.file.Path extractor) {
        if (extractor == null) {
            return;
        }
        m.put("extractor", extractor.toAbsolutePath().normalize().toString());
        try {
            m.put("extractorSha256", deepsvddlab.io.Hashing.sha256(extractor));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read TorchScript file " + extractor, e);
        }
    }

    /** "-rcae" for RCAE pretraining, "" for the plain autoencoder. */
    private static String rcaeTag(RcaeConfig rcae) {
        return rcae == null ? "" : "-rcae";
    }

    private static Map<String, Object> tagged(Method method, Map<String, Object> fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("detector", method.id());
        m.putAll(fields);
        return m;
    }

    private static void checkNu(String name, double nu) {
        if (!(nu > 0 && nu <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1], found " + nu
                    + "; it is the fraction of training points flagged as anomalies, try 0.1");
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
