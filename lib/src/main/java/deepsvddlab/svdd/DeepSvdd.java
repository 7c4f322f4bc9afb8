package deepsvddlab.svdd;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.Trainer;
import deepsvddlab.nn.AutoencoderBlock;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.nn.Networks;
import deepsvddlab.svdd.DeepSvddConfig.Method;
import deepsvddlab.train.EpochLoop;
import deepsvddlab.train.History;
import deepsvddlab.train.ProgressListener;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Trains Deep SVDD (Ruff et al., "Deep One-Class Classification", ICML 2018) and its joint
 * structure-preserving variant DSPSVDD from a {@link DeepSvddConfig}:
 *
 * <ol>
 *   <li>pretrain a convolutional autoencoder on the training normals (optional for Deep SVDD);
 *   <li>copy its encoder (weights and BatchNorm running statistics) into the Deep SVDD network;
 *   <li>c = mean of phi(x) over the training normals, in eval mode, with the eps guard
 *       ({@link Center});
 *   <li>minimise the one-class loss mean ||phi(x) - c||^2 or the soft-boundary loss
 *       R^2 + (1/nu) mean max(0, ||phi(x) - c||^2 - R^2), with R re-solved as the (1 - nu) quantile
 *       of the distances after {@code warmUpEpochs}; DSPSVDD minimises
 *       mu1 * SVDD loss + mu2 * reconstruction loss over encoder and decoder together.
 *   <li>for a network whose BatchNorm statistics are refreshed ({@link
 *       NetworkSpec#refreshesBatchNorm()}: the ResNet-18), re-estimate them for the final weights,
 *       and re-solve a soft-boundary R on the eval-mode distances that score every point.
 * </ol>
 *
 * A config fits into an independent {@link DeepSvddModel}; fitting twice gives two models.
 */
public final class DeepSvdd implements deepsvddlab.detect.Detector {
    /** Phase names in progress reports and histories. */
    public static final String PHASE_SVDD = "svdd";

    public static final String PHASE_DSPSVDD = "dspsvdd";

    private final DeepSvddConfig config;

    public DeepSvdd(DeepSvddConfig config) {
        this.config = config;
    }

    public DeepSvddConfig config() {
        return config;
    }

    /**
     * The detector contract: fits on rows of flattened inputs (C*H*W values each, as
     * {@code ImageSet.toMatrix()} gives them).
     */
    @Override
    public DeepSvddModel fit(float[][] trainNormals) {
        try (NDManager manager = NDManager.newBaseManager(deepsvddlab.nn.Devices.current())) {
            return fit(Networks.toInput(manager, config.network(), "trainNormals", trainNormals));
        }
    }

    @Override
    public String name() {
        return DeepSvddModel.name(config);
    }

    @Override
    public java.util.Map<String, Object> params() {
        return config.toMap();
    }

    /** Fits on {@code train} (N, C, H, W): the training normals (possibly polluted). */
    public DeepSvddModel fit(NDArray train) {
        return fit(train, ProgressListener.none(), () -> false);
    }

    /** Fits, reporting each epoch to {@code listener}; {@code stop} is asked between epochs. */
    public DeepSvddModel fit(NDArray train, ProgressListener listener, BooleanSupplier stop) {
        return fit(train, null, listener, stop);
    }

    /**
     * Fits starting from an autoencoder already pretrained with this config's pretraining schedule
     * and seed on the same data (a sweep reuses it across methods); the model takes ownership of it.
     * With {@code pretrained == null} it pretrains one first (when the config asks for pretraining).
     */
    public DeepSvddModel fit(NDArray train, Autoencoder pretrained, ProgressListener listener, BooleanSupplier stop) {
        NetworkSpec net = config.network();
        Autoencoder.checkData(net, train);
        if (pretrained != null
                && (config.pretrain() == null || !pretrained.network().equals(net))) {
            throw new IllegalArgumentException("pretrained autoencoder must be of network " + net.name()
                    + " and the config must ask for pretraining, found "
                    + pretrained.network().name()
                    + " and pretrain=" + config.pretrain());
        }
        if (pretrained != null) {
            pretrained.checkKind(config.rcae());
        }
        Autoencoder ae = pretrained;
        Model model = null;
        try {
            History history = new History();
            if (ae == null && config.pretrain() != null) {
                ae = Autoencoder.pretrain(net, train, config.pretrain(), config.rcae(), config.seed(), listener, stop);
            }
            if (ae != null) {
                history.addAll(ae.history());
            }
            Block encoder;
            if (config.method() == Method.DSPSVDD) {
                // Joint training goes on in a copy of the pretrained autoencoder, which stays as it was.
                model = Networks.newModel("dspsvdd", net.autoencoder(), net, config.seed());
                Networks.copyParameters(ae.block(), model.getBlock(), model.getNDManager());
                encoder = ((AutoencoderBlock) model.getBlock()).encoder();
            } else {
                model = Networks.newModel("deep-svdd", net.encoder(), net, config.seed());
                if (ae != null) {
                    Networks.copyParameters(ae.block().encoder(), model.getBlock(), model.getNDManager());
                }
                encoder = model.getBlock();
            }
            float[] c =
                    Center.guard(meanEmbedding(encoder, train, config.network().inferenceBatch()), config.centerEps());
            NDArray cArray = model.getNDManager().create(c);
            double[] radius = {0.0};
            History trained = train(model, train, cArray, radius, listener, stop);
            history.addAll(trained);
            DeepSvddModel fitted = new DeepSvddModel(config, model, c, radius[0], history, ae);
            model = null;
            ae = null;
            return fitted;
        } finally {
            if (model != null) {
                model.close();
            }
            if (ae != null) {
                ae.close();
            }
        }
    }

    /** The mean encoder output over {@code data} in eval mode (before the eps guard). */
    public static float[] meanEmbedding(Block encoder, NDArray data) {
        return meanEmbedding(encoder, data, Networks.INFERENCE_BATCH);
    }

    /** As {@link #meanEmbedding(Block, NDArray)}, {@code batch} images per forward pass. */
    public static float[] meanEmbedding(Block encoder, NDArray data, int batch) {
        long n = data.getShape().get(0);
        float[] z = Networks.map(encoder, data, batch, b -> b.output().singletonOrThrow());
        int dim = (int) (z.length / n);
        double[] sum = new double[dim];
        for (int i = 0; i < z.length; i++) {
            sum[i % dim] += z[i];
        }
        float[] c = new float[dim];
        for (int j = 0; j < dim; j++) {
            c[j] = (float) (sum[j] / n);
        }
        return c;
    }

    /**
     * The balanced DSPSVDD weight (see {@link DeepSvddConfig#balanceMu2()}): mu1 * svdd / recon, the
     * two unweighted terms of the first training batch, before any update.
     */
    public static double balancedMu2(double mu1, double svdd, double recon) {
        if (!(recon > 0) || !(svdd >= 0) || !Double.isFinite(svdd) || !Double.isFinite(recon)) {
            throw new IllegalArgumentException("a balanced mu2 needs a reconstruction loss > 0 and a finite SVDD"
                    + " loss >= 0 on the first batch, found L_rec=" + recon + ", L_svdd=" + svdd
                    + "; give a fixed mu2 (--mu2 W) instead");
        }
        return mu1 * svdd / recon;
    }

    private History train(
            Model model, NDArray data, NDArray c, double[] radius, ProgressListener listener, BooleanSupplier stop) {
        boolean joint = config.method() == Method.DSPSVDD;
        boolean soft = config.objective() == Objective.SOFT_BOUNDARY;
        boolean perBatch = config.radiusUpdate() == RadiusUpdate.PER_BATCH;
        float[][] epochDistances = new float[1][];
        int[] filled = {0};
        int n = (int) data.getShape().get(0);
        // DSPSVDD's mu2: fixed, or (balanced) set from the first batch's two terms, in training mode as
        // the optimiser sees them, before the first update
        double[] mu2 = {joint && config.balanceMu2() ? Double.NaN : config.mu2()};
        EpochLoop.BatchStep step = (Trainer trainer, NDArray x, int epoch) -> {
            NDList out = trainer.forward(new NDList(x));
            NDArray z = joint ? out.get(1) : out.singletonOrThrow();
            NDArray dist = SvddLoss.distances(z, c);
            NDArray svddLoss = soft ? SvddLoss.softBoundary(dist, radius[0], config.nu()) : SvddLoss.oneClass(dist);
            Map<String, NDArray> parts = new LinkedHashMap<>();
            NDArray total = svddLoss;
            if (joint) {
                NDArray recon = Autoencoder.sampleErrors(out.get(0), x).mean();
                if (Double.isNaN(mu2[0])) {
                    mu2[0] = balancedMu2(config.mu1(), svddLoss.getFloat(), recon.getFloat());
                }
                total = svddLoss.mul((float) config.mu1()).add(recon.mul((float) mu2[0]));
                parts.put("svdd", svddLoss);
                parts.put("recon", recon);
            }
            if (soft && epoch >= config.warmUpEpochs()) {
                float[] d = dist.toFloatArray();
                if (perBatch) {
                    radius[0] = SvddLoss.radius(d, config.nu());
                } else {
                    if (epochDistances[0] == null || filled[0] >= n) {
                        epochDistances[0] = new float[n];
                        filled[0] = 0;
                    }
                    System.arraycopy(d, 0, epochDistances[0], filled[0], d.length);
                    filled[0] += d.length;
                }
            }
            return new EpochLoop.Losses(total, parts);
        };
        EpochLoop.EpochEnd end = epoch -> {
            if (soft && !perBatch && epoch >= config.warmUpEpochs() && filled[0] == n) {
                radius[0] = SvddLoss.radius(epochDistances[0], config.nu());
                filled[0] = 0;
            }
            Map<String, Double> extra = new LinkedHashMap<>();
            if (soft) {
                extra.put("R", radius[0]);
            }
            if (joint && config.balanceMu2()) {
                extra.put("mu2", mu2[0]); // the value the balance rule gave, in the history
            }
            return extra;
        };
        String phase = joint ? PHASE_DSPSVDD : PHASE_SVDD;
        History h = EpochLoop.run(phase, model, data, config.train(), config.seed() + 1, step, end, listener, stop);
        if (config.network().refreshesBatchNorm() && !h.stoppedEarly()) {
            Networks.refreshBatchNorm(model.getBlock(), data, config.train().batchSize());
            if (soft && config.train().epochs() > config.warmUpEpochs()) {
                // R from the distances the refreshed eval-mode network gives, which score every point
                Block encoder = joint ? ((AutoencoderBlock) model.getBlock()).encoder() : model.getBlock();
                radius[0] = SvddLoss.radius(
                        Networks.map(
                                encoder,
                                data,
                                config.network().inferenceBatch(),
                                b -> SvddLoss.distances(b.output().singletonOrThrow(), c)),
                        config.nu());
            }
        }
        return h;
    }
}
