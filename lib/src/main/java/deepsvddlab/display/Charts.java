package deepsvddlab.display;

import deepsvddlab.display.Chart.Bars;
import deepsvddlab.display.Chart.Heatmap;
import deepsvddlab.display.Chart.Histogram;
import deepsvddlab.display.Chart.Line;
import deepsvddlab.display.Chart.Points;
import deepsvddlab.display.Chart.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The charts the lessons need, each an immutable {@link Chart}. Series are passed in the order they
 * are drawn and listed, as {@link #named} values, and take the colours of {@link #PALETTE} in that
 * order, so "normal" is blue in every chart that lists it first.
 */
public final class Charts {
    /**
     * Series colours in order: the D3 category10 palette (Plotly's default colourway), then the light
     * halves of D3 category20, so a chart of up to 20 series repeats no colour.
     */
    public static final String[] PALETTE = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
        "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5",
    };

    /** Plotly's Viridis colour scale, so the PNG and the notebook use the very same stops. */
    static final String[] VIRIDIS = {
        "#440154", "#48186a", "#472d7b", "#424086", "#3b528b", "#33638d", "#2c728e", "#26828e", "#21918c", "#1fa088",
        "#28ae80", "#3fbc73", "#5ec962", "#84d44b", "#addc30", "#d8e219", "#fde725",
    };

    private Charts() {}

    /** The Viridis colour at t in [0, 1] (clamped) as 0xRRGGBB, interpolated between the stops. */
    public static int viridisRgb(double t) {
        double u = (Double.isFinite(t) ? Math.max(0, Math.min(1, t)) : 0) * (VIRIDIS.length - 1);
        int i = Math.min((int) u, VIRIDIS.length - 2);
        int a = Integer.parseInt(VIRIDIS[i].substring(1), 16);
        int b = Integer.parseInt(VIRIDIS[i + 1].substring(1), 16);
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int ca = (a >> shift) & 0xff;
            int cb = (b >> shift) & 0xff;
            out |= (int) Math.round(ca + (u - i) * (cb - ca)) << shift;
        }
        return out;
    }

    /** Named values: one series of a line, histogram or bar chart; {@code errors} may be null. */
    public record Named(String name, double[] values, double[] errors) {}

    /** A named series. */
    public static Named named(String name, double[] values) {
        return new Named(name, values, null);
    }

    /** A named series with error bars of half-length errors[i] (e.g. the std over seeds). */
    public static Named named(String name, double[] values, double[] errors) {
        return new Named(name, values, errors);
    }

    /** A named ROC or PR curve: x[i], y[i] sorted by x. */
    public record Curve(String name, double[] x, double[] y) {}

    public static Curve curve(String name, double[] x, double[] y) {
        return new Curve(name, x, y);
    }

    static String color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /**
     * Line chart of series over a shared x (e.g. loss per epoch); markers on up to 30 points.
     *
     * @param x shared x values; null means 1, 2, ..., n
     */
    public static Chart line(String title, String xLabel, String yLabel, double[] x, Named... ys) {
        requireSeries("ys", ys);
        double[] xs = x != null ? x : oneToN(ys[0].values() == null ? 0 : ys[0].values().length);
        List<Series> s = new ArrayList<>();
        for (Named n : ys) {
            s.add(new Line(n.name(), xs, n.values(), color(s.size()), false, xs.length <= 30));
        }
        return Chart.of(title, xLabel, yLabel, s);
    }

    /**
     * Scatter plot of points coloured by group: one series (and legend entry) per distinct group, in
     * order of first appearance.
     *
     * @param group one group name per point, or null for a single group
     */
    public static Chart scatter(String title, String xLabel, String yLabel, double[] x, double[] y, String[] group) {
        Chart.Check.sameLength(title, "y", y, "x", x);
        if (group != null && group.length != x.length) {
            throw new IllegalArgumentException("group must have the length of x (" + x.length + "), found "
                    + group.length + "; pass one group name per point");
        }
        Map<String, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < x.length; i++) {
            members.computeIfAbsent(group == null ? "points" : String.valueOf(group[i]), k -> new ArrayList<>())
                    .add(i);
        }
        List<Series> s = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : members.entrySet()) {
            double[] gx = e.getValue().stream().mapToDouble(i -> x[i]).toArray();
            double[] gy = e.getValue().stream().mapToDouble(i -> y[i]).toArray();
            s.add(new Points(e.getKey(), gx, gy, color(s.size()), 6));
        }
        return Chart.of(title, xLabel, yLabel, s);
    }

    /** Scatter plot without axis labels. */
    public static Chart scatter(String title, double[] x, double[] y, String[] group) {
        return scatter(title, "", "", x, y, group);
    }

    /**
     * Overlaid histograms (counts) of several groups on shared bins spanning all finite values (e.g.
     * anomaly scores of normal and anomalous test points). Draw thresholds with
     * {@link Chart#withVerticalLines}.
     *
     * @param bins number of equal-width bins, 1 to 10000
     */
    public static Chart histogram(String title, String xLabel, int bins, Named... groups) {
        return histogram(title, xLabel, "count", false, bins, groups);
    }

    /**
     * As {@link #histogram} but each group normalised to a probability density (area 1), so groups of
     * very different sizes (many normals, few anomalies) compare by shape.
     */
    public static Chart histogramDensity(String title, String xLabel, int bins, Named... groups) {
        return histogram(title, xLabel, "probability density", true, bins, groups);
    }

    private static Chart histogram(
            String title, String xLabel, String yLabel, boolean density, int bins, Named[] groups) {
        requireSeries("groups", groups);
        if (bins < 1 || bins > 10_000) {
            throw new IllegalArgumentException(
                    "bins must be between 1 and 10000, found " + bins + "; 30 to 50 is typical");
        }
        Bins shared =
                Bins.spanning(java.util.Arrays.stream(groups).map(Named::values).toList(), bins);
        if (!Double.isFinite(shared.start())) {
            throw new IllegalArgumentException(
                    "groups must hold at least one finite value, found none; check the scores for NaN");
        }
        List<Series> s = new ArrayList<>();
        for (Named g : groups) {
            s.add(shared.histogram(g.name(), g.values(), density, color(s.size())));
        }
        return Chart.of(title, xLabel, yLabel, s);
    }

    /**
     * Equal bins shared by overlaid histograms (of Charts and of jsplot figures): {@code count} bins
     * from the least finite value of all groups, the size widened by 1e-9 so the greatest falls inside
     * the last bin in plotly.js too (one value: a bin of width 1 around it; none: a start of infinity).
     * Overlaid bars are drawn at opacity 0.6 so each shows through, a single group at 0.85.
     */
    record Bins(double start, double size, int count, double opacity) {
        static Bins spanning(List<double[]> groups, int count) {
            double[] r = Fmt.finiteRange(groups.stream().flatMapToDouble(java.util.Arrays::stream));
            double opacity = groups.size() > 1 ? 0.6 : 0.85;
            return r[1] > r[0]
                    ? new Bins(r[0], (r[1] - r[0]) / count * (1 + 1e-9), count, opacity)
                    : new Bins(r[0] - 0.5, 1, count, opacity);
        }

        Histogram histogram(String name, double[] values, boolean density, String color) {
            return new Histogram(name, values, start, size, count, density, color, opacity);
        }
    }

    /** Grouped bar chart: one bar per category for each series (e.g. AUROC per method), with error bars when given. */
    public static Chart bar(String title, String xLabel, String yLabel, String[] categories, Named... series) {
        requireNonNull("categories", categories);
        requireSeries("series", series);
        List<Series> s = new ArrayList<>();
        for (Named n : series) {
            s.add(new Bars(n.name(), categories, n.values(), n.errors(), color(s.size())));
        }
        return Chart.of(title, xLabel, yLabel, s);
    }

    /**
     * Grouped bars from a table in long form, e.g. a sweep's summary: one bar group per distinct value
     * of {@code category}, one series per distinct value of {@code series} (both in order of first
     * appearance), heights from {@code value} and error bars from {@code error} (null for none; a
     * missing value, such as the std of a single seed, draws no bar).
     */
    public static Chart bar(
            String title, tech.tablesaw.api.Table table, String category, String series, String value, String error) {
        requireNonNull("table", table);
        for (String column : new String[] {category, series, value, error}) {
            if (column != null && !table.columnNames().contains(column)) {
                throw new IllegalArgumentException("column \"" + column + "\" must be in the table, found "
                        + table.columnNames() + "; pass one of those names");
            }
        }
        List<String> cats = new ArrayList<>();
        Map<String, double[][]> bySeries = new LinkedHashMap<>();
        for (int r = 0; r < table.rowCount(); r++) {
            if (!cats.contains(table.getString(r, category))) {
                cats.add(table.getString(r, category));
            }
        }
        for (int r = 0; r < table.rowCount(); r++) {
            double[][] v = bySeries.computeIfAbsent(table.getString(r, series), k -> {
                double[][] empty = new double[2][cats.size()];
                java.util.Arrays.fill(empty[0], Double.NaN);
                java.util.Arrays.fill(empty[1], Double.NaN);
                return empty;
            });
            int k = cats.indexOf(table.getString(r, category));
            v[0][k] = table.numberColumn(value).getDouble(r);
            v[1][k] = error == null ? Double.NaN : table.numberColumn(error).getDouble(r);
        }
        List<Named> named = new ArrayList<>();
        bySeries.forEach((name, v) -> named.add(new Named(name, v[0], error == null ? null : v[1])));
        return bar(title, category, value, cats.toArray(String[]::new), named.toArray(Named[]::new));
    }

    /** Bar chart of one series. */
    public static Chart bar(String title, String xLabel, String yLabel, String[] categories, double[] values) {
        return bar(
                title,
                xLabel,
                yLabel,
                categories,
                named(yLabel == null || yLabel.isEmpty() ? "value" : yLabel, values));
    }

    /**
     * Heat map of a matrix, row 0 at the top (e.g. a confusion matrix), Viridis colours with a colour
     * bar; cells print their values when the matrix has at most 20x20 cells.
     *
     * @param xLabels one label per column, or null for 0..columns-1
     * @param yLabels one label per row, or null for 0..rows-1
     */
    public static Chart heatmap(String title, double[][] z, String[] xLabels, String[] yLabels) {
        requireNonNull("z", z);
        if (z.length == 0 || z[0] == null || z[0].length == 0) {
            throw new IllegalArgumentException("z must have at least one row and one column, found an empty matrix; "
                    + "pass double[rows][columns]");
        }
        for (int r = 0; r < z.length; r++) {
            Chart.Check.sameLength(title, "z[" + r + "]", z[r], "z[0]", z[0]);
        }
        if (xLabels != null) {
            Chart.Check.sameLength(title, "xLabels", xLabels, "the columns of z", z[0]);
        }
        if (yLabels != null) {
            Chart.Check.sameLength(title, "yLabels", yLabels, "the rows of z", z);
        }
        return Chart.of(title, "", "", List.of(new Heatmap("", z, xLabels, yLabels, z.length * z[0].length <= 400)));
    }

    /**
     * ROC curves: one line per curve plus the dashed chance diagonal, axes [0, 1]; each legend entry
     * carries the curve's AUROC (trapezoid rule over the points, which for a full ROC curve is the
     * AUROC of the scores).
     */
    public static Chart roc(String title, Curve... curves) {
        requireNonNull("curves", curves);
        return roc(title, java.util.Arrays.asList(curves));
    }

    /** ROC curves from a list, in its order. */
    public static Chart roc(String title, List<Curve> curves) {
        requireCurves(curves, "Charts.curve(name, fpr, tpr)");
        Line chance = new Line("chance", new double[] {0, 1}, new double[] {0, 1}, "#999999", true, false);
        return unitSquare(
                title, "false positive rate", "true positive rate", curves, "AUROC", Charts::trapezoid, chance);
    }

    /**
     * Precision-recall curves (x recall, y precision), each legend entry with its average precision
     * AP = sum_k (R_k - R_k+1) P_k over the points in {@code PrCurve}'s order (recall falling), and a
     * dashed line at the share of anomalies, the precision of a detector that guesses.
     *
     * @param anomalyShare the share of positives (anomalies) in the test set, in [0, 1]
     */
    public static Chart pr(String title, double anomalyShare, Curve... curves) {
        requireNonNull("curves", curves);
        requireCurves(java.util.Arrays.asList(curves), "Charts.curve(name, recall, precision)");
        if (!(anomalyShare >= 0 && anomalyShare <= 1)) {
            throw new IllegalArgumentException("anomalyShare must be in [0, 1], found " + anomalyShare
                    + "; pass the fraction of anomalies in the test set");
        }
        double[] share = {anomalyShare, anomalyShare};
        Line chance = new Line("chance (share of anomalies)", new double[] {0, 1}, share, "#999999", true, false);
        List<Curve> list = java.util.Arrays.asList(curves);
        return unitSquare(title, "recall", "precision", list, "AP", Charts::averagePrecision, chance);
    }

    /** Curves on the unit square, each legend entry "name (measure value)", then the dashed chance line. */
    private static Chart unitSquare(
            String title,
            String x,
            String y,
            List<Curve> curves,
            String measure,
            java.util.function.ToDoubleFunction<Curve> value,
            Line chance) {
        List<Series> s = new ArrayList<>();
        for (Curve c : curves) {
            Chart.Check.sameLength(c.name(), "y", c.y(), "x", c.x());
            String name =
                    String.format(java.util.Locale.ROOT, "%s (%s %.3f)", c.name(), measure, value.applyAsDouble(c));
            s.add(new Line(name, c.x(), c.y(), color(s.size()), false, false));
        }
        s.add(chance);
        return Chart.of(title, x, y, s)
                .withRanges(new double[] {0, 1}, new double[] {0, 1.02})
                .withSize(squareWithLegend(s), 480);
    }

    /** The area under a curve by the trapezoid rule (for a full ROC curve, the AUROC of the scores). */
    private static double trapezoid(Curve c) {
        double a = 0;
        for (int i = 1; i < c.x().length; i++) {
            a += (c.x()[i] - c.x()[i - 1]) * (c.y()[i] + c.y()[i - 1]) / 2;
        }
        return a;
    }

    /** AP = sum_k (R_k - R_k+1) P_k over a PR curve with recall falling. */
    private static double averagePrecision(Curve c) {
        double ap = 0;
        for (int i = 0; i + 1 < c.x().length; i++) {
            ap += (c.x()[i] - c.x()[i + 1]) * c.y()[i];
        }
        return ap;
    }

    /** A width that leaves the unit-square plot about square beside a legend of these names. */
    private static int squareWithLegend(List<Series> series) {
        int longest = series.stream().mapToInt(x -> x.name().length()).max().orElse(0);
        return Math.max(620, Math.min(1100, 500 + 7 * longest));
    }

    private static void requireCurves(List<Curve> curves, String how) {
        requireNonNull("curves", curves);
        if (curves.isEmpty() || curves.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException(
                    "curves must hold at least one curve and no null, found " + curves + "; pass " + how);
        }
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

    private static void requireSeries(String name, Named[] series) {
        requireNonNull(name, series);
        if (series.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one series, found none; "
                    + "pass e.g. Charts.named(\"train\", values)");
        }
        for (Named n : series) {
            if (n == null || n.values() == null) {
                throw new IllegalArgumentException(name + " must hold named arrays, found "
                        + (n == null ? "null" : "\"" + n.name() + "\" with null values")
                        + "; pass Charts.named(name, values)");
            }
        }
    }
}
