package deepsvddlab.io;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lab's settings and where the project lies, read one way everywhere: a setting is the system
 * property ({@code -Ddsvdd.data.dir=...}, the explicit one) if set, else the environment variable
 * ({@code DSVDD_DATA_DIR}); the project root is the outermost of the nested folders holding a
 * pom.xml above the working folder (the repository, also from notebooks/ or lib/).
 */
public final class Settings {
    private Settings() {}

    /** A setting: the system property, else the environment variable; null when both are unset or blank. */
    public static String get(String property, String env) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The project root above {@code start} (e.g. notebooks/ or lib/), or null when no pom.xml is found. */
    public static Path projectRoot(Path start) {
        Path dir = start.toAbsolutePath().normalize();
        while (dir != null && !Files.isRegularFile(dir.resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            return null;
        }
        // lib/ and bench/ have their own pom.xml: keep going while the parent is a Maven project too
        while (dir.getParent() != null && Files.isRegularFile(dir.getParent().resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    /** The project root above the working folder, or null. */
    public static Path projectRoot() {
        return projectRoot(Path.of(""));
    }
}
