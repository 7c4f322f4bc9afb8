package deepsvddlab.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FiguresTest {
    @TempDir
    Path tmp;

    @AfterEach
    void clear() {
        System.clearProperty("dsvdd.figures.dir");
        System.clearProperty("dsvdd.plotly.js");
    }

    @Test
    void savesPngAndStandaloneHtmlWithPlotlyInlined() throws Exception {
        Path fakePlotly = tmp.resolve("plotly.min.js");
        Files.writeString(fakePlotly, "/** plotly.js v9.9.9 */ window.Plotly = {}; var s = '</script>';");
        System.setProperty("dsvdd.figures.dir", tmp.resolve("figs").toString());
        System.setProperty("dsvdd.plotly.js", fakePlotly.toString());
        Chart c = ShowTest.sample();
        String out = KernelBridgeTest.capture(() -> Figures.save("010-loss", c));
        Path png = tmp.resolve("figs/010-loss.png");
        Path html = tmp.resolve("figs/010-loss.html");
        assertTrue(out.contains(png.toString()), out);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(c.width(), img.getWidth());
        String page = Files.readString(html);
        assertTrue(page.contains("window.Plotly = {};"), "plotly.js inlined");
        assertTrue(page.contains("'<\\/script>'"), "a script end inside plotly.js is escaped");
        assertTrue(page.contains("<div id=\"chart\""));
        try (Stream<Path> files = Files.list(tmp.resolve("figs"))) {
            assertEquals(
                    List.of("010-loss.html", "010-loss.png"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary files left");
        }
    }

    @Test
    void withoutPlotlyJsTheHtmlUsesTheCdn() throws Exception {
        System.setProperty("dsvdd.figures.dir", tmp.toString());
        System.setProperty("dsvdd.plotly.js", tmp.resolve("missing.js").toString());
        KernelBridgeTest.capture(() -> Figures.save("roc", ShowTest.sample()));
        assertTrue(Files.readString(tmp.resolve("roc.html")).contains("src=\"" + PlotlyJs.CDN + "\""));
    }

    @Test
    void savesImagesAndReplacesExistingFiles() throws Exception {
        System.setProperty("dsvdd.figures.dir", tmp.toString());
        KernelBridgeTest.capture(() -> Figures.save("grid", new BufferedImage(5, 4, BufferedImage.TYPE_INT_RGB)));
        KernelBridgeTest.capture(() -> Figures.save("grid", new BufferedImage(7, 4, BufferedImage.TYPE_INT_RGB)));
        assertEquals(7, ImageIO.read(tmp.resolve("grid.png").toFile()).getWidth());
    }

    @Test
    void badNamesAreRejected() {
        System.setProperty("dsvdd.figures.dir", tmp.toString());
        for (String bad : new String[] {"../x", "a/b", "x.png", "", " x"}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> Figures.save(bad, ShowTest.sample()));
            assertTrue(e.getMessage().startsWith("name must be a file name"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Figures.save(null, new BufferedImage(1, 1, 1)));
    }

    @Test
    void dirDefaultsToTheRepositoryRoot() throws Exception {
        Path root = tmp.resolve("repo");
        Files.createDirectories(root.resolve("lib"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.writeString(root.resolve("lib/pom.xml"), "<project/>");
        Files.createDirectories(root.resolve("notebooks"));
        assertEquals(root, deepsvddlab.io.Settings.projectRoot(root.resolve("lib")));
        assertEquals(root, deepsvddlab.io.Settings.projectRoot(root.resolve("notebooks")));
        assertFalse(Figures.dir().toString().isEmpty());
    }
}
