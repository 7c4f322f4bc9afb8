package deepsvddlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFeatureReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsFeatureVectorsWithLabelColumnAnywhere() throws Exception {
        Path f = Files.writeString(dir.resolve("f.csv"), "x1, class ,x2\n1.5,10,-2e-1\n\n3,2,4\n\"5\",10,6\n");
        ImageSet s = CsvFeatureReader.read(f, "class");
        assertEquals(3, s.size());
        assertEquals(1, s.channels());
        assertEquals(1, s.height());
        assertEquals(2, s.width());
        assertEquals(List.of("2", "10"), s.classNames(), "numeric labels sorted as numbers");
        assertArrayEquals(new int[] {1, 0, 1}, s.labels());
        assertArrayEquals(new float[] {1.5f, -0.2f}, s.image(0));
        assertArrayEquals(new float[] {5f, 6f}, s.image(2));
    }

    @Test
    void stringLabelsSortAsStrings() throws Exception {
        Path f = Files.writeString(dir.resolve("s.csv"), "label,a\nnormal,1\nattack,2\nnormal,3\n");
        ImageSet s = CsvFeatureReader.read(f, "label");
        assertEquals(List.of("attack", "normal"), s.classNames());
        assertArrayEquals(new int[] {1, 0, 1}, s.labels());
    }

    @Test
    void errorsNameTheProblem() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.csv"), "a,b,y\n1,2,0\n1,x,1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvFeatureReader.read(f, "y"));
        assertTrue(
                e.getMessage().contains("'b'")
                        && e.getMessage().contains("line 3")
                        && e.getMessage().contains("'x'"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CsvFeatureReader.read(f, "label"));
        assertTrue(e.getMessage().contains("[a, b, y]"), e.getMessage());
        Path ragged = Files.writeString(dir.resolve("r.csv"), "a,y\n1,0\n1,2,3\n");
        e = assertThrows(IllegalArgumentException.class, () -> CsvFeatureReader.read(ragged, "y"));
        assertTrue(
                e.getMessage().contains("line 3")
                        && e.getMessage().contains("2 fields")
                        && e.getMessage().contains("found 3"),
                e.getMessage());
        Path nan = Files.writeString(dir.resolve("n.csv"), "a,y\nNaN,0\n");
        assertThrows(IllegalArgumentException.class, () -> CsvFeatureReader.read(nan, "y"));
        Path headerOnly = Files.writeString(dir.resolve("h.csv"), "a,y\n");
        assertThrows(IllegalArgumentException.class, () -> CsvFeatureReader.read(headerOnly, "y"));
        assertThrows(IllegalArgumentException.class, () -> CsvFeatureReader.read(dir.resolve("none.csv"), "y"));
    }
}
