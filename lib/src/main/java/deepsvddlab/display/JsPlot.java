package deepsvddlab.display;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.plotly.components.Figure;

/**
 * A tablesaw-jsplot {@link Figure} as a {@link Chart}. jsplot only writes JavaScript
 * ({@code var layout = {...}; var trace0 = {...};}) whose object literals Gson reads in lenient
 * mode once their trailing commas are dropped. Scatter (lines or markers), bar, histogram and heat
 * map traces are kept with their names; styling beyond that is not. A histogram without
 * {@code nbinsx} gets Sturges' number of bins, shared by all histogram traces.
 */
final class JsPlot {
    private JsPlot() {}

    static Chart toChart(Figure figure) {
        if (figure == null) {
            throw new IllegalArgumentException("figure must be non-null, found null; build it with tablesaw-jsplot");
        }
        String js;
        try {
            js = withoutTrailingCommas(figure.asJavascript("dsvdd"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "figure must be renderable by tablesaw-jsplot, found " + e + "; check the figure's traces", e);
        }
        JsonObject layout = literal(js, "var layout =");
        List<JsonObject> traces = new ArrayList<>();
        for (int i = 0; js.contains("var trace" + i + " ="); i++) {
            traces.add(literal(js, "var trace" + i + " ="));
        }
        List<Chart.Series> series = new ArrayList<>();
        List<double[]> histograms = new ArrayList<>();
        int bins = 0;
        for (JsonObject t : traces) {
            if (text(t.get("type"), "scatter").equals("histogram")) {
                histograms.add(numbers(t.get("x")));
                bins = Math.max(bins, t.has("nbinsx") ? t.get("nbinsx").getAsInt() : 0);
            }
        }
        long n = histograms.stream()
                .flatMapToDouble(Arrays::stream)
                .filter(Double::isFinite)
                .count();
        Charts.Bins shared = Charts.Bins.spanning(
                histograms, bins > 0 ? bins : (int) Math.ceil(Math.log(Math.max(n, 1)) / Math.log(2)) + 1);
        for (JsonObject t : traces) {
            String type = text(t.get("type"), "scatter");
            String name = text(t.get("name"), "");
            String color = Charts.color(series.size());
            double[] x = numbers(t.get("x"));
            switch (type) {
                case "scatter" -> {
                    String mode = text(t.get("mode"), "markers");
                    double[] y = numbers(t.get("y"));
                    series.add(
                            mode.contains("lines")
                                    ? new Chart.Line(name, x, y, color, false, mode.contains("markers"))
                                    : new Chart.Points(name, x, y, color, 6));
                }
                case "bar" -> series.add(new Chart.Bars(name, strings(t.get("x")), numbers(t.get("y")), null, color));
                case "histogram" ->
                    series.add(shared.histogram(
                            name, x, text(t.get("histnorm"), "").contains("density"), color));
                case "heatmap" -> {
                    JsonArray rows = t.getAsJsonArray("z");
                    double[][] z = new double[rows.size()][];
                    for (int r = 0; r < z.length; r++) {
                        z[r] = numbers(rows.get(r));
                    }
                    series.add(new Chart.Heatmap(
                            name,
                            z,
                            t.has("x") ? strings(t.get("x")) : null,
                            t.has("y") ? strings(t.get("y")) : null,
                            false));
                }
                default ->
                    throw new IllegalArgumentException("figure traces must be scatter, bar, histogram or "
                            + "heatmap, found type '" + type + "'; build that chart with tablesaw-jsplot's own "
                            + "Plot.show, or from Chart.Series with Chart.of(title, xLabel, yLabel, series)");
            }
        }
        Chart c =
                Chart.of(text(layout.get("title"), ""), axisTitle(layout, "xaxis"), axisTitle(layout, "yaxis"), series);
        return c.withSize(
                layout.has("width") ? layout.get("width").getAsInt() : c.width(),
                layout.has("height") ? layout.get("height").getAsInt() : c.height());
    }

    /** The object literal after {@code marker} in {@code js}. */
    private static JsonObject literal(String js, String marker) {
        int at = js.indexOf(marker);
        if (at < 0) {
            return new JsonObject();
        }
        JsonReader r = new JsonReader(new StringReader(js.substring(at + marker.length())));
        r.setStrictness(Strictness.LENIENT);
        try {
            return JsonParser.parseReader(r).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "tablesaw-jsplot's JavaScript must hold an object literal after '" + marker + "', found "
                            + e.getMessage() + "; build the chart with Charts.* instead",
                    e);
        }
    }

    /** {@code {a: 1,}} becomes {@code {a: 1}}; commas inside quoted strings stay. */
    static String withoutTrailingCommas(String js) {
        StringBuilder out = new StringBuilder(js.length());
        char quote = 0;
        for (int i = 0; i < js.length(); i++) {
            char c = js.charAt(i);
            if (quote != 0) {
                quote = c == quote && js.charAt(i - 1) != '\\' ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ',') {
                int j = i + 1;
                while (j < js.length() && Character.isWhitespace(js.charAt(j))) {
                    j++;
                }
                if (j < js.length() && (js.charAt(j) == '}' || js.charAt(j) == ']')) {
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String axisTitle(JsonObject layout, String axis) {
        return layout.has(axis) && layout.get(axis).isJsonObject()
                ? text(layout.getAsJsonObject(axis).get("title"), "")
                : "";
    }

    /** A string, or the text of a title object {text: ...}. */
    private static String text(JsonElement e, String otherwise) {
        if (e != null && e.isJsonObject()) {
            return text(e.getAsJsonObject().get("text"), otherwise);
        }
        // jsplot writes titles HTML-escaped ("users&#39; own"); the model holds the plain text
        return e != null && e.isJsonPrimitive()
                ? e.getAsString()
                        .replace("&#39;", "'")
                        .replace("&quot;", "\"")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&amp;", "&")
                : otherwise;
    }

    /** An array of numbers or numeric strings (jsplot quotes numbers); anything else is NaN. */
    private static double[] numbers(JsonElement e) {
        if (e == null || !e.isJsonArray()) {
            return new double[0];
        }
        JsonArray a = e.getAsJsonArray();
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            try {
                v[i] = a.get(i).isJsonPrimitive()
                        ? Double.parseDouble(a.get(i).getAsString().trim())
                        : Double.NaN;
            } catch (NumberFormatException ex) {
                v[i] = Double.NaN;
            }
        }
        return v;
    }

    private static String[] strings(JsonElement e) {
        JsonArray a = e == null || !e.isJsonArray() ? new JsonArray() : e.getAsJsonArray();
        String[] s = new String[a.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = a.get(i).isJsonNull() ? "" : a.get(i).getAsString();
        }
        return s;
    }
}
