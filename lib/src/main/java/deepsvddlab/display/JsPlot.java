package deepsvddlab.display;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.plotly.components.Figure;

/**
 * Converts a tablesaw-jsplot {@link Figure} to Plotly figure JSON. jsplot only writes JavaScript
 * ({@code var layout = {...}; var trace0 = {...}; ...}) with unquoted keys, single-quoted strings
 * and trailing commas, so this class parses those object literals with a small tolerant reader.
 * String titles and {@code titlefont} become {@code title: {text, font}}, and numeric strings such
 * as {@code opacity: '0.5'} become numbers.
 */
final class JsPlot {
    private static final Pattern VAR = Pattern.compile("var\\s+(layout|trace(\\d+))\\s*=\\s*");

    private JsPlot() {}

    static JsonObject toPlotlyJson(Figure figure) {
        String js;
        try {
            js = figure.asJavascript("dsvdd_target");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("figure must be renderable by tablesaw-jsplot, found an error: " + e
                    + "; check the figure's traces", e);
        }
        return fromJavascript(js);
    }

    /** Parses jsplot's JavaScript into {data, layout}. */
    static JsonObject fromJavascript(String js) {
        JsonObject layout = new JsonObject();
        Map<Integer, JsonObject> traces = new TreeMap<>();
        Matcher m = VAR.matcher(js);
        while (m.find()) {
            Reader r = new Reader(js, m.end());
            JsonElement value = r.value();
            if (!value.isJsonObject()) {
                continue;
            }
            if (m.group(2) == null) {
                layout = value.getAsJsonObject();
            } else {
                traces.put(Integer.parseInt(m.group(2)), value.getAsJsonObject());
            }
        }
        JsonArray data = new JsonArray();
        for (JsonObject t : traces.values()) {
            numeric(t, "opacity");
            for (String key : new String[] {"x", "y", "z"}) {
                numericArray(t, key);
            }
            data.add(t);
        }
        fixAxisTitleFont(layout);
        for (String key : layout.keySet()) {
            if ((key.startsWith("xaxis") || key.startsWith("yaxis")) && layout.get(key).isJsonObject()) {
                fixAxisTitleFont(layout.getAsJsonObject(key));
            }
        }
        JsonObject f = new JsonObject();
        f.add("data", data);
        f.add("layout", layout);
        return f;
    }

    /** {@code title: 'x', titlefont: {...}} becomes {@code title: {text: 'x', font: {...}}}. */
    private static void fixAxisTitleFont(JsonObject o) {
        JsonElement title = o.get("title");
        if (title != null && title.isJsonPrimitive()) {
            o.add("title", Json.title(title.getAsString()));
        }
        JsonElement font = o.remove("titlefont");
        if (font != null && o.has("title")) {
            o.getAsJsonObject("title").add("font", font);
        }
    }

    /** An array whose items are all numeric strings (jsplot quotes numbers) becomes numbers; nested rows too. */
    private static void numericArray(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e != null && e.isJsonArray()) {
            JsonArray converted = numbers(e.getAsJsonArray());
            if (converted != null) {
                o.add(key, converted);
            }
        }
    }

    private static JsonArray numbers(JsonArray a) {
        JsonArray out = new JsonArray(a.size());
        for (JsonElement x : a) {
            if (x.isJsonArray()) {
                JsonArray row = numbers(x.getAsJsonArray());
                if (row == null) {
                    return null;
                }
                out.add(row);
            } else if (x.isJsonNull()) {
                out.add(x);
            } else if (x.isJsonPrimitive() && x.getAsJsonPrimitive().isNumber()) {
                out.add(x);
            } else if (x.isJsonPrimitive()) {
                try {
                    double d = Double.parseDouble(x.getAsString().trim());
                    out.add(Json.num(d));
                } catch (NumberFormatException ex) {
                    return null; // categories: keep the strings
                }
            } else {
                return null;
            }
        }
        return out;
    }

    private static void numeric(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            try {
                o.addProperty(key, Double.parseDouble(e.getAsString()));
            } catch (NumberFormatException ignored) {
                // leave it as it is; plotly.js reports what it cannot use
            }
        }
    }

    /** A reader of JavaScript object literals: JSON plus bare keys, single quotes, trailing commas. */
    static final class Reader {
        private final String s;
        private int i;

        Reader(String s, int start) {
            this.s = s;
            this.i = start;
        }

        JsonElement value() {
            skip();
            char c = peek();
            if (c == '{') {
                return object();
            }
            if (c == '[') {
                return array();
            }
            if (c == '\'' || c == '"') {
                return new JsonPrimitive(string());
            }
            String word = word();
            switch (word) {
                case "true": return new JsonPrimitive(true);
                case "false": return new JsonPrimitive(false);
                case "null": case "undefined": case "NaN": return JsonNull.INSTANCE;
                default:
                    try {
                        return new JsonPrimitive(Double.parseDouble(word));
                    } catch (NumberFormatException e) {
                        throw error("a value", word);
                    }
            }
        }

        private JsonObject object() {
            JsonObject o = new JsonObject();
            i++; // {
            while (true) {
                skip();
                if (peek() == '}') {
                    i++;
                    return o;
                }
                String key = peek() == '\'' || peek() == '"' ? string() : word();
                skip();
                if (peek() != ':') {
                    throw error("':' after key " + key, String.valueOf(peek()));
                }
                i++;
                o.add(key, value());
                skip();
                if (peek() == ',') {
                    i++;
                } else if (peek() != '}') {
                    throw error("',' or '}'", String.valueOf(peek()));
                }
            }
        }

        private JsonArray array() {
            JsonArray a = new JsonArray();
            i++; // [
            while (true) {
                skip();
                if (peek() == ']') {
                    i++;
                    return a;
                }
                a.add(value());
                skip();
                if (peek() == ',') {
                    i++;
                } else if (peek() != ']') {
                    throw error("',' or ']'", String.valueOf(peek()));
                }
            }
        }

        private String string() {
            char quote = s.charAt(i++);
            StringBuilder b = new StringBuilder();
            while (i < s.length() && s.charAt(i) != quote) {
                char c = s.charAt(i++);
                if (c == '\\' && i < s.length()) {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
            i++; // closing quote
            return b.toString();
        }

        private String word() {
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || "_$.+-".indexOf(s.charAt(i)) >= 0)) {
                i++;
            }
            if (start == i) {
                throw error("a key or value", String.valueOf(peek()));
            }
            return s.substring(start, i);
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private char peek() {
            if (i >= s.length()) {
                throw error("more input", "the end");
            }
            return s.charAt(i);
        }

        private IllegalArgumentException error(String expected, String found) {
            int from = Math.max(0, i - 30);
            return new IllegalArgumentException("jsplot JavaScript must hold object literals, expected " + expected
                    + " at offset " + i + ", found " + found + " near \"" + s.substring(from, Math.min(s.length(), i + 30))
                    + "\"; build the chart with Charts.* instead");
        }
    }
}
