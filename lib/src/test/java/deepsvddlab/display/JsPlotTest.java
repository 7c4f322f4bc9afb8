package deepsvddlab.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.Histogram;
import tech.tablesaw.plotly.api.LinePlot;
import tech.tablesaw.plotly.components.Figure;

class JsPlotTest {

    @Test
    void readsJavascriptObjectLiterals() {
        JsonObject f = JsPlot.fromJavascript("var layout = {title: 'It\\'s', xaxis: {title: 'x', titlefont: {size: 9},},};\n"
                + "var trace1 = {x: ['1.5', '2'], y: [3, NaN,], opacity: '0.5', type: 'bar', name: \"b\",};\n"
                + "var trace0 = {x: ['a', 'b'], type: 'bar', name: 'a'};\n"
                + "var data = [ trace0, trace1 ];\nPlotly.newPlot(target, data, layout);");
        assertEquals("a", f.getAsJsonArray("data").get(0).getAsJsonObject().get("name").getAsString(), "traces in index order");
        JsonObject t1 = f.getAsJsonArray("data").get(1).getAsJsonObject();
        assertEquals("[1.5,2.0]", t1.get("x").toString(), "numeric strings become numbers");
        assertEquals("[3.0,null]", t1.get("y").toString());
        assertEquals(0.5, t1.get("opacity").getAsDouble());
        assertEquals("[\"a\",\"b\"]", f.getAsJsonArray("data").get(0).getAsJsonObject().get("x").toString());
        JsonObject xaxis = f.getAsJsonObject("layout").getAsJsonObject("xaxis");
        assertEquals("x", xaxis.getAsJsonObject("title").get("text").getAsString());
        assertEquals(9, xaxis.getAsJsonObject("title").getAsJsonObject("font").get("size").getAsInt());
        assertFalse(xaxis.has("titlefont"));
        assertEquals("It's", Json.titleText(f.getAsJsonObject("layout").get("title")));
    }

    @Test
    void malformedJavascriptGivesAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsPlot.fromJavascript("var layout = {title 'x'};"));
        assertTrue(e.getMessage().contains("expected ':' after key title"), e.getMessage());
    }

    @Test
    void convertsTablesawFigures() {
        Table t = Table.create("t", DoubleColumn.create("epoch", 1, 2, 3), DoubleColumn.create("loss", 0.5, 0.25, 0.125));
        Figure line = LinePlot.create("Loss", t, "epoch", "loss");
        Chart c = Chart.of(line);
        JsonObject f = JsonParser.parseString(c.toJson()).getAsJsonObject();
        assertEquals("Loss", c.title());
        assertTrue(f.getAsJsonObject("layout").get("title").isJsonObject());
        JsonObject trace = f.getAsJsonArray("data").get(0).getAsJsonObject();
        assertEquals("[1.0,2.0,3.0]", trace.get("x").toString());
        assertEquals("[0.5,0.25,0.125]", trace.get("y").toString());

        Chart h = Chart.of(Histogram.create("Scores", new double[] {1, 2, 2, 3}));
        assertEquals("histogram", JsonParser.parseString(h.toJson()).getAsJsonObject().getAsJsonArray("data")
                .get(0).getAsJsonObject().get("type").getAsString());
        assertEquals(h.width(), h.toImage().getWidth());
    }
}
