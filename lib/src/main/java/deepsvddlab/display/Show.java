package deepsvddlab.display;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * Rich output for notebooks: tables, charts, images, Markdown and HTML, each published as one
 * MIME bundle through whichever Java kernel runs the notebook (rapaio, IJava or JJava). Outside
 * a kernel (command line, tests) every call prints its plain-text form instead, so notebook code
 * runs unchanged in batch.
 *
 * <p>A notebook's setup cell calls {@link #init()} once; it inlines plotly.js so charts render
 * offline, in JupyterLab, VS Code, and in HTML exported with nbconvert.
 */
public final class Show {
    /** Rows shown by {@link #table(Table)}. */
    public static final int DEFAULT_MAX_ROWS = 20;

    private Show() {}

    /**
     * The one setup call: sets headless AWT (charts and images are drawn off screen) and publishes
     * plotly.js as an inline script, once per notebook, so later charts draw without network. When
     * build/plotly/plotly.min.js is missing (run bin/fetch-plotly) it falls back to a pinned CDN
     * copy and says so in one line.
     */
    public static void init() {
        System.setProperty("java.awt.headless", "true");
        Path file = PlotlyJs.locate();
        String text = file != null
                ? "display ready: plotly.js inlined from " + file
                : "display ready; warning: plotly.js not found (run bin/fetch-plotly or set DSVDD_PLOTLY_JS), "
                        + "charts load it from " + PlotlyJs.CDN;
        if (!KernelBridge.inKernel()) {
            KernelBridge.out.println(text);
            return;
        }
        Map<String, Object> b = new LinkedHashMap<>();
        b.put(
                Mime.HTML,
                PlotlyJs.scriptElement(file) + "\n<div style=\"font-size:11px;color:#888\">" + Html.escape(text)
                        + "</div>");
        b.put(Mime.TEXT, text);
        KernelBridge.display(b, null);
    }

    /** Shows a chart: Plotly JSON, offline HTML, the PNG (JFreeChart) and a text summary in one output. */
    public static void chart(Chart chart) {
        KernelBridge.display(chartBundle(chart, newDivId()), null);
    }

    /** Shows a chart and saves it as figures/{name}.png and .html (see {@link Figures#save(String, Chart)}). */
    public static void chart(Chart chart, String name) {
        chart(chart);
        Figures.save(name, chart);
    }

    /** Shows an image and saves it as figures/&lt;name&gt;.png (see {@link Figures#save(String, BufferedImage)}). */
    public static void image(BufferedImage image, String name) {
        image(image);
        Figures.save(name, image);
    }

    /** Shows a tablesaw-jsplot figure (converted to a {@link Chart}). */
    public static void chart(Figure figure) {
        chart(Chart.of(figure));
    }

    /** Shows the first {@value #DEFAULT_MAX_ROWS} rows of a table. */
    public static void table(Table table) {
        table(table, DEFAULT_MAX_ROWS);
    }

    /** Shows the first {@code maxRows} rows of a table as an HTML table (and text). */
    public static void table(Table table, int maxRows) {
        KernelBridge.display(tableBundle(table, maxRows), null);
    }

    /** Shows an image as a PNG. */
    public static void image(BufferedImage image) {
        if (image == null) {
            throw new IllegalArgumentException("image must be non-null, found null; pass a BufferedImage");
        }
        publish(Mime.PNG, pngBase64(image), "image " + image.getWidth() + "x" + image.getHeight());
    }

    /** Shows Markdown (rendered by the notebook front end). */
    public static void markdown(String markdown) {
        publish(Mime.MARKDOWN, markdown, markdown);
    }

    /** Shows HTML. */
    public static void html(String html) {
        publish(Mime.HTML, html, html == null ? "" : html.replaceAll("<[^>]*>", ""));
    }

    /** Shows plain text (the same on every kernel, unlike a String as a cell's last expression). */
    public static void text(String text) {
        publish(Mime.TEXT, text, text);
    }

    /** One output of {@code value} as {@code mime} (null as empty) with its plain-text form. */
    private static void publish(String mime, String value, String text) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put(mime, value == null ? "" : value);
        b.put(Mime.TEXT, text == null ? "" : text);
        KernelBridge.display(b, null);
    }

    // ---- bundles (package-private for tests) ----------------------------------------------------

    static Map<String, Object> chartBundle(Chart chart, String divId) {
        if (chart == null) {
            throw new IllegalArgumentException("chart must be non-null, found null; build one with Charts.*");
        }
        Map<String, Object> b = new LinkedHashMap<>();
        b.put(Mime.PLOTLY, chart.toPlotly());
        b.put(Mime.HTML, PlotlyJs.chartHtml(chart, divId));
        b.put(Mime.PNG, pngBase64(chart.toImage()));
        b.put(Mime.TEXT, chart.toString());
        return b;
    }

    static Map<String, Object> tableBundle(Table table, int maxRows) {
        if (table == null) {
            throw new IllegalArgumentException("table must be non-null, found null; pass a tablesaw Table");
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, found " + maxRows + "; e.g. 20");
        }
        int shown = Math.min(maxRows, table.rowCount());
        String caption = (table.name() == null || table.name().isEmpty() ? "table" : table.name()) + ": "
                + table.rowCount() + " rows x " + table.columnCount() + " columns"
                + (shown < table.rowCount() ? ", first " + shown + " shown" : "");
        StringBuilder h = new StringBuilder("<table class=\"dsvdd-table\" style=\"border-collapse:collapse;"
                + "font-size:12px;\">\n<caption style=\"text-align:left;color:#555;caption-side:top;\">"
                + Html.escape(caption) + "</caption>\n<thead><tr>");
        for (int c = 0; c < table.columnCount(); c++) {
            h.append(cell(
                    table,
                    c,
                    "th",
                    "border-bottom:2px solid #999;",
                    table.column(c).name()));
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < shown; r++) {
            h.append("<tr>");
            for (int c = 0; c < table.columnCount(); c++) {
                h.append(cell(table, c, "td", "", table.getString(r, c)));
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table>");
        Map<String, Object> b = new LinkedHashMap<>();
        b.put(Mime.HTML, h.toString());
        b.put(Mime.TEXT, caption + "\n" + table.first(shown).printAll());
        return b;
    }

    /** One header or body cell, numbers right-aligned. */
    private static String cell(Table table, int column, String tag, String style, String text) {
        String align = table.column(column) instanceof NumericColumn<?> ? "right" : "left";
        return "<" + tag + " style=\"padding:2px 8px;border-bottom:1px solid #ddd;" + style + "text-align:" + align
                + ";\">" + Html.escape(text) + "</" + tag + ">";
    }

    static String pngBase64(BufferedImage image) {
        return Base64.getEncoder().encodeToString(png(image));
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer available in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String newDivId() {
        return "dsvdd-chart-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
