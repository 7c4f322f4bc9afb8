package deepsvddlab.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartsTest {

    static Map<String, double[]> map(Object... kv) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (double[]) kv[i + 1]);
        }
        return m;
    }

    static JsonObject json(Chart c) {
        return JsonParser.parseString(c.toJson()).getAsJsonObject();
    }

    @Test
    void lineHasOneTracePerSeriesAndObjectTitles() {
        Chart c = Charts.line("Loss", "epoch", "loss", null, map("train", new double[] {3, 2, 1}, "val", new double[] {4, 3, 2}));
        JsonObject f = json(c);
        JsonArray data = f.getAsJsonArray("data");
        assertEquals(2, data.size());
        assertEquals("train", data.get(0).getAsJsonObject().get("name").getAsString());
        assertEquals("[1.0,2.0,3.0]", data.get(0).getAsJsonObject().get("x").toString());
        JsonObject layout = f.getAsJsonObject("layout");
        assertEquals("Loss", layout.getAsJsonObject("title").get("text").getAsString());
        assertEquals("epoch", layout.getAsJsonObject("xaxis").getAsJsonObject("title").get("text").getAsString());
        assertEquals("loss", layout.getAsJsonObject("yaxis").getAsJsonObject("title").get("text").getAsString());
        assertEquals("Loss", c.title());
    }

    @Test
    void nanBecomesNullSoPlotlyDrawsAGap() {
        Chart c = Charts.line("t", "x", "y", new double[] {1, 2}, map("a", new double[] {1, Double.NaN}));
        assertEquals("[1.0,null]", json(c).getAsJsonArray("data").get(0).getAsJsonObject().get("y").toString());
    }

    @Test
    void histogramSharesBinsCoveringAllGroupsAndDrawsThresholds() {
        Chart c = Charts.histogram("scores", "score", map("normal", new double[] {0, 1, 2}, "anomalous", new double[] {5, 10}), 5, 4.5);
        JsonObject f = json(c);
        JsonObject b0 = f.getAsJsonArray("data").get(0).getAsJsonObject().getAsJsonObject("xbins");
        JsonObject b1 = f.getAsJsonArray("data").get(1).getAsJsonObject().getAsJsonObject("xbins");
        assertEquals(b0, b1);
        assertEquals(0.0, b0.get("start").getAsDouble());
        assertTrue(b0.get("end").getAsDouble() > 10, "the maximum must fall inside the last bin");
        assertEquals(5, Math.round((b0.get("end").getAsDouble() - 0) / b0.get("size").getAsDouble()));
        assertEquals("overlay", f.getAsJsonObject("layout").get("barmode").getAsString());
        JsonObject shape = f.getAsJsonObject("layout").getAsJsonArray("shapes").get(0).getAsJsonObject();
        assertEquals(4.5, shape.get("x0").getAsDouble());
        assertEquals("paper", shape.get("yref").getAsString());
    }

    @Test
    void scatterMakesOneTracePerGroupInFirstAppearanceOrder() {
        Chart c = Charts.scatter("emb", new double[] {0, 1, 2, 3}, new double[] {0, 1, 2, 3}, new String[] {"b", "a", "b", "a"});
        JsonArray data = json(c).getAsJsonArray("data");
        assertEquals(2, data.size());
        assertEquals("b", data.get(0).getAsJsonObject().get("name").getAsString());
        assertEquals("[0.0,2.0]", data.get(0).getAsJsonObject().get("x").toString());
        assertEquals("[1.0,3.0]", data.get(1).getAsJsonObject().get("x").toString());
    }

    @Test
    void heatmapShowsIntegerCellsAndReversesRows() {
        Chart c = Charts.heatmap("cm", new double[][] {{5, 1}, {2, 7}}, new String[] {"p0", "p1"}, new String[] {"t0", "t1"});
        JsonObject f = json(c);
        JsonObject t = f.getAsJsonArray("data").get(0).getAsJsonObject();
        assertEquals("%{z}", t.get("texttemplate").getAsString());
        assertEquals("reversed", f.getAsJsonObject("layout").getAsJsonObject("yaxis").get("autorange").getAsString());
        assertEquals(Charts.VIRIDIS.length, t.getAsJsonArray("colorscale").size());
    }

    @Test
    void rocAddsTheChanceDiagonal() {
        Map<String, double[][]> curves = new LinkedHashMap<>();
        curves.put("model", new double[][] {{0, 0.5, 1}, {0, 0.9, 1}});
        JsonArray data = json(Charts.roc("ROC", curves)).getAsJsonArray("data");
        assertEquals(2, data.size());
        assertEquals("chance", data.get(1).getAsJsonObject().get("name").getAsString());
    }

    @Test
    void badArgumentsNameTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.line("t", "x", "y", new double[] {1, 2}, map("a", new double[] {1})));
        assertTrue(e.getMessage().startsWith("ys[\"a\"] must have the length of x (2), found 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Charts.histogram("t", "x", map("a", new double[] {1}), 0));
        assertTrue(e.getMessage().startsWith("bins must be between 1 and 10000, found 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Charts.histogram("t", "x", map("a", new double[] {Double.NaN}), 10));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Charts.heatmap("t", new double[][] {{1, 2}, {3}}, null, null));
        assertTrue(e.getMessage().startsWith("z[1] must have the length of z[0] (2), found 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Charts.bar("t", "x", "y", new String[] {"a"}, new double[] {1, 2}));
    }

    @Test
    void chartIsImmutable() {
        Chart c = Charts.bar("t", "x", "y", new String[] {"a", "b"}, new double[] {1, 2});
        String before = c.toJson();
        c.figure().getAsJsonObject("layout").addProperty("title", "changed");
        Chart bigger = c.withSize(800, 500);
        assertEquals(before, c.toJson());
        assertEquals(800, bigger.width());
        assertEquals(Chart.DEFAULT_WIDTH, c.width());
    }

    @Test
    void fromJsonTurnsStringTitlesIntoObjects() {
        Chart c = Chart.fromJson("{\"data\":[{\"type\":\"bar\",\"x\":[\"a\"],\"y\":[1]}],"
                + "\"layout\":{\"title\":\"T\",\"xaxis\":{\"title\":\"X\"}}}");
        JsonObject layout = json(c).getAsJsonObject("layout");
        assertEquals("T", layout.getAsJsonObject("title").get("text").getAsString());
        assertEquals("X", layout.getAsJsonObject("xaxis").getAsJsonObject("title").get("text").getAsString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Chart.fromJson("{\"layout\":{}}"));
        assertTrue(e.getMessage().startsWith("figure must be a JSON object with a 'data' array"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Chart.fromJson("{oops"));
        assertFalse(c.toString().isEmpty());
    }
}
