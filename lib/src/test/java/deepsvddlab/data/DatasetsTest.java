package deepsvddlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    @TempDir
    Path dir;

    @Test
    void parseKnowsIdsAndListsThemOnError() {
        assertEquals(DatasetId.FASHION_MNIST, DatasetId.parse("fashion-mnist"));
        assertEquals(DatasetId.MNIST_10K, DatasetId.parse(" MNIST-10k "));
        assertEquals("cifar10", DatasetId.CIFAR10.id());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetId.parse("svhn"));
        assertTrue(
                e.getMessage().contains("fashion-mnist, mnist, mnist-10k, cifar10")
                        && e.getMessage().contains("svhn"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DatasetId.parse(null));
    }

    private void writeIdx(Path d, int train, int test, int side, String suffix) throws Exception {
        IdxWriter.writeImages(
                d.resolve("train-images-idx3-ubyte" + suffix),
                TestFiles.patternPixels(train, side, side),
                train,
                side,
                side);
        IdxWriter.writeLabels(d.resolve("train-labels-idx1-ubyte" + suffix), new int[train]);
        IdxWriter.writeImages(
                d.resolve("t10k-images-idx3-ubyte" + suffix),
                TestFiles.patternPixels(test, side, side),
                test,
                side,
                side);
        int[] l = new int[test];
        l[test - 1] = 9;
        IdxWriter.writeLabels(d.resolve("t10k-labels-idx1-ubyte" + suffix), l);
    }

    @Test
    void loadsIdxDataSetsWithClassNamesAndSource() throws Exception {
        writeIdx(dir.resolve("fashion-mnist"), 5, 3, 4, ".gz");
        Files.writeString(dir.resolve("fashion-mnist").resolve(Datasets.SOURCE_FILE), "a test\n");
        TrainTest tt = Datasets.load(DatasetId.FASHION_MNIST, dir);
        assertEquals(5, tt.train().size());
        assertEquals(3, tt.test().size());
        assertEquals("Ankle boot", tt.test().classNames().get(tt.test().label(2)));
        assertEquals("fashion-mnist train", tt.train().name());
        assertTrue(
                tt.source().contains("train-images-idx3-ubyte.gz")
                        && tt.source().contains("a test"),
                tt.source());
        writeIdx(dir.resolve("mnist-10k"), 2, 2, 3, "");
        TrainTest plain = Datasets.load(DatasetId.MNIST_10K, dir);
        assertEquals("9", plain.test().classNames().get(plain.test().label(1)));
    }

    @Test
    void missingFilesNameThemAndTheFetchScript() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Datasets.load(DatasetId.MNIST, dir));
        assertTrue(
                e.getMessage().contains("bin/fetch-data mnist")
                        && e.getMessage().contains("t10k-labels-idx1-ubyte.gz")
                        && e.getMessage().contains("mnist-10k"),
                e.getMessage());
    }

    @Test
    void mismatchedImageSizesAreReported() throws Exception {
        Path d = dir.resolve("mnist");
        writeIdx(d, 2, 2, 3, ".gz");
        IdxWriter.writeImages(d.resolve("t10k-images-idx3-ubyte.gz"), TestFiles.patternPixels(2, 4, 4), 2, 4, 4);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Datasets.load(DatasetId.MNIST, dir));
        assertTrue(e.getMessage().contains("3x3") && e.getMessage().contains("4x4"), e.getMessage());
    }

    @Test
    void defaultDataDirHonoursTheSystemPropertyAndFindsTheProjectRoot() {
        String old = System.getProperty("dsvdd.data.dir");
        try {
            System.setProperty("dsvdd.data.dir", dir.toString());
            assertEquals(dir.toAbsolutePath(), Datasets.defaultDataDir(), "the property wins over DSVDD_DATA_DIR");
            System.clearProperty("dsvdd.data.dir");
            assumeTrue(System.getenv("DSVDD_DATA_DIR") == null, "DSVDD_DATA_DIR is set; without the property it wins");
            Path found = Datasets.defaultDataDir();
            assertTrue(found.getFileName().toString().equals("data"), found.toString());
            if (Files.isRegularFile(found.getParent().resolve("pom.xml"))) {
                assertTrue(Files.isDirectory(found), "the project's data/ folder: " + found);
            }
        } finally {
            if (old == null) {
                System.clearProperty("dsvdd.data.dir");
            } else {
                System.setProperty("dsvdd.data.dir", old);
            }
        }
    }

    /** The fetched data sets load with their standard sizes (skipped until bin/fetch-data has run). */
    @Test
    void fetchedDataSetsHaveTheirStandardSizes() {
        Path data = Datasets.defaultDataDir();
        assumeTrue(Files.isDirectory(data.resolve("mnist-10k")), "mnist-10k not fetched; run bin/fetch-data");
        TrainTest m = Datasets.load(DatasetId.MNIST_10K, data);
        assertEquals(10_000, m.train().size() + m.test().size());
        assertEquals(28, m.train().height());
        for (int c : m.test().classCounts()) {
            assertTrue(c >= 120 && c <= 170, "about 1/7 of each digit in test: " + c);
        }
    }

    /** Fashion-MNIST as fetched: 60,000 + 10,000 images, 6,000 + 1,000 per class (skipped until fetched). */
    @Test
    void fetchedFashionMnistHasItsStandardSizes() {
        Path data = Datasets.defaultDataDir();
        assumeTrue(Files.isDirectory(data.resolve("fashion-mnist")), "fashion-mnist not fetched; run bin/fetch-data");
        TrainTest f = Datasets.load(DatasetId.FASHION_MNIST, data);
        for (int c : f.train().classCounts()) {
            assertEquals(6000, c);
        }
        for (int c : f.test().classCounts()) {
            assertEquals(1000, c);
        }
        assertEquals(28, f.test().width());
    }
}
