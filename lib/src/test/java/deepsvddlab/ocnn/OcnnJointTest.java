package deepsvddlab.ocnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.svdd.Autoencoder;
import deepsvddlab.svdd.RcaeConfig;
import deepsvddlab.train.OptimConfig;
import deepsvddlab.train.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCNN in the joint regime (encoder trained with the head at its own rate) and with RCAE
 * pretraining: the nu-property in both regimes, the per-parameter learning rates, the fine-tuning
 * stage, save/load and the guards.
 */
class OcnnJointTest {
    static final OptimConfig AE = new OptimConfig(2, 1e-3, 1e-6, List.of(), 0.1, 50);
    static final OptimConfig HEAD = new OptimConfig(4, 1e-2, 0, List.of(), 0.1, 50);

    static NDArray images(NDManager m, int n, boolean anomalous, long seed) {
        return m.create(
                OcnnTest.images(n, anomalous, new SplittableRandom(seed)), NetworkSpec.MNIST_LENET.inputShape(n));
    }

    static OcnnConfig.Builder config() {
        return OcnnConfig.builder()
                .pretrain(AE)
                .train(HEAD)
                .hiddenUnits(8)
                .nu(0.1)
                .seed(5);
    }

    /** The trainable weights of a block (conv and linear kernels; not BatchNorm's running statistics). */
    static List<float[]> weights(Block b) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : b.getParameters()) {
            if (p.getValue().requiresGradient()) {
                out.add(p.getValue().getArray().toFloatArray());
            }
        }
        return out;
    }

    static double maxChange(List<float[]> a, List<float[]> b) {
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < a.get(i).length; j++) {
                max = Math.max(max, Math.abs(a.get(i)[j] - b.get(i)[j]));
            }
        }
        return max;
    }

    @Test
    void aboutAFractionNuOfTheTrainingImagesLiesBelowRInBothRegimes() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray normals = images(m, 200, false, 1);
            for (OcnnConfig.Joint joint : new OcnnConfig.Joint[] {null, OcnnConfig.Joint.of(1e-3)}) {
                for (double nu : new double[] {0.05, 0.2}) {
                    OcnnConfig cfg = config().nu(nu).joint(joint).build();
                    try (OcnnModel model = new Ocnn(cfg).fit(normals)) {
                        double[] y = model.outputs(normals);
                        double below = OcnnModel.fractionBelow(y, model.r());
                        // r is the nu-quantile of the training outputs: below r are floor-ish nu * n of 200
                        assertEquals(nu, below, 0.01, (joint == null ? "frozen" : "joint") + ", nu " + nu);
                        double[] logged = model.history().series(Ocnn.PHASE, "belowR");
                        assertEquals(below, logged[logged.length - 1], 1e-12, "the last epoch's r is the model's");
                    }
                }
            }
        }
    }

    @Test
    void theEncoderTrainsAtItsOwnRateOnlyInTheJointRegime() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray normals = images(m, 100, false, 1);
            try (Autoencoder ae = Autoencoder.pretrain(
                    NetworkSpec.MNIST_LENET, normals, AE, 5, ProgressListener.none(), () -> false)) {
                List<float[]> pretrained = weights(ae.block().encoder());
                double[] change = new double[3];
                double[] headChange = new double[3];
                OcnnConfig.Joint[] regimes = {null, OcnnConfig.Joint.of(1e-12), OcnnConfig.Joint.of(1e-3)};
                try (OcnnModel frozenModel =
                        new Ocnn(config().build()).fit(normals, ae, ProgressListener.none(), () -> false)) {
                    List<float[]> frozenHead = weights(frozenModel.head());
                    for (int k = 0; k < regimes.length; k++) {
                        try (OcnnModel model = new Ocnn(
                                        config().joint(regimes[k]).build())
                                .fit(normals, ae, ProgressListener.none(), () -> false)) {
                            change[k] = maxChange(pretrained, weights(model.encoder()));
                            headChange[k] = maxChange(frozenHead, weights(model.head()));
                        }
                    }
                }
                assertEquals(0, change[0], 0.0, "the frozen regime leaves the encoder as pretrained");
                assertEquals(0, headChange[0], 0.0);
                assertTrue(change[1] < 1e-8, "encoder lr 1e-12 barely moves the encoder: " + change[1]);
                assertTrue(change[2] > 1e-4, "encoder lr 1e-3 trains it: " + change[2]);
                assertTrue(headChange[2] > 0, "the head trains in the joint regime too");
            }
        }
    }

    @Test
    void theFineTuningStageSetsBothRatesFromItsEpoch(@TempDir Path dir) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray normals = images(m, 100, false, 1);
            NDArray test = images(m, 20, false, 2).concat(images(m, 20, true, 3));
            OcnnConfig cfg = config().joint(new OcnnConfig.Joint(1e-4, 3, 1e-6)).build();
            try (OcnnModel model = new Ocnn(cfg).fit(normals)) {
                assertArrayEquals(
                        new double[] {1e-2, 1e-2, 1e-6, 1e-6}, model.history().series(Ocnn.PHASE, "lr"));
                assertArrayEquals(
                        new double[] {1e-4, 1e-4, 1e-6, 1e-6}, model.history().series(Ocnn.PHASE, "encoderLr"));
                model.save(dir);
                try (OcnnModel back = OcnnModel.load(dir)) {
                    assertEquals(cfg, back.config());
                    assertArrayEquals(model.score(test), back.score(test), 0.0, "the trained encoder is saved");
                }
                try (OcnnModel again = new Ocnn(cfg).fit(normals)) {
                    assertArrayEquals(model.score(test), again.score(test), 0.0, "same seed, same scores");
                }
            }
        }
    }

    @Test
    void rcaePretrainingFeedsTheOcnnAndKindsMustMatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray normals = images(m, 100, false, 1);
            OcnnConfig cfg = config().rcae(new RcaeConfig(0.2, 1)).build();
            try (OcnnModel model = new Ocnn(cfg).fit(normals)) {
                double[] nonZero = model.history().series("pretrain", "nonZero");
                assertEquals(AE.epochs(), nonZero.length, "the RCAE's epochs are in the history");
                assertTrue(nonZero[nonZero.length - 1] > 0, "N was updated");
            }
            try (Autoencoder plain = Autoencoder.pretrain(
                    NetworkSpec.MNIST_LENET, normals, AE, 5, ProgressListener.none(), () -> false)) {
                IllegalArgumentException e = assertThrows(
                        IllegalArgumentException.class,
                        () -> new Ocnn(cfg).fit(normals, plain, ProgressListener.none(), () -> false));
                assertTrue(e.getMessage().contains("must be an RCAE"), e.getMessage());
            }
        }
    }

    @Test
    void badJointSettingsAreRefusedWithTheRuleAndTheValue() {
        String[][] cases = {
            {"0", "encoderLr must be a number > 0, found 0.0"},
            {"-1", "encoderLr must be a number > 0, found -1.0"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> OcnnConfig.Joint.of(Double.parseDouble(c[0])));
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> config().joint(new OcnnConfig.Joint(1e-5, 5, 1e-6)).build());
        assertTrue(
                e.getMessage().contains("fineTuneEpoch must be at most the last epoch 4 (or 0 for none), found 5"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new OcnnConfig.Joint(1e-5, -1, 1e-6));
        assertTrue(e.getMessage().contains("fineTuneEpoch must be >= 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new OcnnConfig.Joint(1e-5, 2, 0));
        assertTrue(e.getMessage().contains("fineTuneLr must be a number > 0, found 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RcaeConfig(0, 5));
        assertTrue(e.getMessage().contains("lambda must be > 0"), e.getMessage());
        // featuresOnly() drops the joint regime: the raw input has no encoder
        assertEquals(
                null,
                config().joint(OcnnConfig.Joint.defaults())
                        .featuresOnly()
                        .build()
                        .joint());
    }
}
