package deepsvddlab.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The library's one JSON setup: files (pretty, NaN allowed) with atomic writes, and the compact forms. */
public final class Json {
    private Json() {}

    /** Shared Gson instance. */
    public static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .serializeNulls()
            .create();

    /** Compact, not HTML-safe: Plotly figures sent to the notebook front end. */
    public static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().create();

    /** Compact and HTML-safe (&lt; &gt; &amp; = ' as unicode escapes): JSON inside an HTML script element. */
    public static final Gson HTML_SAFE = new Gson();

    /** Writes {@code value} as JSON to {@code file} atomically. */
    public static Path write(Path file, Object value) {
        return AtomicFiles.writeString(file, GSON.toJson(value) + "\n");
    }

    /** Reads a JSON object; the error names the file. */
    public static JsonObject read(Path file) {
        try {
            return GSON.fromJson(Files.readString(file), JsonObject.class);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " must be valid JSON, found: " + e.getMessage(), e);
        }
    }
}
