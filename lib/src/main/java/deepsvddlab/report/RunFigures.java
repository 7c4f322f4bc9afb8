package deepsvddlab.report;

import deepsvddlab.display.Chart;
import deepsvddlab.display.Charts;
import deepsvddlab.display.Figures;
import deepsvddlab.eval.Metrics;
import deepsvddlab.eval.PrCurve;
import deepsvddlab.eval.RocCurve;
import deepsvddlab.experiment.RunResult;
import deepsvddlab.io.Json;
import deepsvddlab.train.EpochRecord;
import deepsvddlab.train.History;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A finished run's figure set, drawn from its run folder alone (scores.csv, history.csv,
 * results.json), with one call: {@code <run>/figures/} gets roc, pr, scores (normals and anomalies
 * with the run's threshold), confusion (at that threshold) and one loss chart per training phase
 * (loss-pretrain, loss-svdd, loss-dspsvdd with each term, ...), each as .png and .html.
 */
public final class RunFigures {
    private RunFigures() {}

    /** Writes the figure set into {@code run.dir()/figures/} and returns the PNG paths in order. */
    public static List<Path> write(RunResult run) {
        List<Path> out = new ArrayList<>();
        charts(run).forEach((name, chart) -> out.add(Figures.write(run.dir().resolve("figures"), name, chart)));
        return out;
    }

    /** The figure set by file name (roc, pr, scores, confusion, loss-PHASE...), in order. */
    public static java.util.Map<String, Chart> charts(RunResult run) {
        if (run == null) {
            throw new IllegalArgumentException(
                    "run must be a finished run, found null; use RunResult.loadIfFinished(dir)");
        }
        String who = run.method() + ", " + run.dataset() + " class " + run.normalClass() + " (" + run.normalClassName()
                + "), seed " + run.seed();
        java.util.Map<String, Chart> out = new java.util.LinkedHashMap<>();
        Scores s = Scores.read(run.dir().resolve("scores.csv"));
        RocCurve roc = Metrics.rocCurve(s.labels, s.scores);
        out.put("roc", Charts.roc("ROC: " + who, Charts.curve(run.method(), roc.fpr(), roc.tpr())));
        PrCurve pr = Metrics.prCurve(s.labels, s.scores);
        double share = java.util.Arrays.stream(s.labels).average().orElse(0);
        out.put(
                "pr",
                Charts.pr("Precision-recall: " + who, share, Charts.curve(run.method(), pr.recall(), pr.precision())));
        double threshold = Json.read(run.dir().resolve("results.json"))
                .getAsJsonObject("threshold")
                .get("value")
                .getAsDouble();
        Chart hist = Charts.histogramDensity(
                        "Test scores and the threshold: " + who,
                        "anomaly score",
                        60,
                        Charts.named("normal", s.select(0)),
                        Charts.named("anomalous", s.select(1)))
                .withVerticalLines(Double.isFinite(threshold) ? new double[] {threshold} : new double[0]);
        out.put("scores", hist);
        double[][] cm = new double[2][2];
        for (int i = 0; i < s.labels.length; i++) {
            cm[s.labels[i]][s.predicted[i]]++;
        }
        out.put(
                "confusion",
                Charts.heatmap(
                        "Confusion matrix at the threshold: " + who,
                        cm,
                        new String[] {"predicted normal", "predicted anomaly"},
                        new String[] {"normal", "anomaly"}));
        Path historyFile = run.dir().resolve("history.csv");
        if (Files.isRegularFile(historyFile)) {
            History h;
            try {
                h = History.fromCsv(Files.readString(historyFile), historyFile.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + historyFile + ": " + e.getMessage(), e);
            }
            Set<String> phases = new LinkedHashSet<>();
            h.records().forEach(r -> phases.add(r.phase()));
            for (String phase : phases) {
                List<EpochRecord> rs = h.phase(phase);
                Set<String> metrics = new LinkedHashSet<>();
                rs.forEach(
                        r -> metrics.addAll(new java.util.TreeSet<>(r.metrics().keySet())));
                metrics.remove("lr");
                if (metrics.isEmpty()) {
                    continue;
                }
                List<Charts.Named> ys = new ArrayList<>();
                for (String m : metrics) {
                    ys.add(Charts.named(m, h.series(phase, m)));
                }
                double[] epochs = rs.stream().mapToDouble(EpochRecord::epoch).toArray();
                out.put(
                        "loss-" + phase,
                        Charts.line(
                                "Training, phase " + phase + ": " + who,
                                "epoch",
                                "value",
                                epochs,
                                ys.toArray(Charts.Named[]::new)));
            }
        }
        return out;
    }

    /** scores.csv: index, label, score, predicted. */
    private record Scores(int[] labels, double[] scores, int[] predicted) {
        static Scores read(Path file) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            if (lines.isEmpty() || !lines.get(0).equals("index,label,score,predicted")) {
                throw new IllegalArgumentException(file
                        + " must start with the header index,label,score,predicted, found "
                        + (lines.isEmpty() ? "an empty file" : "\"" + lines.get(0) + "\"") + "; run the run again");
            }
            int n = lines.size() - 1;
            int[] labels = new int[n];
            double[] scores = new double[n];
            int[] predicted = new int[n];
            for (int i = 0; i < n; i++) {
                String[] f = lines.get(i + 1).split(",");
                try {
                    labels[i] = Integer.parseInt(f[1]);
                    scores[i] = Double.parseDouble(f[2]);
                    predicted[i] = Integer.parseInt(f[3]);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(
                            file + " line " + (i + 2) + " must hold index, label (0/1), score,"
                                    + " predicted (0/1), found \"" + lines.get(i + 1) + "\"; run the run again",
                            e);
                }
                if ((labels[i] & ~1) != 0 || (predicted[i] & ~1) != 0) {
                    throw new IllegalArgumentException(
                            file + " line " + (i + 2) + " must have labels 0 or 1, found \"" + lines.get(i + 1) + "\"");
                }
            }
            return new Scores(labels, scores, predicted);
        }

        double[] select(int label) {
            return java.util.stream.IntStream.range(0, labels.length)
                    .filter(i -> labels[i] == label)
                    .mapToDouble(i -> scores[i])
                    .toArray();
        }
    }
}
