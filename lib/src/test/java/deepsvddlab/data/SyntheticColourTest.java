package deepsvddlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The synthetic colour set: sizes, labels, value range, determinism and its class structure. */
class SyntheticColourTest {
    @Test
    void tenClassesOfColourImagesTheSameOnEveryCall() {
        TrainTest a = Datasets.load(DatasetId.SYNTHETIC_COLOUR, java.nio.file.Path.of("nowhere"));
        assertEquals(5000, a.train().size());
        assertEquals(1000, a.test().size());
        assertEquals(3, a.train().channels());
        assertEquals(32, a.train().height());
        assertTrue(a.source().contains("SYNTHETIC") && a.source().contains("NOT CIFAR-10"), a.source());
        assertEquals(SyntheticColour.CLASS_NAMES, a.train().classNames());
        float[] px = a.train().pixels();
        for (float v : px) {
            assertTrue(v >= 0 && v <= 255 && v == Math.rint(v), "byte values like CIFAR-10's: " + v);
        }
        assertArrayEquals(px, SyntheticColour.load().train().pixels(), "the same seed gives the same images");
        assertTrue(!java.util.Arrays.equals(
                a.train().subset(new int[] {0}).pixels(),
                a.test().subset(new int[] {0}).pixels()));
    }

    @Test
    void classesDifferInShapeAndColourFamily() {
        ImageSet s = SyntheticColour.generate(50, 1, "t");
        // warm classes are redder than blue, cool ones bluer than red, at each image's brightest pixel
        // (the shape is brighter than the background); shapes differ in how many pixels they cover
        double[] cover = new double[10];
        for (int c = 0; c < 10; c++) {
            double red = 0, blue = 0;
            for (int i = c * 50; i < (c + 1) * 50; i++) {
                float[] img = s.subset(new int[] {i}).pixels();
                int best = 0;
                for (int p = 0; p < 1024; p++) {
                    double v = img[p] + img[1024 + p] + img[2048 + p];
                    if (v > img[best] + img[1024 + best] + img[2048 + best]) {
                        best = p;
                    }
                    cover[c] += Math.max(img[p], Math.max(img[1024 + p], img[2048 + p])) > 0.6 * 255 ? 1 : 0;
                }
                red += img[best];
                blue += img[2048 + best];
            }
            assertTrue(c < 5 ? red > 1.5 * blue : blue > 1.5 * red, "class " + c + ": red " + red + ", blue " + blue);
        }
        // the ring (3) covers less than the disc (0) and the square (1), in both families
        assertTrue(cover[3] < 0.8 * cover[0] && cover[8] < 0.8 * cover[5], java.util.Arrays.toString(cover));
        assertTrue(SyntheticColour.hsv(0, 1, 1)[0] == 1.0 && SyntheticColour.hsv(240, 1, 1)[2] == 1.0);
    }
}
