package deepsvddlab.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every lesson's setup cell is notebooks/setup.jshell, the one setup source (bin/sync-notebooks writes it). */
class NotebookSetupTest {
    static Path notebooks() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("notebooks/setup.jshell"))) {
                return d.resolve("notebooks");
            }
        }
        throw new IllegalStateException("notebooks/setup.jshell must be above the working folder, found none");
    }

    @Test
    void everyLessonsSetupCellIsTheSetupFile() throws Exception {
        Path dir = notebooks();
        String setup = Files.readString(dir.resolve("setup.jshell")).stripTrailing();
        List<Path> lessons;
        try (Stream<Path> s = Files.list(dir)) {
            lessons = s.filter(p -> p.getFileName().toString().matches("\\d{3}-.*\\.ipynb"))
                    .filter(p -> !p.getFileName().toString().startsWith("000-"))
                    .sorted()
                    .toList();
        }
        assertTrue(lessons.size() >= 7, "lessons found: " + lessons);
        for (Path nb : lessons) {
            JsonObject o = JsonParser.parseString(Files.readString(nb)).getAsJsonObject();
            String cell = null;
            for (JsonElement c : o.getAsJsonArray("cells")) {
                JsonObject co = c.getAsJsonObject();
                if (co.has("id") && co.get("id").getAsString().equals("c003")) {
                    StringBuilder sb = new StringBuilder();
                    co.getAsJsonArray("source").forEach(l -> sb.append(l.getAsString()));
                    cell = sb.toString();
                }
            }
            assertEquals(
                    setup,
                    cell,
                    nb.getFileName() + ": its setup cell (id c003) must be notebooks/setup.jshell;"
                            + " run bin/sync-notebooks");
        }
    }
}
