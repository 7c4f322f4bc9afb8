package deepsvddlab.experiment;

import deepsvddlab.io.AtomicFiles;
import deepsvddlab.train.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Runs many experiments (classes x methods x seeds) into one runs folder; finished runs are
 * skipped, so an interrupted sweep resumes where it stopped. The tables are always rebuilt from
 * every finished run folder found ({@link #summarize}), so single runs and sweeps into the same
 * folder compose: {@code runs.csv} (one row per run) and {@code summary.csv} (mean and sample
 * standard deviation over seeds).
 */
public final class Sweep {
    /** The metrics the summary aggregates. */
    public static final List<String> SUMMARY_METRICS = List.of("auroc", "prAuc", "fprAt95Tpr", "f1", "mcc");

    private Sweep() {}

    /** Runs {@code configs} under {@code runsDir}; {@code log} receives one progress line per run. */
    public static List<RunResult> run(
            List<ExperimentConfig> configs,
            Path dataDir,
            Path runsDir,
            ProgressListener listener,
            BooleanSupplier stop,
            Consumer<String> log) {
        List<RunResult> results = new ArrayList<>();
        double newSeconds = 0;
        int newRuns = 0;
        try {
            for (int i = 0; i < configs.size(); i++) {
                if (stop.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    log.accept("sweep stopped; run it again to resume");
                    break;
                }
                RunResult r = Experiment.run(configs.get(i), dataDir, runsDir, listener, stop);
                results.add(r);
                if (!r.cached()) {
                    newSeconds += r.seconds();
                    newRuns++;
                }
                int left = configs.size() - i - 1;
                String eta = newRuns == 0 || left == 0
                        ? ""
                        : String.format(Locale.ROOT, ", ETA %.0f s", newSeconds / newRuns * left);
                log.accept(String.format(
                        Locale.ROOT,
                        "[%d/%d] %s: AUROC %.4f (%s, %.1f s%s)",
                        i + 1,
                        configs.size(),
                        r.name(),
                        r.metric("auroc"),
                        r.cached() ? "done before" : "new",
                        r.seconds(),
                        eta));
            }
        } finally {
            summarize(runsDir);
        }
        return results;
    }

    /**
     * The {@code index}-th of {@code count} disjoint parts of a sweep, for a scheduler to spread
     * (Slurm job arrays): the runs of one data set, class and seed stay in one part, so they share
     * one pretrained autoencoder; those groups are dealt round-robin in the sweep's order. The parts
     * together are the whole sweep.
     *
     * @throws IllegalArgumentException unless 0 <= index < count
     */
    public static List<ExperimentConfig> shard(List<ExperimentConfig> configs, int index, int count) {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard must be I/N with 0 <= I < N, found " + index + "/" + count
                    + "; e.g. 0/4 .. 3/4 for four parts");
        }
        Map<String, Integer> groups = new LinkedHashMap<>();
        List<ExperimentConfig> out = new ArrayList<>();
        for (ExperimentConfig c : configs) {
            String key = c.data().name() + "|" + c.normalClass() + "|" + c.seed();
            int g = groups.computeIfAbsent(key, k -> groups.size());
            if (g % count == index) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Every finished run under {@code runsDir} (folders with a readable results.json), sorted by
     * name; writes {@code runs.csv} and {@code summary.csv} there and returns the runs. The scan and
     * the writes hold a lock on {@code .summary.lock} in that folder, so of two processes summarising
     * at once the later one scans after the earlier one's runs finished: the files left behind list
     * every finished run, never an older scan written last.
     */
    public static synchronized List<RunResult> summarize(Path runsDir) {
        if (!Files.isDirectory(runsDir)) {
            return List.of();
        }
        try (java.nio.channels.FileChannel lock = java.nio.channels.FileChannel.open(
                        runsDir.resolve(".summary.lock"),
                        java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.WRITE);
                java.nio.channels.FileLock held = lock.lock()) {
            List<RunResult> runs = finishedRuns(runsDir);
            writeCsv(runsDir.resolve("runs.csv"), runsTable(runs));
            writeCsv(runsDir.resolve("summary.csv"), summary(runs));
            return runs;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot lock " + runsDir.resolve(".summary.lock") + " to write the summary: " + e.getMessage()
                            + "; check that the runs folder is writable",
                    e);
        }
    }

    /** Every finished run under {@code runsDir}, sorted by name (an empty list if there is none). */
    public static List<RunResult> finishedRuns(Path runsDir) {
        if (!Files.isDirectory(runsDir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(runsDir)) {
            return dirs.filter(Files::isDirectory)
                    .filter(d -> !d.getFileName().toString().startsWith("_"))
                    .map(RunResult::loadIfFinished)
                    .filter(r -> r != null)
                    .sorted(Comparator.comparing(RunResult::name))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list runs folder " + runsDir + ": " + e.getMessage(), e);
        }
    }

    private static void writeCsv(Path file, Table t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.write().csv(w);
        AtomicFiles.writeString(file, w.toString());
    }

    /** One row per run: name, data set, class, method, seed, then every metric and the seconds. */
    public static Table runsTable(List<RunResult> results) {
        Table t = Table.create("runs")
                .addColumns(
                        StringColumn.create("run"),
                        StringColumn.create("dataset"),
                        IntColumn.create("class"),
                        StringColumn.create("method"),
                        IntColumn.create("seed"));
        List<String> keys = new ArrayList<>();
        results.forEach(r -> r.metrics().keySet().stream()
                .filter(k -> !keys.contains(k))
                .sorted()
                .forEach(keys::add));
        for (String k : keys) {
            t.addColumns(DoubleColumn.create(k));
        }
        t.addColumns(DoubleColumn.create("seconds"));
        for (RunResult r : results) {
            t.stringColumn("run").append(r.name());
            t.stringColumn("dataset").append(r.dataset());
            t.intColumn("class").append(r.normalClass());
            t.stringColumn("method").append(r.method());
            t.intColumn("seed").append((int) r.seed());
            for (String k : keys) {
                t.doubleColumn(k).append(r.metric(k));
            }
            t.doubleColumn("seconds").append(r.seconds());
        }
        return t;
    }

    /**
     * Aggregates runs that differ only in their seed (the same {@link RunResult#group()}): the count,
     * and mean and sample standard deviation (n - 1; NaN for one seed) of each of
     * {@link #SUMMARY_METRICS}. One row per group, sorted by data set, class and method; then, for
     * each method run on two classes or more, a row with class -1 and group {@code all:<family>}:
     * the mean over classes (and the std over the per-class means), its seeds the fewest of a class.
     */
    public static Table summary(List<RunResult> results) {
        Map<String, List<RunResult>> groups = new LinkedHashMap<>();
        results.stream()
                .sorted(Comparator.comparing(RunResult::dataset)
                        .thenComparingInt(RunResult::normalClass)
                        .thenComparing(RunResult::method)
                        .thenComparing(RunResult::group))
                .forEach(r -> groups.computeIfAbsent(r.group(), k -> new ArrayList<>())
                        .add(r));
        Table t = Table.create("summary")
                .addColumns(
                        StringColumn.create("dataset"),
                        IntColumn.create("class"),
                        StringColumn.create("method"),
                        StringColumn.create("group"),
                        IntColumn.create("seeds"));
        for (String m : SUMMARY_METRICS) {
            t.addColumns(DoubleColumn.create(m + " mean"), DoubleColumn.create(m + " std"));
        }
        Map<String, List<List<RunResult>>> families = new LinkedHashMap<>();
        for (List<RunResult> g : groups.values()) {
            RunResult first = g.get(0);
            families.computeIfAbsent(first.family(), k -> new ArrayList<>()).add(g);
            addRow(
                    t,
                    first,
                    first.normalClass(),
                    first.group(),
                    g.size(),
                    m -> g.stream().mapToDouble(r -> r.metric(m)).toArray());
        }
        // the mean over classes: per family with two classes or more, the mean and std of the per-class means
        for (List<List<RunResult>> f : families.values()) {
            if (f.size() > 1) {
                RunResult first = f.get(0).get(0);
                addRow(
                        t,
                        first,
                        -1,
                        "all:" + first.family(),
                        f.stream().mapToInt(List::size).min().orElse(0),
                        m -> f.stream()
                                .mapToDouble(g -> g.stream()
                                        .mapToDouble(r -> r.metric(m))
                                        .average()
                                        .orElse(Double.NaN))
                                .toArray());
            }
        }
        return t;
    }

    private static void addRow(
            Table t,
            RunResult first,
            int normalClass,
            String group,
            int seeds,
            java.util.function.Function<String, double[]> values) {
        t.stringColumn("dataset").append(first.dataset());
        t.intColumn("class").append(normalClass);
        t.stringColumn("method").append(first.method());
        t.stringColumn("group").append(group);
        t.intColumn("seeds").append(seeds);
        for (String m : SUMMARY_METRICS) {
            double[] v = values.apply(m);
            double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
            double ss =
                    java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
            t.doubleColumn(m + " mean").append(mean);
            t.doubleColumn(m + " std").append(v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : Double.NaN);
        }
    }
}
