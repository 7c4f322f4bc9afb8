package deepsvddlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's folders: grey 28x28 with folder:, RGB 32x32 with folder-rgb:. */
class DataSourceTest {
    static Path photos(Path tmp) throws Exception {
        for (String cls : new String[] {"a", "b"}) {
            Path dir = Files.createDirectories(tmp.resolve("photos").resolve(cls));
            for (int k = 0; k < 5; k++) {
                BufferedImage im = new BufferedImage(40, 24, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 24; y++) {
                    for (int x = 0; x < 40; x++) {
                        im.setRGB(x, y, cls.equals("a") ? 0xff0000 : 0x0000ff);
                    }
                }
                ImageIO.write(im, "png", dir.resolve(k + ".png").toFile());
            }
        }
        return tmp.resolve("photos");
    }

    @Test
    void aColourFolderKeepsTheChannelsAtThirtyTwoPixels(@TempDir Path tmp) throws Exception {
        DataSource rgb = DataSource.parse("folder-rgb:" + photos(tmp), null);
        assertTrue(rgb.colour());
        assertEquals("folder-rgb-photos", rgb.name());
        assertTrue(rgb.describe().startsWith("folder-rgb:"), rgb.describe());
        TrainTest tt = rgb.load(tmp);
        assertEquals(3, tt.train().channels());
        assertEquals(32, tt.train().height());
        assertEquals(32, tt.train().width());
        assertTrue(tt.source().contains("RGB, resized to 32x32"), tt.source());
        // class a is pure red: its first pixel is (255, 0, 0) in the three channel planes
        int i = tt.train().labels()[0] == 0 ? 0 : 1;
        float[] px = tt.train().image(i);
        int plane = 32 * 32;
        float red = tt.train().labels()[i] == 0 ? 255 : 0;
        assertEquals(red, px[0], 0.5);
        assertEquals(255 - red, px[2 * plane], 0.5);
    }

    @Test
    void aGreyFolderStaysTheMnistShapeAndAMissingFolderIsNamed(@TempDir Path tmp) throws Exception {
        DataSource grey = DataSource.parse("folder:" + photos(tmp), null);
        assertFalse(grey.colour());
        TrainTest tt = grey.load(tmp);
        assertEquals(1, tt.train().channels());
        assertEquals(28, tt.train().height());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> DataSource.parse("folder-rgb:" + tmp.resolve("none"), null));
        assertTrue(e.getMessage().startsWith("folder-rgb:PATH must name a folder"), e.getMessage());
    }
}
