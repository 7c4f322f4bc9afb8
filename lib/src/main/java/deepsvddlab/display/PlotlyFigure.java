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
        List<Object> data = new ArrayList<>();
        for (Series s : c.series()) {
            data.add(trace(s));
        }
        Map<String, Object> layout = map(
                "title",
                title(c.title()),
                "width",
                c.width(),
                "height",
                c.height(),
                "xaxis",
                axis(c.xLabel(), c.xRange()),
                "yaxis",
                axis(c.yLabel(), c.yRange()),
                "plot_bgcolor",
                "#ffffff",
                "paper_bgcolor",
                "#ffffff",
                "showlegend",
                c.legend(),
                "margin",
                map("l", 70, "r", 30, "t", 60, "b", 60));
        Series first = c.series().get(0);
        if (first instanceof Histogram) {
            layout.put("barmode", "overlay");
            layout.put("bargap", 0.02);
        } else if (first instanceof Bars) {
            layout.put("barmode", "group");
        } else if (first instanceof Heatmap) {
            ((Map<String, Object>) layout.get("yaxis")).put("autorange", "reversed");
            ((Map<String, Object>) layout.get("xaxis")).put("showgrid", false);
            ((Map<String, Object>) layout.get("yaxis")).put("showgrid", false);
        }
        List<Object> shapes = new ArrayList<>();
        for (double x : c.verticalLines()) {
            shapes.add(map(
                    "type",
                    "line",
                    "xref",
                    "x",
                    "yref",
                    "paper",
                    "x0",
                    x,
                    "x1",
                    x,
                    "y0",
                    0,
                    "y1",
                    1,
                    "line",
                    map("color", "#222222", "width", 2, "dash", "dash")));
        }
        if (!shapes.isEmpty()) {
            layout.put("shapes", shapes);
        }
        return map("data", data, "layout", layout);
    }

    private static Map<String, Object> trace(Series s) {
        if (s instanceof Line l) {
            return map(
                    "type",
                    "scatter",
                    "name",
                    l.name(),
                    "mode",
                    l.markers() ? "lines+markers" : "lines",
                    "x",
                    list(l.x()),
                    "y",
                    list(l.y()),
                    "line",
                    l.dashed()
                            ? map("color", l.color(), "width", 1, "dash", "dash")
                            : map("color", l.color(), "width", 2),
                    "marker",
                    map("color", l.color(), "size", 6));
        }
        if (s instanceof Points p) {
            return map(
                    "type",
                    "scatter",
                    "name",
                    p.name(),
                    "mode",
                    "markers",
                    "x",
                    list(p.x()),
                    "y",
                    list(p.y()),
                    "marker",
                    map("color", p.color(), "size", p.size(), "opacity", 0.75));
        }
        if (s instanceof Histogram h) {
            Map<String, Object> t = map(
                    "type",
                    "histogram",
                    "name",
                    h.name(),
                    "x",
                    list(h.values()),
                    "xbins",
                    map("start", h.start(), "end", h.start() + h.size() * h.bins(), "size", h.size()),
                    "autobinx",
                    false,
                    "opacity",
                    h.opacity(),
                    "marker",
                    map("color", h.color()));
            if (h.density()) {
                t.put("histnorm", "probability density");
            }
            return t;
        }
        if (s instanceof Bars b) {
            Map<String, Object> t = map(
                    "type",
                    "bar",
                    "name",
                    b.name(),
                    "x",
                    Arrays.asList(b.categories()),
                    "y",
                    list(b.values()),
                    "marker",
                    map("color", b.color()));
            if (b.errors() != null) {
                t.put("error_y", map("type", "data", "array", list(b.errors()), "visible", true, "color", "#444444"));
            }
            return t;
        }
        Heatmap h = (Heatmap) s;
        List<Object> rows = new ArrayList<>();
        boolean integers = true;
        for (double[] row : h.z()) {
            rows.add(list(row));
            for (double v : row) {
                integers &= v == Math.rint(v) && Math.abs(v) < 1e15;
            }
        }
        List<Object> scale = new ArrayList<>();
        for (int i = 0; i < Charts.VIRIDIS.length; i++) {
            scale.add(List.of((double) i / (Charts.VIRIDIS.length - 1), Charts.VIRIDIS[i]));
        }
        Map<String, Object> t =
                map("type", "heatmap", "name", h.name(), "z", rows, "colorscale", scale, "showscale", true);
        if (h.xLabels() != null) {
            t.put("x", Arrays.asList(h.xLabels()));
        }
        if (h.yLabels() != null) {
            t.put("y", Arrays.asList(h.yLabels()));
        }
        if (h.cellText()) {
            t.put("texttemplate", integers ? "%{z}" : "%{z:.3~g}");
        }
        return t;
    }

    private static Map<String, Object> axis(String label, double[] range) {
        Map<String, Object> a = map(
                "title",
                title(label),
                "showline",
                true,
                "linecolor",
                "#444444",
                "gridcolor",
                "#e5e5e5",
                "zeroline",
                false,
                "ticks",
                "outside");
        if (range != null) {
            a.put("range", list(range));
        }
        return a;
    }

    private static Map<String, Object> title(String text) {
        return map("text", text);
    }

    /** Values as a list, NaN and infinities as null. */
    private static List<Object> list(double[] values) {
        List<Object> l = new ArrayList<>(values.length);
        for (double v : values) {
            l.add(Double.isFinite(v) ? v : null);
        }
        return l;
    }

    /** An insertion-ordered map of key, value pairs. */
    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
