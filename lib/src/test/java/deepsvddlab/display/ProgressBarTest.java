package deepsvddlab.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void lineShowsPhaseEpochBarMetricsAndEta() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", 0.02130);
        m.put("lr", 1e-4);
        String line = ProgressBar.line("svdd", 12, 150, m, 12.34, 100);
        assertEquals("svdd epoch 12/150 [=>                  ] loss 0.0213 lr 1e-4 12.3 s ETA 1:40", line);
        assertTrue(ProgressBar.line("svdd", 150, 150, m, 1, 0).contains("[====================]"));
        assertTrue(!ProgressBar.line("svdd", 150, 150, m, 1, 0).contains("ETA"));
    }

    static String run(ProgressBar.Mode mode, int epochs) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(mode, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        for (int e = 1; e <= epochs; e++) {
            bar.onEpoch("pretrain", e, epochs, Map.of("loss", 1.0 / e), 0.5, 0.5 * (epochs - e));
        }
        bar.onDone("pretrain");
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void logModePrintsEveryTenthEpochAndTheLast() {
        String out = run(ProgressBar.Mode.LINES, 100);
        String[] lines = out.split("\\R");
        assertEquals(1 + 10 + 1, lines.length, out); // epoch 1, 10, 20, ..., 100, summary
        assertTrue(lines[lines.length - 1].startsWith("pretrain done: 100/100 epochs in 0:50"), out);
    }

    @Test
    void terminalModeRedrawsOneLine() {
        String out = run(ProgressBar.Mode.TERMINAL, 3);
        assertEquals(3, out.chars().filter(c -> c == '\r').count());
        assertTrue(out.contains("\rpretrain epoch 3/3"));
        assertTrue(out.endsWith("pretrain done: 3/3 epochs in 0:02" + System.lineSeparator()), out);
    }
}
