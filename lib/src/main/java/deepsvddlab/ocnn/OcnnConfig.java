package deepsvddlab.ocnn;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.train.OptimConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Immutable configuration of a One-Class Neural Network (Chalapathy, Menon and Chawla, "Anomaly
 * Detection using One-Class Neural Networks", 2018); build it with {@link #builder()}.
 *
 * <p>Defaults: features from the frozen encoder of an autoencoder pretrained on the training
 * normals ({@link NetworkSpec#MNIST_LENET}, the reference pretraining schedule), 32 hidden units
 * (the paper tunes the width per data set; 32 equals the LeNet rep_dim and keeps the head small),
 * sigmoid g (the paper's choice), nu = 0.1, and the head trained with Adam, lr 1e-4, 150 epochs,
 * batch 200, <em>no</em> weight decay: the 1/2 ||w||^2 + 1/2 ||V||_F^2 terms are already in the
 * objective (a nonzero decay would regularise twice). The builder's {@code network(net)} puts the
 * schedules not given explicitly at that network's training batch ({@link NetworkSpec#trainingBatch()}).
 *
 * @param features where z(x) comes from
 * @param network the autoencoder whose encoder gives z(x); null with {@link Features#RAW_INPUT}
 * @param hiddenUnits rows of V (the hidden layer's width), at least 1
 * @param activation the hidden layer's g
 * @param nu in (0, 1]: the fraction of training points with y(x) below r (flagged as anomalies)
 * @param pretrain the autoencoder's schedule; null with {@link Features#RAW_INPUT}
 * @param rcae RCAE pretraining instead of the plain autoencoder, or null for the plain one
 * @param train the schedule of the OCNN head
 * @param joint the joint regime (encoder trained with the head), or null for the frozen encoder
 * @param seed seeds pretraining, the head's initialisation and the shuffling; the same seed gives
 *     the same scores on CPU
 */
public record OcnnConfig(
        Features features,
        NetworkSpec network,
        int hiddenUnits,
        Activation activation,
        double nu,
        OptimConfig pretrain,
        deepsvddlab.svdd.RcaeConfig rcae,
        OptimConfig train,
        Joint joint,
        long seed) {

    /** Where the features z(x) fed to the one-class head come from. */
    public enum Features {
        /** z(x) = the encoder of an autoencoder pretrained on the training normals, then frozen (the paper's setup). */
        PRETRAINED_ENCODER,
        /** z(x) = x, flattened: for inputs that already are feature vectors. */
        RAW_INPUT
    }

    /** The hidden layer's activation g. */
    public enum Activation {
        /** g(t) = 1 / (1 + e^-t), the paper's choice. */
        SIGMOID,
        /** g(t) = t: y is then linear in z, <V^T w, z>, like a linear one-class SVM. */
        LINEAR
    }

    /**
     * The joint regime: the encoder (started from the pretrained one) trains together with the head
     * on the same objective, with its own, smaller learning rate. From the 1-based epoch
     * {@code fineTuneEpoch} on (0: never), the head and the encoder both train at {@code fineTuneLr}
     * (the fine-tuning stage). r is still the nu-quantile of the training outputs after each epoch.
     *
     * @param encoderLr the encoder's learning rate, &gt; 0 (default 1e-5, a tenth of the head's)
     * @param fineTuneEpoch first epoch of the fine-tuning stage, 1 .. the last epoch, or 0 for none
     * @param fineTuneLr the learning rate of both in the fine-tuning stage, &gt; 0
     */
    public record Joint(double encoderLr, int fineTuneEpoch, double fineTuneLr) {
        public Joint {
            if (!(encoderLr > 0) || !Double.isFinite(encoderLr)) {
                throw new IllegalArgumentException("encoderLr must be a number > 0, found " + encoderLr
                        + "; try 1e-5, a tenth of the head's learning rate");
            }
            if (fineTuneEpoch < 0) {
                throw new IllegalArgumentException("fineTuneEpoch must be >= 0 (0 = no fine-tuning stage), found "
                        + fineTuneEpoch + "; give a 1-based epoch number");
            }
            if (!(fineTuneLr > 0) || !Double.isFinite(fineTuneLr)) {
                throw new IllegalArgumentException(
                        "fineTuneLr must be a number > 0, found " + fineTuneLr + "; try 1e-6");
            }
        }

        /** The encoder at {@code encoderLr} throughout, no fine-tuning stage. */
        public static Joint of(double encoderLr) {
            return new Joint(encoderLr, 0, encoderLr);
        }

        /** The defaults: encoder lr 1e-5, no fine-tuning stage. */
        public static Joint defaults() {
            return of(1e-5);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("encoderLr", encoderLr);
            m.put("fineTuneEpoch", fineTuneEpoch);
            m.put("fineTuneLr", fineTuneLr);
            return m;
        }

        static Joint fromJson(JsonElement e) {
            if (isNull(e)) {
                return null;
            }
            JsonObject o = e.getAsJsonObject();
            return new Joint(
                    o.get("encoderLr").getAsDouble(),
                    o.get("fineTuneEpoch").getAsInt(),
                    o.get("fineTuneLr").getAsDouble());
        }

        /** The learning rate of the head ({@code encoder == false}) or the encoder in 0-based epoch {@code epoch}. */
        public double learningRate(OptimConfig head, boolean encoder, int epoch) {
            if (fineTuneEpoch > 0 && epoch + 1 >= fineTuneEpoch) {
                return fineTuneLr;
            }
            return encoder ? encoderLr : head.learningRate(epoch);
        }
    }

    /** The head's default schedule: Adam, 150 epochs, lr 1e-4, no weight decay, no milestones, batch 200. */
    public static OptimConfig defaultTrain() {
        return new OptimConfig(150, 1e-4, 0.0, List.of(), 0.1, deepsvddlab.nn.Networks.TRAINING_BATCH);
    }

    public OcnnConfig {
        if (features == null || activation == null || train == null) {
            throw new IllegalArgumentException("features, activation and train must be set, found features=" + features
                    + ", activation=" + activation + ", train=" + train + "; start from OcnnConfig.builder()");
        }
        if (features == Features.PRETRAINED_ENCODER && (network == null || pretrain == null)) {
            throw new IllegalArgumentException(
                    "network and pretrain must be set for PRETRAINED_ENCODER features, found " + network + " and "
                            + pretrain + "; give both, or call featuresOnly() for feature vectors");
        }
        if (features == Features.RAW_INPUT && (network != null || pretrain != null)) {
            throw new IllegalArgumentException("network and pretrain must be null for RAW_INPUT features, found "
                    + network + " and " + pretrain + "; the raw input needs no autoencoder");
        }
        if (rcae != null && features != Features.PRETRAINED_ENCODER) {
            throw new IllegalArgumentException("rcae needs PRETRAINED_ENCODER features, found " + features
                    + "; the raw input has no autoencoder to make robust");
        }
        if (joint != null && features != Features.PRETRAINED_ENCODER) {
            throw new IllegalArgumentException("the joint regime needs PRETRAINED_ENCODER features, found " + features
                    + "; the raw input has no encoder to train");
        }
        if (joint != null && joint.fineTuneEpoch() > train.epochs()) {
            throw new IllegalArgumentException("joint.fineTuneEpoch must be at most the last epoch " + train.epochs()
                    + " (or 0 for none), found " + joint.fineTuneEpoch() + "; pick an epoch within the training");
        }
        if (hiddenUnits < 1) {
            throw new IllegalArgumentException("hiddenUnits must be >= 1, found " + hiddenUnits + "; try 32");
        }
        if (!(nu > 0 && nu <= 1)) {
            throw new IllegalArgumentException("nu must be in (0, 1], found " + nu
                    + "; nu is the fraction of training points flagged (y below r), try 0.1");
        }
    }

    /** A builder with the defaults above. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised from this config. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.features = features;
        b.network = network;
        b.hiddenUnits = hiddenUnits;
        b.activation = activation;
        b.nu = nu;
        b.pretrain = pretrain;
        b.rcae = rcae;
        b.train = train;
        b.joint = joint;
        b.seed = seed;
        return b;
    }

    /** Every field, for run records and checkpoints. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("features", features.name());
        m.put("network", network == null ? null : network.name());
        m.put("hiddenUnits", hiddenUnits);
        m.put("activation", activation.name());
        m.put("nu", nu);
        m.put("pretrain", pretrain == null ? null : pretrain.toMap());
        // rcae and joint are absent when unset, so older run records keep their identity
        if (rcae != null) {
            m.put("rcae", rcae.toMap());
        }
        m.put("train", train.toMap());
        if (joint != null) {
            m.put("joint", joint.toMap());
        }
        m.put("seed", seed);
        return m;
    }

    /** Reads {@link #toMap()} back from JSON. */
    static OcnnConfig fromJson(JsonObject o) {
        Features f = Features.valueOf(o.get("features").getAsString());
        return new OcnnConfig(
                f,
                isNull(o.get("network"))
                        ? null
                        : NetworkSpec.parse(o.get("network").getAsString()),
                o.get("hiddenUnits").getAsInt(),
                Activation.valueOf(o.get("activation").getAsString()),
                o.get("nu").getAsDouble(),
                isNull(o.get("pretrain")) ? null : OptimConfig.fromJson(o.getAsJsonObject("pretrain")),
                deepsvddlab.svdd.RcaeConfig.fromJson(o.get("rcae")),
                OptimConfig.fromJson(o.getAsJsonObject("train")),
                Joint.fromJson(o.get("joint")),
                o.get("seed").getAsLong());
    }

    private static boolean isNull(JsonElement e) {
        return e == null || e.isJsonNull();
    }

    /** Builder; see {@link OcnnConfig} for the defaults. */
    public static final class Builder {
        private Features features = Features.PRETRAINED_ENCODER;
        private NetworkSpec network = NetworkSpec.MNIST_LENET;
        private int hiddenUnits = 32;
        private Activation activation = Activation.SIGMOID;
        private double nu = 0.1;
        private OptimConfig pretrain = OptimConfig.referencePretraining();
        private deepsvddlab.svdd.RcaeConfig rcae;
        private OptimConfig train = defaultTrain();
        private Joint joint;
        private long seed = 0;
        private boolean pretrainGiven;
        private boolean trainGiven;

        private Builder() {}

        /** Features from the frozen encoder of a pretrained autoencoder of {@code net}. */
        public Builder network(NetworkSpec net) {
            this.features = Features.PRETRAINED_ENCODER;
            this.network = net;
            if (pretrain == null) {
                pretrain = OptimConfig.referencePretraining();
            }
            // the schedules not given explicitly run at the network's training batch (the joint
            // regime trains the encoder through the head's schedule)
            int batch = deepsvddlab.nn.Networks.trainingBatch(net);
            pretrain = pretrainGiven ? pretrain : pretrain.withBatchSize(batch);
            train = trainGiven ? train : train.withBatchSize(batch);
            return this;
        }

        /** Features-only mode: z(x) = x (no autoencoder; network, pretrain, rcae and joint become null). */
        public Builder featuresOnly() {
            this.features = Features.RAW_INPUT;
            this.network = null;
            this.pretrain = null;
            this.rcae = null;
            this.joint = null;
            return this;
        }

        /** RCAE pretraining instead of the plain autoencoder; null for the plain one. */
        public Builder rcae(deepsvddlab.svdd.RcaeConfig r) {
            this.rcae = r;
            return this;
        }

        /** The joint regime (the encoder trains with the head); null for the frozen encoder. */
        public Builder joint(Joint j) {
            this.joint = j;
            return this;
        }

        public Builder hiddenUnits(int h) {
            this.hiddenUnits = h;
            return this;
        }

        public Builder activation(Activation a) {
            this.activation = a;
            return this;
        }

        public Builder nu(double v) {
            this.nu = v;
            return this;
        }
        /** The autoencoder's schedule (ignored in features-only mode). */
        public Builder pretrain(OptimConfig c) {
            this.pretrain = c;
            this.pretrainGiven = true;
            return this;
        }

        public Builder train(OptimConfig c) {
            this.train = c;
            this.trainGiven = true;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Sets the epochs of both phases (quick mode); pretraining only where there is one. */
        public Builder epochs(int pretrainEpochs, int trainEpochs) {
            if (pretrain != null) {
                pretrain = pretrain.withEpochs(pretrainEpochs);
            }
            train = train.withEpochs(trainEpochs);
            return this;
        }

        public OcnnConfig build() {
            return new OcnnConfig(
                    features,
                    features == Features.RAW_INPUT ? null : network,
                    hiddenUnits,
                    activation,
                    nu,
                    features == Features.RAW_INPUT ? null : pretrain,
                    features == Features.RAW_INPUT ? null : rcae,
                    train,
                    features == Features.RAW_INPUT ? null : joint,
                    seed);
        }
    }
}
