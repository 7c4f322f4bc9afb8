package deepsvddlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {
    @TempDir
    Path dir;

    private static void png(Path file, int w, int h, int rgb) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    private static void grayPng(Path file, int[][] values) throws Exception {
        BufferedImage img = new BufferedImage(values[0].length, values.length, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < values.length; y++) {
            for (int x = 0; x < values[0].length; x++) {
                img.getRaster().setSample(x, y, 0, values[y][x]);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    private Path tree() throws Exception {
        Path root = dir.resolve("shapes");
        for (int k = 0; k < 10; k++) {
            png(root.resolve("zebra").resolve("z" + k + ".png"), 6, 4, 0x102030);
        }
        for (int k = 0; k < 5; k++) {
            png(root.resolve("apple").resolve("a" + k + ".PNG"), 3, 3, 0xFF0000);
        }
        Files.writeString(root.resolve("apple").resolve("notes.txt"), "ignored");
        return root;
    }

    @Test
    void classesAreSortedFolderNamesAndRgbKeepsChannels() throws Exception {
        ImageSet all = ImageFolderReader.readAll(tree(), 4, 5, ImageFolderReader.ColorMode.RGB);
        assertEquals(List.of("apple", "zebra"), all.classNames());
        assertArrayEquals(new int[] {5, 10}, all.classCounts());
        assertEquals(3, all.channels());
        assertEquals(4, all.height());
        assertEquals(5, all.width());
        float[] apple = all.image(0);
        assertEquals(255f, apple[0]);
        assertEquals(0f, apple[20]);
        float[] zebra = all.image(5);
        assertEquals(0x10, zebra[0], 1e-4);
        assertEquals(0x20, zebra[20], 1e-4);
        assertEquals(0x30, zebra[59], 1e-4);
    }

    @Test
    void grayscaleUsesLumaAndKeepsGraySamples() throws Exception {
        Path root = tree();
        ImageSet g = ImageFolderReader.readAll(root, 3, 3, ImageFolderReader.ColorMode.GRAYSCALE);
        assertEquals(1, g.channels());
        assertEquals(0.299 * 255, g.image(0)[4], 1e-3, "pure red");
        grayPng(dir.resolve("g").resolve("c").resolve("x.png"), new int[][] {{0, 100}, {128, 255}});
        ImageSet gray = ImageFolderReader.readAll(dir.resolve("g"), 2, 2, ImageFolderReader.ColorMode.GRAYSCALE);
        assertArrayEquals(new float[] {0, 100, 128, 255}, gray.image(0), "gray samples as stored, no gamma change");
    }

    @Test
    void bilinearResizeMatchesHandComputedValues() {
        // 1 x 2 -> 1 x 4, half-pixel centres: source x = (x + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25 (clamped)
        float[] out = ImageFolderReader.resize(new float[] {0, 100}, 1, 1, 2, 1, 4);
        assertArrayEquals(new float[] {0, 25, 75, 100}, out, 1e-5f);
        // 2x2 -> 1x1 samples the centre: the mean of the four
        assertArrayEquals(
                new float[] {25}, ImageFolderReader.resize(new float[] {0, 10, 40, 50}, 1, 2, 2, 1, 1), 1e-5f);
    }

    @Test
    void splitIsStratifiedAndSeeded() throws Exception {
        Path root = tree();
        TrainTest a = ImageFolderReader.read(root, 4, 4, ImageFolderReader.ColorMode.GRAYSCALE, 0.2, 7);
        assertArrayEquals(new int[] {4, 8}, a.train().classCounts());
        assertArrayEquals(new int[] {1, 2}, a.test().classCounts());
        TrainTest b = ImageFolderReader.read(root, 4, 4, ImageFolderReader.ColorMode.GRAYSCALE, 0.2, 7);
        assertEquals(a.test().sha256(), b.test().sha256());
        assertTrue(a.source().contains("seed 7"), a.source());
    }

    @Test
    void badLayoutsAndArgumentsAreReported() throws Exception {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ImageFolderReader.readAll(dir.resolve("missing"), 4, 4, ImageFolderReader.ColorMode.RGB));
        assertTrue(e.getMessage().contains("must be a directory"), e.getMessage());
        Files.createDirectories(dir.resolve("flat"));
        png(dir.resolve("flat").resolve("x.png"), 2, 2, 0);
        e = assertThrows(
                IllegalArgumentException.class,
                () -> ImageFolderReader.readAll(dir.resolve("flat"), 4, 4, ImageFolderReader.ColorMode.RGB));
        assertTrue(e.getMessage().contains("one sub-folder per class"), e.getMessage());
        Files.createDirectories(dir.resolve("bad").resolve("c"));
        Files.writeString(dir.resolve("bad").resolve("c").resolve("broken.png"), "not a png");
        e = assertThrows(
                IllegalArgumentException.class,
                () -> ImageFolderReader.readAll(dir.resolve("bad"), 4, 4, ImageFolderReader.ColorMode.RGB));
        assertTrue(e.getMessage().contains("broken.png"), e.getMessage());
        Path root = tree();
        assertThrows(
                IllegalArgumentException.class,
                () -> ImageFolderReader.read(root, 4, 4, ImageFolderReader.ColorMode.RGB, 1.0, 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> ImageFolderReader.readAll(root, 0, 4, ImageFolderReader.ColorMode.RGB));
    }
}
