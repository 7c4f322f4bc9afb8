package deepsvddlab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LabTest {
    @Test
    void arrayHelpers() {
        int[] labels = {0, 1, 0, 1, 1, 0};
        assertArrayEquals(new int[] {1, 3}, Lab.first(labels, 1, 2));
        assertArrayEquals(new double[] {10, 30, 60}, Lab.select(new double[] {10, 20, 30, 40, 50, 60}, labels, 0));
        assertArrayEquals(new double[] {1, 2, 3}, Lab.range(3));
        assertArrayEquals(new int[] {1, 2, 3}, Lab.concat(new int[] {1}, new int[] {2, 3}));
        assertEquals(3, Lab.concat(new float[2][4], new float[1][4]).length);
        assertArrayEquals(new double[] {1, 2, 3, 4}, Lab.flatten(new float[][] {{1, 2}, {3, 4}}));
        assertThrows(IllegalArgumentException.class, () -> Lab.select(new double[2], new int[3], 0));
    }

    @Test
    void sampleIsSeededWithoutReplacement() {
        double[] v = new double[1000];
        Arrays.setAll(v, i -> i);
        double[] a = Lab.sample(v, 100, 3);
        assertArrayEquals(a, Lab.sample(v, 100, 3));
        assertEquals(100, Arrays.stream(a).distinct().count());
        assertEquals(5, Lab.sample(new double[5], 100, 3).length);
    }
}
