package deepsvddlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EnginesTest {
    @Test
    void pytorchLoadsOfflineFromTheClasspath() {
        assertEquals("PyTorch", Engines.pytorch().getEngineName());
        assertEquals("true", System.getProperty("ai.djl.offline"));
        String line = Engines.describe();
        assertTrue(line.contains("2.7.1") && line.contains("offline=true"), line);
    }
}
