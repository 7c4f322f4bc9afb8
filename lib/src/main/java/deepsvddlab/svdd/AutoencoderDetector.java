package deepsvddlab.svdd;

import ai.djl.ndarray.NDManager;
import deepsvddlab.detect.Detector;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.train.OptimConfig;
import deepsvddlab.train.ProgressListener;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The autoencoder's reconstruction error as an anomaly detector (the baseline Deep SVDD is compared
 * with in Ruff et al. 2018): fit pretrains the autoencoder on the normals; the score of x is
 * ||x - D(phi(x))||^2, higher = more anomalous.
 *
 * @param network the autoencoder's network
 * @param schedule the pretraining schedule (the reference's by default)
 * @param seed initialisation and shuffling seed
 */
public record AutoencoderDetector(NetworkSpec network, OptimConfig schedule, long seed) implements Detector {
    public AutoencoderDetector {
        if (network == null || schedule == null) {
            throw new IllegalArgumentException(
                    "network and schedule must be set, found " + network + " and " + schedule);
        }
    }

    /** The reference's pretraining schedule on {@code network}, at the network's training batch. */
    public static AutoencoderDetector of(NetworkSpec network, long seed) {
        return new AutoencoderDetector(
                network,
                OptimConfig.referencePretraining().withBatchSize(deepsvddlab.nn.Networks.trainingBatch(network)),
                seed);
    }

    @Override
    public Autoencoder fit(float[][] trainNormals) {
        try (NDManager manager = NDManager.newBaseManager(deepsvddlab.nn.Devices.current())) {
            return Autoencoder.pretrain(
                    network,
                    deepsvddlab.nn.Networks.toInput(manager, network, "trainNormals", trainNormals),
                    schedule,
                    seed,
                    ProgressListener.none(),
                    () -> false);
        }
    }

    @Override
    public String name() {
        return "AE reconstruction error";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("network", network.name());
        m.put("pretrain", schedule.toMap());
        m.put("seed", seed);
        return m;
    }
}
