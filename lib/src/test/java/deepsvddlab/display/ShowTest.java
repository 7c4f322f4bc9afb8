package deepsvddlab.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ShowTest {

    static Chart sample() {
        return Charts.line("Loss <per> epoch", "epoch", "loss", null, Charts.named("train", new double[] {3, 2, 1}));
    }

    @Test
    void chartBundleHoldsPlotlyJsonHtmlPngAndText() throws Exception {
        Chart c = sample();
        Map<String, Object> b = Show.chartBundle(c, "div-42");
        assertEquals(java.util.List.of(Mime.PLOTLY, Mime.HTML, Mime.PNG, Mime.TEXT), java.util.List.copyOf(b.keySet()));

        // the Plotly entry is plain Java maps and lists: it must serialise to the figure JSON
        Object plain = b.get(Mime.PLOTLY);
        assertTrue(plain instanceof Map);
        JsonObject fig = JsonParser.parseString(new Gson().toJson(plain)).getAsJsonObject();
        assertEquals(JsonParser.parseString(c.toJson()), fig);
        assertEquals(
                "Loss <per> epoch",
                fig.getAsJsonObject("layout")
                        .getAsJsonObject("title")
                        .get("text")
                        .getAsString());
        assertTrue(fig.getAsJsonArray("data")
                .get(0)
                .getAsJsonObject()
                .get("x")
                .getAsJsonArray()
                .get(0)
                .getAsJsonPrimitive()
                .isNumber());

        String html = (String) b.get(Mime.HTML);
        assertTrue(html.contains("<div id=\"div-42\""), html);
        assertTrue(html.contains("window.Plotly.newPlot(id"), "draws once plotly.js is there");
        assertTrue(html.contains("if (window.Plotly)"), "waits for window.Plotly");
        assertTrue(html.contains(PlotlyJs.CDN), "pinned CDN fallback");
        assertFalse(html.contains("<per>"), "the title cannot break the page");

        byte[] png = Base64.getDecoder().decode((String) b.get(Mime.PNG));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(c.width(), img.getWidth());
        assertEquals(c.height(), img.getHeight());
        assertTrue(((String) b.get(Mime.TEXT)).contains("Loss <per> epoch"));
    }

    @Test
    void tableBundleShowsHeaderRowsAndTruncates() {
        Table t = Table.create(
                "scores", StringColumn.create("name", "a<b", "c", "d"), DoubleColumn.create("auroc", 0.9, 0.8, 0.7));
        Map<String, Object> b = Show.tableBundle(t, 2);
        String html = (String) b.get(Mime.HTML);
        assertTrue(html.contains(">name</th>") && html.contains(">auroc</th>"), html);
        assertTrue(html.contains("a&lt;b"), "cells are escaped");
        assertTrue(html.contains("text-align:right;\">0.9<"), "numbers right-aligned");
        assertFalse(html.contains(">0.7<"), "only the first 2 rows");
        assertTrue(html.contains("3 rows x 2 columns, first 2 shown"));
        assertTrue(((String) b.get(Mime.TEXT)).contains("0.8"));
        assertThrows(IllegalArgumentException.class, () -> Show.tableBundle(t, 0));
    }

    @Test
    void outsideAKernelEveryCallPrintsItsText() {
        String out = KernelBridgeTest.capture(() -> {
            Show.text("hello");
            Show.markdown("**bold**");
            Show.html("<b>tag</b> text");
            Show.image(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB));
            Show.chart(sample());
            Show.init();
        });
        assertTrue(out.contains("hello"));
        assertTrue(out.contains("**bold**"));
        assertTrue(out.contains("tag text"));
        assertTrue(out.contains("image 3x2"));
        assertTrue(out.contains("Chart \"Loss <per> epoch\""));
        assertTrue(out.contains("display ready"));
        assertFalse(out.contains("<script"), "no 1.5 MB script on a console");
    }
}
