import deepsvddlab.display.Chart;
import deepsvddlab.display.Charts;
import deepsvddlab.display.Figures;
import deepsvddlab.display.Show;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run by bin/old-gson-check with Gson 2.8.5 ahead of the lab's jar on the class path, as IJava 1.3
 * puts it: the display code and the run records must work, since the jar relocates its own Gson.
 * Exits non-zero (an exception) on any failure.
 */
public class OldGsonFirst {
    public static void main(String[] args) throws Exception {
        try {
            Class.forName("com.google.gson.JsonArray").getMethod("isEmpty");
            throw new AssertionError("the check is void: the Gson first on the class path is not 2.8.5");
        } catch (NoSuchMethodException expected) {
            // JsonArray.isEmpty() came in Gson 2.8.7: the old Gson is first, as in IJava
        }
        Path out = Path.of(args[0]);
        System.setProperty("dsvdd.figures.dir", out.toString());
        Chart[] charts = {
            Charts.heatmap("confusion", new double[][] {{5, 1}, {2, 7}}, new String[] {"normal", "anomaly"},
                    new String[] {"normal", "anomaly"}),
            Charts.line("loss", "epoch", "loss", new double[] {0, 1, 2}, Charts.named("loss", new double[] {3, 2, 1})),
            Charts.histogramDensity("scores", "score", 10, Charts.named("normal", new double[] {1, 2, 2, 3}),
                    Charts.named("anomalous", new double[] {3, 4, 4, 5})).withVerticalLines(3.5),
            Charts.bar("auroc by class", "class", "AUROC", new String[] {"0", "1"},
                    Charts.named("deep-svdd", new double[] {0.9, 0.8}, new double[] {0.01, 0.02})),
            Charts.bar("auroc", "class", "AUROC", new String[] {"0", "1"}, new double[] {0.9, 0.8}),
            Charts.scatter("embedding", new double[] {0, 1}, new double[] {1, 0}, new String[] {"a", "b"}),
        };
        for (int i = 0; i < charts.length; i++) {
            String json = charts[i].toJson();
            if (!json.startsWith("{\"data\":[") || !json.equals(charts[i].toJson())) {
                throw new AssertionError("chart " + i + " does not write its Plotly JSON: " + json);
            }
            Show.chart(charts[i], "chart-" + i);
            if (Files.size(out.resolve("chart-" + i + ".png")) < 1000) {
                throw new AssertionError("chart-" + i + ".png is empty");
            }
        }
        Show.table(tech.tablesaw.api.Table.create("t").addColumns(tech.tablesaw.api.DoubleColumn.create("x", 1, 2)));
        Show.chart(tech.tablesaw.plotly.api.LinePlot.create("users' own", tech.tablesaw.api.Table.create("u")
                .addColumns(tech.tablesaw.api.DoubleColumn.create("x", 1, 2, 3), tech.tablesaw.api.DoubleColumn.create("y", 3, 1, 2)),
                "x", "y"));
        Path record = out.resolve("record.json");
        deepsvddlab.io.Json.write(record, Map.of("auroc", 0.9, "list", java.util.List.of(1, 2)));
        if (deepsvddlab.io.Json.read(record).get("auroc").getAsDouble() != 0.9) {
            throw new AssertionError("a run record does not read back");
        }
        System.out.println("old-gson-check: display and run records work with Gson 2.8.5 first on the class path");
    }
}
