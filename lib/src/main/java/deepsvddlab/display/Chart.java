package deepsvddlab.display;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An immutable chart: a title, axis labels and a list of {@link Series} in the order they are drawn
 * and listed in the legend, each with its colour. It is the one source of every rendering: the
 * Plotly figure for notebooks ({@link #toPlotly()}) and the PNG for figures/ and static viewers
 * ({@link #toImage()}, drawn by JFreeChart).
 *
 * <p>Make one with {@link Charts} (line, scatter, histogram, bar with error bars, heat map, ROC),
 * with {@link #of(String, String, String, List)} from series of your own, or from a tablesaw-jsplot
 * figure with {@link #of(tech.tablesaw.plotly.components.Figure)}. Show it with
 * {@code Show.chart(c)}, save it with {@code Figures.save(name, c)}. Series keep the arrays they are
 * given; do not change them afterwards. The accessors of the record's arrays return the chart's
 * own copies: read them, do not write them.
 */
public record Chart(
        String title,
        String xLabel,
        String yLabel,
        List<Series> series,
        double[] verticalLines,
        double[] xRange,
        double[] yRange,
        boolean legend,
        int width,
        int height) {
    /** Default size in pixels, used by the HTML div and the PNG. */
    public static final int DEFAULT_WIDTH = 720;

    public static final int DEFAULT_HEIGHT = 420;

    /** One drawn series. Colours are CSS hex ("#1f77b4"). */
    public sealed interface Series permits Line, Points, Histogram, Bars, Heatmap {
        String name();
    }

    /** A polyline through (x[i], y[i]); NaN leaves a gap. */
    public record Line(String name, double[] x, double[] y, String color, boolean dashed, boolean markers)
            implements Series {
        public Line {
            Check.sameLength(name, "y", y, "x", x);
        }
    }

    /** Markers at (x[i], y[i]), drawn at opacity 0.75 so dense groups show their overlap. */
    public record Points(String name, double[] x, double[] y, String color, double size) implements Series {
        public Points {
            Check.sameLength(name, "y", y, "x", x);
        }
    }

    /**
     * Bars over equal bins [start + i size, start + (i + 1) size), i &lt; bins, of the finite
     * values: counts, or with {@code density} counts / (n size) so the bars have area 1.
     */
    public record Histogram(
            String name,
            double[] values,
            double start,
            double size,
            int bins,
            boolean density,
            String color,
            double opacity)
            implements Series {
        /** The bar heights. */
        public double[] heights() {
            double[] h = new double[bins];
            int n = 0;
            for (double v : values) {
                int b = (int) Math.floor((v - start) / size);
                if (Double.isFinite(v) && b >= 0 && b < bins) {
                    h[b]++;
                    n++;
                }
            }
            for (int b = 0; density && n > 0 && b < bins; b++) {
                h[b] /= n * size;
            }
            return h;
        }
    }

    /** One bar per category, with optional error bars of half-length errors[i] (null for none). */
    public record Bars(String name, String[] categories, double[] values, double[] errors, String color)
            implements Series {
        public Bars {
            Check.sameLength(name, "values", values, "categories", categories);
            if (errors != null) {
                Check.sameLength(name, "errors", errors, "categories", categories);
            }
        }
    }

    /**
     * A matrix drawn as coloured cells, row 0 at the top, Viridis from min to max with a colour bar;
     * {@code cellText} prints each value in its cell (integers as integers, else 3 significant digits).
     */
    public record Heatmap(String name, double[][] z, String[] xLabels, String[] yLabels, boolean cellText)
            implements Series {}

    /**
     * Checks and copies. Series must be all Bars, one Heatmap, or any of Line, Points and Histogram;
     * {@code xRange} and {@code yRange} are {min, max} or null for automatic.
     */
    public Chart {
        if (series == null || series.isEmpty() || series.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("series must hold at least one series and no null, found " + series
                    + "; build charts with Charts.*");
        }
        long bars = series.stream().filter(s -> s instanceof Bars).count();
        long heat = series.stream().filter(s -> s instanceof Heatmap).count();
        if ((bars > 0 && bars < series.size()) || (heat > 0 && series.size() > 1)) {
            throw new IllegalArgumentException("series must be all Bars, one Heatmap, or any of Line, Points and "
                    + "Histogram, found "
                    + series.stream().map(s -> s.getClass().getSimpleName()).toList()
                    + "; make one chart per kind");
        }
        for (double v : verticalLines) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(
                        "verticalLines must be finite, found " + v + "; drop the line or fix the threshold");
            }
        }
        if (width < 100 || height < 100 || width > 4000 || height > 4000) {
            throw new IllegalArgumentException(
                    "size must be between 100 and 4000 pixels, found " + width + "x" + height + "; pick e.g. 720x420");
        }
        Check.range("x", xRange);
        Check.range("y", yRange);
        title = title == null ? "" : title;
        xLabel = xLabel == null ? "" : xLabel;
        yLabel = yLabel == null ? "" : yLabel;
        series = List.copyOf(series);
        verticalLines = verticalLines.clone();
        xRange = xRange == null ? null : xRange.clone();
        yRange = yRange == null ? null : yRange.clone();
    }

    /** A chart of your own series (e.g. a scatter with the center drawn as one more Points series). */
    public static Chart of(String title, String xLabel, String yLabel, List<? extends Series> series) {
        return new Chart(
                title,
                xLabel,
                yLabel,
                series == null ? null : new java.util.ArrayList<Series>(series),
                new double[0],
                null,
                null,
                series != null && series.size() > 1,
                DEFAULT_WIDTH,
                DEFAULT_HEIGHT);
    }

    /** A chart from a tablesaw-jsplot figure (line, scatter, bar, histogram and heat map traces). */
    public static Chart of(tech.tablesaw.plotly.components.Figure figure) {
        return JsPlot.toChart(figure);
    }

    /** The same chart at another size in pixels (100 to 4000). */
    public Chart withSize(int width, int height) {
        return new Chart(title, xLabel, yLabel, series, verticalLines, xRange, yRange, legend, width, height);
    }

    /** The same chart with another title. */
    public Chart withTitle(String title) {
        return new Chart(title, xLabel, yLabel, series, verticalLines, xRange, yRange, legend, width, height);
    }

    /** The same chart with dashed vertical lines at these x positions (e.g. thresholds). */
    public Chart withVerticalLines(double... xs) {
        return new Chart(title, xLabel, yLabel, series, xs, xRange, yRange, legend, width, height);
    }

    /** The same chart with fixed axis ranges {min, max}; null keeps an axis automatic. */
    public Chart withRanges(double[] x, double[] y) {
        return new Chart(title, xLabel, yLabel, series, verticalLines, x, y, legend, width, height);
    }

    /** The Plotly figure {data, layout} as plain maps and lists (what the notebook front end draws). */
    public Map<String, Object> toPlotly() {
        return PlotlyFigure.of(this);
    }

    /** The Plotly figure as compact JSON. */
    public String toJson() {
        return deepsvddlab.io.Json.COMPACT.toJson(toPlotly());
    }

    /** The chart drawn by JFreeChart at {@link #width()} x {@link #height()} (no browser needed). */
    public BufferedImage toImage() {
        return PngRenderer.render(this).image();
    }

    @Override
    public String toString() {
        return "Chart" + (title.isEmpty() ? "" : " \"" + title + "\"") + " (" + series.size() + " series: "
                + String.join(
                        ", ",
                        series.stream()
                                .map(s -> s.getClass().getSimpleName().toLowerCase())
                                .distinct()
                                .toList())
                + ")";
    }

    /** Argument checks that name the parameter and the fix. */
    static final class Check {
        private Check() {}

        static void sameLength(String series, String name, Object array, String otherName, Object other) {
            if (other == null || array == null) {
                throw new IllegalArgumentException("series \"" + series + "\": " + (other == null ? otherName : name)
                        + " must be non-null, found null; pass the data to plot");
            }
            int n = java.lang.reflect.Array.getLength(array);
            int m = java.lang.reflect.Array.getLength(other);
            if (n != m) {
                throw new IllegalArgumentException("series \"" + series + "\": " + name + " must have the length of "
                        + otherName + " (" + m + "), found " + n + "; pass one value per " + otherName + " entry");
            }
        }

        static void range(String axis, double[] r) {
            if (r != null && (r.length != 2 || !(r[0] < r[1]))) {
                throw new IllegalArgumentException(axis + " range must be {min, max} with min < max, found "
                        + Arrays.toString(r) + "; e.g. new double[] {0, 1}");
            }
        }
    }
}
