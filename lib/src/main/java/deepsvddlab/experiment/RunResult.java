package deepsvddlab.experiment;

import com.google.gson.JsonObject;
import deepsvddlab.io.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one finished run reports: its name and folder, the metrics on the test set and how long it
 * took. Read back from the folder's results.json, so a resumed sweep gets the same values.
 */
public record RunResult(String name, Path dir, Map<String, Double> metrics, double seconds, boolean cached) {
    public RunResult {
        metrics = Map.copyOf(metrics);
    }

    /** One metric, or NaN. */
    public double metric(String key) {
        Double v = metrics.get(key);
        return v == null ? Double.NaN : v;
    }

    /** Reads {@code dir/results.json}. */
    public static RunResult load(Path dir) {
        JsonObject o = Json.read(dir.resolve(Experiment.RESULTS));
        Map<String, Double> m = new LinkedHashMap<>();
        o.getAsJsonObject("metrics").entrySet().forEach(e -> {
            if (e.getValue().isJsonPrimitive() && e.getValue().getAsJsonPrimitive().isNumber()) {
                m.put(e.getKey(), e.getValue().getAsDouble());
            }
        });
        return new RunResult(o.get("name").getAsString(), dir, m, o.get("seconds").getAsDouble(), true);
    }
}
