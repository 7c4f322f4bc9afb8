package deepsvddlab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class EvaluationTest {

    @Test
    void bundlesMetricsAndBecomesATable() {
        JsonObject c = Fixtures.cases(Fixtures.load("metrics.json")).get(0);
        int[] y = Fixtures.ints(c, "labels");
        double[] s = Fixtures.doubles(c, "scores");
        Threshold t = Thresholds.fixed(c.get("threshold").getAsDouble());
        Evaluation withT = Evaluation.of("A", y, s, t);
        Evaluation noT = Evaluation.of("B", y, s);
        assertEquals(c.get("roc_auc").getAsDouble(), withT.auroc(), 1e-9);
        assertEquals(c.get("average_precision").getAsDouble(), withT.prAuc(), 1e-9);
        assertEquals(c.get("f1").getAsDouble(), withT.f1(), 1e-9);
        assertEquals(c.get("mcc").getAsDouble(), withT.mcc(), 1e-9);
        assertTrue(Double.isNaN(noT.f1()));

        Table table = Evaluation.toTable(List.of(withT, noT));
        assertEquals(2, table.rowCount());
        assertEquals("A", table.stringColumn("detector").get(0));
        assertEquals(withT.auroc(), table.doubleColumn("auroc").get(0), 0.0);
        assertEquals("FIXED", table.stringColumn("threshold_rule").get(0));
        assertEquals(c.get("tp").getAsInt(), table.intColumn("tp").get(0));
        assertTrue(table.intColumn("tp").isMissing(1));
        assertEquals(1, withT.toTable().rowCount());
    }
}
