package deepsvddlab.ocnn;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.Trainer;
import deepsvddlab.detect.Detector;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.nn.Networks;
import deepsvddlab.ocnn.OcnnConfig.Features;
import deepsvddlab.svdd.Autoencoder;
import deepsvddlab.train.EpochLoop;
import deepsvddlab.train.History;
import deepsvddlab.train.ProgressListener;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Trains a One-Class Neural Network (Chalapathy, Menon and Chawla, "Anomaly Detection using
 * One-Class Neural Networks", 2018) from an {@link OcnnConfig}:
 *
 * <ol>
 *   <li>features z(x): the encoder of an autoencoder pretrained on the training normals, then frozen
 *       (computed once, in eval mode), or the raw input in features-only mode;
 *   <li>a one-hidden-layer head y(x) = &lt;w, g(V z(x))&gt; without biases, and r = the nu-quantile of
 *       the initial outputs on the training data;
 *   <li>alternating minimisation of
 *       1/2 ||w||^2 + 1/2 ||V||_F^2 + (1/nu) mean_i max(0, r - y(x_i)) - r ({@link OcnnLoss}): an
 *       epoch of Adam steps on (w, V) with r fixed, then r = the nu-quantile of {y(x_i)} over the
 *       training data (the paper's closed form), reported as metric "r" of phase "ocnn".
 * </ol>
 *
 * Decision: x is normal if y(x) &gt;= r; the anomaly score is r - y(x) (higher = more anomalous,
 * positive = flagged), so about a fraction nu of the training points is flagged.
 *
 * <p>Like a one-class SVM, the head has no bias, so it separates the data from the origin of the
 * feature space: it flags points whose features lie towards the origin. On features centred at the
 * origin it has nothing to hold on to (for symmetric data the mean of the lowest nu fraction of y is
 * at most its mean, reached by a constant y, so V drifts to 0 and the ranking is arbitrary); it is
 * meant for features away from the origin, as a pretrained encoder's usually are.
 */
public final class Ocnn implements Detector {
    /** Phase name of the head's training in progress reports and histories. */
    public static final String PHASE = "ocnn";

    private final OcnnConfig config;

    public Ocnn(OcnnConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null, found null; use OcnnConfig.builder().build()");
        }
        this.config = config;
    }

    public OcnnConfig config() {
        return config;
    }

    @Override
    public String name() {
        return OcnnModel.NAME;
    }

    @Override
    public Map<String, Object> params() {
        return config.toMap();
    }

    /**
     * The detector contract: fits on rows of feature vectors (features-only mode) or of flattened
     * C*H*W images (as {@code ImageSet.toMatrix()} gives them).
     */
    @Override
    public OcnnModel fit(float[][] trainNormals) {
        try (NDManager manager = NDManager.newBaseManager(deepsvddlab.nn.Devices.current())) {
            return fit(OcnnModel.toInput(manager, config, "trainNormals", trainNormals, -1));
        }
    }

    /** Fits on {@code train}: (N, C, H, W) images, or (N, ...) feature vectors in features-only mode. */
    public OcnnModel fit(NDArray train) {
        return fit(train, ProgressListener.none(), () -> false);
    }

    /** Fits, reporting each epoch to {@code listener}; {@code stop} is asked between epochs. */
    public OcnnModel fit(NDArray train, ProgressListener listener, BooleanSupplier stop) {
        return fit(train, null, listener, stop);
    }

    /**
     * Fits on the features of an autoencoder already pretrained on the same data (a comparison
     * reuses one): its encoder is copied, and the caller keeps ownership of {@code pretrained} (close
     * it yourself). With {@code pretrained == null} one is pretrained with this config's schedule.
     */
    public OcnnModel fit(NDArray train, Autoencoder pretrained, ProgressListener listener, BooleanSupplier stop) {
        OcnnModel.checkData(config, train, -1);
        if (pretrained != null
                && (config.features() != Features.PRETRAINED_ENCODER
                        || !pretrained.network().equals(config.network()))) {
            throw new IllegalArgumentException(
                    "pretrained autoencoder must be of the config's network " + config.network()
                            + " in PRETRAINED_ENCODER mode, found "
                            + pretrained.network().name() + " with " + config.features()
                            + " features; pass null, or a matching config");
        }
        if (pretrained != null) {
            pretrained.checkKind(config.rcae());
        }
        int n = (int) train.getShape().get(0);
        History history = new History();
        Model encoder = null;
        Model head = null;
        Autoencoder own = null;
        try (NDManager scope = NDManager.newBaseManager(deepsvddlab.nn.Devices.current())) {
            float[] z;
            if (config.features() == Features.RAW_INPUT) {
                z = train.toFloatArray();
            } else {
                NetworkSpec net = config.network();
                Autoencoder ae = pretrained;
                if (ae == null) {
                    ae = own = Autoencoder.pretrain(
                            net, train, config.pretrain(), config.rcae(), config.seed(), listener, stop);
                }
                history.addAll(ae.history());
                encoder = Networks.newModel("ocnn-encoder", net.encoder(), net, config.seed());
                Networks.copyParameters(ae.block().encoder(), encoder.getBlock(), encoder.getNDManager());
                if (own != null) {
                    own.close();
                    own = null;
                }
                // The pretrained encoder's features, in eval mode: all the frozen head sees, and the
                // start of the joint regime (r's first value).
                z = Networks.map(
                        encoder.getBlock(),
                        train,
                        net.inferenceBatch(),
                        b -> b.output().singletonOrThrow());
            }
            int dim = z.length / n;
            NDArray features = scope.create(z, new Shape(n, dim));
            head = OcnnHead.newModel(dim, config.hiddenUnits(), config.activation(), config.seed());
            double[] r = {OcnnLoss.r(OcnnHead.outputs(head.getBlock(), features), config.nu())};
            history.addAll(
                    config.joint() == null
                            ? trainHead(head.getBlock(), head, features, r, listener, stop)
                            : trainJoint(encoder.getBlock(), head.getBlock(), train, r, listener, stop));
            OcnnModel fitted = new OcnnModel(config, dim, encoder, head, r[0], history);
            encoder = null;
            head = null;
            return fitted;
        } finally {
            if (own != null) {
                own.close();
            }
            if (encoder != null) {
                encoder.close();
            }
            if (head != null) {
                head.close();
            }
        }
    }

    /**
     * The joint regime: Adam epochs on (w, V) and the encoder's weights together (the encoder at its
     * own rate, {@link OcnnConfig.Joint}), with r fixed; after each epoch r is re-solved on the
     * training images' outputs (encoder and head in eval mode). A network whose BatchNorm statistics
     * are refreshed ({@link NetworkSpec#refreshesBatchNorm()}) has them re-estimated at the end, and r
     * re-solved once more.
     */
    private History trainJoint(
            Block encoder,
            Block headBlock,
            NDArray images,
            double[] r,
            ProgressListener listener,
            BooleanSupplier stop) {
        OcnnConfig.Joint joint = config.joint();
        java.util.Set<String> encoderIds = new java.util.HashSet<>();
        for (var p : encoder.getParameters()) {
            encoderIds.add(p.getValue().getId());
        }
        EpochLoop.Rates rates =
                (id, epoch) -> joint.learningRate(config.train(), id != null && encoderIds.contains(id), epoch);
        NDArray v = OcnnHead.v(headBlock);
        NDArray w = OcnnHead.w(headBlock);
        EpochLoop.BatchStep step = objectiveStep(w, v, r);
        EpochLoop.EpochEnd end = epoch -> {
            Map<String, Double> m =
                    updateR(outputs(encoder, headBlock, images, config.network().inferenceBatch()), r);
            m.put("encoderLr", joint.learningRate(config.train(), true, epoch));
            return m;
        };
        // One model over both blocks, whose parameters are already initialised (and stay theirs).
        try (Model both = Model.newInstance("ocnn-joint", deepsvddlab.nn.Devices.current(), "PyTorch")) {
            both.setBlock(new ai.djl.nn.SequentialBlock().add(encoder).add(headBlock));
            History h = EpochLoop.run(
                    PHASE, both, images, config.train(), rates, config.seed() + 1, step, end, listener, stop);
            if (config.network().refreshesBatchNorm() && !h.stoppedEarly()) {
                // the encoder's BatchNorm statistics for its final weights (as DeepSvdd does), then r
                // from the eval-mode outputs they give, which score every point
                Networks.refreshBatchNorm(encoder, images, config.train().batchSize());
                updateR(outputs(encoder, headBlock, images, config.network().inferenceBatch()), r);
            }
            return h;
        }
    }

    /** One batch of the OCNN objective with r fixed: y from the trainer's forward pass (head, or encoder and head). */
    private EpochLoop.BatchStep objectiveStep(NDArray w, NDArray v, double[] r) {
        double nu = config.nu();
        return (Trainer trainer, NDArray x, int epoch) -> {
            NDArray y = trainer.forward(new NDList(x)).singletonOrThrow().reshape(-1);
            NDArray total = OcnnLoss.objective(y, w, v, r[0], nu);
            return new EpochLoop.Losses(total, Map.of("hinge", OcnnLoss.hinge(y, r[0])));
        };
    }

    /** The closed-form r after an epoch: the nu-quantile of the training outputs y; reported with the share below it. */
    private Map<String, Double> updateR(double[] y, double[] r) {
        r[0] = OcnnLoss.r(y, config.nu());
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("r", r[0]);
        m.put("belowR", OcnnModel.fractionBelow(y, r[0]));
        return m;
    }

    /** y(x) for images: the encoder's features, then the head, both in eval mode. */
    static double[] outputs(Block encoder, Block head, NDArray images, int batch) {
        try (NDManager scope = images.getManager().newSubManager()) {
            int n = (int) images.getShape().get(0);
            float[] z = Networks.map(encoder, images, batch, b -> b.output().singletonOrThrow());
            return OcnnHead.outputs(head, scope.create(z, new Shape(n, z.length / n)));
        }
    }

    /** The alternating minimisation: Adam epochs on (w, V) with r fixed, r re-solved after each. */
    private History trainHead(
            Block block, Model head, NDArray features, double[] r, ProgressListener listener, BooleanSupplier stop) {
        NDArray v = OcnnHead.v(block);
        NDArray w = OcnnHead.w(block);
        EpochLoop.BatchStep step = objectiveStep(w, v, r);
        EpochLoop.EpochEnd end = epoch -> updateR(OcnnHead.outputs(block, features), r);
        return EpochLoop.run(PHASE, head, features, config.train(), config.seed() + 1, step, end, listener, stop);
    }
}
