package deepsvddlab.display;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.BoxPlot;
import tech.tablesaw.plotly.api.Histogram;
import tech.tablesaw.plotly.api.LinePlot;
import tech.tablesaw.plotly.api.ScatterPlot;
import tech.tablesaw.plotly.api.VerticalBarPlot;

class JsPlotTest {

    @Test
    void trailingCommasGoButCommasInStringsStay() {
        assertEquals("{a: 1, b: 'x,}'}", JsPlot.withoutTrailingCommas("{a: 1, b: 'x,}',}"));
        assertEquals("[1, 2\n]", JsPlot.withoutTrailingCommas("[1, 2,\n]"));
        assertEquals("{t: 'it\\'s,]'}", JsPlot.withoutTrailingCommas("{t: 'it\\'s,]',}"));
    }

    @Test
    void convertsTablesawLineScatterBarAndHistogramFigures() {
        Table t = Table.create(
                "t",
                DoubleColumn.create("epoch", 1, 2, 3),
                DoubleColumn.create("loss", 0.5, 0.25, 0.125),
                StringColumn.create("g", "a", "b", "a"));
        Chart line = Chart.of(LinePlot.create("Loss", t, "epoch", "loss"));
        assertEquals("Loss", line.title());
        assertEquals(
                "users' <own> & \"more\"",
                Chart.of(LinePlot.create("users' <own> & \"more\"", t, "epoch", "loss"))
                        .title(),
                "jsplot's HTML escapes are undone");
        assertEquals("epoch", line.xLabel());
        assertEquals("loss", line.yLabel());
        Chart.Line l = (Chart.Line) line.series().get(0);
        assertArrayEquals(new double[] {1, 2, 3}, l.x());
        assertArrayEquals(new double[] {0.5, 0.25, 0.125}, l.y());
        assertEquals(800, line.width(), "jsplot's size is kept");

        Chart groups = Chart.of(ScatterPlot.create("S", t, "epoch", "loss", "g"));
        assertEquals(2, groups.series().size());
        assertTrue(groups.series().get(0) instanceof Chart.Points);
        assertEquals("a", groups.series().get(0).name());
        assertArrayEquals(new double[] {1, 3}, ((Chart.Points) groups.series().get(0)).x());

        Chart bars = Chart.of(VerticalBarPlot.create("B", t, "g", "loss"));
        assertTrue(bars.series().get(0) instanceof Chart.Bars);

        Chart h = Chart.of(Histogram.create("Scores", new double[] {1, 2, 2, 3}));
        Chart.Histogram hs = (Chart.Histogram) h.series().get(0);
        assertEquals(3, hs.bins(), "Sturges: ceil(log2 4) + 1");
        assertEquals(4, java.util.Arrays.stream(hs.heights()).sum());
        assertEquals(h.width(), h.toImage().getWidth());
        Chart.Histogram same =
                (Chart.Histogram) Charts.histogram("Scores", "", 3, Charts.named("", new double[] {1, 2, 2, 3}))
                        .series()
                        .get(0);
        assertEquals(same.start(), hs.start(), "the bins of Charts.histogram");
        assertEquals(same.size(), hs.size());
        assertEquals(0.85, hs.opacity(), "one histogram: nothing overlaps it");
        assertArrayEquals(new double[] {1, 2, 1}, hs.heights());
    }

    @Test
    void anUnsupportedTraceTypeSaysWhatToDo() {
        Table t = Table.create("t", StringColumn.create("g", "a", "b"), DoubleColumn.create("v", 1, 2));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Chart.of(BoxPlot.create("box", t, "g", "v")));
        assertTrue(
                e.getMessage().contains("found type 'box'") && e.getMessage().contains("Chart.of(title"),
                e.getMessage());
    }
}
