package deepsvddlab.svdd;

import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.nn.Networks;
import deepsvddlab.train.OptimConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Immutable configuration of a Deep SVDD family run (Ruff et al. 2018; DSPSVDD adds the joint
 * reconstruction term). One object carries every constant that changes results; build it with
 * {@link #builder(NetworkSpec)}. Defaults are the reference implementation's.
 *
 * @param network encoder (and matching autoencoder)
 * @param method plain Deep SVDD or joint DSPSVDD
 * @param objective one-class or soft-boundary
 * @param nu soft-boundary nu in (0, 1]: the fraction of training points allowed outside the sphere
 * @param pretrain autoencoder pretraining schedule, or null for none (then c comes from a randomly
 *     initialised encoder, as the reference does without --pretrain)
 * @param rcae the robust pretraining (RCAE) instead of the plain autoencoder, or null for the plain
 *     one; needs {@code pretrain}
 * @param train the Deep SVDD / DSPSVDD schedule
 * @param centerEps the eps of the small-coordinate guard on c
 * @param warmUpEpochs soft-boundary: epochs before R is first updated
 * @param radiusUpdate soft-boundary: per epoch or per batch
 * @param mu1 DSPSVDD: weight of the SVDD term
 * @param mu2 DSPSVDD: weight of the reconstruction term (a sum over pixels, so it dominates quickly).
 *     Default 0.1: the smallest value of the sweep 0.01, 0.1, 1, 3 whose AUROCs differ from plain
 *     Deep SVDD's (the README's results table, from bench/run AccuracyBench; at 0.01 the weighted
 *     term is small and DSPSVDD equals Deep SVDD). That value was picked on test labels; see
 *     {@code balanceMu2} for a rule that uses none.
 * @param balanceMu2 DSPSVDD: ignore {@code mu2} and set it on the first training batch so that the
 *     two weighted terms start equal: mu2 = mu1 * L_svdd / L_rec, the batch's two terms under the
 *     pretrained network in training mode (as the optimiser sees them), before the first update
 *     (L_svdd with R = 0). It uses no label; the value used is the "mu2" column of the dspsvdd
 *     phase's history
 * @param dspScore DSPSVDD: how test points are scored
 * @param reconScoreWeight DSPSVDD with {@link DspScore#DISTANCE_PLUS_RECONSTRUCTION}: weight of the
 *     reconstruction error in the score
 * @param seed seeds initialisation and shuffling; the same seed gives the same scores on CPU
 */
public record DeepSvddConfig(
        NetworkSpec network,
        Method method,
        Objective objective,
        double nu,
        OptimConfig pretrain,
        RcaeConfig rcae,
        OptimConfig train,
        double centerEps,
        int warmUpEpochs,
        RadiusUpdate radiusUpdate,
        double mu1,
        double mu2,
        boolean balanceMu2,
        DspScore dspScore,
        double reconScoreWeight,
        long seed) {

    /** Plain Deep SVDD, or DSPSVDD (structure-preserving: encoder and decoder trained jointly). */
    public enum Method {
        DEEP_SVDD,
        DSPSVDD
    }

    /** DSPSVDD test scores. */
    public enum DspScore {
        /** d = ||phi(x) - c||^2 (soft-boundary: d - R^2). */
        DISTANCE,
        /** d plus {@code reconScoreWeight} times the per-sample mean squared reconstruction error. */
        DISTANCE_PLUS_RECONSTRUCTION
    }

    public DeepSvddConfig {
        if (network == null
                || method == null
                || objective == null
                || train == null
                || radiusUpdate == null
                || dspScore == null) {
            throw new IllegalArgumentException(
                    "network, method, objective, train, radiusUpdate and dspScore must be set");
        }
        if (!(nu > 0 && nu <= 1)) {
            throw new IllegalArgumentException("nu must be in (0, 1], found " + nu
                    + "; nu is the fraction of training points allowed outside the" + " sphere (try 0.1)");
        }
        if (!(centerEps >= 0)) {
            throw new IllegalArgumentException(
                    "centerEps must be >= 0, found " + centerEps + "; the reference uses 0.1");
        }
        if (warmUpEpochs < 0) {
            throw new IllegalArgumentException(
                    "warmUpEpochs must be >= 0, found " + warmUpEpochs + "; the reference uses 10");
        }
        if (!(mu1 >= 0 && mu2 >= 0) || mu1 + mu2 == 0) {
            throw new IllegalArgumentException(
                    "mu1 and mu2 must be >= 0 and not both 0, found mu1=" + mu1 + ", mu2=" + mu2);
        }
        if (balanceMu2 && !(mu1 > 0)) {
            throw new IllegalArgumentException("a balanced mu2 needs mu1 > 0, found mu1=" + mu1
                    + "; mu2 is set to mu1 * L_svdd / L_rec, so mu1 = 0 would switch both terms off");
        }
        if (!(reconScoreWeight >= 0)) {
            throw new IllegalArgumentException("reconScoreWeight must be >= 0, found " + reconScoreWeight);
        }
        if (rcae != null && pretrain == null) {
            throw new IllegalArgumentException("pretrain must be set for RCAE pretraining, found none;"
                    + " give a pretraining schedule, or drop the rcae setting");
        }
        if (method == Method.DSPSVDD && pretrain == null) {
            throw new IllegalArgumentException(
                    "pretrain must be set for DSPSVDD, found none; DSPSVDD takes c from the pretrained encoder");
        }
    }

    /** A builder with the reference's defaults for the given network. */
    public static Builder builder(NetworkSpec network) {
        return new Builder(network);
    }

    /** A builder initialised from this config. */
    public Builder toBuilder() {
        Builder b = new Builder(network);
        b.method = method;
        b.objective = objective;
        b.nu = nu;
        b.pretrain = pretrain;
        b.rcae = rcae;
        b.train = train;
        b.centerEps = centerEps;
        b.warmUpEpochs = warmUpEpochs;
        b.radiusUpdate = radiusUpdate;
        b.mu1 = mu1;
        b.mu2 = mu2;
        b.balanceMu2 = balanceMu2;
        b.dspScore = dspScore;
        b.reconScoreWeight = reconScoreWeight;
        b.seed = seed;
        return b;
    }

    /** Every field, for the run's JSON record. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("network", network.name());
        if (network.refreshesBatchNorm()) { // absent for the LeNets, so their run records keep their identity
            m.put("batchNormRefresh", Networks.BATCH_NORM_REFRESH_UPDATES);
        }
        m.put("method", method.name());
        m.put("objective", objective.name());
        m.put("nu", nu);
        m.put("pretrain", pretrain == null ? null : pretrain.toMap());
        if (rcae != null) { // absent for the plain autoencoder, so older run records keep their identity
            m.put("rcae", rcae.toMap());
        }
        m.put("train", train.toMap());
        m.put("centerEps", centerEps);
        m.put("warmUpEpochs", warmUpEpochs);
        m.put("radiusUpdate", radiusUpdate.name());
        if (method == Method.DSPSVDD) {
            m.put("mu1", mu1);
            m.put("mu2", balanceMu2 ? BALANCED : mu2); // a number, or "balanced"
            m.put("dspScore", dspScore.name());
            m.put("reconScoreWeight", reconScoreWeight);
        }
        m.put("seed", seed);
        return m;
    }

    /** Reads {@link #toMap()} back (from a checkpoint's or a run's JSON). */
    public static DeepSvddConfig fromJson(com.google.gson.JsonObject o) {
        DeepSvddConfig.Builder b = DeepSvddConfig.builder(
                        NetworkSpec.parse(o.get("network").getAsString()))
                .method(Method.valueOf(o.get("method").getAsString()))
                .objective(Objective.valueOf(o.get("objective").getAsString()))
                .nu(o.get("nu").getAsDouble())
                .centerEps(o.get("centerEps").getAsDouble())
                .warmUpEpochs(o.get("warmUpEpochs").getAsInt())
                .radiusUpdate(RadiusUpdate.valueOf(o.get("radiusUpdate").getAsString()))
                .seed(o.get("seed").getAsLong())
                .train(OptimConfig.fromJson(o.getAsJsonObject("train")))
                .pretrain(
                        o.get("pretrain") == null || o.get("pretrain").isJsonNull()
                                ? null
                                : OptimConfig.fromJson(o.getAsJsonObject("pretrain")))
                .rcae(RcaeConfig.fromJson(o.get("rcae")));
        if (o.has("mu1")) {
            com.google.gson.JsonElement mu2 = o.get("mu2");
            if (mu2.isJsonPrimitive() && mu2.getAsJsonPrimitive().isString()) {
                if (!BALANCED.equals(mu2.getAsString())) {
                    throw new IllegalArgumentException(
                            "mu2 must be a number or \"" + BALANCED + "\", found \"" + mu2.getAsString() + "\"");
                }
                b.muBalanced(o.get("mu1").getAsDouble());
            } else {
                b.mu(o.get("mu1").getAsDouble(), mu2.getAsDouble());
            }
            b.dspScore(
                    DspScore.valueOf(o.get("dspScore").getAsString()),
                    o.get("reconScoreWeight").getAsDouble());
        }
        return b.build();
    }

    /** The value "mu2" takes in {@link #toMap()} (and on the command line) for {@code balanceMu2}. */
    public static final String BALANCED = "balanced";

    /**
     * Builder with the reference implementation's defaults; both schedules at the network's training
     * batch ({@link NetworkSpec#trainingBatch()}: the reference's 200, 64 for the ResNet-18).
     */
    public static final class Builder {
        private final NetworkSpec network;
        private Method method = Method.DEEP_SVDD;
        private Objective objective = Objective.ONE_CLASS;
        private double nu = 0.1;
        private OptimConfig pretrain = OptimConfig.referencePretraining();
        private RcaeConfig rcae;
        private OptimConfig train = OptimConfig.referenceSvdd();
        private double centerEps = Center.DEFAULT_EPS;
        private int warmUpEpochs = 10;
        private RadiusUpdate radiusUpdate = RadiusUpdate.PER_EPOCH;
        private double mu1 = 1.0;
        private double mu2 = 0.1;
        private boolean balanceMu2;
        private DspScore dspScore = DspScore.DISTANCE;
        private double reconScoreWeight = 1.0;
        private long seed = 0;

        private Builder(NetworkSpec network) {
            this.network = network;
            pretrain = pretrain.withBatchSize(deepsvddlab.nn.Networks.trainingBatch(network));
            train = train.withBatchSize(deepsvddlab.nn.Networks.trainingBatch(network));
        }

        public Builder method(Method m) {
            this.method = m;
            return this;
        }

        public Builder objective(Objective o) {
            this.objective = o;
            return this;
        }

        public Builder nu(double v) {
            this.nu = v;
            return this;
        }
        /** Pretraining schedule; null for none. */
        public Builder pretrain(OptimConfig c) {
            this.pretrain = c;
            return this;
        }

        /** RCAE pretraining instead of the plain autoencoder; null for the plain one. */
        public Builder rcae(RcaeConfig r) {
            this.rcae = r;
            return this;
        }

        public Builder train(OptimConfig c) {
            this.train = c;
            return this;
        }

        public Builder centerEps(double v) {
            this.centerEps = v;
            return this;
        }

        public Builder warmUpEpochs(int v) {
            this.warmUpEpochs = v;
            return this;
        }

        public Builder radiusUpdate(RadiusUpdate r) {
            this.radiusUpdate = r;
            return this;
        }

        public Builder mu(double mu1, double mu2) {
            this.mu1 = mu1;
            this.mu2 = mu2;
            this.balanceMu2 = false;
            return this;
        }

        /** DSPSVDD with weight {@code mu1} and mu2 set when joint training starts ({@code balanceMu2}). */
        public Builder muBalanced(double mu1) {
            this.mu1 = mu1;
            this.balanceMu2 = true;
            return this;
        }

        public Builder dspScore(DspScore s, double reconWeight) {
            this.dspScore = s;
            this.reconScoreWeight = reconWeight;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }
        /** Sets the epochs of both phases (quick mode). */
        public Builder epochs(int pretrainEpochs, int trainEpochs) {
            if (pretrain != null) {
                pretrain = pretrain.withEpochs(pretrainEpochs);
            }
            train = train.withEpochs(trainEpochs);
            return this;
        }

        public DeepSvddConfig build() {
            return new DeepSvddConfig(
                    network,
                    method,
                    objective,
                    nu,
                    pretrain,
                    rcae,
                    train,
                    centerEps,
                    warmUpEpochs,
                    radiusUpdate,
                    mu1,
                    mu2,
                    balanceMu2,
                    dspScore,
                    reconScoreWeight,
                    seed);
        }
    }
}
