package deepsvddlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of bin/fetch-data that need no network: arguments, completeness checks, skipping. */
class FetchTest {
    @TempDir
    Path dir;

    private static String run(int expectedStatus, String... args) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int status = Fetch.run(List.of(args), new PrintStream(b, true, StandardCharsets.UTF_8));
        String out = b.toString(StandardCharsets.UTF_8);
        assertEquals(expectedStatus, status, out);
        return out;
    }

    @Test
    void unknownIdIsRefusedWithTheValidOnes() {
        String out = run(2, "--data-dir", dir.toString(), "svhn");
        assertTrue(out.contains("fashion-mnist, mnist, mnist-10k, cifar10"), out);
        assertTrue(run(2, "--data-dir").contains("--data-dir"));
        assertTrue(run(0, "--help").contains("usage"));
    }

    @Test
    void checkIdxTellsCompleteFromBroken() throws Exception {
        Path d = dir.resolve("m");
        IdxWriter.writeImages(d.resolve("train-images-idx3-ubyte.gz"), new byte[3 * 784], 3, 28, 28);
        IdxWriter.writeLabels(d.resolve("train-labels-idx1-ubyte.gz"), new int[3]);
        IdxWriter.writeImages(d.resolve("t10k-images-idx3-ubyte.gz"), new byte[2 * 784], 2, 28, 28);
        assertTrue(Fetch.checkIdx(d, -1, -1).contains("missing"), Fetch.checkIdx(d, -1, -1));
        IdxWriter.writeLabels(d.resolve("t10k-labels-idx1-ubyte.gz"), new int[2]);
        assertNull(Fetch.checkIdx(d, -1, -1));
        assertNull(Fetch.checkIdx(d, 3, 2));
        assertTrue(Fetch.checkIdx(d, 60_000, 10_000).contains("expected 60000"));
        IdxWriter.writeLabels(d.resolve("t10k-labels-idx1-ubyte.gz"), new int[1]);
        assertTrue(Fetch.checkIdx(d, -1, -1).contains("counts differ"));
        byte[] gz = Files.readAllBytes(d.resolve("train-images-idx3-ubyte.gz"));
        Files.write(d.resolve("train-images-idx3-ubyte.gz"), java.util.Arrays.copyOf(gz, gz.length - 10));
        assertTrue(Fetch.checkIdx(d, -1, -1).contains("truncated"), Fetch.checkIdx(d, -1, -1));
    }

    @Test
    void completeDataSetIsSkippedWithItsSource() throws Exception {
        Path d = dir.resolve("mnist-10k");
        IdxWriter.writeImages(d.resolve("train-images-idx3-ubyte.gz"), new byte[784], 1, 28, 28);
        IdxWriter.writeLabels(d.resolve("train-labels-idx1-ubyte.gz"), new int[1]);
        IdxWriter.writeImages(d.resolve("t10k-images-idx3-ubyte.gz"), new byte[784], 1, 28, 28);
        IdxWriter.writeLabels(d.resolve("t10k-labels-idx1-ubyte.gz"), new int[1]);
        Files.writeString(d.resolve(Datasets.SOURCE_FILE), "a unit test\n");
        String out = run(0, "--data-dir", dir.toString(), "mnist-10k");
        assertTrue(out.contains("already present") && out.contains("a unit test") && out.contains("skipped"), out);
    }

    @Test
    void cifarCheckWantsSixFullBatches() throws Exception {
        Path b = dir.resolve("cifar-10-batches-bin");
        assertTrue(Fetch.checkCifar(b).contains("missing"));
        for (String f : Cifar10Reader.TRAIN_FILES) {
            TestFiles.write(b.resolve(f), new byte[10_000 * Cifar10Reader.RECORD_BYTES]);
        }
        TestFiles.write(b.resolve(Cifar10Reader.TEST_FILE), new byte[100]);
        assertTrue(Fetch.checkCifar(b).contains("expected 30730000"), Fetch.checkCifar(b));
    }
}
