package deepsvddlab.experiment;

import deepsvddlab.io.AtomicFiles;
import deepsvddlab.train.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Runs many experiments (every class, several seeds) into one folder; finished runs are skipped,
 * so an interrupted sweep resumes where it stopped. Produces one table per run and one aggregated
 * table (mean and standard deviation over seeds), both also written as CSV.
 */
public final class Sweep {
    private Sweep() {}

    /** Runs {@code configs} under {@code sweepDir}; {@code log} receives one line per run. */
    public static List<RunResult> run(List<ExperimentConfig> configs, Path dataDir, Path sweepDir,
            ProgressListener listener, BooleanSupplier stop, Consumer<String> log) {
        List<RunResult> results = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            if (stop.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                log.accept("sweep stopped; run it again to resume");
                break;
            }
            ExperimentConfig c = configs.get(i);
            RunResult r = Experiment.run(c, dataDir, sweepDir, listener, stop);
            results.add(r);
            log.accept(String.format(Locale.ROOT, "[%d/%d] %s: AUROC %.4f (%s, %.1f s)", i + 1, configs.size(), r.name(),
                    r.metric("auroc"), r.cached() ? "done before" : "new", r.seconds()));
        }
        writeCsv(sweepDir.resolve("runs.csv"), runsTable(results));
        writeCsv(sweepDir.resolve("summary.csv"), summary(results));
        return results;
    }

    private static void writeCsv(Path file, Table t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.write().csv(w);
        AtomicFiles.writeString(file, w.toString());
    }

    /** One row per run: name, then every metric. */
    public static Table runsTable(List<RunResult> results) {
        Table t = Table.create("runs").addColumns(StringColumn.create("run"));
        List<String> keys = new ArrayList<>();
        results.forEach(r -> r.metrics().keySet().stream().filter(k -> !keys.contains(k)).sorted().forEach(keys::add));
        for (String k : keys) {
            t.addColumns(DoubleColumn.create(k));
        }
        t.addColumns(DoubleColumn.create("seconds"));
        for (RunResult r : results) {
            t.stringColumn("run").append(r.name());
            for (String k : keys) {
                t.doubleColumn(k).append(r.metric(k));
            }
            t.doubleColumn("seconds").append(r.seconds());
        }
        return t;
    }

    /**
     * Aggregates runs that differ only in their seed (the name up to "_s"): mean and sample
     * standard deviation (n - 1) of AUROC, PR-AUC and FPR at 95% TPR, and the count.
     */
    public static Table summary(List<RunResult> results) {
        Map<String, List<RunResult>> groups = new TreeMap<>();
        for (RunResult r : results) {
            String key = r.name().replaceAll("_s\\d+$", "");
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        Table t = Table.create("summary").addColumns(StringColumn.create("experiment"), IntColumn.create("seeds"));
        String[] metrics = {"auroc", "prAuc", "fprAt95Tpr"};
        for (String m : metrics) {
            t.addColumns(DoubleColumn.create(m + " mean"), DoubleColumn.create(m + " std"));
        }
        for (Map.Entry<String, List<RunResult>> g : groups.entrySet()) {
            t.stringColumn("experiment").append(g.getKey());
            t.intColumn("seeds").append(g.getValue().size());
            for (String m : metrics) {
                double[] v = g.getValue().stream().mapToDouble(r -> r.metric(m)).toArray();
                double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
                double ss = java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
                t.doubleColumn(m + " mean").append(mean);
                t.doubleColumn(m + " std").append(v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : Double.NaN);
            }
        }
        return t;
    }

    /** True when {@code dir} already holds a finished run. */
    public static boolean finished(Path dir) {
        return Files.isRegularFile(dir.resolve(Experiment.RESULTS));
    }
}
