package deepsvddlab.display;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * plotly.js for offline charts: the file {@code bin/fetch-plotly} puts in
 * {@code build/plotly/plotly.min.js} (found through the system property {@code dsvdd.plotly.js},
 * the environment variable {@code DSVDD_PLOTLY_JS}, or the repository root), else a pinned CDN
 * copy. Also writes the HTML that draws a chart once {@code window.Plotly} exists.
 */
final class PlotlyJs {
    /** The version bin/fetch-plotly pins; the CDN fallback loads the same build. */
    static final String VERSION = "4.1.1";

    static final String CDN =
            "https://cdn.jsdelivr.net/npm/plotly.js-cartesian-dist-min@" + VERSION + "/plotly-cartesian.min.js";

    private PlotlyJs() {}

    /** The local plotly.js file, or null when there is none. */
    static Path locate() {
        String configured = deepsvddlab.io.Settings.get("dsvdd.plotly.js", "DSVDD_PLOTLY_JS");
        if (configured != null) {
            Path p = Path.of(configured);
            return Files.isRegularFile(p) ? p : null;
        }
        Path root = deepsvddlab.io.Settings.projectRoot();
        if (root != null) {
            Path p = root.resolve("build").resolve("plotly").resolve("plotly.min.js");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** The version written in a plotly.js file's banner ("v4.1.1"), or "unknown". */
    static String version(String source) {
        Matcher m = Pattern.compile("plotly\\.js[^\\n]*?v(\\d+\\.\\d+\\.\\d+)")
                .matcher(source.substring(0, Math.min(400, source.length())));
        return m.find() ? m.group(1) : "unknown";
    }

    /**
     * A script element that defines {@code window.Plotly}: the local file inlined (escaped so it
     * cannot close the element early), or the CDN script when no file is found.
     */
    static String scriptElement(Path file) {
        if (file == null) {
            return "<script type=\"text/javascript\" src=\"" + CDN + "\" charset=\"utf-8\"></script>";
        }
        String js;
        try {
            js = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "plotly.js at " + file + " must be readable, found " + e + "; rerun bin/fetch-plotly", e);
        }
        return "<script type=\"text/javascript\">/* plotly.js " + version(js) + " */\n"
                + js.replace("</script", "<\\/script") + "\n</script>";
    }

    /**
     * The div and script that draw a chart: waits for {@code window.Plotly} (inlined by
     * {@code Show.init()}), and after two seconds without it loads the pinned CDN copy.
     */
    static String chartHtml(Chart chart, String divId) {
        // HTML-safe: no text in the figure can end the script element
        String json = deepsvddlab.io.Json.HTML_SAFE.toJson(chart.toPlotly());
        return "<div id=\"" + divId + "\" class=\"dsvdd-chart\" style=\"width:" + chart.width() + "px;height:"
                + chart.height() + "px;\"></div>\n"
                + "<script type=\"text/javascript\">\n"
                + "(function () {\n"
                + "  var fig = " + json + ";\n"
                + "  var id = '" + divId + "', waited = 0;\n"
                + "  function draw() { window.Plotly.newPlot(id, fig.data, fig.layout, {displaylogo: false}); }\n"
                + "  function wait() {\n"
                + "    if (window.Plotly) { draw(); return; }\n"
                + "    waited += 100;\n"
                + "    if (waited === 2000 && !document.getElementById('dsvdd-plotly-cdn')) {\n"
                + "      var s = document.createElement('script');\n"
                + "      s.id = 'dsvdd-plotly-cdn'; s.src = '" + CDN + "';\n"
                + "      document.head.appendChild(s);\n"
                + "    }\n"
                + "    if (waited < 30000) { setTimeout(wait, 100); }\n"
                + "    else { document.getElementById(id).textContent = 'plotly.js did not load: run Show.init() first, or go online.'; }\n"
                + "  }\n"
                + "  wait();\n"
                + "})();\n"
                + "</script>";
    }

    /** A standalone HTML page with plotly.js inlined (or from the CDN) and the chart. */
    static String page(Chart chart, Path plotlyFile) {
        String title = Html.escape(chart.title().isEmpty() ? "chart" : chart.title());
        return "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>" + title + "</title>\n"
                + scriptElement(plotlyFile) + "\n</head>\n<body>\n" + chartHtml(chart, "chart")
                + "\n</body>\n</html>\n";
    }
}
