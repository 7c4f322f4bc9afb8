package deepsvddlab.display;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Saves figures for the README and reports: a chart as {@code <name>.png} (drawn by JFreeChart) and
 * {@code <name>.html} (standalone, plotly.js inlined when bin/fetch-plotly has run, else loaded from
 * a CDN), an image as {@code <name>.png}. Files are written to a temporary file and moved into
 * place, so a reader never sees half a figure.
 */
public final class Figures {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private Figures() {}

    /**
     * The figures folder: system property {@code dsvdd.figures.dir} or environment variable
     * {@code DSVDD_FIGURES_DIR}, else {@code figures/} at the repository root (the folder with the
     * top pom.xml above the working folder), else {@code ./figures}.
     */
    public static Path dir() {
        String configured = deepsvddlab.io.Settings.get("dsvdd.figures.dir", "DSVDD_FIGURES_DIR");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        Path root = deepsvddlab.io.Settings.projectRoot();
        return (root != null ? root.resolve("figures") : Path.of("figures")).toAbsolutePath();
    }

    /** Writes {@code <dir>/<name>.png} and {@code <dir>/<name>.html}; returns the PNG path. */
    public static Path save(String name, Chart chart) {
        return save(dir(), name, chart);
    }

    /** Writes {@code <dir>/<name>.png} and {@code <dir>/<name>.html} into another folder (a runs folder). */
    public static Path save(Path dir, String name, Chart chart) {
        Path png = write(dir, name, chart);
        KernelBridge.out.println("saved " + png + " and " + name + ".html");
        return png;
    }

    /** As {@link #save(Path, String, Chart)} without the line it prints (for a command's own report). */
    public static Path write(Path dir, String name, Chart chart) {
        checkName(name);
        if (chart == null) {
            throw new IllegalArgumentException("chart must be non-null, found null; build one with Charts.*");
        }
        Path png = dir.resolve(name + ".png");
        write(png, Show.png(chart.toImage()));
        write(
                dir.resolve(name + ".html"),
                PlotlyJs.page(chart, PlotlyJs.locate()).getBytes(StandardCharsets.UTF_8));
        return png;
    }

    /** Writes {@code <dir>/<name>.png}; returns its path. */
    public static Path save(String name, BufferedImage image) {
        checkName(name);
        if (image == null) {
            throw new IllegalArgumentException("image must be non-null, found null; pass a BufferedImage");
        }
        Path png = dir().resolve(name + ".png");
        write(png, Show.png(image));
        KernelBridge.out.println("saved " + png);
        return png;
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.endsWith(".png") || name.endsWith(".html")) {
            throw new IllegalArgumentException("name must be a file name without folder or extension "
                    + "(letters, digits, '.', '_', '-'), found " + (name == null ? "null" : "\"" + name + "\"")
                    + "; e.g. \"010-score-histogram\"");
        }
    }

    /** Atomic write (see {@link deepsvddlab.io.AtomicFiles}). */
    static void write(Path target, byte[] bytes) {
        deepsvddlab.io.AtomicFiles.write(target, out -> out.write(bytes));
    }
}
