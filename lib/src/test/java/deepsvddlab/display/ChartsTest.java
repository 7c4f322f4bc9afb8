package deepsvddlab.display;

import static deepsvddlab.display.Charts.named;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartsTest {

    static JsonObject json(Chart c) {
        return JsonParser.parseString(c.toJson()).getAsJsonObject();
    }

    @Test
    void lineHasOneTracePerSeriesInTheCallersOrderAndObjectTitles() {
        Chart c = Charts.line(
                "Loss", "epoch", "loss", null, named("val", new double[] {4, 3, 2}), named("train", new double[] {
                    3, 2, 1
                }));
        JsonArray data = json(c).getAsJsonArray("data");
        assertEquals(2, data.size());
        assertEquals("val", data.get(0).getAsJsonObject().get("name").getAsString());
        assertEquals(
                Charts.PALETTE[0],
                data.get(0)
                        .getAsJsonObject()
                        .getAsJsonObject("line")
                        .get("color")
                        .getAsString());
        assertEquals("[1.0,2.0,3.0]", data.get(0).getAsJsonObject().get("x").toString());
        JsonObject layout = json(c).getAsJsonObject("layout");
        assertEquals("Loss", layout.getAsJsonObject("title").get("text").getAsString());
        assertEquals(
                "epoch",
                layout.getAsJsonObject("xaxis")
                        .getAsJsonObject("title")
                        .get("text")
                        .getAsString());
        assertEquals(
                "loss",
                layout.getAsJsonObject("yaxis")
                        .getAsJsonObject("title")
                        .get("text")
                        .getAsString());
        assertEquals(
                List.of("val", "train"),
                c.series().stream().map(Chart.Series::name).toList());
    }

    @Test
    void nanBecomesNullSoPlotlyDrawsAGap() {
        Chart c = Charts.line("t", "x", "y", new double[] {1, 2}, named("a", new double[] {1, Double.NaN}));
        assertEquals(
                "[1.0,null]",
                json(c).getAsJsonArray("data").get(0).getAsJsonObject().get("y").toString());
    }

    @Test
    void histogramSharesBinsCoveringAllGroupsAndDrawsThresholds() {
        Chart c = Charts.histogram(
                        "scores", "score", 5, named("normal", new double[] {0, 1, 2}), named("anomalous", new double[] {
                            5, 10
                        }))
                .withVerticalLines(4.5);
        JsonObject f = json(c);
        JsonObject b0 = f.getAsJsonArray("data").get(0).getAsJsonObject().getAsJsonObject("xbins");
        JsonObject b1 = f.getAsJsonArray("data").get(1).getAsJsonObject().getAsJsonObject("xbins");
        assertEquals(b0, b1);
        assertEquals(0.0, b0.get("start").getAsDouble());
        assertTrue(b0.get("end").getAsDouble() > 10, "the maximum must fall inside the last bin");
        assertEquals(5, Math.round(b0.get("end").getAsDouble() / b0.get("size").getAsDouble()));
        assertEquals("overlay", f.getAsJsonObject("layout").get("barmode").getAsString());
        JsonObject shape =
                f.getAsJsonObject("layout").getAsJsonArray("shapes").get(0).getAsJsonObject();
        assertEquals(4.5, shape.get("x0").getAsDouble());
        assertEquals("paper", shape.get("yref").getAsString());
        // the heights the PNG draws are the counts per bin; the density version has area 1
        assertArrayEquals(
                new double[] {3, 0, 0, 0, 0},
                ((Chart.Histogram) c.series().get(0)).heights(),
                "2 falls in [0, 2 + 2e-9)");
        assertArrayEquals(
                new double[] {0, 0, 1, 0, 1}, ((Chart.Histogram) c.series().get(1)).heights());
        Chart.Histogram d =
                (Chart.Histogram) Charts.histogramDensity("d", "x", 5, named("a", new double[] {0, 1, 2, 2.5, 10}))
                        .series()
                        .get(0);
        double area = 0;
        for (double h : d.heights()) {
            area += h * d.size();
        }
        assertEquals(1.0, area, 1e-12);
    }

    @Test
    void scatterMakesOneTracePerGroupInFirstAppearanceOrder() {
        Chart c = Charts.scatter(
                "emb", new double[] {0, 1, 2, 3}, new double[] {0, 1, 2, 3}, new String[] {"b", "a", "b", "a"});
        JsonArray data = json(c).getAsJsonArray("data");
        assertEquals(2, data.size());
        assertEquals("b", data.get(0).getAsJsonObject().get("name").getAsString());
        assertEquals("[0.0,2.0]", data.get(0).getAsJsonObject().get("x").toString());
        assertEquals("[1.0,3.0]", data.get(1).getAsJsonObject().get("x").toString());
        assertTrue(c.legend());
        assertEquals(
                false,
                Charts.scatter("one", new double[] {1}, new double[] {1}, null).legend());
    }

    @Test
    void heatmapShowsIntegerCellsAndReversesRows() {
        Chart c = Charts.heatmap(
                "cm", new double[][] {{5, 1}, {2, 7}}, new String[] {"p0", "p1"}, new String[] {"t0", "t1"});
        JsonObject f = json(c);
        JsonObject t = f.getAsJsonArray("data").get(0).getAsJsonObject();
        assertEquals("%{z}", t.get("texttemplate").getAsString());
        assertEquals(
                "reversed",
                f.getAsJsonObject("layout")
                        .getAsJsonObject("yaxis")
                        .get("autorange")
                        .getAsString());
        assertEquals(Charts.VIRIDIS.length, t.getAsJsonArray("colorscale").size());
    }

    @Test
    void barsCarryErrorBarsAndRocAddsTheChanceDiagonal() {
        Chart b = Charts.bar(
                "AUROC",
                "class",
                "AUROC",
                new String[] {"0", "1"},
                named("svdd", new double[] {0.9, 0.8}, new double[] {0.01, 0.02}));
        JsonObject err = json(b).getAsJsonArray("data").get(0).getAsJsonObject().getAsJsonObject("error_y");
        assertEquals("[0.01,0.02]", err.get("array").toString());
        JsonArray data = json(Charts.roc(
                        "ROC", Charts.curve("model", new double[] {0, 0.5, 1}, new double[] {0, 0.9, 1})))
                .getAsJsonArray("data");
        assertEquals(2, data.size());
        assertEquals("chance", data.get(1).getAsJsonObject().get("name").getAsString());
    }

    @Test
    void badArgumentsNameTheParameter() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Charts.line("t", "x", "y", new double[] {1, 2}, named("a", new double[] {1})));
        assertTrue(e.getMessage().startsWith("series \"a\": y must have the length of x (2), found 1"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> Charts.histogram("t", "x", 0, named("a", new double[] {1})));
        assertTrue(e.getMessage().startsWith("bins must be between 1 and 10000, found 0"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> Charts.histogram("t", "x", 10, named("a", new double[] {Double.NaN})));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> Charts.heatmap("t", new double[][] {{1, 2}, {3}}, null, null));
        assertTrue(e.getMessage().contains("z[1] must have the length of z[0] (2), found 1"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> Charts.bar("t", "x", "y", new String[] {"a"}, new double[] {1, 2}));
        e = assertThrows(IllegalArgumentException.class, () -> Charts.line("t", "x", "y", null));
        assertTrue(e.getMessage().contains("Charts.named"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> Chart.of(
                        "t",
                        "",
                        "",
                        List.of(
                                new Chart.Bars("b", new String[] {"a"}, new double[] {1}, null, "#000"),
                                new Chart.Points("p", new double[] {1}, new double[] {1}, "#000", 6))));
        assertTrue(e.getMessage().contains("make one chart per kind"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> Charts.histogram("t", "x", 3, named("a", new double[] {1}))
                        .withVerticalLines(Double.NaN));
        assertTrue(e.getMessage().startsWith("verticalLines must be finite"), e.getMessage());
    }

    @Test
    void chartIsImmutable() {
        Chart c = Charts.bar("t", "x", "y", new String[] {"a", "b"}, new double[] {1, 2});
        String before = c.toJson();
        c.toPlotly().put("layout", "changed");
        Chart bigger = c.withSize(800, 500).withTitle("u");
        assertEquals(before, c.toJson());
        assertEquals(800, bigger.width());
        assertEquals("u", bigger.title());
        assertEquals(Chart.DEFAULT_WIDTH, c.width());
        assertTrue(c.toString().contains("\"t\""), c.toString());
    }

    @Test
    void barsFromATableInLongFormKeepTheOrderOfFirstAppearance() {
        tech.tablesaw.api.Table t = tech.tablesaw.api.Table.create(
                "summary",
                tech.tablesaw.api.StringColumn.create("class", "1", "1", "0", "all"),
                tech.tablesaw.api.StringColumn.create("method", "svdd", "ocsvm", "svdd", "svdd"),
                tech.tablesaw.api.DoubleColumn.create("auroc mean", 0.9, 0.8, 0.7, 0.8),
                tech.tablesaw.api.DoubleColumn.create("auroc std", 0.01, Double.NaN, 0.03, 0.1));
        Chart c = Charts.bar("AUROC", t, "class", "method", "auroc mean", "auroc std");
        Chart.Bars svdd = (Chart.Bars) c.series().get(0);
        Chart.Bars ocsvm = (Chart.Bars) c.series().get(1);
        assertArrayEquals(new String[] {"1", "0", "all"}, svdd.categories());
        assertArrayEquals(new double[] {0.9, 0.7, 0.8}, svdd.values());
        assertArrayEquals(new double[] {0.01, 0.03, 0.1}, svdd.errors());
        assertEquals("ocsvm", ocsvm.name());
        assertTrue(Double.isNaN(ocsvm.values()[1]), "no ocsvm run for class 0: no bar");
        assertEquals(
                "[0.8,null,null]",
                json(c).getAsJsonArray("data").get(1).getAsJsonObject().get("y").toString());
        assertEquals(c.width(), c.toImage().getWidth(), "NaN draws no bar, and no error");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Charts.bar("x", t, "klass", "method", "auroc mean", null));
        assertTrue(e.getMessage().startsWith("column \"klass\" must be in the table"), e.getMessage());
    }

    @Test
    void rocAndPrLegendsCarryTheirAreas() {
        Chart roc = Charts.roc("ROC", Charts.curve("m", new double[] {0, 0.5, 1}, new double[] {0, 1, 1}));
        assertEquals("m (AUROC 0.750)", roc.series().get(0).name());
        deepsvddlab.eval.PrCurve curve =
                deepsvddlab.eval.Metrics.prCurve(new int[] {0, 1, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8, 0.7});
        Chart pr = Charts.pr("PR", 0.6, Charts.curve("m", curve.recall(), curve.precision()));
        assertEquals(
                String.format(java.util.Locale.ROOT, "m (AP %.3f)", curve.averagePrecision()),
                pr.series().get(0).name());
        assertArrayEquals(new double[] {0.6, 0.6}, ((Chart.Line) pr.series().get(1)).y());
        assertThrows(
                IllegalArgumentException.class,
                () -> Charts.pr("PR", 1.5, Charts.curve("m", new double[1], new double[1])));
        assertThrows(IllegalArgumentException.class, () -> Charts.roc("ROC", (Charts.Curve) null));
    }
}
