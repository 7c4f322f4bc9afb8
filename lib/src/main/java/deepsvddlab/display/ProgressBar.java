package deepsvddlab.display;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A training progress line, e.g.
 * {@code svdd epoch 12/150 [===>        ] loss 0.0213 lr 1e-4 1.2 s ETA 2:46}, fed once per epoch
 * through {@link #onEpoch} and closed with {@link #onDone}. Make one with {@link Progress}.
 *
 * <p>Three ways to show it: in a terminal the line is redrawn in place with a carriage return; in
 * a notebook whose kernel can update outputs (rapaio does) one output is updated in place and also
 * carries a small SVG curve of the loss so far; elsewhere (logs, kernels without updates) one line
 * is printed every {@code max(1, epochs/10)} epochs and at the last epoch.
 */
public final class ProgressBar implements deepsvddlab.train.ProgressListener {
    /** How the line reaches the user. */
    enum Mode {
        TERMINAL,
        LINES,
        NOTEBOOK
    }

    private static final int BAR = 20;
    private static final long MIN_UPDATE_NANOS = 250_000_000L;

    private final Mode mode;
    private final PrintStream out;
    private String phase;
    private String displayId;
    private long lastUpdate;
    private int lastLength;
    private double totalSeconds;
    private int lastEpoch;
    private int lastEpochs;
    private final List<Double> curve = new ArrayList<>();
    private String curveName;

    ProgressBar(Mode mode, PrintStream out) {
        this.mode = mode;
        this.out = out;
    }

    /** Reports one finished epoch of a trainer in this library. */
    @Override
    public void onEpoch(deepsvddlab.train.EpochRecord r) {
        onEpoch(r.phase(), r.epoch(), r.epochs(), r.metrics(), r.seconds(), r.etaSeconds());
    }

    /**
     * Reports one finished epoch.
     *
     * @param phase      the training phase, e.g. "pretrain" or "svdd"
     * @param epoch      1-based epoch number
     * @param epochs     number of epochs in the phase
     * @param metrics    values to show (loss terms, lr, R), in the map's order
     * @param seconds    the epoch's duration in seconds
     * @param etaSeconds estimated seconds left in the phase
     */
    public synchronized void onEpoch(
            String phase, int epoch, int epochs, Map<String, Double> metrics, double seconds, double etaSeconds) {
        if (!phase.equals(this.phase)) {
            finishPhase();
            this.phase = phase;
            this.displayId = null;
            this.totalSeconds = 0;
            this.curve.clear();
            this.curveName = null;
        }
        totalSeconds += Double.isFinite(seconds) ? seconds : 0;
        lastEpoch = epoch;
        lastEpochs = epochs;
        recordCurve(metrics);
        String line = line(phase, epoch, epochs, metrics, seconds, etaSeconds);
        boolean last = epoch >= epochs;
        switch (mode) {
            case TERMINAL -> {
                String padded = line + " ".repeat(Math.max(0, lastLength - line.length()));
                out.print("\r" + padded);
                out.flush();
                lastLength = line.length();
            }
            case LINES -> {
                if (epoch == 1 || last || epoch % Math.max(1, epochs / 10) == 0) {
                    out.println(line);
                }
            }
            case NOTEBOOK -> {
                long now = System.nanoTime();
                if (displayId == null) {
                    displayId = "dsvdd-progress-" + UUID.randomUUID();
                    KernelBridge.display(bundle(line, epoch, epochs), displayId);
                    lastUpdate = now;
                } else if (last || now - lastUpdate >= MIN_UPDATE_NANOS) {
                    KernelBridge.update(bundle(line, epoch, epochs), displayId);
                    lastUpdate = now;
                }
            }
        }
    }

    /** Ends a phase: finishes the terminal line, prints the phase's total time. */
    public synchronized void onDone(String phase) {
        if (phase != null && phase.equals(this.phase)) {
            finishPhase();
            this.phase = null;
        }
    }

    private void finishPhase() {
        if (phase == null) {
            return;
        }
        String summary = phase + " done: " + lastEpoch + "/" + lastEpochs + " epochs in " + Fmt.duration(totalSeconds);
        if (mode == Mode.TERMINAL) {
            out.println();
            lastLength = 0;
        }
        if (mode != Mode.NOTEBOOK) {
            out.println(summary);
        }
    }

    /** The loss (or first metric) history, drawn as a small curve in notebooks. */
    private void recordCurve(Map<String, Double> metrics) {
        if (metrics == null || metrics.isEmpty()) {
            return;
        }
        if (curveName == null) {
            curveName = metrics.containsKey("loss")
                    ? "loss"
                    : metrics.keySet().iterator().next();
        }
        Double v = metrics.get(curveName);
        curve.add(v == null ? Double.NaN : v);
    }

    private Map<String, Object> bundle(String line, int epoch, int epochs) {
        double f = epochs > 0 ? Math.max(0, Math.min(1, (double) epoch / epochs)) : 0;
        String html = "<div class=\"dsvdd-progress\" style=\"font-family:monospace;font-size:12px;\">"
                + "<div style=\"display:inline-block;width:200px;height:10px;border:1px solid #999;"
                + "vertical-align:middle;margin-right:8px;\"><div style=\"width:" + Math.round(200 * f)
                + "px;height:10px;background:#1f77b4;\"></div></div>" + Html.escape(line)
                + sparkline() + "</div>";
        Map<String, Object> b = new LinkedHashMap<>();
        b.put(Mime.HTML, html);
        b.put(Mime.TEXT, line);
        return b;
    }

    /** An inline SVG polyline of the recorded curve (nothing until two finite points exist). */
    private String sparkline() {
        double[] range = Fmt.finiteRange(curve.stream().mapToDouble(Double::doubleValue));
        double lo = range[0];
        double hi = range[1];
        if (curve.stream().filter(Double::isFinite).count() < 2) {
            return "";
        }
        double w = 240;
        double h = 40;
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < curve.size(); i++) {
            double v = curve.get(i);
            if (Double.isFinite(v)) {
                double x = curve.size() == 1 ? 0 : i * w / (curve.size() - 1);
                double y = hi > lo ? h - 2 - (v - lo) / (hi - lo) * (h - 4) : h / 2;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
        }
        return "<div style=\"margin-top:4px;color:#555;\"><svg width=\"" + (int) w + "\" height=\"" + (int) h
                + "\" style=\"border-left:1px solid #999;border-bottom:1px solid #999;vertical-align:middle;\">"
                + "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\" points=\""
                + pts.toString().trim()
                + "\"/></svg> " + Html.escape(curveName) + " " + Fmt.compact(hi, 4) + " &rarr; "
                + Fmt.compact(curve.get(curve.size() - 1), 4) + "</div>";
    }

    /**
     * The progress line: phase, epoch, a {@value #BAR}-character bar, the metrics, the epoch's
     * seconds and the time left.
     */
    public static String line(
            String phase, int epoch, int epochs, Map<String, Double> metrics, double seconds, double etaSeconds) {
        int done = epochs > 0 ? (int) Math.round(BAR * Math.max(0, Math.min(1, (double) epoch / epochs))) : 0;
        String bar = done >= BAR
                ? "=".repeat(BAR)
                : "=".repeat(Math.max(0, done - 1)) + (done > 0 ? ">" : "") + " ".repeat(BAR - done);
        StringBuilder b = new StringBuilder(phase == null || phase.isEmpty() ? "" : phase + " ");
        b.append("epoch ")
                .append(epoch)
                .append('/')
                .append(epochs)
                .append(" [")
                .append(bar)
                .append(']');
        if (metrics != null) {
            metrics.forEach((k, v) -> b.append(' ').append(k).append(' ').append(v == null ? "-" : Fmt.compact(v, 4)));
        }
        b.append(String.format(Locale.ROOT, seconds < 10 ? " %.2f s" : " %.1f s", seconds));
        if (epoch < epochs) {
            b.append(" ETA ").append(Fmt.duration(etaSeconds));
        }
        return b.toString();
    }
}
