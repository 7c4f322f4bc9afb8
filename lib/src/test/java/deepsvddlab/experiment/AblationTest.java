package deepsvddlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepsvddlab.data.DataSource;
import deepsvddlab.data.DatasetId;
import deepsvddlab.display.Chart;
import deepsvddlab.report.AblationFigures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The grid's cells, the aggregation over seeds, the source project's column, the wide table and the chart. */
class AblationTest {
    @Test
    void theDefaultGridHasSixtyFourRunsPerClassAndSeedAndNoFrozenDeepSvdd() {
        Ablation a = Ablation.builder().build();
        List<ExperimentConfig> configs = a.configs();
        // 4 pollutions x 2 pretrainings x (deep-svdd, soft-boundary, ocnn frozen, ocnn joint) x 2 nu
        assertEquals(64, configs.size());
        assertEquals(
                0,
                configs.stream()
                        .map(Ablation.Cell::of)
                        .filter(c -> c.objective() != Ablation.Objective.OCNN && c.regime() == Ablation.Regime.FROZEN)
                        .count());
        assertEquals(64, configs.stream().map(Ablation.Cell::of).distinct().count(), "every run its own cell");
        assertEquals(
                32, configs.stream().filter(c -> c.detector().rcae() != null).count());
        // the runs sharing an autoencoder (pollution, pretraining) come one after the other
        assertEquals(configs.get(0).pollution(), configs.get(7).pollution());
        assertEquals(configs.get(0).detector().rcae(), configs.get(7).detector().rcae());
        assertEquals(128, Ablation.builder().seeds(List.of(0L, 1L)).build().size());
    }

    @Test
    void badGridsAreRefusedWithTheRule() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Ablation.builder().nus(List.of(0.0)).build());
        assertTrue(e.getMessage().startsWith("nu must be in (0, 1], found 0.0"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> Ablation.builder().pollutions(List.of(1.0)).build());
        assertTrue(e.getMessage().startsWith("pollution must be in [0, 1), found 1.0"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> Ablation.builder().seeds(List.of()).build());
        assertTrue(e.getMessage().startsWith("seeds must hold at least one value"), e.getMessage());
    }

    /** A fake finished run with the given AUROC. */
    static RunResult run(ExperimentConfig c, double auroc) {
        return new RunResult(
                c.prefix(),
                Path.of(c.prefix()),
                "g",
                "f",
                c.data().name(),
                c.normalClass(),
                "x",
                c.detector().label(),
                c.seed(),
                Map.of("auroc", auroc),
                1.0,
                true);
    }

    @Test
    void theTableAveragesOverSeedsAndPutsTheReportedValuesBesideOurs() {
        Ablation a = Ablation.builder()
                .datasets(List.of(DataSource.of(DatasetId.MNIST_10K)))
                .classes(List.of(0))
                .seeds(List.of(0L, 1L))
                .nus(List.of(0.01))
                .pollutions(List.of(0.01, 0.1))
                .build();
        List<ExperimentConfig> configs = a.configs();
        List<RunResult> runs = new ArrayList<>();
        for (ExperimentConfig c : configs) {
            // seed 0: 0.80, seed 1: 0.90, plus 0.05 for RCAE cells
            runs.add(run(c, (c.seed() == 0 ? 0.80 : 0.90) + (c.detector().rcae() != null ? 0.05 : 0)));
        }
        Table t = Ablation.table(configs, runs);
        assertEquals(2 * 2 * 4, t.rowCount());
        for (int i = 0; i < t.rowCount(); i++) {
            boolean rcae = t.stringColumn("pretraining").get(i).equals("rcae");
            assertEquals(2, t.intColumn("seeds").getInt(i));
            assertEquals(rcae ? 0.90 : 0.85, t.doubleColumn("auroc mean").getDouble(i), 1e-12);
            assertEquals(Math.sqrt(0.005), t.doubleColumn("auroc std").getDouble(i), 1e-12);
            String key = t.intColumn("class").getInt(i) + "|"
                    + t.stringColumn("pretraining").get(i) + "|"
                    + t.stringColumn("objective").get(i) + "|"
                    + t.stringColumn("regime").get(i);
            double reported = t.doubleColumn("reported").getDouble(i);
            if (t.doubleColumn("pollution").getDouble(i) == 0.01 && Ablation.REPORTED.containsKey(key)) {
                assertEquals(Ablation.REPORTED.get(key), reported, 0.0, key);
            } else {
                assertTrue(
                        Double.isNaN(reported),
                        key + " at pollution " + t.doubleColumn("pollution").getDouble(i));
            }
        }
        assertEquals(0.9905, Ablation.REPORTED.get("0|rcae|deep-svdd|joint"));
        assertEquals(5, t.where(t.doubleColumn("reported").isNotMissing()).rowCount(), "digit 0's five cells");
        // one seed: the std is NaN and the wide table shows the mean alone
        List<ExperimentConfig> seed0 =
                configs.stream().filter(c -> c.seed() == 0).toList();
        Table one = Ablation.table(seed0, seed0.stream().map(c -> run(c, 0.8)).toList());
        Table wide = Ablation.wide(one);
        assertEquals(List.of("dataset", "class", "method", "nu", "p=0.01", "p=0.10"), wide.columnNames());
        assertEquals(8, wide.rowCount());
        assertEquals("0.800", wide.stringColumn("p=0.10").get(0));
        assertEquals("0.850 ± 0.071", Ablation.wide(t).stringColumn("p=0.01").get(0));
        assertEquals("ae + ocnn joint", Ablation.wide(t).stringColumn("method").get(3));
        // the chart: one line per method, AE and RCAE of an objective side by side, x = the pollutions
        Chart chart = AblationFigures.pollution(t, "mnist-10k", 0.01);
        assertEquals(8, chart.series().size());
        assertEquals("AE + deep-svdd", chart.series().get(0).name());
        assertEquals("RCAE + deep-svdd", chart.series().get(1).name());
        Chart.Line line = (Chart.Line) chart.series().get(1);
        assertEquals(
                List.of(0.01, 0.1), java.util.Arrays.stream(line.x()).boxed().toList());
        assertEquals(0.90, line.y()[0], 1e-12);
        Chart.Line ae = (Chart.Line) chart.series().get(0);
        assertTrue(line.dashed() && !ae.dashed(), "RCAE dashed, AE solid");
        assertEquals(ae.color(), line.color(), "one colour per objective");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> AblationFigures.pollution(t, "fashion-mnist", 0.01));
        assertTrue(e.getMessage().contains("must hold runs of fashion-mnist with nu 0.01"), e.getMessage());
    }
}
