package deepsvddlab.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Metrics against scikit-learn 1.2 outputs stored in fixtures/metrics.json. */
class MetricsTest {
    private static final double TOL = 1e-9;

    static Stream<Named<JsonObject>> cases() {
        return Fixtures.cases(Fixtures.load("metrics.json")).stream()
                .map(c -> Named.of(c.get("name").getAsString(), c));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void rankingMetricsMatchSklearn(JsonObject c) {
        int[] y = Fixtures.ints(c, "labels");
        double[] s = Fixtures.doubles(c, "scores");
        assertEquals(c.get("roc_auc").getAsDouble(), Metrics.rocAuc(y, s), TOL);
        assertEquals(c.get("average_precision").getAsDouble(), Metrics.averagePrecision(y, s), TOL);
        assertEquals(c.get("fpr_at_95_tpr").getAsDouble(), Metrics.fprAt95Tpr(y, s), TOL);
        java.util.Map<String, Double> summary = Metrics.summary(y, s);
        assertEquals(java.util.List.of("auroc", "prAuc", "fprAt95Tpr"), java.util.List.copyOf(summary.keySet()));
        assertEquals(c.get("roc_auc").getAsDouble(), summary.get("auroc"), TOL);
        assertEquals(c.get("average_precision").getAsDouble(), summary.get("prAuc"), TOL);
        assertEquals(c.get("fpr_at_95_tpr").getAsDouble(), summary.get("fprAt95Tpr"), TOL);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void curvesMatchSklearn(JsonObject c) {
        int[] y = Fixtures.ints(c, "labels");
        double[] s = Fixtures.doubles(c, "scores");
        RocCurve roc = Metrics.rocCurve(y, s);
        assertArrayEquals(Fixtures.doubles(c, "roc_fpr"), roc.fpr(), TOL);
        assertArrayEquals(Fixtures.doubles(c, "roc_tpr"), roc.tpr(), TOL);
        assertArrayEquals(Fixtures.doubles(c, "roc_thresholds"), roc.thresholds(), TOL);
        PrCurve pr = Metrics.prCurve(y, s);
        assertArrayEquals(Fixtures.doubles(c, "pr_precision"), pr.precision(), TOL);
        assertArrayEquals(Fixtures.doubles(c, "pr_recall"), pr.recall(), TOL);
        assertArrayEquals(Fixtures.doubles(c, "pr_thresholds"), pr.thresholds(), TOL);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void thresholdedMetricsMatchSklearn(JsonObject c) {
        int[] y = Fixtures.ints(c, "labels");
        double[] s = Fixtures.doubles(c, "scores");
        Threshold t = Thresholds.fixed(c.get("threshold").getAsDouble());
        ConfusionMatrix cm = Metrics.confusion(y, s, t);
        assertEquals(
                new ConfusionMatrix(
                        c.get("tn").getAsLong(),
                        c.get("fp").getAsLong(),
                        c.get("fn").getAsLong(),
                        c.get("tp").getAsLong()),
                cm);
        assertEquals(c.get("accuracy").getAsDouble(), cm.accuracy(), TOL);
        assertEquals(c.get("precision").getAsDouble(), cm.precision(), TOL);
        assertEquals(c.get("recall").getAsDouble(), cm.recall(), TOL);
        assertEquals(c.get("f1").getAsDouble(), cm.f1(), TOL);
        assertEquals(c.get("mcc").getAsDouble(), cm.mcc(), TOL);
    }

    @Test
    void tieCountsHalfInAuc() {
        assertEquals(0.5, Metrics.rocAuc(new int[] {0, 1}, new double[] {1.0, 1.0}), 0.0);
        assertEquals(0.75, Metrics.rocAuc(new int[] {0, 0, 1}, new double[] {0.0, 1.0, 1.0}), 0.0);
    }

    @Test
    void oneClassOnlyIsAClearError() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Metrics.rocAuc(new int[] {0, 0, 0}, new double[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("both classes"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> Metrics.averagePrecision(new int[] {1, 1}, new double[] {1, 2}));
    }

    @Test
    void badInputsAreClearErrors() {
        IllegalArgumentException len = assertThrows(
                IllegalArgumentException.class, () -> Metrics.rocAuc(new int[] {0, 1}, new double[] {1, 2, 3}));
        assertTrue(len.getMessage().contains("same length"), len.getMessage());
        IllegalArgumentException nan = assertThrows(
                IllegalArgumentException.class, () -> Metrics.rocAuc(new int[] {0, 1}, new double[] {1, Double.NaN}));
        assertTrue(nan.getMessage().contains("finite"), nan.getMessage());
        IllegalArgumentException lab = assertThrows(
                IllegalArgumentException.class, () -> Metrics.rocAuc(new int[] {0, 2}, new double[] {1, 2}));
        assertTrue(lab.getMessage().contains("0 (normal) or 1 (anomaly)"), lab.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.rocAuc(new int[0], new double[0]));
    }

    @Test
    void booleanLabels() {
        assertArrayEquals(new int[] {1, 0, 1}, Metrics.labels(new boolean[] {true, false, true}));
    }
}
