package deepsvddlab.display;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a Plotly figure to an image with Java2D, for exactly the trace types {@link Charts} makes:
 * scatter (lines and/or markers), bar, histogram (with xbins and histnorm) and heatmap (with a
 * colour scale and optional cell text), plus layout shapes of type line (threshold lines), axis
 * ranges, reversed y axes, titles and a legend. Other trace types are skipped with a note on the
 * image. No browser is needed; the result depends only on the JSON and the installed fonts.
 */
final class ChartRenderer {
    private static final Color AXIS = new Color(0x44, 0x44, 0x44);
    private static final Color TEXT = new Color(0x2a, 0x3f, 0x5f);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font CELL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private ChartRenderer() {}

    static BufferedImage render(Chart chart) {
        return new Job(chart.figure(), chart.width(), chart.height()).draw();
    }

    /** The plot area (inside the axes) in image pixels, as {@link #render} lays it out; for tests. */
    static Rectangle2D plotArea(Chart chart) {
        Job job = new Job(chart.figure(), chart.width(), chart.height());
        job.draw();
        return new Rectangle2D.Double(job.left, job.top, job.right - job.left, job.bottom - job.top);
    }

    /** One trace, decoded from JSON. */
    private static final class Series {
        String type;
        String name;
        Color color;
        double opacity = 1;
        boolean legend;
        // scatter / bar
        double[] x;
        String[] xCat;
        double[] y;
        boolean lines;
        boolean markers;
        double lineWidth = 2;
        float[] dash;
        double markerSize = 6;
        double markerOpacity = 1;
        // histogram: bin edges and heights
        double binStart;
        double binSize;
        double[] heights;
        // heatmap
        double[][] z;
        String[] yCat;
        List<double[]> scalePos;
        List<Color> scaleColor;
        String textTemplate;
    }

    /** An axis: a numeric range or a list of categories, and its pixel span. */
    private static final class Axis {
        String title = "";
        List<String> categories = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean reversed;
        boolean showGrid = true;
        double[] fixedRange;
        double p0;
        double p1;

        boolean categorical() {
            return !categories.isEmpty();
        }

        void include(double v) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }

        int category(String c) {
            int i = categories.indexOf(c);
            if (i < 0) {
                categories.add(c);
                i = categories.size() - 1;
            }
            return i;
        }

