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
        Obj x = axis(c.xLabel(), c.xRange());
        Obj y = axis(c.yLabel(), c.yRange());
        Obj layout = new Obj()
                .with("title", new Obj().with("text", c.title()))
                .with("width", c.width())
                .with("height", c.height())
                .with("xaxis", x)
                .with("yaxis", y)
                .with("plot_bgcolor", "#ffffff")
                .with("paper_bgcolor", "#ffffff")
                .with("showlegend", c.legend())
                .with(
                        "margin",
                        new Obj().with("l", 70).with("r", 30).with("t", 60).with("b", 60));
        if (first instanceof Histogram) {
            layout.with("barmode", "overlay").with("bargap", 0.02);
        } else if (first instanceof Bars) {
            layout.with("barmode", "group");
        } else if (first instanceof Heatmap) {
            y.with("autorange", "reversed").with("showgrid", false);
            x.with("showgrid", false);
        }
        List<Object> shapes = new ArrayList<>();
        for (double v : c.verticalLines()) {
            shapes.add(new Obj()
                    .with("type", "line")
                    .with("xref", "x")
                    .with("yref", "paper")
                    .with("x0", v)
                    .with("x1", v)
                    .with("y0", 0)
                    .with("y1", 1)
                    .with(
                            "line",
                            new Obj().with("color", "#222222").with("width", 2).with("dash", "dash")));
        }
        if (!shapes.isEmpty()) {
            layout.with("shapes", shapes);
        }
        return new Obj()
                .with("data", c.series().stream().map(PlotlyFigure::trace).toList())
                .with("layout", layout);
    }

    private static Obj trace(Series s) {
        Obj t = new Obj()
                .with("type", s instanceof Line || s instanceof Points ? "scatter" : type(s))
                .with("name", s.name());
        if (s instanceof Line l) {
            Obj line = new Obj().with("color", l.color()).with("width", l.dashed() ? 1 : 2);
            return t.with("mode", l.markers() ? "lines+markers" : "lines")
                    .with("x", list(l.x()))
                    .with("y", list(l.y()))
                    .with("line", l.dashed() ? line.with("dash", "dash") : line)
                    .with("marker", new Obj().with("color", l.color()).with("size", 6));
        }
        if (s instanceof Points p) {
            return t.with("mode", "markers")
                    .with("x", list(p.x()))
                    .with("y", list(p.y()))
                    .with(
                            "marker",
                            new Obj()
                                    .with("color", p.color())
                                    .with("size", p.size())
                                    .with("opacity", 0.75));
        }
        if (s instanceof Histogram h) {
            t.with("x", list(h.values()))
                    .with(
                            "xbins",
                            new Obj()
                                    .with("start", h.start())
                                    .with("end", h.start() + h.size() * h.bins())
                                    .with("size", h.size()))
                    .with("autobinx", false)
                    .with("opacity", h.opacity())
                    .with("marker", new Obj().with("color", h.color()));
            return h.density() ? t.with("histnorm", "probability density") : t;
        }
        if (s instanceof Bars b) {
            t.with("x", Arrays.asList(b.categories()))
                    .with("y", list(b.values()))
                    .with("marker", new Obj().with("color", b.color()));
            return b.errors() == null
                    ? t
                    : t.with(
                            "error_y",
                            new Obj()
                                    .with("type", "data")
                                    .with("array", list(b.errors()))
                                    .with("visible", true)
                                    .with("color", "#444444"));
        }
        Heatmap h = (Heatmap) s;
        List<Object> scale = new ArrayList<>();
        for (int i = 0; i < Charts.VIRIDIS.length; i++) {
            scale.add(List.of((double) i / (Charts.VIRIDIS.length - 1), Charts.VIRIDIS[i]));
        }
        t.with("z", Arrays.stream(h.z()).map(PlotlyFigure::list).toList())
                .with("colorscale", scale)
                .with("showscale", true);
        if (h.xLabels() != null) {
            t.with("x", Arrays.asList(h.xLabels()));
        }
        if (h.yLabels() != null) {
            t.with("y", Arrays.asList(h.yLabels()));
        }
        return h.cellText() ? t.with("texttemplate", Fmt.integers(h.z()) ? "%{z}" : "%{z:.3~g}") : t;
    }

    private static String type(Series s) {
        return s instanceof Histogram ? "histogram" : s instanceof Bars ? "bar" : "heatmap";
    }

    private static Obj axis(String label, double[] range) {
        Obj a = new Obj()
                .with("title", new Obj().with("text", label))
                .with("showline", true)
                .with("linecolor", "#444444")
                .with("gridcolor", "#e5e5e5")
                .with("zeroline", false)
                .with("ticks", "outside");
        return range == null ? a : a.with("range", list(range));
    }

    /** Values as a list, NaN and infinities as null. */
    private static List<Object> list(double[] values) {
        List<Object> l = new ArrayList<>(values.length);
        for (double v : values) {
            l.add(Double.isFinite(v) ? v : null);
        }
        return l;
    }

    /** An insertion-ordered JSON object. */
    private static final class Obj extends LinkedHashMap<String, Object> {
        Obj with(String key, Object value) {
            put(key, value);
            return this;
        }
    }
}
