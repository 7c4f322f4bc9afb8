package deepsvddlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageSetTest {
    private static ImageSet twoByThree() {
        // 2 images, 2 channels, 1 x 3: value = 100 * image + 10 * channel + x
        float[] p = {0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112};
        return new ImageSet("t", p, new int[] {1, 0}, 2, 1, 3, List.of("a", "b"));
    }

    @Test
    void shapeAccessorsAndCopies() {
        ImageSet s = twoByThree();
        assertEquals(2, s.size());
        assertEquals(6, s.featureCount());
        assertArrayEquals(new float[] {100, 101, 102, 110, 111, 112}, s.image(1));
        assertArrayEquals(new int[] {1, 1}, s.classCounts());
        s.labels()[0] = 0;
        s.pixels()[0] = 99;
        s.image(0)[0] = 99;
        s.toMatrix()[0][0] = 99;
        assertEquals(1, s.label(0));
        assertEquals(0f, s.image(0)[0], "accessors return copies");
        assertThrows(UnsupportedOperationException.class, () -> s.classNames().add("c"));
    }

    @Test
    void constructorValidates() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new ImageSet("x", new float[5], new int[] {0, 0}, 1, 1, 3, List.of("a")));
        assertTrue(e.getMessage().contains("pixels.length") && e.getMessage().contains("found 5"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> new ImageSet("x", new float[2], new int[] {0, 2}, 1, 1, 1, List.of("a", "b")));
        assertTrue(e.getMessage().contains("label 1"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new ImageSet("x", new float[0], new int[0], 0, 1, 1, List.of("a")));
        assertThrows(
                IllegalArgumentException.class, () -> new ImageSet("x", new float[0], new int[0], 1, 1, 1, List.of()));
    }

    @Test
    void subsetKeepsOrderAndWithPixelsKeepsLabels() {
        ImageSet s = twoByThree();
        ImageSet sub = s.subset(new int[] {1, 0, 1});
        assertArrayEquals(new int[] {0, 1, 0}, sub.labels());
        assertArrayEquals(s.image(1), sub.image(2));
        assertThrows(IllegalArgumentException.class, () -> s.subset(new int[] {2}));
        ImageSet w = s.withPixels(new float[12]);
        assertArrayEquals(s.labels(), w.labels());
        assertEquals(0f, w.image(1)[5]);
        assertThrows(IllegalArgumentException.class, () -> s.withPixels(new float[11]));
    }

    @Test
    void sha256DependsOnDataNotName() {
        ImageSet s = twoByThree();
        assertEquals(s.sha256(), s.withName("other").sha256());
        assertEquals(64, s.sha256().length());
        assertNotEquals(s.sha256(), s.subset(new int[] {1, 0}).sha256());
        float[] p = s.pixels();
        p[11] += 1e-3f;
        assertNotEquals(s.sha256(), s.withPixels(p).sha256());
        ImageSet reshaped = new ImageSet("t", s.pixels(), s.labels(), 1, 2, 3, s.classNames());
        assertNotEquals(s.sha256(), reshaped.sha256(), "shape enters the hash");
    }

    @Test
    void toNDArrayIsOneNchwFloat32Array() {
        ImageSet s = twoByThree();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = s.toNDArray(m);
            assertEquals(new Shape(2, 2, 1, 3), a.getShape());
            assertEquals(DataType.FLOAT32, a.getDataType());
            assertArrayEquals(s.pixels(), a.toFloatArray());
            assertEquals(111f, a.getFloat(1, 1, 0, 1));
        }
    }
}