        /** Data value (category index for categorical axes) to pixel. */
        double px(double v) {
            double f = (v - min) / (max - min);
            return reversed ? p1 + f * (p0 - p1) : p0 + f * (p1 - p0);
        }
    }

    private static final class Job {
        final JsonObject layout;
        final JsonArray data;
        final int width;
        final int height;
        final List<Series> series = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
        final Axis xa = new Axis();
        final Axis ya = new Axis();
        Graphics2D g;
        double left;
        double right;
        double top;
        double bottom;

        Job(JsonObject figure, int width, int height) {
            this.layout = figure.getAsJsonObject("layout");
            this.data = figure.getAsJsonArray("data");
            this.width = width;
            this.height = height;
        }

        BufferedImage draw() {
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            g = img.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, width, height);
                decode();
                ranges();
                layoutBox();
                drawGrid();
                for (Series s : series) {
                    switch (s.type) {
                        case "heatmap" -> drawHeatmap(s);
                        case "bar" -> drawBars(s);
                        case "histogram" -> drawHistogram(s);
                        default -> { }
                    }
                }
                for (Series s : series) {
                    if (s.type.equals("scatter")) {
                        drawScatter(s);
                    }
                }
                drawShapes();
                drawAxes();
                drawTitles();
                drawLegend();
                drawColorBar();
                if (!skipped.isEmpty()) {
                    g.setFont(CELL_FONT);
                    g.setColor(Color.GRAY);
                    g.drawString("not drawn in PNG: " + String.join(", ", skipped), 4, height - 4);
                }
            } finally {
                g.dispose();
            }
            return img;
        }

        // ---- decoding --------------------------------------------------------------------

        void decode() {
            xa.title = Json.titleText(axisObject("xaxis").get("title"));
            ya.title = Json.titleText(axisObject("yaxis").get("title"));
            ya.reversed = "reversed".equals(Json.getString(axisObject("yaxis"), "autorange", ""));
            xa.fixedRange = range(axisObject("xaxis"));
            ya.fixedRange = range(axisObject("yaxis"));
            xa.showGrid = !"false".equals(Json.getString(axisObject("xaxis"), "showgrid", "true"));
            ya.showGrid = !"false".equals(Json.getString(axisObject("yaxis"), "showgrid", "true"));
            int index = 0;
            for (JsonElement e : data) {
                if (!e.isJsonObject()) {
                    continue;
                }
                JsonObject t = e.getAsJsonObject();
                Series s = new Series();
                s.type = Json.getString(t, "type", "scatter");
                s.name = Json.getString(t, "name", "trace " + index);
                s.opacity = Json.getDouble(t, "opacity", 1);
                JsonObject marker = Json.getObject(t, "marker");
                JsonObject line = Json.getObject(t, "line");
                String color = Json.getString(line, "color", Json.getString(marker, "color", null));
                s.color = color != null ? parseColor(color) : parseColor(Charts.PALETTE[index % Charts.PALETTE.length]);
                switch (s.type) {
                    case "scatter", "scattergl" -> {
                        s.type = "scatter";
                        s.x = numbers(t.get("x"));
                        s.y = numbers(t.get("y"));
                        if (s.y == null) {
                            skipped.add(s.name + " (no y)");
                            continue;
                        }
                        if (s.x == null) {
                            s.x = new double[s.y.length];
                            for (int i = 0; i < s.x.length; i++) {
                                s.x[i] = i;
                            }
                        }
                        String mode = Json.getString(t, "mode", s.y.length <= 20 ? "lines+markers" : "lines");
                        s.lines = mode.contains("lines");
                        s.markers = mode.contains("markers");
                        s.lineWidth = Json.getDouble(line, "width", 2);
                        s.dash = dash(Json.getString(line, "dash", "solid"));
                        s.markerSize = Json.getDouble(marker, "size", 6);
                        s.markerOpacity = Json.getDouble(marker, "opacity", 1);
                    }
                    case "bar" -> {
                        s.xCat = strings(t.get("x"));
                        s.y = numbers(t.get("y"));
                        if (s.xCat == null || s.y == null) {
                            skipped.add(s.name + " (bar without x/y)");
                            continue;
                        }
                        for (String c : s.xCat) {
                            xa.category(c);
                        }
                    }
                    case "histogram" -> {
                        double[] x = numbers(t.get("x"));
                        if (x == null) {
                            skipped.add(s.name + " (histogram without x)");
                            continue;
                        }
                        bin(s, x, Json.getObject(t, "xbins"), (int) Json.getDouble(t, "nbinsx", 0),
                                Json.getString(t, "histnorm", ""));
                    }
                    case "heatmap" -> {
                        s.z = matrix(t.get("z"));
                        if (s.z == null) {
                            skipped.add(s.name + " (heatmap without z)");
                            continue;
                        }
                        String[] xl = strings(t.get("x"));
                        String[] yl = strings(t.get("y"));
                        for (int c = 0; c < s.z[0].length; c++) {
                            xa.category(xl != null && c < xl.length ? xl[c] : String.valueOf(c));
                        }
                        for (int r = 0; r < s.z.length; r++) {
                            ya.category(yl != null && r < yl.length ? yl[r] : String.valueOf(r));
                        }
                        s.yCat = yl;
                        s.xCat = xl;
                        colorScale(s, t.get("colorscale"));
                        s.textTemplate = Json.getString(t, "texttemplate", null);
                    }
                    default -> {
                        skipped.add(s.type);
                        continue;
                    }
                }
                boolean legendable = !s.type.equals("heatmap") && !s.name.isEmpty();
                JsonElement show = t.get("showlegend");
                s.legend = legendable && (show == null || !show.isJsonPrimitive() || show.getAsBoolean());
                series.add(s);
                index++;
            }
            JsonElement show = layout.get("showlegend");
            long legendable = series.stream().filter(s -> s.legend).count();
            boolean showLegend = show != null && show.isJsonPrimitive() ? show.getAsBoolean() : legendable >= 2;
            if (!showLegend) {
                series.forEach(s -> s.legend = false);
            }
        }

        JsonObject axisObject(String key) {
            JsonObject a = Json.getObject(layout, key);
            return a == null ? new JsonObject() : a;
        }

        /** Histogram heights from explicit xbins, else nbinsx (default 20) equal bins over the data. */
        void bin(Series s, double[] x, JsonObject xbins, int nbins, String histnorm) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            int n = 0;
            for (double v : x) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    n++;
                }
            }
            double start = Json.getDouble(xbins, "start", lo);
            double size = Json.getDouble(xbins, "size", Double.NaN);
            double end = Json.getDouble(xbins, "end", Double.NaN);
            int bins = nbins > 0 ? nbins : 20;
            if (!(size > 0)) {
                size = hi > lo ? (hi - lo) / bins * (1 + 1e-9) : 1;
                start = hi > lo ? lo : lo - 0.5;
            }
            if (!Double.isFinite(end)) {
                end = Math.max(start + size, hi + size * 1e-9);
            }
            bins = Math.max(1, (int) Math.ceil((end - start) / size - 1e-9));
            s.heights = new double[bins];
            for (double v : x) {
                int b = (int) Math.floor((v - start) / size);
                if (Double.isFinite(v) && b >= 0 && b < bins) {
                    s.heights[b]++;
                }
            }
            for (int b = 0; b < bins; b++) {
                s.heights[b] = switch (histnorm) {
                    case "probability density" -> n == 0 ? 0 : s.heights[b] / (n * size);
                    case "probability" -> n == 0 ? 0 : s.heights[b] / n;
                    case "percent" -> n == 0 ? 0 : 100 * s.heights[b] / n;
                    case "density" -> s.heights[b] / size;
                    default -> s.heights[b];
                };
            }
            s.binStart = start;
            s.binSize = size;
        }

        void colorScale(Series s, JsonElement scale) {
            s.scalePos = new ArrayList<>();
            s.scaleColor = new ArrayList<>();
            if (scale != null && scale.isJsonArray()) {
                for (JsonElement stop : scale.getAsJsonArray()) {
                    if (stop.isJsonArray() && stop.getAsJsonArray().size() == 2) {
                        s.scalePos.add(new double[] {stop.getAsJsonArray().get(0).getAsDouble()});
                        s.scaleColor.add(parseColor(stop.getAsJsonArray().get(1).getAsString()));
                    }
                }
            }
            if (s.scalePos.size() < 2) { // a named or missing scale: Viridis
                s.scalePos.clear();
                s.scaleColor.clear();
                for (int i = 0; i < Charts.VIRIDIS.length; i++) {
                    s.scalePos.add(new double[] {(double) i / (Charts.VIRIDIS.length - 1)});
                    s.scaleColor.add(parseColor(Charts.VIRIDIS[i]));
                }
            }
        }

        // ---- ranges and layout -------------------------------------------------------------

        void ranges() {
            boolean barLike = false;
            for (Series s : series) {
                switch (s.type) {
                    case "scatter" -> {
                        for (double v : s.x) {
                            xa.include(v);
                        }
                        for (double v : s.y) {
                            ya.include(v);
                        }
                    }
                    case "bar" -> {
                        barLike = true;
                        ya.include(0);
                        for (double v : s.y) {
                            ya.include(v);
                        }
                    }
                    case "histogram" -> {
                        barLike = true;
                        xa.include(s.binStart);
                        xa.include(s.binStart + s.binSize * s.heights.length);
                        ya.include(0);
                        for (double v : s.heights) {
                            ya.include(v);
                        }
                    }
                    default -> { }
                }
            }
            for (JsonObject shape : shapes()) {
                if ("x".equals(Json.getString(shape, "xref", "x"))) {
                    xa.include(Json.getDouble(shape, "x0", Double.NaN));
                    xa.include(Json.getDouble(shape, "x1", Double.NaN));
                }
                if ("y".equals(Json.getString(shape, "yref", "y"))) {
                    ya.include(Json.getDouble(shape, "y0", Double.NaN));
                    ya.include(Json.getDouble(shape, "y1", Double.NaN));
                }
            }
            boolean onlyHistograms = series.stream().allMatch(s -> s.type.equals("histogram"));
            finish(xa, false, !onlyHistograms); // like plotly.js: histograms fill the x range
            finish(ya, barLike, true);
        }

        void finish(Axis a, boolean fromZero, boolean padded) {
            if (a.categorical()) {
                a.min = -0.5;
                a.max = a.categories.size() - 0.5;
                return;
            }
            if (a.fixedRange != null) {
                a.min = a.fixedRange[0];
                a.max = a.fixedRange[1];
                return;
            }
            if (!(a.max >= a.min)) {
                a.min = 0;
                a.max = 1;
            }
            if (a.max == a.min) {
                double d = a.min == 0 ? 1 : Math.abs(a.min) * 0.5;
                a.min -= d;
                a.max += d;
            }
            double pad = padded ? (a.max - a.min) * 0.04 : 0;
            a.max += pad;
            if (!(fromZero && a.min == 0)) {
                a.min -= pad;
            }
        }

        void layoutBox() {
            g.setFont(TICK_FONT);
            FontMetrics fm = g.getFontMetrics();
            double widest = 0;
            if (ya.categorical()) {
                for (String c : ya.categories) {
                    widest = Math.max(widest, fm.stringWidth(c));
                }
            } else {
                for (double[] t : ticks(ya)) {
                    widest = Math.max(widest, fm.stringWidth(tickLabel(ya, t[0], t[1])));
                }
            }
            left = Math.max(50, widest + 16 + (ya.title.isEmpty() ? 0 : 24));
            top = Json.titleText(layout.get("title")).isEmpty() ? 20 : 50;
            bottom = height - (36 + (xa.title.isEmpty() ? 0 : 22));
            double legendWidth = 0;
            for (Series s : series) {
                if (s.legend) {
                    legendWidth = Math.max(legendWidth, fm.stringWidth(s.name) + 44);
                }
            }
            boolean colorbar = series.stream().anyMatch(s -> s.type.equals("heatmap"));
            right = width - Math.max(20, Math.max(legendWidth + 20, colorbar ? 90 : 0));
            if (right - left < 60) {
                right = left + 60;
            }
            xa.p0 = left;
            xa.p1 = right;
            ya.p0 = bottom;
            ya.p1 = top;
        }

        // ---- drawing --------------------------------------------------------------------------

        void drawGrid() {
            g.setStroke(new BasicStroke(1f));
            g.setColor(new Color(0xe5, 0xe5, 0xe5));
            if (xa.showGrid && !xa.categorical()) {
                for (double[] t : ticks(xa)) {
                    double p = xa.px(t[0]);
                    g.draw(new Line2D.Double(p, top, p, bottom));
                }
            }
            if (ya.showGrid && !ya.categorical()) {
                for (double[] t : ticks(ya)) {
                    double p = ya.px(t[0]);
                    g.draw(new Line2D.Double(left, p, right, p));
                }
            }
        }

        void drawScatter(Series s) {
            Shape clip = g.getClip();
            g.clip(new Rectangle2D.Double(left, top, right - left, bottom - top));
            g.setColor(s.color);
            Composite old = g.getComposite();
            if (s.opacity < 1) {
                g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) s.opacity));
            }
            if (s.lines) {
                g.setStroke(new BasicStroke((float) s.lineWidth, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
                        s.dash, 0f));
                Path2D.Double path = new Path2D.Double();
                boolean pen = false;
                for (int i = 0; i < Math.min(s.x.length, s.y.length); i++) {
                    if (!Double.isFinite(s.x[i]) || !Double.isFinite(s.y[i])) {
                        pen = false; // a gap
                        continue;
                    }
                    double px = xa.px(s.x[i]);
                    double py = ya.px(s.y[i]);
                    if (pen) {
                        path.lineTo(px, py);
                    } else {
                        path.moveTo(px, py);
                        pen = true;
                    }
                }
                g.draw(path);
            }
            if (s.markers) {
                if (s.markerOpacity < 1) {
                    g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER,
                            (float) (s.markerOpacity * s.opacity)));
                }
                double r = s.markerSize / 2;
                for (int i = 0; i < Math.min(s.x.length, s.y.length); i++) {
                    if (Double.isFinite(s.x[i]) && Double.isFinite(s.y[i])) {
                        g.fill(new Ellipse2D.Double(xa.px(s.x[i]) - r, ya.px(s.y[i]) - r, 2 * r, 2 * r));
                    }
                }
            }
            g.setComposite(old);
            g.setClip(clip);
        }

        void drawBars(Series s) {
            List<Series> bars = series.stream().filter(b -> b.type.equals("bar")).toList();
            boolean grouped = !"overlay".equals(Json.getString(layout, "barmode", "group")) && bars.size() > 1;
            double slot = 1 - Json.getDouble(layout, "bargap", 0.2);
            double w = grouped ? slot / bars.size() : slot;
            double offset = grouped ? -slot / 2 + w * bars.indexOf(s) : -slot / 2;
            withOpacity(s.opacity, () -> {
                g.setColor(s.color);
                for (int i = 0; i < Math.min(s.xCat.length, s.y.length); i++) {
                    if (!Double.isFinite(s.y[i])) {
                        continue;
                    }
                    double c = xa.categories.indexOf(s.xCat[i]);
                    fillBox(xa.px(c + offset), xa.px(c + offset + w), ya.px(0), ya.px(s.y[i]));
                }
            });
        }

        void drawHistogram(Series s) {
            double gap = Json.getDouble(layout, "bargap", 0) * s.binSize / 2;
            withOpacity(s.opacity, () -> {
                g.setColor(s.color);
                for (int b = 0; b < s.heights.length; b++) {
                    if (s.heights[b] > 0) {
                        double x0 = s.binStart + b * s.binSize;
                        fillBox(xa.px(x0 + gap), xa.px(x0 + s.binSize - gap), ya.px(0), ya.px(s.heights[b]));
                    }
                }
            });
        }

        void drawHeatmap(Series s) {
            double[] lim = zLimits(s);
            g.setFont(CELL_FONT);
            FontMetrics fm = g.getFontMetrics();
            for (int r = 0; r < s.z.length; r++) {
                for (int c = 0; c < s.z[r].length; c++) {
                    double v = s.z[r][c];
                    if (!Double.isFinite(v)) {
                        continue;
                    }
                    Color col = scaleColor(s, (v - lim[0]) / (lim[1] - lim[0]));
                    g.setColor(col);
                    double cx = xa.categories.indexOf(s.xCat != null && c < s.xCat.length ? s.xCat[c] : String.valueOf(c));
                    double cy = ya.categories.indexOf(s.yCat != null && r < s.yCat.length ? s.yCat[r] : String.valueOf(r));
                    double x0 = xa.px(cx - 0.5);
                    double x1 = xa.px(cx + 0.5);
                    double y0 = ya.px(cy - 0.5);
                    double y1 = ya.px(cy + 0.5);
                    // a quarter-pixel overlap hides hairline seams between cells
                    g.fill(new Rectangle2D.Double(Math.min(x0, x1) - 0.25, Math.min(y0, y1) - 0.25,
                            Math.abs(x1 - x0) + 0.5, Math.abs(y1 - y0) + 0.5));
                    if (s.textTemplate != null) {
                        String text = cellText(s.textTemplate, v);
                        if (fm.stringWidth(text) < Math.abs(x1 - x0) - 2 && fm.getAscent() < Math.abs(y1 - y0)) {
                            double lum = 0.299 * col.getRed() + 0.587 * col.getGreen() + 0.114 * col.getBlue();
                            g.setColor(lum < 140 ? Color.WHITE : Color.BLACK);
                            g.drawString(text, (float) ((x0 + x1) / 2 - fm.stringWidth(text) / 2.0),
                                    (float) ((y0 + y1) / 2 + fm.getAscent() / 2.0 - 1));
                        }
                    }
                }
            }
        }

        void drawShapes() {
            for (JsonObject shape : shapes()) {
                if (!"line".equals(Json.getString(shape, "type", ""))) {
                    continue;
                }
                double x0 = coord(shape, "x0", "xref", xa, left, right);
                double x1 = coord(shape, "x1", "xref", xa, left, right);
                double y0 = coord(shape, "y0", "yref", ya, bottom, top);
                double y1 = coord(shape, "y1", "yref", ya, bottom, top);
                JsonObject line = Json.getObject(shape, "line");
                g.setColor(parseColor(Json.getString(line, "color", "#444444")));
                g.setStroke(new BasicStroke((float) Json.getDouble(line, "width", 2), BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER, 10f, dash(Json.getString(line, "dash", "solid")), 0f));
                g.draw(new Line2D.Double(x0, y0, x1, y1));
            }
        }

        double coord(JsonObject shape, String key, String refKey, Axis axis, double p0, double p1) {
            double v = Json.getDouble(shape, key, 0);
            return "paper".equals(Json.getString(shape, refKey, "")) ? p0 + v * (p1 - p0) : axis.px(v);
        }

        void drawAxes() {
            g.setStroke(new BasicStroke(1f));
            g.setColor(AXIS);
            g.draw(new Line2D.Double(left, bottom, right, bottom));
            g.draw(new Line2D.Double(left, top, left, bottom));
            g.setFont(TICK_FONT);
            FontMetrics fm = g.getFontMetrics();
            // x ticks
            double lastRight = Double.NEGATIVE_INFINITY;
            for (double[] t : ticks(xa)) {
                double p = xa.px(t[0]);
                String label = tickLabel(xa, t[0], t[1]);
                int w = fm.stringWidth(label);
                g.setColor(AXIS);
                g.draw(new Line2D.Double(p, bottom, p, bottom + 5));
                if (p - w / 2.0 > lastRight + 4) { // skip labels that would overlap
                    g.setColor(TEXT);
                    g.drawString(label, (float) (p - w / 2.0), (float) (bottom + 8 + fm.getAscent()));
                    lastRight = p + w / 2.0;
                }
            }
            // y ticks
            double lastY = Double.POSITIVE_INFINITY;
            for (double[] t : ticks(ya)) {
                double p = ya.px(t[0]);
                String label = tickLabel(ya, t[0], t[1]);
                g.setColor(AXIS);
                g.draw(new Line2D.Double(left - 5, p, left, p));
                if (Math.abs(p - lastY) > fm.getAscent() + 2 || lastY == Double.POSITIVE_INFINITY) {
                    g.setColor(TEXT);
                    g.drawString(label, (float) (left - 8 - fm.stringWidth(label)), (float) (p + fm.getAscent() / 2.0 - 1));
                    lastY = p;
                }
            }
        }

        void drawTitles() {
            g.setColor(TEXT);
            String title = Json.titleText(layout.get("title"));
            if (!title.isEmpty()) {
                g.setFont(TITLE_FONT);
                FontMetrics fm = g.getFontMetrics();
                g.drawString(title, (float) (width / 2.0 - fm.stringWidth(title) / 2.0), 30f);
            }
            g.setFont(LABEL_FONT);
            FontMetrics fm = g.getFontMetrics();
            if (!xa.title.isEmpty()) {
                g.drawString(xa.title, (float) ((left + right) / 2 - fm.stringWidth(xa.title) / 2.0), (float) (height - 12));
            }
            if (!ya.title.isEmpty()) {
                AffineTransform old = g.getTransform();
                g.translate(18, (top + bottom) / 2 + fm.stringWidth(ya.title) / 2.0);
                g.rotate(-Math.PI / 2);
                g.drawString(ya.title, 0f, 0f);
                g.setTransform(old);
            }
        }

        void drawLegend() {
            List<Series> entries = series.stream().filter(s -> s.legend).toList();
            if (entries.isEmpty()) {
                return;
            }
            g.setFont(TICK_FONT);
            FontMetrics fm = g.getFontMetrics();
            double x = right + 14;
            double y = top + 4;
            for (Series s : entries) {
                double mid = y + 8;
                g.setColor(s.color);
                if (s.type.equals("scatter") && s.lines) {
                    g.setStroke(new BasicStroke((float) Math.min(s.lineWidth, 3), BasicStroke.CAP_BUTT,
                            BasicStroke.JOIN_MITER, 10f, s.dash, 0f));
                    g.draw(new Line2D.Double(x, mid, x + 26, mid));
                }
                if (s.type.equals("scatter") && s.markers) {
                    g.fill(new Ellipse2D.Double(x + 13 - 4, mid - 4, 8, 8));
                }
                if (!s.type.equals("scatter")) {
                    withOpacity(s.opacity, () -> g.fill(new Rectangle2D.Double(x + 4, mid - 6, 18, 12)));
                }
                g.setColor(TEXT);
                g.drawString(s.name, (float) (x + 32), (float) (mid + fm.getAscent() / 2.0 - 1));
                y += 20;
            }
        }

        void drawColorBar() {
            Series s = series.stream().filter(h -> h.type.equals("heatmap")).findFirst().orElse(null);
            if (s == null) {
                return;
            }
            double[] lim = zLimits(s);
            double x = right + 16;
            double w = 16;
            double y0 = top;
            double y1 = bottom;
            for (int p = (int) y0; p < (int) y1; p++) {
                g.setColor(scaleColor(s, 1 - (p - y0) / (y1 - y0)));
                g.fill(new Rectangle2D.Double(x, p, w, 1.5));
            }
            g.setColor(AXIS);
            g.setStroke(new BasicStroke(1f));
            g.draw(new Rectangle2D.Double(x, y0, w, y1 - y0));
            g.setFont(TICK_FONT);
            FontMetrics fm = g.getFontMetrics();
            Axis scale = new Axis();
            scale.min = lim[0];
            scale.max = lim[1];
            for (double[] t : ticks(scale)) {
                double p = y1 - (t[0] - lim[0]) / (lim[1] - lim[0]) * (y1 - y0);
                g.setColor(TEXT);
                g.drawString(tickLabel(scale, t[0], t[1]), (float) (x + w + 4), (float) (p + fm.getAscent() / 2.0 - 1));
            }
        }

        // ---- helpers --------------------------------------------------------------------------

        List<JsonObject> shapes() {
            List<JsonObject> out = new ArrayList<>();
            JsonElement shapes = layout.get("shapes");
            if (shapes != null && shapes.isJsonArray()) {
                for (JsonElement e : shapes.getAsJsonArray()) {
                    if (e.isJsonObject()) {
                        out.add(e.getAsJsonObject());
                    }
                }
            }
            return out;
        }

        void fillBox(double x0, double x1, double y0, double y1) {
            g.fill(new Rectangle2D.Double(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0)));
        }

        void withOpacity(double opacity, Runnable r) {
            Composite old = g.getComposite();
            if (opacity < 1) {
                g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) Math.max(0, opacity)));
            }
            r.run();
            g.setComposite(old);
        }

        /** Ticks as {value, step}: category indices (thinned to fit) or "nice" numeric steps. */
        List<double[]> ticks(Axis a) {
            List<double[]> out = new ArrayList<>();
            if (a.categorical()) {
                double span = Math.abs(a.p1 - a.p0);
                int every = Math.max(1, (int) Math.ceil(a.categories.size() * (a == xa ? 60.0 : 18.0) / Math.max(span, 1)));
                if (a == xa) {
                    g.setFont(TICK_FONT);
                    int widest = a.categories.stream().mapToInt(c -> g.getFontMetrics().stringWidth(c)).max().orElse(0);
                    every = Math.max(1, (int) Math.ceil(a.categories.size() * (widest + 8.0) / Math.max(span, 1)));
                }
                for (int i = 0; i < a.categories.size(); i += every) {
                    out.add(new double[] {i, 1});
                }
                return out;
            }
            double step = niceStep((a.max - a.min) / 5);
            double first = Math.ceil(a.min / step - 1e-9) * step;
            for (double v = first; v <= a.max + step * 1e-9; v += step) {
                out.add(new double[] {Math.abs(v) < step * 1e-9 ? 0 : v, step});
                if (out.size() > 50) {
                    break;
                }
            }
            return out;
        }

        String tickLabel(Axis a, double v, double step) {
            if (a.categorical()) {
                return a.categories.get((int) Math.round(v));
            }
            double rounded = Math.round(v / step) * step;
            return Fmt.compact(rounded, 6);
        }

        double[] zLimits(Series s) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] row : s.z) {
                for (double v : row) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
            if (!(hi > lo)) {
                return new double[] {Double.isFinite(lo) ? lo - 0.5 : 0, Double.isFinite(lo) ? lo + 0.5 : 1};
            }
            return new double[] {lo, hi};
        }
    }

    // ---- static helpers ----------------------------------------------------------------------

    /** 1, 2, 2.5 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        double nice = m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10;
        return nice * p;
    }

    static Color scaleColor(Series s, double f) {
        double t = Double.isFinite(f) ? Math.max(0, Math.min(1, f)) : 0;
        for (int i = 1; i < s.scalePos.size(); i++) {
            double p0 = s.scalePos.get(i - 1)[0];
            double p1 = s.scalePos.get(i)[0];
            if (t <= p1 || i == s.scalePos.size() - 1) {
                double u = p1 > p0 ? Math.max(0, Math.min(1, (t - p0) / (p1 - p0))) : 0;
                Color a = s.scaleColor.get(i - 1);
                Color b = s.scaleColor.get(i);
                return new Color(
                        (int) Math.round(a.getRed() + u * (b.getRed() - a.getRed())),
                        (int) Math.round(a.getGreen() + u * (b.getGreen() - a.getGreen())),
                        (int) Math.round(a.getBlue() + u * (b.getBlue() - a.getBlue())));
            }
        }
        return s.scaleColor.get(0);
    }

    /** Cell text for Plotly texttemplates "%{z}" and "%{z:.Ng}" / "%{z:.N~g}". */
    static String cellText(String template, double v) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("%\\{z(?::\\.(\\d+)~?[gf])?}").matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String text;
            if (m.group(1) == null) {
                text = v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : Fmt.compact(v, 6);
            } else {
                text = Fmt.compact(v, Integer.parseInt(m.group(1)));
            }
            m.appendReplacement(b, java.util.regex.Matcher.quoteReplacement(text));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static final Map<String, Color> NAMED = new LinkedHashMap<>(Map.of(
            "black", Color.BLACK, "white", Color.WHITE, "red", Color.RED, "blue", Color.BLUE,
            "green", new Color(0, 128, 0), "gray", Color.GRAY, "grey", Color.GRAY, "orange", new Color(255, 165, 0)));

    /** "#rgb", "#rrggbb", "rgb(r,g,b)", "rgba(r,g,b,a)" or a few names; grey when unknown. */
    static Color parseColor(String c) {
        String s = c.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("#") && s.length() == 7) {
                return new Color(Integer.parseInt(s.substring(1), 16));
            }
            if (s.startsWith("#") && s.length() == 4) {
                int r = Integer.parseInt(s.substring(1, 2), 16);
                int gr = Integer.parseInt(s.substring(2, 3), 16);
                int b = Integer.parseInt(s.substring(3, 4), 16);
                return new Color(r * 17, gr * 17, b * 17);
            }
            if (s.startsWith("rgb")) {
                String[] p = s.substring(s.indexOf('(') + 1, s.indexOf(')')).split(",");
                int alpha = p.length > 3 ? (int) Math.round(Double.parseDouble(p[3].trim()) * 255) : 255;
                return new Color(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()),
                        Integer.parseInt(p[2].trim()), alpha);
            }
        } catch (RuntimeException e) {
            return Color.GRAY;
        }
        return NAMED.getOrDefault(s, Color.GRAY);
    }

    static float[] dash(String dash) {
        return switch (dash) {
            case "dash" -> new float[] {7f, 5f};
            case "dot" -> new float[] {2f, 4f};
            case "dashdot" -> new float[] {7f, 4f, 2f, 4f};
            case "longdash" -> new float[] {12f, 5f};
            default -> null;
        };
    }

    static double[] numbers(JsonElement e) {
        if (e == null || !e.isJsonArray()) {
            return null;
        }
        JsonArray a = e.getAsJsonArray();
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement v = a.get(i);
            try {
                out[i] = v.isJsonPrimitive() ? v.getAsDouble() : Double.NaN;
            } catch (NumberFormatException ex) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    static String[] strings(JsonElement e) {
        if (e == null || !e.isJsonArray()) {
            return null;
        }
        JsonArray a = e.getAsJsonArray();
        String[] out = new String[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement v = a.get(i);
            out[i] = v.isJsonNull() ? "" : v.isJsonPrimitive() ? v.getAsString() : v.toString();
        }
        return out;
    }

    static double[][] matrix(JsonElement e) {
        if (e == null || !e.isJsonArray() || e.getAsJsonArray().isEmpty()) {
            return null;
        }
        JsonArray rows = e.getAsJsonArray();
        double[][] z = new double[rows.size()][];
        for (int r = 0; r < z.length; r++) {
            z[r] = numbers(rows.get(r));
            if (z[r] == null) {
                return null;
            }
        }
        return z[0].length == 0 ? null : z;
    }

    static double[] range(JsonObject axis) {
        double[] r = numbers(axis.get("range"));
        return r != null && r.length == 2 && Double.isFinite(r[0]) && Double.isFinite(r[1]) && r[1] > r[0] ? r : null;
    }
}
