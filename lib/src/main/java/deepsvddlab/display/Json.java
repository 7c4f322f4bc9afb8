package deepsvddlab.display;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small JSON helpers shared by the chart code (Gson tree model). */
final class Json {
    static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private Json() {}

    /** A JSON number, or null for NaN and infinities (Plotly draws null as a gap). */
    static JsonElement num(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
    }

    static JsonArray array(double[] values) {
        JsonArray a = new JsonArray(values.length);
        for (double v : values) {
            a.add(num(v));
        }
        return a;
    }

    static JsonArray array(String[] values) {
        JsonArray a = new JsonArray(values.length);
        for (String v : values) {
            a.add(v);
        }
        return a;
    }

    /** A title object {text: ...}; plotly.js 3+ ignores plain-string titles. */
    static JsonObject title(String text) {
        JsonObject t = new JsonObject();
        t.addProperty("text", text == null ? "" : text);
        return t;
    }

    /** The text of a title given either as an object {text: ...} or as a plain string. */
    static String titleText(JsonElement title) {
        if (title == null || title.isJsonNull()) {
            return "";
        }
        if (title.isJsonPrimitive()) {
            return title.getAsString();
        }
        if (title.isJsonObject()) {
            JsonElement t = title.getAsJsonObject().get("text");
            return t == null || t.isJsonNull() ? "" : t.getAsString();
        }
        return "";
    }

    /** A member as a double: accepts numbers and numeric strings (tablesaw-jsplot quotes some). */
    static double getDouble(JsonObject o, String key, double fallback) {
        if (o == null) {
            return fallback;
        }
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive()) {
            return fallback;
        }
        try {
            return e.getAsDouble();
        } catch (NumberFormatException ex) {
            return fallback;
        }
    }

    static String getString(JsonObject o, String key, String fallback) {
        if (o == null) {
            return fallback;
        }
        JsonElement e = o.get(key);
        return e == null || !e.isJsonPrimitive() ? fallback : e.getAsString();
    }

    static JsonObject getObject(JsonObject o, String key) {
        if (o == null) {
            return null;
        }
        JsonElement e = o.get(key);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    /**
     * Converts a Gson tree to plain Java values (Map, List, String, Double/Long, Boolean, null) so a
     * kernel serialises it as real JSON with its own JSON library.
     */
    static Object toPlain(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> en : e.getAsJsonObject().entrySet()) {
                m.put(en.getKey(), toPlain(en.getValue()));
            }
            return m;
        }
        if (e.isJsonArray()) {
            List<Object> l = new ArrayList<>(e.getAsJsonArray().size());
            for (JsonElement x : e.getAsJsonArray()) {
                l.add(toPlain(x));
            }
            return l;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isNumber()) {
            BigDecimal d = p.getAsBigDecimal();
            if (d.scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
                return d.longValue();
            }
            return d.doubleValue();
        }
        return p.getAsString();
    }
}
