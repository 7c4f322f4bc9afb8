package deepsvddlab.display;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Factories for the charts the lessons need, each returning an immutable {@link Chart} whose Plotly
 * JSON is written here directly (tablesaw-jsplot lacks object titles, shared histogram bins,
 * threshold lines and heatmap cell text; use {@link Chart#of} for its figures).
 *
 * <p>Every trace gets an explicit colour from {@link #PALETTE} so the browser rendering and the PNG
 * agree. Map arguments keep their iteration order: pass a {@link LinkedHashMap} to control the
 * legend order.
 */
public final class Charts {
    /**
     * Trace colours in order: the D3 category10 palette (Plotly's default colourway), then the light
     * halves of D3 category20, so a chart of up to 20 traces (a comparison of every detector on
     * every feature source) repeats no colour.
     */
    public static final String[] PALETTE = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
        "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5",
        "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5",
    };

    /** Plotly's Viridis colour scale, written out so the PNG renderer uses the very same stops. */
    static final String[] VIRIDIS = {
        "#440154", "#48186a", "#472d7b", "#424086", "#3b528b", "#33638d", "#2c728e", "#26828e", "#21918c",
        "#1fa088", "#28ae80", "#3fbc73", "#5ec962", "#84d44b", "#addc30", "#d8e219", "#fde725",
    };

    private Charts() {}

    /**
     * Line chart of several named series over a shared x (e.g. loss per epoch).
     *
     * @param x  shared x values; null means 1, 2, ..., n
     * @param ys series name to y values, each as long as x
     */
    public static Chart line(String title, String xLabel, String yLabel, double[] x, Map<String, double[]> ys) {
        requireSeries("ys", ys);
        int n = ys.values().iterator().next().length;
        double[] xs = x != null ? x : oneToN(n);
        JsonArray data = new JsonArray();
        int i = 0;
        for (Map.Entry<String, double[]> e : ys.entrySet()) {
            requireLength("ys[\"" + e.getKey() + "\"]", e.getValue(), xs.length, "x");
            JsonObject t = trace("scatter", e.getKey());
            t.addProperty("mode", xs.length <= 30 ? "lines+markers" : "lines");
            t.add("x", Json.array(xs));
            t.add("y", Json.array(e.getValue()));
            t.add("line", lineStyle(PALETTE[i % PALETTE.length], 2, null));
            t.add("marker", marker(PALETTE[i % PALETTE.length], 6, 1.0));
            data.add(t);
            i++;
        }
        return new Chart(figure(data, layout(title, xLabel, yLabel)));
    }

    /** Scatter plot of points coloured by group (e.g. a t-SNE embedding coloured by label). */
    public static Chart scatter(String title, double[] x, double[] y, String[] group) {
        return scatter(title, "", "", x, y, group);
    }

    /**
     * Scatter plot of points coloured by group: one trace (and legend entry) per distinct group, in
     * order of first appearance.
     *
     * @param group one group name per point, or null for a single group
     */
    public static Chart scatter(String title, String xLabel, String yLabel, double[] x, double[] y, String[] group) {
        requireNonNull("x", x);
        requireLength("y", y, x.length, "x");
        if (group != null) {
            requireLength("group", group, x.length, "x");
        }
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (int i = 0; i < x.length; i++) {
            counts.computeIfAbsent(group == null ? "points" : String.valueOf(group[i]), k -> new int[1])[0]++;
        }
        JsonArray data = new JsonArray();
        int c = 0;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            double[] gx = new double[e.getValue()[0]];
            double[] gy = new double[gx.length];
            int k = 0;
            for (int i = 0; i < x.length; i++) {
                if (group == null || String.valueOf(group[i]).equals(e.getKey())) {
                    gx[k] = x[i];
                    gy[k++] = y[i];
                }
            }
            JsonObject t = trace("scatter", e.getKey());
            t.addProperty("mode", "markers");
            t.add("x", Json.array(gx));
            t.add("y", Json.array(gy));
            t.add("marker", marker(PALETTE[c++ % PALETTE.length], 6, 0.75));
            data.add(t);
        }
        JsonObject layout = layout(title, xLabel, yLabel);
        layout.addProperty("showlegend", group != null);
        return new Chart(figure(data, layout));
    }

    /**
     * Overlaid histograms (counts) of several groups on shared bins (e.g. anomaly scores of normal
     * and anomalous test points), with optional dashed vertical lines (e.g. thresholds).
     *
     * @param bins          number of equal-width bins spanning all groups' finite values, at least 1
     * @param verticalLines x positions of vertical lines, may be empty
     */
    public static Chart histogram(String title, String xLabel, Map<String, double[]> groups, int bins,
            double... verticalLines) {
        return histogram(title, xLabel, "count", "", groups, bins, verticalLines);
    }

    /**
     * As {@link #histogram} but each group normalised to a probability density (area 1), so groups of
     * very different sizes (many normals, few anomalies) compare by shape.
     */
    public static Chart histogramDensity(String title, String xLabel, Map<String, double[]> groups, int bins,
            double... verticalLines) {
        return histogram(title, xLabel, "density", "probability density", groups, bins, verticalLines);
    }

    private static Chart histogram(String title, String xLabel, String yLabel, String histnorm,
            Map<String, double[]> groups, int bins, double[] verticalLines) {
        requireSeries("groups", groups);
        if (bins < 1 || bins > 10_000) {
            throw new IllegalArgumentException("bins must be between 1 and 10000, found " + bins + "; 30 to 50 is typical");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] g : groups.values()) {
            for (double v : g) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min > max) {
            throw new IllegalArgumentException("groups must hold at least one finite value, found none; "
                    + "check the scores for NaN");
        }
        // Equal bins [start + i*size, start + (i+1)*size); the size is widened by 1e-9 so the maximum
        // falls inside the last bin in plotly.js and in our renderer alike.
        double size = max > min ? (max - min) / bins * (1 + 1e-9) : 1.0;
        double start = max > min ? min : min - 0.5;
        JsonObject xbins = new JsonObject();
        xbins.addProperty("start", start);
        xbins.addProperty("end", start + size * bins);
        xbins.addProperty("size", size);
        JsonArray data = new JsonArray();
        int i = 0;
        for (Map.Entry<String, double[]> e : groups.entrySet()) {
            JsonObject t = trace("histogram", e.getKey());
            t.add("x", Json.array(e.getValue()));
            t.add("xbins", xbins.deepCopy());
            t.addProperty("autobinx", false);
            if (!histnorm.isEmpty()) {
                t.addProperty("histnorm", histnorm);
            }
            t.addProperty("opacity", groups.size() > 1 ? 0.6 : 0.85);
            t.add("marker", marker(PALETTE[i++ % PALETTE.length], 0, 1.0));
            data.add(t);
        }
        JsonObject layout = layout(title, xLabel, yLabel);
        layout.addProperty("barmode", "overlay");
        layout.addProperty("bargap", 0.02);
        addVerticalLines(layout, verticalLines);
        return new Chart(figure(data, layout));
    }

    /**
     * Grouped bar chart: one bar per category for each named series (e.g. AUROC per method).
     *
     * @param series series name to one value per category
     */
    public static Chart bar(String title, String xLabel, String yLabel, String[] categories, Map<String, double[]> series) {
        requireNonNull("categories", categories);
        requireSeries("series", series);
        JsonArray data = new JsonArray();
        int i = 0;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            requireLength("series[\"" + e.getKey() + "\"]", e.getValue(), categories.length, "categories");
            JsonObject t = trace("bar", e.getKey());
            t.add("x", Json.array(categories));
            t.add("y", Json.array(e.getValue()));
            t.add("marker", marker(PALETTE[i++ % PALETTE.length], 0, 1.0));
            data.add(t);
        }
        JsonObject layout = layout(title, xLabel, yLabel);
        layout.addProperty("barmode", "group");
        layout.addProperty("showlegend", series.size() > 1);
        return new Chart(figure(data, layout));
    }

    /** Bar chart of one series. */
    public static Chart bar(String title, String xLabel, String yLabel, String[] categories, double[] values) {
        Map<String, double[]> one = new LinkedHashMap<>();
        one.put(yLabel == null || yLabel.isEmpty() ? "value" : yLabel, values);
        return bar(title, xLabel, yLabel, categories, one);
    }

    /**
     * Heatmap of a matrix, row 0 at the top (e.g. a confusion matrix or a Grad-CAM map), Viridis
     * colours with a colour bar; cells print their values when the matrix has at most 20x20 cells.
     *
     * @param z       rows of equal length
     * @param xLabels one label per column, or null for 0..columns-1
     * @param yLabels one label per row, or null for 0..rows-1
     */
    public static Chart heatmap(String title, double[][] z, String[] xLabels, String[] yLabels) {
        requireNonNull("z", z);
        if (z.length == 0 || z[0] == null || z[0].length == 0) {
            throw new IllegalArgumentException("z must have at least one row and one column, found an empty matrix; "
                    + "pass double[rows][columns]");
        }
        boolean integers = true;
        for (int r = 0; r < z.length; r++) {
            requireLength("z[" + r + "]", z[r], z[0].length, "z[0]");
            for (double v : z[r]) {
                integers &= v == Math.rint(v) && Math.abs(v) < 1e15;
            }
        }
        if (xLabels != null) {
            requireLength("xLabels", xLabels, z[0].length, "the columns of z");
        }
        if (yLabels != null) {
            requireLength("yLabels", yLabels, z.length, "the rows of z");
        }
        JsonObject t = trace("heatmap", "");
        JsonArray rows = new JsonArray();
        for (double[] row : z) {
            rows.add(Json.array(row));
        }
        t.add("z", rows);
        if (xLabels != null) {
            t.add("x", Json.array(xLabels));
        }
        if (yLabels != null) {
            t.add("y", Json.array(yLabels));
        }
        JsonArray scale = new JsonArray();
        for (int i = 0; i < VIRIDIS.length; i++) {
            JsonArray stop = new JsonArray();
            stop.add((double) i / (VIRIDIS.length - 1));
            stop.add(VIRIDIS[i]);
            scale.add(stop);
        }
        t.add("colorscale", scale);
        t.addProperty("showscale", true);
        if (z.length * z[0].length <= 400) {
            t.addProperty("texttemplate", integers ? "%{z}" : "%{z:.3~g}");
        }
        JsonArray data = new JsonArray();
        data.add(t);
        JsonObject layout = layout(title, "", "");
        layout.getAsJsonObject("yaxis").addProperty("autorange", "reversed");
        layout.getAsJsonObject("xaxis").addProperty("showgrid", false);
        layout.getAsJsonObject("yaxis").addProperty("showgrid", false);
        layout.addProperty("showlegend", false);
        return new Chart(figure(data, layout));
    }

    /**
     * ROC-type curves: one line per named curve plus the dashed chance diagonal, axes [0, 1].
     *
     * @param fprTprByName name to {fpr[], tpr[]} (two arrays of equal length, sorted by fpr)
     */
    public static Chart roc(String title, Map<String, double[][]> fprTprByName) {
        requireNonNull("fprTprByName", fprTprByName);
        if (fprTprByName.isEmpty()) {
            throw new IllegalArgumentException("fprTprByName must hold at least one curve, found none; "
                    + "pass name -> {fpr, tpr}");
        }
        JsonArray data = new JsonArray();
        int i = 0;
        for (Map.Entry<String, double[][]> e : fprTprByName.entrySet()) {
            double[][] c = e.getValue();
            if (c == null || c.length != 2 || c[0] == null || c[1] == null || c[0].length != c[1].length) {
                throw new IllegalArgumentException("fprTprByName[\"" + e.getKey()
                        + "\"] must be {fpr[], tpr[]} of equal length, found "
                        + (c == null ? "null" : c.length + " arrays") + "; pass new double[][] {fpr, tpr}");
            }
            JsonObject t = trace("scatter", e.getKey());
            t.addProperty("mode", "lines");
            t.add("x", Json.array(c[0]));
            t.add("y", Json.array(c[1]));
            t.add("line", lineStyle(PALETTE[i++ % PALETTE.length], 2, null));
            data.add(t);
        }
        JsonObject chance = trace("scatter", "chance");
        chance.addProperty("mode", "lines");
        chance.add("x", Json.array(new double[] {0, 1}));
        chance.add("y", Json.array(new double[] {0, 1}));
        chance.add("line", lineStyle("#999999", 1, "dash"));
        data.add(chance);
        JsonObject layout = layout(title, "false positive rate", "true positive rate");
        layout.getAsJsonObject("xaxis").add("range", Json.array(new double[] {0, 1}));
        layout.getAsJsonObject("yaxis").add("range", Json.array(new double[] {0, 1.02}));
        layout.addProperty("width", 620);
        layout.addProperty("height", 480);
        return new Chart(figure(data, layout));
    }

    // ---- building blocks -------------------------------------------------------------------

    private static JsonObject figure(JsonArray data, JsonObject layout) {
        JsonObject f = new JsonObject();
        f.add("data", data);
        f.add("layout", layout);
        return f;
    }

    private static JsonObject trace(String type, String name) {
        JsonObject t = new JsonObject();
        t.addProperty("type", type);
        t.addProperty("name", name == null ? "" : name);
        return t;
    }

    private static JsonObject layout(String title, String xLabel, String yLabel) {
        JsonObject l = new JsonObject();
        l.add("title", Json.title(title));
        l.addProperty("width", Chart.DEFAULT_WIDTH);
        l.addProperty("height", Chart.DEFAULT_HEIGHT);
        l.add("xaxis", axis(xLabel));
        l.add("yaxis", axis(yLabel));
        l.addProperty("plot_bgcolor", "#ffffff");
        l.addProperty("paper_bgcolor", "#ffffff");
        JsonObject margin = new JsonObject();
        margin.addProperty("l", 70);
        margin.addProperty("r", 30);
        margin.addProperty("t", 60);
        margin.addProperty("b", 60);
        l.add("margin", margin);
        return l;
    }

    private static JsonObject axis(String label) {
        JsonObject a = new JsonObject();
        a.add("title", Json.title(label));
        a.addProperty("showline", true);
        a.addProperty("linecolor", "#444444");
        a.addProperty("gridcolor", "#e5e5e5");
        a.addProperty("zeroline", false);
        a.addProperty("ticks", "outside");
        return a;
    }

    private static JsonObject lineStyle(String color, double width, String dash) {
        JsonObject l = new JsonObject();
        l.addProperty("color", color);
        l.addProperty("width", width);
        if (dash != null) {
            l.addProperty("dash", dash);
        }
        return l;
    }

    private static JsonObject marker(String color, double size, double opacity) {
        JsonObject m = new JsonObject();
        m.addProperty("color", color);
        if (size > 0) {
            m.addProperty("size", size);
        }
        if (opacity < 1) {
            m.addProperty("opacity", opacity);
        }
        return m;
    }

    private static void addVerticalLines(JsonObject layout, double[] xs) {
        if (xs == null || xs.length == 0) {
            return;
        }
        JsonArray shapes = new JsonArray();
        for (double x : xs) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("verticalLines must be finite, found " + x
                        + "; drop the line or fix the threshold");
            }
            JsonObject s = new JsonObject();
            s.addProperty("type", "line");
            s.addProperty("xref", "x");
            s.addProperty("yref", "paper");
            s.addProperty("x0", x);
            s.addProperty("x1", x);
            s.addProperty("y0", 0);
            s.addProperty("y1", 1);
            s.add("line", lineStyle("#222222", 2, "dash"));
            shapes.add(s);
        }
        layout.add("shapes", shapes);
    }

    private static double[] oneToN(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    private static void requireNonNull(String name, Object o) {
        if (o == null) {
            throw new IllegalArgumentException(name + " must be non-null, found null; pass the data to plot");
        }
    }

    private static void requireSeries(String name, Map<String, ?> m) {
        requireNonNull(name, m);
        if (m.isEmpty()) {
            throw new IllegalArgumentException(name + " must hold at least one named series, found none; "
                    + "pass e.g. Map.of(\"train\", values)");
        }
        for (Map.Entry<String, ?> e : m.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException(name + "[\"" + e.getKey() + "\"] must be non-null, found null; "
                        + "pass an array of values");
            }
        }
    }

    private static void requireLength(String name, Object array, int expected, String other) {
        requireNonNull(name, array);
        int n = java.lang.reflect.Array.getLength(array);
        if (n != expected) {
            throw new IllegalArgumentException(name + " must have the length of " + other + " (" + expected
                    + "), found " + n + "; pass one value per " + (other.startsWith("the ") ? other.substring(4) : other)
                    + " entry");
        }
    }
}
