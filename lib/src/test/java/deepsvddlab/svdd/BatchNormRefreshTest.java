package deepsvddlab.svdd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import deepsvddlab.nn.ColourImages;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.nn.Networks;
import deepsvddlab.ocnn.Ocnn;
import deepsvddlab.ocnn.OcnnConfig;
import deepsvddlab.ocnn.OcnnLoss;
import deepsvddlab.ocnn.OcnnModel;
import deepsvddlab.train.OptimConfig;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ResNet-18's eval-mode network (which computes c and every score) puts the training normals where
 * training put them: its BatchNorm running statistics are re-estimated for the final weights.
 */
class BatchNormRefreshTest {
    /** Mean ||phi(x) - c||^2 with the batch statistics of training mode (batches of 50); updates the running ones. */
    static double trainingModeDistance(DeepSvddModel model, NDArray x) {
        NDManager m = x.getManager();
        NDArray c = m.create(model.center());
        double sum = 0;
        long n = x.getShape().get(0);
        for (long s = 0; s < n; s += 50) {
            try (NDManager b = m.newSubManager()) {
                NDArray z = model.encoder()
                        .forward(
                                new ParameterStore(b, false),
                                new NDList(x.get(b, new NDIndex("{}:{}", s, Math.min(n, s + 50)))),
                                true)
                        .singletonOrThrow();
                sum += z.sub(c).square().sum().getFloat();
            }
        }
        return sum / n;
    }

    static double evalDistance(DeepSvddModel model, NDArray x) {
        return Arrays.stream(model.score(x)).average().orElse(Double.NaN);
    }

    @Test
    void theEvalModeNetworkPutsTheTrainingNormalsWhereTrainingPutThem() {
        assertTrue(NetworkSpec.RESNET18.refreshesBatchNorm());
        assertTrue(!NetworkSpec.MNIST_LENET.refreshesBatchNorm(), "the LeNets keep the reference's behaviour");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray train = ColourImages.of(m, 60, 1, 0, 0);
            NDArray others = ColourImages.of(m, 8, 1, 1, 9);
            OptimConfig o = new OptimConfig(2, 1e-3, 1e-6, List.of(), 0.1, 30);
            DeepSvddConfig cfg = DeepSvddConfig.builder(NetworkSpec.RESNET18)
                    .pretrain(o)
                    .train(o)
                    .seed(0)
                    .build();
            try (DeepSvddModel model = new DeepSvdd(cfg).fit(train, null, null)) {
                double eval = evalDistance(model, train);
                double batch = trainingModeDistance(model, train);
                assertTrue(eval / batch > 0.67 && eval / batch < 1.5, "eval " + eval + " vs training mode " + batch);
                // statistics of other data (training-mode passes over the anomalies) move the eval-mode
                // network away; the refresh brings it back
                for (int i = 0; i < 10; i++) {
                    trainingModeDistance(model, others);
                }
                double stale = evalDistance(model, train);
                Networks.refreshBatchNorm(model.encoder(), train, 30);
                double refreshed = evalDistance(model, train);
                // without the refresh at the end of fit, eval is the stale value and this fails (measured 31% off)
                assertTrue(Math.abs(refreshed - eval) < 0.1 * eval, "refreshed " + refreshed + " vs " + eval);
                assertTrue(Math.abs(stale - eval) > 0.3 * eval, "stale " + stale + " vs " + eval);
            }
        }
    }

    /**
     * After the refresh, soft-boundary's R and OCNN's r are re-solved on the eval-mode network that
     * scores every point, so the training quantile holds for the scores (without the re-solve both
     * keep the value of training's last epoch, under the statistics before the refresh).
     */
    @Test
    void theRadiusAndOcnnsRComeFromTheRefreshedNetwork() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray train = ColourImages.of(m, 60, 1, 0, 0);
            OptimConfig o = new OptimConfig(2, 1e-3, 1e-6, List.of(), 0.1, 30);
            DeepSvddConfig cfg = DeepSvddConfig.builder(NetworkSpec.RESNET18)
                    .objective(Objective.SOFT_BOUNDARY)
                    .warmUpEpochs(0)
                    .pretrain(o)
                    .train(o)
                    .seed(0)
                    .build();
            try (DeepSvddModel model = new DeepSvdd(cfg).fit(train, null, null)) {
                double[] d = model.distances(train);
                float[] f = new float[d.length];
                for (int i = 0; i < d.length; i++) {
                    f[i] = (float) d[i];
                }
                assertEquals(SvddLoss.radius(f, cfg.nu()), model.radius(), 1e-6);
                double last = model.history().series(DeepSvdd.PHASE_SVDD, "R")[1];
                assertTrue(Math.abs(last - model.radius()) > 1e-6, "R " + model.radius() + " vs last epoch's " + last);
            }
            OcnnConfig oc = OcnnConfig.builder()
                    .network(NetworkSpec.RESNET18)
                    .joint(OcnnConfig.Joint.of(1e-4))
                    .pretrain(o)
                    .train(o)
                    .seed(0)
                    .build();
            try (OcnnModel model = new Ocnn(oc).fit(train, null, null)) {
                assertEquals(OcnnLoss.r(model.outputs(train), oc.nu()), model.r(), 1e-9);
                double last = model.history().series(Ocnn.PHASE, "r")[1];
                assertTrue(Math.abs(last - model.r()) > 1e-9, "r " + model.r() + " vs last epoch's " + last);
            }
        }
    }
}
