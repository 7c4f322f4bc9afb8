package deepsvddlab.display;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import tech.tablesaw.plotly.components.Figure;

/**
 * An immutable chart: a Plotly figure {@code {data: [traces], layout: {...}}} held as JSON, the
 * single source of truth for every rendering of it (the Plotly MIME bundle, the offline HTML, and
 * the PNG drawn by a small Java2D renderer).
 *
 * <p>Make one with {@link Charts} (line, scatter, histogram, bar, heatmap, ROC), from a
 * tablesaw-jsplot {@link Figure} with {@link #of(Figure)}, or from Plotly JSON with
 * {@link #fromJson(String)}. Show it with {@code Show.chart(c)}, save it with
 * {@code Figures.save(name, c)}. Titles are stored as objects {@code {text: ...}}, the form
 * plotly.js 3 and later require.
 */
public final class Chart {
    /** Default size in pixels, used by the HTML div and the PNG. */
    public static final int DEFAULT_WIDTH = 720;
    public static final int DEFAULT_HEIGHT = 420;

    private final JsonObject figure;

    Chart(JsonObject figure) {
        if (figure == null || !figure.has("data") || !figure.get("data").isJsonArray()) {
            throw new IllegalArgumentException("figure must be a JSON object with a 'data' array of traces, found "
                    + abbreviate(String.valueOf(figure)) + "; build charts with Charts.* or pass Plotly figure JSON");
        }
        JsonObject copy = figure.deepCopy();
        if (!copy.has("layout") || !copy.get("layout").isJsonObject()) {
            copy.add("layout", new JsonObject());
        }
        normaliseTitles(copy);
        this.figure = copy;
    }

    /** A chart from Plotly figure JSON {@code {"data": [...], "layout": {...}}}; string titles become objects. */
    public static Chart fromJson(String json) {
        JsonElement e;
        try {
            e = JsonParser.parseString(json);
        } catch (JsonParseException ex) {
            throw new IllegalArgumentException("json must be valid Plotly figure JSON, found a parse error: "
                    + ex.getMessage() + "; check the text passed to Chart.fromJson", ex);
        }
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException("json must be a JSON object {data, layout}, found "
                    + abbreviate(json) + "; pass a whole Plotly figure");
        }
        return new Chart(e.getAsJsonObject());
    }

    /** A chart from a tablesaw-jsplot figure (its titles are converted to objects). */
    public static Chart of(Figure figure) {
        if (figure == null) {
            throw new IllegalArgumentException("figure must be non-null, found null; build it with tablesaw-jsplot");
        }
        return new Chart(JsPlot.toPlotlyJson(figure));
    }

    /** The Plotly figure as compact JSON. */
    public String toJson() {
        return Json.GSON.toJson(figure);
    }

    /** A deep copy of the figure tree (package use: bundles, renderer). */
    JsonObject figure() {
        return figure.deepCopy();
    }

    /** The layout title text, or "" when there is none. */
    public String title() {
        return Json.titleText(figure.getAsJsonObject("layout").get("title"));
    }

    /** Width in pixels (layout.width, else {@value #DEFAULT_WIDTH}). */
    public int width() {
        return (int) Json.getDouble(figure.getAsJsonObject("layout"), "width", DEFAULT_WIDTH);
    }

    /** Height in pixels (layout.height, else {@value #DEFAULT_HEIGHT}). */
    public int height() {
        return (int) Json.getDouble(figure.getAsJsonObject("layout"), "height", DEFAULT_HEIGHT);
    }

    /** Number of traces. */
    public int traceCount() {
        return figure.getAsJsonArray("data").size();
    }

    /** The same chart at another size in pixels. */
    public Chart withSize(int width, int height) {
        if (width < 100 || height < 100 || width > 4000 || height > 4000) {
            throw new IllegalArgumentException("size must be between 100 and 4000 pixels, found " + width + "x"
                    + height + "; pick e.g. 720x420");
        }
        JsonObject f = figure();
        f.getAsJsonObject("layout").addProperty("width", width);
        f.getAsJsonObject("layout").addProperty("height", height);
        return new Chart(f);
    }

    /** The same chart with another title. */
    public Chart withTitle(String title) {
        JsonObject f = figure();
        f.getAsJsonObject("layout").add("title", Json.title(title));
        return new Chart(f);
    }

    /** Renders the chart to an image with the Java2D renderer (no browser needed). */
    public BufferedImage toImage() {
        return ChartRenderer.render(this);
    }

    @Override
    public String toString() {
        StringBuilder types = new StringBuilder();
        for (JsonElement t : figure.getAsJsonArray("data")) {
            String type = t.isJsonObject() ? Json.getString(t.getAsJsonObject(), "type", "scatter") : "?";
            if (types.indexOf(type) < 0) {
                types.append(types.length() == 0 ? "" : ", ").append(type);
            }
        }
        String t = title();
        return "Chart" + (t.isEmpty() ? "" : " \"" + t + "\"") + " (" + traceCount() + " traces: " + types + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Chart c && c.figure.equals(figure);
    }

    @Override
    public int hashCode() {
        return figure.hashCode();
    }

    /** Plain-string titles (layout, axes, colour bars) become {text: ...} objects. */
    private static void normaliseTitles(JsonObject fig) {
        JsonObject layout = fig.getAsJsonObject("layout");
        fixTitle(layout);
        for (String key : layout.keySet()) {
            if (key.startsWith("xaxis") || key.startsWith("yaxis")) {
                JsonElement axis = layout.get(key);
                if (axis.isJsonObject()) {
                    fixTitle(axis.getAsJsonObject());
                }
            }
        }
        JsonArray data = fig.getAsJsonArray("data");
        for (JsonElement t : data) {
            JsonObject colorbar = t.isJsonObject() ? Json.getObject(t.getAsJsonObject(), "colorbar") : null;
            if (colorbar != null) {
                fixTitle(colorbar);
            }
        }
    }

    private static void fixTitle(JsonObject owner) {
        JsonElement title = owner.get("title");
        if (title != null && title.isJsonPrimitive()) {
            owner.add("title", Json.title(title.getAsString()));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
