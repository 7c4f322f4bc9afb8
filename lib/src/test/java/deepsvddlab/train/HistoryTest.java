package deepsvddlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryTest {
    @Test
    void theCsvReadsBackToTheSameRecords() {
        History h = new History();
        h.add(new EpochRecord("pretrain", 1, 2, Map.of("loss", 0.1 + 0.2, "lr", 1e-4), 1.23456, 9));
        h.add(new EpochRecord("pretrain", 2, 2, Map.of("loss", 1.0 / 3), 0.5, 0));
        h.add(new EpochRecord("svdd", 1, 1, Map.of("loss", 2.5, "R", 0.0), 0.25, 0));
        History back = History.fromCsv(h.toCsv(), "history.csv");
        assertEquals(h.toCsv(), back.toCsv());
        assertEquals(0.1 + 0.2, back.series("pretrain", "loss")[0], "doubles are exact");
        assertEquals(1.2346, back.records().get(0).seconds(), "seconds keep 4 decimals");
        assertTrue(Double.isNaN(back.records().get(1).metric("lr")), "a metric a record lacks stays absent");
    }

    @Test
    void aDamagedFileIsNamed() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> History.fromCsv("epoch,loss\n1,2\n", "h.csv"));
        assertTrue(e.getMessage().startsWith("h.csv must start with the header"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> History.fromCsv("phase,epoch,epochs,seconds,loss\npretrain,1,2,0.1,x\n", "h.csv"));
        assertTrue(e.getMessage().startsWith("h.csv line 2 must hold"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> History.fromCsv("phase,epoch,epochs,seconds,loss\npretrain,1,2,0.1\n", "h.csv"));
        assertTrue(e.getMessage().contains("4 fields where the header has 5"), e.getMessage());
    }
}
