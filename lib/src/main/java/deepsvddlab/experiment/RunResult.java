package deepsvddlab.experiment;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one finished run reports, read back from its folder's results.json (so a resumed sweep and
 * a summary built later get the same values): its name and folder, the summary group (runs that
 * differ only in the seed), the family (runs that differ only in the class and the seed), data set, normal class, method label, seed, the test metrics and how
 * long it took; {@code cached} tells whether this call found it finished rather than ran it.
 */
public record RunResult(
        String name,
        Path dir,
        String group,
        String family,
        String dataset,
        int normalClass,
        String normalClassName,
        String method,
        long seed,
        Map<String, Double> metrics,
        double seconds,
        boolean cached) {
    public RunResult {
        metrics = Map.copyOf(metrics);
    }

    /** One metric, or NaN. */
    public double metric(String key) {
        Double v = metrics.get(key);
        return v == null ? Double.NaN : v;
    }

    /** One row: the run's name, data set, class, method, seed, every metric and the seconds (for notebooks). */
    public tech.tablesaw.api.Table table() {
        return Sweep.runsTable(java.util.List.of(this)).setName(name);
    }

    /** The run's fitted model from its checkpoint (see {@link RunScorer#loadModel}); close it when done. */
    public deepsvddlab.detect.FittedDetector loadModel() {
        return RunScorer.loadModel(dir);
    }

    /** This result marked as just run (not found finished). */
    public RunResult fresh() {
        return new RunResult(
                name, dir, group, family, dataset, normalClass, normalClassName, method, seed, metrics, seconds, false);
    }

    /**
     * Reads {@code dir/results.json}; null when the folder holds no finished run (no results.json,
     * or one that cannot be parsed, as an interrupted write or a damaged disk leave it).
     */
    public static RunResult loadIfFinished(Path dir) {
        JsonObject o = Experiment.readResults(dir);
        if (o == null) {
            return null;
        }
        try {
            Map<String, Double> m = new LinkedHashMap<>();
            o.getAsJsonObject("metrics").entrySet().forEach(e -> {
                if (e.getValue().isJsonPrimitive()
                        && e.getValue().getAsJsonPrimitive().isNumber()) {
                    m.put(e.getKey(), e.getValue().getAsDouble());
                }
            });
            return new RunResult(
                    o.get("name").getAsString(),
                    dir,
                    o.get("group").getAsString(),
                    o.get("family").getAsString(),
                    o.get("dataset").getAsString(),
                    o.get("normalClass").getAsInt(),
                    o.get("normalClassName").getAsString(),
                    o.get("method").getAsString(),
                    o.get("seed").getAsLong(),
                    m,
                    o.get("seconds").getAsDouble(),
                    true);
        } catch (RuntimeException e) {
            return null; // a record of an older layout, or damaged: not trusted, the run is redone
        }
    }
}
