package deepsvddlab.io;

import ai.djl.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a result was made (Tribuo's provenance idea): library, DJL and engine versions, Java, OS,
 * threads, the git commit of the checkout when there is one, and the time. Runs add their data
 * hash, seeds and full configuration next to it.
 */
public final class Provenance {
    private Provenance() {}

    /** The environment part of a run record. */
    public static Map<String, Object> environment() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("library", "deepsvdd-lab " + libraryVersion());
        m.put("gitCommit", gitCommit());
        try {
            Engine engine = Engine.getInstance();
            m.put("djl", Engine.getDjlVersion());
            m.put("engine", engine.getEngineName() + " " + engine.getVersion());
        } catch (RuntimeException e) {
            m.put("engine", "unavailable: " + e.getMessage());
        }
        m.put("device", deepsvddlab.nn.Devices.name());
        m.put("threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        m.put("allocator", System.getenv().getOrDefault("LD_PRELOAD", "glibc malloc"));
        m.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        m.put(
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("time", Instant.now().toString());
        return m;
    }

    /** The jar's Implementation-Version, or "dev" when run from classes. */
    public static String libraryVersion() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** HEAD's commit of the nearest enclosing git checkout of the working directory, or "unknown". */
    public static String gitCommit() {
        try {
            Path dir = Path.of("").toAbsolutePath();
            for (; dir != null; dir = dir.getParent()) {
                Path head = dir.resolve(".git").resolve("HEAD");
                if (Files.isRegularFile(head)) {
                    String ref = Files.readString(head).trim();
                    if (!ref.startsWith("ref: ")) {
                        return ref;
                    }
                    Path refFile = dir.resolve(".git").resolve(ref.substring(5));
                    if (Files.isRegularFile(refFile)) {
                        return Files.readString(refFile).trim();
                    }
                    Path packed = dir.resolve(".git").resolve("packed-refs");
                    if (Files.isRegularFile(packed)) {
                        for (String line : Files.readAllLines(packed)) {
                            if (line.endsWith(" " + ref.substring(5))) {
                                return line.substring(0, line.indexOf(' '));
                            }
                        }
                    }
                    return "unknown";
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }
}
