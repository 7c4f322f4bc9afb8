package deepsvddlab.report;

import deepsvddlab.display.Chart;
import deepsvddlab.display.Charts;
import deepsvddlab.experiment.Sweep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A sweep's summary ({@link Sweep#summary}, or its summary.csv read back with Tablesaw) as the
 * pictures and tables a lab publishes: the grouped bar chart of a metric per class with the std
 * over seeds as error bars, and the wide table (one row per method, one column per class, cells
 * "mean ± std") in Tablesaw or GitHub markdown.
 */
public final class SummaryReport {
    private SummaryReport() {}

    /**
     * Grouped bars of {@code metric} (one of {@link Sweep#SUMMARY_METRICS}): one group per class, and
     * "all" for the mean over classes, one bar per method, error bars the std over seeds. With more
     * than one data set in the summary, each class label starts with its data set.
     */
    public static Chart chart(Table summary, String metric) {
        checkMetric(summary, metric);
        boolean several = summary.stringColumn("dataset").unique().size() > 1;
        Table t = summary.copy().removeColumns("class").addColumns(classLabels(summary, several));
        String title = (several || summary.rowCount() == 0 ? "" : summary.getString(0, "dataset") + ": ")
                + displayName(metric) + " by class, mean and std over seeds";
        int bars = t.stringColumn("class").unique().size()
                * t.stringColumn("method").unique().size();
        return Charts.bar(title, t, "class", "method", metric + " mean", metric + " std")
                .withSize(Math.max(720, Math.min(1600, 240 + 9 * bars)), 460);
    }

    /** AUROC, PR-AUC, FPR at 95% TPR, F1, MCC for the summary's metric keys. */
    public static String displayName(String metric) {
        return switch (metric) {
            case "auroc" -> "AUROC";
            case "prAuc" -> "PR-AUC";
            case "fprAt95Tpr" -> "FPR at 95% TPR";
            case "f1" -> "F1";
            case "mcc" -> "MCC";
            default -> metric;
        };
    }

    /**
     * One row per data set and method (in the summary's order), one column per class label (then
     * "all", the mean over classes, where the summary has it), each cell "mean ± std" of {@code
     * metric} to 3 decimals; a single seed (std NaN) prints the mean alone, a missing cell is empty.
     */
    public static Table wide(Table summary, String metric) {
        checkMetric(summary, metric);
        StringColumn labels = classLabels(summary, false);
        List<String> columns = new ArrayList<>();
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (int r = 0; r < summary.rowCount(); r++) {
            String label = labels.get(r);
            if (!columns.contains(label)) {
                columns.add(label);
            }
            String key = summary.getString(r, "dataset") + "\u0000" + summary.getString(r, "method");
            rows.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .put(
                            label,
                            cell(
                                    summary.numberColumn(metric + " mean").getDouble(r),
                                    summary.numberColumn(metric + " std").getDouble(r)));
        }
        // the mean over classes last
        if (columns.remove("all")) {
            columns.add("all");
        }
        Table t = Table.create(metric + " (mean ± std over seeds)")
                .addColumns(StringColumn.create("dataset"), StringColumn.create("method"));
        for (String c : columns) {
            t.addColumns(StringColumn.create(c));
        }
        rows.forEach((key, cells) -> {
            String[] parts = key.split("\u0000", 2);
            t.stringColumn("dataset").append(parts[0]);
            t.stringColumn("method").append(parts[1]);
            for (String c : columns) {
                t.stringColumn(c).append(cells.getOrDefault(c, ""));
            }
        });
        return t;
    }

    /** The table as a GitHub markdown table: a header row, the separator, one line per row. */
    public static String markdown(Table t) {
        StringBuilder s = new StringBuilder("| ")
                .append(String.join(" | ", t.columnNames()))
                .append(" |\n|");
        s.append("---|".repeat(t.columnCount())).append('\n');
        for (int r = 0; r < t.rowCount(); r++) {
            s.append('|');
            for (int c = 0; c < t.columnCount(); c++) {
                s.append(' ').append(t.getString(r, c)).append(" |");
            }
            s.append('\n');
        }
        return s.toString();
    }

    static String cell(double mean, double std) {
        if (Double.isNaN(mean)) {
            return "";
        }
        return Double.isNaN(std)
                ? String.format(Locale.ROOT, "%.3f", mean)
                : String.format(Locale.ROOT, "%.3f ± %.3f", mean, std);
    }

    /** "0", "1", ... and "all" for the mean over classes (class -1), each after its data set if asked. */
    private static StringColumn classLabels(Table summary, boolean datasets) {
        StringColumn label = StringColumn.create("class");
        for (int r = 0; r < summary.rowCount(); r++) {
            int c = (int) summary.numberColumn("class").getDouble(r);
            label.append((datasets ? summary.getString(r, "dataset") + " " : "") + (c < 0 ? "all" : String.valueOf(c)));
        }
        return label;
    }

    private static void checkMetric(Table summary, String metric) {
        if (summary == null) {
            throw new IllegalArgumentException("summary must be a sweep's summary table, found null");
        }
        if (!Sweep.SUMMARY_METRICS.contains(metric)) {
            throw new IllegalArgumentException(
                    "metric must be one of " + Sweep.SUMMARY_METRICS + ", found \"" + metric + "\"");
        }
        for (String c : List.of("dataset", "class", "method", metric + " mean", metric + " std")) {
            if (!summary.columnNames().contains(c)) {
                throw new IllegalArgumentException("summary must have the column \"" + c + "\" (a sweep's summary.csv),"
                        + " found " + summary.columnNames());
            }
        }
    }
}
