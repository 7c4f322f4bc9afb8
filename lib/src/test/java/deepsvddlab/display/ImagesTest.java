package deepsvddlab.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImagesTest {

    @Test
    void gridLaysOutScaledMinMaxNormalisedTiles() {
        float[][] images = new float[3][2 * 3];
        for (int i = 0; i < 3; i++) {
            for (int p = 0; p < 6; p++) {
                images[i][p] = 10 * i + p; // each tile: p = 0 darkest, p = 5 brightest
            }
        }
        BufferedImage g = Images.grid(images, 1, 2, 3, 2, null);
        int tileW = 3 * Images.SCALE;
        int tileH = 2 * Images.SCALE;
        assertEquals(2 * (tileW + 4) + 4, g.getWidth());
        assertEquals(2 * (tileH + 4) + 4, g.getHeight());
        // first tile at (4, 4): pixel 0 is black, pixel 5 (row 1, col 2) white, whatever the offset 10*i
        assertEquals(0x000000, g.getRGB(4, 4) & 0xffffff);
        assertEquals(0xffffff, g.getRGB(4 + 2 * Images.SCALE, 4 + Images.SCALE) & 0xffffff);
        assertEquals(0x000000, g.getRGB(4 + tileW + 4, 4) & 0xffffff, "second tile normalised on its own");
        assertEquals(g.getRGB(4, 4), g.getRGB(5, 5), "each pixel is a SCALE x SCALE block");
    }

    @Test
    void rgbTilesAndCaptions() {
        float[] red = new float[3 * 2 * 2];
        for (int p = 0; p < 4; p++) {
            red[p] = 1; // channel 0 = R plane
        }
        red[4] = 0.5f; // keep the range non-zero
        BufferedImage withCaptions = Images.grid(new float[][] {red}, 3, 2, 2, 4, new String[] {"s=0.9"});
        BufferedImage without = Images.grid(new float[][] {red}, 3, 2, 2, 4, null);
        assertTrue(withCaptions.getHeight() > without.getHeight());
        assertEquals(0xff, (withCaptions.getRGB(4, 4) >> 16) & 0xff);
    }

    @Test
    void badShapesNameTheProblem() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Images.grid(new float[][] {new float[5]}, 1, 2, 3, 1, null));
        assertTrue(
                e.getMessage().startsWith("images[0] must have channels*height*width = 6 values, found 5"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Images.grid(new float[][] {new float[4]}, 2, 1, 2, 1, null));
        assertThrows(IllegalArgumentException.class, () -> Images.grid(new float[0][], 1, 1, 1, 1, null));
        assertThrows(
                IllegalArgumentException.class,
                () -> Images.grid(new float[][] {new float[1]}, 1, 1, 1, 1, new String[2]));
    }
}
