package deepsvddlab.display;

import deepsvddlab.display.Chart.Bars;
import deepsvddlab.display.Chart.Heatmap;
import deepsvddlab.display.Chart.Histogram;
import deepsvddlab.display.Chart.Line;
import deepsvddlab.display.Chart.Points;
import deepsvddlab.display.Chart.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Chart} as a Plotly figure {data: [traces], layout}, in plain maps and lists (what the
 * kernels publish as application/vnd.plotly.v1+json). Titles are objects {text: ...}, the form
 * plotly.js 3 and later require; NaN becomes null, which Plotly draws as a gap.
 */
final class PlotlyFigure {
    private PlotlyFigure() {}

    static Map<String, Object> of(Chart c) {
        Series first = c.series().get(0);
        Map<String, Object> x = axis(c.xLabel(), c.xRange());
        Map<String, Object> y = axis(c.yLabel(), c.yRange());
        Map<String, Object> layout = obj("title", obj("text", c.title()), "width", c.width(), "height", c.height());
        put(layout, "xaxis", x, "yaxis", y, "plot_bgcolor", "#ffffff", "paper_bgcolor", "#ffffff");
        put(layout, "showlegend", c.legend(), "margin", obj("l", 70, "r", 30, "t", 60, "b", 60));
        if (first instanceof Histogram) {
            put(layout, "barmode", "overlay", "bargap", 0.02);
        } else if (first instanceof Bars) {
            put(layout, "barmode", "group");
        } else if (first instanceof Heatmap) {
            put(y, "autorange", "reversed", "showgrid", false);
            put(x, "showgrid", false);
        }
        List<Object> shapes = new ArrayList<>();
        for (double v : c.verticalLines()) {
            Map<String, Object> line = obj("type", "line", "xref", "x", "yref", "paper", "x0", v, "x1", v);
            shapes.add(put(line, "y0", 0, "y1", 1, "line", obj("color", "#222222", "width", 2, "dash", "dash")));
        }
        if (!shapes.isEmpty()) {
            put(layout, "shapes", shapes);
        }
        return obj("data", c.series().stream().map(PlotlyFigure::trace).toList(), "layout", layout);
    }

    private static Map<String, Object> trace(Series s) {
        if (s instanceof Line l) {
            Map<String, Object> line = obj("color", l.color(), "width", l.dashed() ? 1 : 2);
            Map<String, Object> t = scatter(l.name(), l.markers() ? "lines+markers" : "lines", l.x(), l.y());
            return put(
                    t,
                    "line",
                    l.dashed() ? put(line, "dash", "dash") : line,
                    "marker",
                    obj("color", l.color(), "size", 6));
        }
        if (s instanceof Points p) {
            Map<String, Object> t = scatter(p.name(), "markers", p.x(), p.y());
            return put(t, "marker", obj("color", p.color(), "size", p.size(), "opacity", 0.75));
        }
        if (s instanceof Histogram h) {
            Map<String, Object> t = obj("type", "histogram", "name", h.name(), "x", list(h.values()));
            put(t, "xbins", obj("start", h.start(), "end", h.start() + h.size() * h.bins(), "size", h.size()));
            put(t, "autobinx", false, "opacity", h.opacity(), "marker", obj("color", h.color()));
            return h.density() ? put(t, "histnorm", "probability density") : t;
        }
        if (s instanceof Bars b) {
            Map<String, Object> t = obj("type", "bar", "name", b.name(), "x", Arrays.asList(b.categories()));
            put(t, "y", list(b.values()), "marker", obj("color", b.color()));
            return b.errors() == null
                    ? t
                    : put(
                            t,
                            "error_y",
                            obj("type", "data", "array", list(b.errors()), "visible", true, "color", "#444444"));
        }
        Heatmap h = (Heatmap) s;
        List<Object> scale = new ArrayList<>();
        for (int i = 0; i < Charts.VIRIDIS.length; i++) {
            scale.add(List.of((double) i / (Charts.VIRIDIS.length - 1), Charts.VIRIDIS[i]));
        }
        Map<String, Object> t = obj("type", "heatmap", "name", h.name());
        put(t, "z", Arrays.stream(h.z()).map(PlotlyFigure::list).toList(), "colorscale", scale, "showscale", true);
        if (h.xLabels() != null) {
            put(t, "x", Arrays.asList(h.xLabels()));
        }
        if (h.yLabels() != null) {
            put(t, "y", Arrays.asList(h.yLabels()));
        }
        return h.cellText() ? put(t, "texttemplate", Fmt.integers(h.z()) ? "%{z}" : "%{z:.3~g}") : t;
    }

    private static Map<String, Object> scatter(String name, String mode, double[] x, double[] y) {
        return obj("type", "scatter", "name", name, "mode", mode, "x", list(x), "y", list(y));
    }

    private static Map<String, Object> axis(String label, double[] range) {
        Map<String, Object> a = obj("title", obj("text", label), "showline", true, "linecolor", "#444444");
        put(a, "gridcolor", "#e5e5e5", "zeroline", false, "ticks", "outside");
        return range == null ? a : put(a, "range", list(range));
    }

    /** Values as a list, NaN and infinities as null. */
    private static List<Object> list(double[] values) {
        List<Object> l = new ArrayList<>(values.length);
        for (double v : values) {
            l.add(Double.isFinite(v) ? v : null);
        }
        return l;
    }

    /** An insertion-ordered JSON object of key, value, key, value, ... */
    private static Map<String, Object> obj(Object... keyValues) {
        return put(new LinkedHashMap<>(), keyValues);
    }

    /** Adds key, value, ... to {@code m} in order; returns {@code m}. */
    private static Map<String, Object> put(Map<String, Object> m, Object... keyValues) {
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
