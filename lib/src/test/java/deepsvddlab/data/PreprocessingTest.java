package deepsvddlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreprocessingTest {
    /**
     * The reference's per-class constants: min and max of the GCN'd (L1) training images of each class
     * (lukasruff/Deep-SVDD-PyTorch, src/datasets/mnist.py and cifar10.py).
     */
    static final double[][] MNIST_MIN_MAX = {
        {-0.8826567065619495, 9.001545489292527},
        {-0.6661464580883915, 20.108062262467364},
        {-0.7820454743183202, 11.665100841080346},
        {-0.7645772083211267, 12.895051191467457},
        {-0.7253923114302238, 12.683235701611533},
        {-0.7698501867861425, 13.103278415430502},
        {-0.778418217980696, 10.457837397569108},
        {-0.7129780970522351, 12.057777597673047},
        {-0.8280402650205075, 10.581538445782988},
        {-0.7369959242164307, 10.697039838804978}
    };

    static final double[][] CIFAR10_MIN_MAX = {
        {-28.94083453598571, 13.802961825439636},
        {-6.681770233365245, 9.158067708230273},
        {-34.924463588638204, 14.419298165027628},
        {-10.599172931391799, 11.093187820377565},
        {-11.945022995801637, 10.628045447867583},
        {-9.691969487694928, 8.948326776180823},
        {-9.174940012342555, 13.847014686472365},
        {-6.876682005899029, 12.282371383343161},
        {-15.603507135507172, 15.2464923804279},
        {-6.132882973622672, 8.046098172351265}
    };

    private static ImageSet set(float[]... images) {
        float[] p = new float[images.length * images[0].length];
        for (int i = 0; i < images.length; i++) {
            System.arraycopy(images[i], 0, p, i * images[0].length, images[0].length);
        }
        return new ImageSet("s", p, new int[images.length], 1, 2, images[0].length / 2, List.of("only"));
    }

    @Test
    void gcnL1MatchesHandComputation() {
        // mean 3, centred (-2, -1, 0, 3), mean |.| = 6/4 = 1.5
        assertArrayEquals(new float[] {-4f / 3, -2f / 3, 0f, 2f}, Preprocessing.gcnL1(new float[] {1, 2, 3, 6}), 1e-6f);
        // mean 1, centred (-1, -1, -1, 3), mean |.| = 1.5
        assertArrayEquals(
                new float[] {-2f / 3, -2f / 3, -2f / 3, 2f}, Preprocessing.gcnL1(new float[] {0, 0, 0, 4}), 1e-6f);
    }

    @Test
    void gcnIsScaleInvariantSoBytesAndToTensorValuesAgree() {
        float[] bytes = {0, 17, 255, 128, 3, 90};
        float[] unit = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            unit[i] = bytes[i] / 255f;
        }
        assertArrayEquals(Preprocessing.gcnL1(bytes), Preprocessing.gcnL1(unit), 1e-5f);
    }

    @Test
    void constantImageGivesZeros() {
        assertArrayEquals(new float[4], Preprocessing.gcnL1(new float[] {7, 7, 7, 7}));
    }

    @Test
    void perChannelGcnNormalisesEachChannel() {
        float[] img = {1, 2, 3, 6, 0, 0, 0, 4};
        assertArrayEquals(
                new float[] {-4f / 3, -2f / 3, 0f, 2f, -2f / 3, -2f / 3, -2f / 3, 2f},
                Preprocessing.gcnL1PerChannel(img, 2),
                1e-6f);
        assertNotEquals(Preprocessing.gcnL1(img)[0], Preprocessing.gcnL1PerChannel(img, 2)[0]);
        assertArrayEquals(Preprocessing.gcnL1(img), Preprocessing.gcnL1PerChannel(img, 1));
        assertThrows(IllegalArgumentException.class, () -> Preprocessing.gcnL1PerChannel(img, 3));
    }

    @Test
    void minMaxIsFittedOnTheGivenNormalsOnly() {
        ImageSet normals = set(new float[] {1, 2, 3, 6}, new float[] {0, 0, 0, 4});
        FittedPreprocessor f = Preprocessing.gcnL1MinMax().fit(normals);
        Map<String, Object> d = f.describe();
        assertEquals("gcn-l1+minmax", d.get("name"));
        assertEquals(-4.0 / 3, (double) d.get("min"), 1e-6);
        assertEquals(2.0, (double) d.get("max"), 1e-6);
        // (g - min) / (max - min) with min = -4/3, max - min = 10/3
        assertArrayEquals(new float[] {0f, 0.2f, 0.4f, 1f}, f.apply(normals).image(0), 1e-6f);
        // an anomaly with a wider GCN range, (1, 1, 1, 0) -> (2/3, 2/3, 2/3, -2), does not move the
        // constants: it falls outside [0, 1]
        ImageSet other = set(new float[] {1, 1, 1, 0});
        float[] out = f.apply(other).image(0);
        assertEquals((2.0 / 3 + 4.0 / 3) / (10.0 / 3), out[0], 1e-6);
        assertEquals((-2 + 4.0 / 3) / (10.0 / 3), out[3], 1e-6, "below 0");
        FittedPreprocessor g = Preprocessing.gcnL1MinMax().fit(set(new float[] {1, 2, 3, 6}, new float[] {1, 1, 1, 0}));
        assertEquals(-2.0, (double) g.describe().get("min"), 1e-6, "fitting on other data gives other constants");
        assertEquals(-4.0 / 3, (double) d.get("min"), 1e-6, "the first fit is unchanged");
    }

    @Test
    void fixedConstantsAndSimplePreprocessors() {
        ImageSet s = set(new float[] {1, 2, 3, 6});
        FittedPreprocessor fixed = Preprocessing.gcnL1MinMax(-4.0 / 3, 2.0);
        assertArrayEquals(new float[] {0f, 0.2f, 0.4f, 1f}, fixed.apply(s).image(0), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> Preprocessing.gcnL1MinMax(1, 1));
        assertArrayEquals(
                new float[] {1 / 255f, 2 / 255f, 3 / 255f, 6 / 255f},
                Preprocessing.scale255().fit(s).apply(s).image(0),
                1e-7f);
        assertSame(s, Preprocessing.none().fit(s).apply(s));
        assertEquals("scale255", Preprocessing.scale255().fit(s).describe().get("name"));
        assertThrows(
                IllegalArgumentException.class,
                () -> Preprocessing.gcnL1MinMax().fit(set(new float[] {5, 5, 5, 5})));
        FittedPreprocessor f = Preprocessing.gcnL1MinMax().fit(s);
        ImageSet wider = new ImageSet("w", new float[6], new int[1], 1, 2, 3, List.of("only"));
        assertThrows(IllegalArgumentException.class, () -> f.apply(wider));
    }

    /** Our computed constants on the standard MNIST equal the reference's published ones. */
    @Test
    void mnistConstantsMatchTheReference() {
        Path dir = Datasets.defaultDataDir();
        assumeTrue(
                Files.isDirectory(dir.resolve("mnist")),
                "standard MNIST not under " + dir.resolve("mnist")
                        + " (not reachable here); skipping the constants check");
        TrainTest mnist = Datasets.load(DatasetId.MNIST, dir);
        for (int c = 0; c < 10; c++) {
            OneClassTask task = OneClassProtocol.split(mnist, c, 0.0, 0);
            Map<String, Object> d =
                    Preprocessing.gcnL1MinMax().fit(task.trainNormals()).describe();
            assertEquals(MNIST_MIN_MAX[c][0], (double) d.get("min"), 1e-5, "min of class " + c);
            assertEquals(MNIST_MIN_MAX[c][1], (double) d.get("max"), 1e-4, "max of class " + c);
        }
    }

    /** The reference's CIFAR-10 constants come from per-channel GCN. */
    @Test
    void cifar10ConstantsMatchTheReference() {
        Path dir = Datasets.defaultDataDir();
        assumeTrue(
                Files.isDirectory(dir.resolve("cifar10").resolve(Datasets.CIFAR_BATCH_DIR)),
                "CIFAR-10 not under " + dir.resolve("cifar10") + " (not reachable here); skipping the constants check");
        TrainTest cifar = Datasets.load(DatasetId.CIFAR10, dir);
        for (int c = 0; c < 10; c++) {
            OneClassTask task = OneClassProtocol.split(cifar, c, 0.0, 0);
            Map<String, Object> d = Preprocessing.gcnL1MinMaxPerChannel()
                    .fit(task.trainNormals())
                    .describe();
            assertEquals(CIFAR10_MIN_MAX[c][0], (double) d.get("min"), 1e-4, "min of class " + c);
            assertEquals(CIFAR10_MIN_MAX[c][1], (double) d.get("max"), 1e-4, "max of class " + c);
        }
    }

    private static JsonObject fixture() throws Exception {
        try (var in = PreprocessingTest.class.getResourceAsStream("/data/gcn_fixture.json")) {
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .getAsJsonObject();
        }
    }

    private static float[] floats(JsonArray a) {
        float[] f = new float[a.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = a.get(i).getAsFloat();
        }
        return f;
    }

    /** GCN and min-max against PyTorch float32 values (make_gcn_fixture.py), per image and per channel. */
    @Test
    void gcnAndMinMaxMatchTorchFixture() throws Exception {
        JsonObject fx = fixture();
        JsonArray shape = fx.getAsJsonArray("shape");
        int n = shape.get(0).getAsInt();
        int c = shape.get(1).getAsInt();
        int h = shape.get(2).getAsInt();
        int w = shape.get(3).getAsInt();
        ImageSet s = new ImageSet("fixture", floats(fx.getAsJsonArray("bytes")), new int[n], c, h, w, List.of("only"));
        float[] perImage = floats(fx.getAsJsonArray("gcn_per_image"));
        float[] perChannel = floats(fx.getAsJsonArray("gcn_per_channel"));
        int d = c * h * w;
        for (int i = 0; i < n; i++) {
            assertArrayEquals(
                    java.util.Arrays.copyOfRange(perImage, i * d, (i + 1) * d),
                    Preprocessing.gcnL1(s.image(i)),
                    1e-5f,
                    "per image, image " + i);
            assertArrayEquals(
                    java.util.Arrays.copyOfRange(perChannel, i * d, (i + 1) * d),
                    Preprocessing.gcnL1PerChannel(s.image(i), c),
                    1e-5f,
                    "per channel, image " + i);
        }
        Map<String, Object> a = Preprocessing.gcnL1MinMax().fit(s).describe();
        assertEquals(fx.get("min_per_image").getAsDouble(), (double) a.get("min"), 1e-5);
        assertEquals(fx.get("max_per_image").getAsDouble(), (double) a.get("max"), 1e-5);
        Map<String, Object> b = Preprocessing.gcnL1MinMaxPerChannel().fit(s).describe();
        assertEquals(fx.get("min_per_channel").getAsDouble(), (double) b.get("min"), 1e-5);
        assertEquals(fx.get("max_per_channel").getAsDouble(), (double) b.get("max"), 1e-5);
    }

    /**
     * On mnist-10k (10,000 digits of the MNIST training set), our per-class constants equal PyTorch's
     * (fixture) and lie inside the reference's constants for the full training set; for classes 1, 7
     * (min) and 8 (max) the extreme image is among the 10,000 and the values coincide.
     */
    @Test
    void mnist10kConstantsMatchTorchAndLieInsideTheReferenceOnes() throws Exception {
        Path dir = Datasets.defaultDataDir();
        assumeTrue(
                Files.isDirectory(dir.resolve("mnist-10k")),
                "mnist-10k not under " + dir + "; run bin/fetch-data to enable this check");
        JsonObject fx = fixture();
        assumeTrue(fx.has("mnist10k"), "fixture made without mnist-10k; rerun make_gcn_fixture.py");
        JsonArray expected = fx.getAsJsonObject("mnist10k").getAsJsonArray("min_max_per_class");
        TrainTest data = Datasets.load(DatasetId.MNIST_10K, dir);
        assertEquals(
                fx.getAsJsonObject("mnist10k").get("train_count").getAsInt(),
                data.train().size());
        for (int c = 0; c < 10; c++) {
            Map<String, Object> d = Preprocessing.gcnL1MinMax()
                    .fit(OneClassProtocol.split(data, c, 0.0, 0).trainNormals())
                    .describe();
            double min = (double) d.get("min");
            double max = (double) d.get("max");
            assertEquals(expected.get(c).getAsJsonArray().get(0).getAsDouble(), min, 1e-5, "min of class " + c);
            assertEquals(expected.get(c).getAsJsonArray().get(1).getAsDouble(), max, 1e-4, "max of class " + c);
            assertTrue(
                    min >= MNIST_MIN_MAX[c][0] - 1e-6 && max <= MNIST_MIN_MAX[c][1] + 1e-5,
                    "class " + c + ": [" + min + ", " + max + "] inside the reference's "
                            + java.util.Arrays.toString(MNIST_MIN_MAX[c]));
        }
        assertEquals(
                MNIST_MIN_MAX[1][0],
                (double) Preprocessing.gcnL1MinMax()
                        .fit(OneClassProtocol.split(data, 1, 0.0, 0).trainNormals())
                        .describe()
                        .get("min"),
                1e-6);
        assertEquals(
                MNIST_MIN_MAX[8][1],
                (double) Preprocessing.gcnL1MinMax()
                        .fit(OneClassProtocol.split(data, 8, 0.0, 0).trainNormals())
                        .describe()
                        .get("max"),
                1e-5);
    }
}
