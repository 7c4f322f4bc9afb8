package deepsvddlab.display;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root: the outermost of the nested folders holding a pom.xml, walking up from the working folder. */
final class RepoRoot {
    private RepoRoot() {}

    /** The root above {@code start} (e.g. notebooks/ or lib/), or null when no pom.xml is found. */
    static Path find(Path start) {
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

    /** The root above the working folder, or null. */
    static Path find() {
        return find(Path.of(""));
    }

    /** A setting from a system property (first) or an environment variable, or null when unset or blank. */
    static String setting(String property, String env) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? null : v;
    }
}
