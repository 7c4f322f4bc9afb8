package deepsvddlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    private Path images(String name, int count, boolean gzip) throws Exception {
        byte[] raw =
                TestFiles.idx(IdxReader.IMAGES_MAGIC, new int[] {count, 3, 2}, TestFiles.patternPixels(count, 3, 2));
        return TestFiles.write(dir.resolve(name), gzip ? TestFiles.gzip(raw) : raw);
    }

    private Path labels(String name, int[] labels, boolean gzip) throws Exception {
        byte[] data = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            data[i] = (byte) labels[i];
        }
        byte[] raw = TestFiles.idx(IdxReader.LABELS_MAGIC, new int[] {labels.length}, data);
        return TestFiles.write(dir.resolve(name), gzip ? TestFiles.gzip(raw) : raw);
    }

    @Test
    void readsPlainAndGzipAlike() throws Exception {
        java.util.List<String> byteClasses = java.util.stream.IntStream.range(0, 256)
                .mapToObj(Integer::toString)
                .toList();
        ImageSet plain =
                IdxReader.read(images("i", 4, false), labels("l", new int[] {0, 9, 200, 1}, false), "p", byteClasses);
        ImageSet gz = IdxReader.read(
                images("i.gz", 4, true), labels("l.gz", new int[] {0, 9, 200, 1}, true), "g", plain.classNames());
        assertEquals(4, plain.size());
        assertEquals(1, plain.channels());
        assertEquals(3, plain.height());
        assertEquals(2, plain.width());
        assertArrayEquals(new int[] {0, 9, 200, 1}, plain.labels(), "labels are unsigned bytes");
        float[] expected = new float[6];
        for (int j = 0; j < 6; j++) {
            expected[j] = (2 * 7 + j) % 256;
        }
        assertArrayEquals(expected, plain.image(2), "pixels are the bytes, unscaled");
        assertEquals(plain.sha256(), gz.sha256());
    }

    @Test
    void bytesAbove127AreUnsigned() throws Exception {
        byte[] raw = TestFiles.idx(IdxReader.IMAGES_MAGIC, new int[] {1, 1, 2}, new byte[] {(byte) 255, (byte) 128});
        IdxReader.Images im = IdxReader.readImages(TestFiles.write(dir.resolve("x"), raw));
        assertArrayEquals(new float[] {255f, 128f}, im.pixels());
    }

    @Test
    void gzipIsDetectedByContentNotName() throws Exception {
        Path gzNamedPlain = images("images-no-suffix", 2, true);
        Path plainNamedGz = images("plain.gz", 2, false);
        assertEquals(2, IdxReader.readImages(gzNamedPlain).count());
        assertEquals(2, IdxReader.readImages(plainNamedGz).count());
    }

    @Test
    void wrongMagicIsNamed() throws Exception {
        Path l = labels("labels", new int[] {1, 2}, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxReader.readImages(l));
        assertTrue(
                e.getMessage().contains("0x00000803")
                        && e.getMessage().contains("0x00000801")
                        && e.getMessage().contains(l.toString()),
                e.getMessage());
        Path html = TestFiles.write(dir.resolve("page.gz"), "<html>not found</html>".getBytes());
        e = assertThrows(IllegalArgumentException.class, () -> IdxReader.readLabels(html));
        assertTrue(e.getMessage().contains("magic number"), e.getMessage());
    }

    @Test
    void truncatedFilesAreReported() throws Exception {
        byte[] raw = TestFiles.idx(IdxReader.IMAGES_MAGIC, new int[] {5, 3, 2}, TestFiles.patternPixels(5, 3, 2));
        Path cut = TestFiles.write(dir.resolve("cut"), Arrays.copyOf(raw, raw.length - 7));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxReader.readImages(cut));
        assertTrue(
                e.getMessage().contains("truncated")
                        && e.getMessage().contains("30")
                        && e.getMessage().contains("23"),
                e.getMessage());
        byte[] gz = TestFiles.gzip(raw);
        Path cutGz = TestFiles.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
        e = assertThrows(IllegalArgumentException.class, () -> IdxReader.readImages(cutGz));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains(cutGz.toString()), e.getMessage());
        Path header = TestFiles.write(dir.resolve("header"), Arrays.copyOf(raw, 6));
        e = assertThrows(IllegalArgumentException.class, () -> IdxReader.readImages(header));
        assertTrue(e.getMessage().contains("truncated inside its header"), e.getMessage());
        Path empty = TestFiles.write(dir.resolve("empty"), new byte[0]);
        e = assertThrows(IllegalArgumentException.class, () -> IdxReader.readImages(empty));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void extraBytesAreReported() throws Exception {
        byte[] raw = TestFiles.idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {1, 2, 3});
        Path f = TestFiles.write(dir.resolve("long"), raw);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxReader.readLabels(f));
        assertTrue(e.getMessage().contains("extra bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IdxReader.verify(f, IdxReader.LABELS_MAGIC));
    }

    @Test
    void labelCountMismatchIsReported() throws Exception {
        Path i = images("i", 3, false);
        Path l = labels("l", new int[] {0, 1}, false);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> IdxReader.read(i, l, "x", Datasets.DIGIT_CLASSES));
        assertTrue(e.getMessage().contains("found 2") && e.getMessage().contains("(3)"), e.getMessage());
    }

    @Test
    void labelBeyondClassesIsReported() throws Exception {
        Path i = images("i", 2, false);
        Path l = labels("l", new int[] {0, 12}, false);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> IdxReader.read(i, l, "x", Datasets.DIGIT_CLASSES));
        assertTrue(e.getMessage().contains("12"), e.getMessage());
    }

    @Test
    void missingFileSaysToFetch() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> IdxReader.readImages(dir.resolve("nope.gz")));
        assertTrue(e.getMessage().contains("bin/fetch-data"), e.getMessage());
    }

    @Test
    void writerRoundTripsAndVerifies() throws Exception {
        byte[] px = TestFiles.patternPixels(3, 28, 28);
        Path f = dir.resolve("w-images.gz");
        IdxWriter.writeImages(f, px, 3, 28, 28);
        IdxReader.Header h = IdxReader.verify(f, IdxReader.IMAGES_MAGIC);
        assertArrayEquals(new int[] {3, 28, 28}, h.dims());
        float[] back = IdxReader.readImages(f).pixels();
        for (int k = 0; k < px.length; k++) {
            assertEquals(px[k] & 0xFF, back[k]);
        }
        Path lf = dir.resolve("w-labels.gz");
        IdxWriter.writeLabels(lf, new int[] {4, 0, 255});
        assertArrayEquals(new int[] {4, 0, 255}, IdxReader.readLabels(lf));
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }
}
