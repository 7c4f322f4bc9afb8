package deepsvddlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import deepsvddlab.data.ImageSet;
import deepsvddlab.data.SyntheticColour;
import deepsvddlab.detect.IsolationForest;
import deepsvddlab.detect.MahalanobisDetector;
import deepsvddlab.detect.OneClassSvm;
import deepsvddlab.io.Json;
import deepsvddlab.svdd.DeepSvdd;
import deepsvddlab.svdd.DeepSvddConfig;
import deepsvddlab.svdd.DeepSvddModel;
import deepsvddlab.train.OptimConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's TorchScript model as a frozen encoder: the features PyTorch computes (fixtures made by
 * make_torchscript_fixture.py), the refusals of files that are not such a model, and the features
 * feeding Deep SVDD's head and the shallow detectors.
 */
public class TorchScriptEncoderTest {
    public static Path fixture(String name) throws Exception {
        return Path.of(
                TorchScriptEncoderTest.class.getResource("/fixtures/" + name).toURI());
    }

    @Test
    void theFeaturesArePyTorchs() throws Exception {
        JsonArray expected = Json.read(fixture("tiny-extractor.json")).getAsJsonArray("features");
        try (TorchScriptEncoder enc = TorchScriptEncoder.load(fixture("tiny-extractor.pt"), 3, 32, 32);
                NDManager m = NDManager.newBaseManager()) {
            assertEquals(8, enc.featureDim());
            NDArray x = m.linspace(0f, 1f, 2 * 3 * 32 * 32).reshape(2, 3, 32, 32);
            float[][] f = enc.features(x);
            for (int i = 0; i < 2; i++) {
                float[] want = new float[8];
                for (int j = 0; j < 8; j++) {
                    want[j] = expected.get(i).getAsJsonArray().get(j).getAsFloat();
                }
                assertArrayEquals(want, f[i], 1e-5f, "image " + i);
            }
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> enc.features(m.zeros(new ai.djl.ndarray.types.Shape(1, 1, 28, 28))));
            assertTrue(e.getMessage().contains("images must have shape (N, 3, 32, 32)"), e.getMessage());
        }
    }

    @Test
    void filesThatAreNotSuchAModelAreRefusedNamingTheFileAndTheRule(@TempDir Path dir) throws Exception {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> TorchScriptEncoder.load(fixture("grey-extractor.pt"), 3, 32, 32));
        assertTrue(
                e.getMessage().contains("grey-extractor.pt must take images of shape (N, 3, 32, 32), found it fails"),
                e.getMessage());
        Path text = Files.writeString(dir.resolve("notes.pt"), "not a model");
        e = assertThrows(IllegalArgumentException.class, () -> TorchScriptEncoder.load(text, 3, 32, 32));
        assertTrue(e.getMessage().contains("notes.pt must be a TorchScript model"), e.getMessage());
        Path cut = dir.resolve("cut.pt");
        byte[] whole = Files.readAllBytes(fixture("tiny-extractor.pt"));
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        e = assertThrows(IllegalArgumentException.class, () -> TorchScriptEncoder.load(cut, 3, 32, 32));
        assertTrue(
                e.getMessage().contains("cut.pt must be a TorchScript model")
                        && e.getMessage().contains("copied completely"),
                e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> TorchScriptEncoder.load(dir.resolve("none.pt"), 3, 32, 32));
        assertTrue(e.getMessage().contains("none.pt must exist"), e.getMessage());
    }

    @Test
    void itsFeaturesFeedDeepSvddsHeadAndTheShallowDetectors() throws Exception {
        ImageSet s = SyntheticColour.generate(20, 3, "t");
        float[] px = s.pixels();
        for (int i = 0; i < px.length; i++) {
            px[i] /= 255f;
        }
        try (TorchScriptEncoder enc = TorchScriptEncoder.load(fixture("tiny-extractor.pt"), 3, 32, 32);
                NDManager m = NDManager.newBaseManager()) {
            float[][] f = enc.features(m.create(px, NetworkSpec.CIFAR_LENET.inputShape(s.size())));
            assertEquals(200, f.length);
            float[][] normals = Arrays.copyOfRange(f, 0, 20);
            for (var d : List.of(
                    IsolationForest.builder().seed(0).build(),
                    OneClassSvm.builder().nu(0.1).build(),
                    MahalanobisDetector.builder().ridge(1e-3).build())) {
                double[] scores = d.fit(normals).score(f);
                assertEquals(200, scores.length);
                assertTrue(Arrays.stream(scores).allMatch(Double::isFinite), d.name());
            }
            // Deep SVDD: a small trainable head (an MLP) on the frozen features
            NetworkSpec head = NetworkSpec.mlp(enc.featureDim(), 16, 4);
            OptimConfig o = new OptimConfig(2, 1e-3, 1e-6, List.of(), 0.1, 10);
            try (DeepSvddModel model = new DeepSvdd(
                            DeepSvddConfig.builder(head).pretrain(o).train(o).build())
                    .fit(m.create(DeepSvddModelRows.flat(normals), head.inputShape(20)), null, null)) {
                double[] scores = model.score(m.create(DeepSvddModelRows.flat(f), head.inputShape(200)));
                assertTrue(Arrays.stream(scores).allMatch(v -> v >= 0 && Double.isFinite(v)), "distances");
            }
        }
    }

    /** Rows as one flat array. */
    static final class DeepSvddModelRows {
        static float[] flat(float[][] rows) {
            float[] out = new float[rows.length * rows[0].length];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(rows[i], 0, out, i * rows[0].length, rows[0].length);
            }
            return out;
        }
    }
}
