package deepsvddlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SettingsTest {
    @Test
    void theSystemPropertyComesFirstTrimmedAndBlankMeansUnset() {
        String env = System.getenv().entrySet().stream()
                .filter(e -> !e.getValue().isBlank())
                .map(java.util.Map.Entry::getKey)
                .findFirst()
                .orElse("DSVDD_NOT_SET_ANYWHERE");
        try {
            System.setProperty("dsvdd.test.setting", "  4 ");
            assertEquals("4", Settings.get("dsvdd.test.setting", env), "the property wins over " + env);
            System.setProperty("dsvdd.test.setting", " ");
            assertNull(Settings.get("dsvdd.test.setting", "DSVDD_NOT_SET_ANYWHERE"), "blank is unset");
            if (System.getenv(env) != null) {
                assertEquals(System.getenv(env).trim(), Settings.get("dsvdd.test.setting", env), "then the variable");
            }
        } finally {
            System.clearProperty("dsvdd.test.setting");
        }
    }
}
