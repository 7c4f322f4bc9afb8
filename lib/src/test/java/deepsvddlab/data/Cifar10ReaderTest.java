package deepsvddlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10ReaderTest {
    @TempDir
    Path dir;

    /** A batch of records whose red/green/blue planes are filled with label, 100 + record, 200. */
    private static byte[] batch(int[] labels) {
        byte[] b = new byte[labels.length * Cifar10Reader.RECORD_BYTES];
        for (int r = 0; r < labels.length; r++) {
            int off = r * Cifar10Reader.RECORD_BYTES;
            b[off] = (byte) labels[r];
            for (int k = 0; k < 1024; k++) {
                b[off + 1 + k] = (byte) labels[r];
                b[off + 1 + 1024 + k] = (byte) (100 + r);
                b[off + 1 + 2048 + k] = (byte) 200;
            }
            b[off + 1 + 33] = (byte) 250; // red, row 1, column 1
        }
        return b;
    }

    private Path writeAll(Path batches) throws Exception {
        for (int k = 0; k < 5; k++) {
            TestFiles.write(batches.resolve(Cifar10Reader.TRAIN_FILES.get(k)), batch(new int[] {k, 9 - k}));
        }
        TestFiles.write(batches.resolve(Cifar10Reader.TEST_FILE), batch(new int[] {3, 1, 4}));
        return batches;
    }

    @Test
    void readsRecordsInChwLayout() throws Exception {
        TrainTest tt = Cifar10Reader.read(writeAll(dir.resolve("cifar-10-batches-bin")));
        ImageSet train = tt.train();
        assertEquals(10, train.size());
        assertEquals(3, train.channels());
        assertEquals(32, train.height());
        assertEquals(32, train.width());
        assertArrayEquals(new int[] {0, 9, 1, 8, 2, 7, 3, 6, 4, 5}, train.labels(), "batches in order 1..5");
        assertEquals(Cifar10Reader.DEFAULT_CLASS_NAMES, train.classNames());
        float[] img = train.image(3); // batch 2, record 1, label 8
        assertEquals(8f, img[0]);
        assertEquals(250f, img[32 + 1], "red plane row 1 column 1");
        assertEquals(101f, img[1024], "green plane");
        assertEquals(200f, img[2048 + 1023], "blue plane, unsigned");
        assertArrayEquals(new int[] {3, 1, 4}, tt.test().labels());
    }

    @Test
    void classNamesComeFromMetaFile() throws Exception {
        Path b = writeAll(dir.resolve("b"));
        List<String> names = List.of("a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9");
        Files.writeString(b.resolve(Cifar10Reader.META_FILE), String.join("\n", names) + "\n\n");
        assertEquals(names, Cifar10Reader.read(b).train().classNames());
        Files.writeString(b.resolve(Cifar10Reader.META_FILE), "only\ntwo\n");
        assertThrows(IllegalArgumentException.class, () -> Cifar10Reader.read(b));
    }

    @Test
    void truncatedBatchIsReported() throws Exception {
        Path b = writeAll(dir.resolve("b"));
        byte[] full = batch(new int[] {1, 2});
        Path f = TestFiles.write(b.resolve(Cifar10Reader.TEST_FILE), Arrays.copyOf(full, full.length - 100));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cifar10Reader.read(b));
        assertTrue(
                e.getMessage().contains(f.toString())
                        && e.getMessage().contains("3073")
                        && e.getMessage().contains("truncated"),
                e.getMessage());
    }

    @Test
    void badLabelIsReported() throws Exception {
        Path f = TestFiles.write(dir.resolve("x.bin"), batch(new int[] {1, 42}));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Cifar10Reader.readBatches(List.of(f), "x", Cifar10Reader.DEFAULT_CLASS_NAMES));
        assertTrue(e.getMessage().contains("42") && e.getMessage().contains("record 1"), e.getMessage());
    }

    @Test
    void datasetsLoadsCifarAndNamesMissingFiles() throws Exception {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Datasets.load(DatasetId.CIFAR10, dir));
        assertTrue(
                e.getMessage().contains("bin/fetch-data cifar10")
                        && e.getMessage().contains("data_batch_1.bin")
                        && e.getMessage().contains("test_batch.bin"),
                e.getMessage());
        writeAll(dir.resolve("cifar10").resolve(Datasets.CIFAR_BATCH_DIR));
        TrainTest tt = Datasets.load(DatasetId.CIFAR10, dir);
        assertEquals(10, tt.train().size());
        assertTrue(tt.source().contains("cifar-10-batches-bin"), tt.source());
    }
}
