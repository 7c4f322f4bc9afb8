package deepsvddlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepsvddlab.display.Chart;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** The published forms of a summary, checked cell by cell on a summary.csv written out by hand. */
class SummaryReportTest {
    // the columns of Sweep.summary: two methods on classes 0 and 1, three seeds (one seed for IF on 1)
    static final String CSV = "dataset,class,method,group,seeds,auroc mean,auroc std,prAuc mean,prAuc std,"
            + "fprAt95Tpr mean,fprAt95Tpr std,f1 mean,f1 std,mcc mean,mcc std\n"
            + "mnist-10k,0,deep-svdd-one-class,a,3,0.99561,0.00123,0.9,0.01,0.1,0.01,0.9,0.01,0.5,0.01\n"
            + "mnist-10k,0,isolation-forest-pixels,b,3,0.91234,0.0045,0.8,0.01,0.2,0.01,0.8,0.01,0.4,0.01\n"
            + "mnist-10k,1,deep-svdd-one-class,c,3,0.98949,0.002,0.9,0.01,0.1,0.01,0.9,0.01,0.5,0.01\n"
            + "mnist-10k,1,isolation-forest-pixels,d,1,0.9723,,0.8,,0.2,,0.8,,0.4,\n"
            + "mnist-10k,-1,deep-svdd-one-class,all:a,3,0.99255,0.00433,0.9,0.0,0.1,0.0,0.9,0.0,0.5,0.0\n"
            + "mnist-10k,-1,isolation-forest-pixels,all:b,1,0.94232,0.04246,0.8,0.0,0.2,0.0,0.8,0.0,0.4,0.0\n";

    static Table summary() throws Exception {
        return Table.read().usingOptions(CsvReadOptions.builder(new StringReader(CSV)));
    }

    @Test
    void wideTableHasOneRowPerMethodAndMeanPlusMinusStdPerClassWithAllLast() throws Exception {
        Table w = SummaryReport.wide(summary(), "auroc");
        assertEquals(List.of("dataset", "method", "0", "1", "all"), w.columnNames());
        assertEquals(2, w.rowCount());
        assertEquals("deep-svdd-one-class", w.getString(0, "method"));
        assertEquals("0.996 ± 0.001", w.getString(0, "0"));
        assertEquals("0.989 ± 0.002", w.getString(0, "1"));
        assertEquals("0.993 ± 0.004", w.getString(0, "all"));
        // one seed: no std to show
        assertEquals("0.972", w.getString(1, "1"));
        assertEquals("0.942 ± 0.042", w.getString(1, "all"));
    }

    @Test
    void markdownHasAHeaderASeparatorAndOneLinePerRow() throws Exception {
        String md = SummaryReport.markdown(SummaryReport.wide(summary(), "auroc"));
        String[] lines = md.split("\n");
        assertEquals(4, lines.length);
        assertEquals("| dataset | method | 0 | 1 | all |", lines[0]);
        assertEquals("|---|---|---|---|---|", lines[1]);
        assertEquals("| mnist-10k | isolation-forest-pixels | 0.912 ± 0.005 | 0.972 | 0.942 ± 0.042 |", lines[3]);
    }

    @Test
    void chartHasOneBarSeriesPerMethodOverTheClassesAndAll() throws Exception {
        Chart c = SummaryReport.chart(summary(), "auroc");
        String json = c.toJson();
        assertTrue(json.contains("\"deep-svdd-one-class\"") && json.contains("\"isolation-forest-pixels\""), json);
        assertTrue(json.contains("\"all\""), json);
        // the error bars are the std over seeds
        assertTrue(json.contains("0.00123"), json);
    }

    @Test
    void anUnknownMetricOrATableThatIsNotASummaryIsRefusedByName() throws Exception {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SummaryReport.wide(summary(), "AUROC"));
        assertTrue(e.getMessage().contains("metric must be one of [auroc"), e.getMessage());
        Table notASummary = summary().removeColumns("auroc std");
        e = assertThrows(IllegalArgumentException.class, () -> SummaryReport.chart(notASummary, "auroc"));
        assertTrue(e.getMessage().contains("\"auroc std\""), e.getMessage());
    }
}
