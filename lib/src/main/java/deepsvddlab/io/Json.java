package deepsvddlab.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The library's one JSON setup (gson, pretty, NaN allowed) with atomic writes. */
public final class Json {
    private Json() {}

    /** Shared Gson instance. */
    public static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .serializeNulls().create();

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
