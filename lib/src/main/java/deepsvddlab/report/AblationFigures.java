package deepsvddlab.report;

import deepsvddlab.display.Chart;
import deepsvddlab.display.Charts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * The ablation's headline chart: AUROC against the training set's pollution, one line per method
 * (pretraining + objective + regime), for one data set and nu, averaged over the normal classes
 * (each class's value the mean over its seeds). How the AE lines fall against the RCAE ones is the
 * point.
 */
public final class AblationFigures {
    private AblationFigures() {}

    /** The chart of {@code ablation} (an {@code Ablation.table}) for {@code dataset} and {@code nu}. */
    public static Chart pollution(Table ablation, String dataset, double nu) {
        List<Double> pollutions = new ArrayList<>();
        Map<String, Map<Double, List<Double>>> lines = new LinkedHashMap<>();
        for (int i = 0; i < ablation.rowCount(); i++) {
            if (!ablation.stringColumn("dataset").get(i).equals(dataset)
                    || ablation.doubleColumn("nu").getDouble(i) != nu) {
                continue;
            }
            double p = ablation.doubleColumn("pollution").getDouble(i);
            if (!pollutions.contains(p)) {
                pollutions.add(p);
            }
            String objective = ablation.stringColumn("objective").get(i);
            String method = ablation.stringColumn("pretraining").get(i).toUpperCase(Locale.ROOT) + " + " + objective
                    + (objective.equals("ocnn")
                            ? " " + ablation.stringColumn("regime").get(i)
                            : "");
            lines.computeIfAbsent(method, k -> new LinkedHashMap<>())
                    .computeIfAbsent(p, k -> new ArrayList<>())
                    .add(ablation.doubleColumn("auroc mean").getDouble(i));
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("the ablation table must hold runs of " + dataset + " with nu " + nu
                    + ", found datasets "
                    + ablation.stringColumn("dataset").unique().asList() + " and nu "
                    + ablation.doubleColumn("nu").unique().asList());
        }
        pollutions.sort(Double::compare);
        double[] x = pollutions.stream().mapToDouble(Double::doubleValue).toArray();
        // one colour per objective (and regime), AE solid and RCAE dashed, side by side in the legend
        List<String> methods = lines.keySet().stream()
                .sorted(java.util.Comparator.comparing((String m) -> m.substring(m.indexOf('+')))
                        .thenComparing(m -> m))
                .toList();
        List<String> objectives = new ArrayList<>();
        List<Chart.Series> series = new ArrayList<>();
        for (String m : methods) {
            String objective = m.substring(m.indexOf('+'));
            if (!objectives.contains(objective)) {
                objectives.add(objective);
            }
            double[] y = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                List<Double> v = lines.get(m).get(x[k]);
                y[k] = v == null
                        ? Double.NaN
                        : v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            }
            String colour = Charts.PALETTE[objectives.indexOf(objective) % Charts.PALETTE.length];
            series.add(new Chart.Line(m, x, y, colour, m.startsWith("RCAE"), true));
        }
        return Chart.of(
                String.format(Locale.ROOT, "AUROC as the training set is polluted: %s, nu = %s", dataset, nu),
                "pollution (share of anomalies among the training images)",
                "AUROC (mean over classes and seeds)",
                series);
    }
}
