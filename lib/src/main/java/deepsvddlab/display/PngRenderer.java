package deepsvddlab.display;

import deepsvddlab.display.Chart.Bars;
import deepsvddlab.display.Chart.Heatmap;
import deepsvddlab.display.Chart.Histogram;
import deepsvddlab.display.Chart.Line;
import deepsvddlab.display.Chart.Points;
import deepsvddlab.display.Chart.Series;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a {@link Chart} with JFreeChart in the look of its Plotly version: white background, light
 * grey grid, the series' colours and opacities, the legend on the right, dashed threshold lines,
 * a Viridis colour bar for heat maps.
 */
final class PngRenderer {
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 17);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color GRID = new Color(0xe5e5e5);
    private static final Color AXIS = new Color(0x444444);

    private PngRenderer() {}

    /** The image and where the data area lies in it (for tests that look at known points). */
    record Drawn(BufferedImage image, Rectangle2D dataArea, Plot plot) {
        /** The pixel of data point (x, y) on an x-y chart. */
        double[] pixel(double x, double y) {
            XYPlot p = (XYPlot) plot;
            return new double[] {p.getDomainAxis().valueToJava2D(x, dataArea, RectangleEdge.BOTTOM), yPixel(y)};
        }

        /** The pixel row of value y on the vertical axis. */
        double yPixel(double y) {
            ValueAxis axis = plot instanceof XYPlot p ? p.getRangeAxis() : ((CategoryPlot) plot).getRangeAxis();
            return axis.valueToJava2D(y, dataArea, RectangleEdge.LEFT);
        }
    }

    static Drawn render(Chart c) {
        Series first = c.series().get(0);
        Plot plot = first instanceof Bars ? bars(c) : first instanceof Heatmap h ? heatmap(c, h) : xy(c);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        JFreeChart chart = new JFreeChart(c.title().isEmpty() ? null : c.title(), TITLE, plot, c.legend());
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(4, 8, 8, 12));
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.RIGHT);
            legend.setFrame(BlockBorder.NONE);
            legend.setItemFont(TICK);
        }
        if (first instanceof Heatmap h) {
            chart.addSubtitle(colourBar(h));
        }
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = chart.createBufferedImage(c.width(), c.height(), BufferedImage.TYPE_INT_RGB, info);
        return new Drawn(image, info.getPlotInfo().getDataArea(), plot);
    }

    private static XYPlot xy(Chart c) {
        XYPlot plot = new XYPlot();
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        boolean histogram = false;
        int i = 0;
        for (Series s : c.series()) {
            if (s instanceof Histogram h) {
                XYIntervalSeries bins = new XYIntervalSeries(h.name());
                double[] heights = h.heights();
                for (int b = 0; b < h.bins(); b++) {
                    double lo = h.start() + b * h.size();
                    bins.add(lo + h.size() / 2, lo, lo + h.size(), heights[b], 0, heights[b]);
                }
                XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
                data.addSeries(bins);
                XYBarRenderer r = new XYBarRenderer(0.02);
                r.setBarPainter(new StandardXYBarPainter());
                r.setShadowVisible(false);
                r.setDrawBarOutline(false);
                r.setSeriesPaint(0, color(h.color(), h.opacity()));
                plot.setDataset(i, data);
                plot.setRenderer(i++, r);
                histogram = true;
                continue;
            }
            XYSeries xy = new XYSeries(s.name(), false, true);
            double[] x = s instanceof Line l ? l.x() : ((Points) s).x();
            double[] y = s instanceof Line l ? l.y() : ((Points) s).y();
            for (int k = 0; k < x.length; k++) {
                xy.add(x[k], Double.isFinite(y[k]) ? y[k] : Double.NaN);
            }
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(s instanceof Line, true);
            if (s instanceof Line l) {
                r.setSeriesPaint(0, color(l.color(), 1));
                r.setSeriesStroke(
                        0,
                        l.dashed()
                                ? new BasicStroke(
                                        1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6, 4}, 0)
                                : new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                r.setSeriesShapesVisible(0, l.markers());
                r.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
            } else {
                Points p = (Points) s;
                r.setSeriesPaint(0, color(p.color(), 0.75));
                r.setSeriesShape(0, new Ellipse2D.Double(-p.size() / 2, -p.size() / 2, p.size(), p.size()));
            }
            plot.setDataset(i, new XYSeriesCollection(xy));
            plot.setRenderer(i++, r);
        }
        plot.setDomainAxis(axis(new NumberAxis(c.xLabel()), c.xRange(), false));
        plot.setRangeAxis(axis(new NumberAxis(c.yLabel()), c.yRange(), histogram));
        grid(plot);
        for (double x : c.verticalLines()) {
            ValueMarker m = new ValueMarker(
                    x,
                    new Color(0x222222),
                    new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {8, 5}, 0));
            plot.addDomainMarker(m, Layer.FOREGROUND);
        }
        return plot;
    }

    private static CategoryPlot bars(Chart c) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        boolean errors = false;
        for (Series s : c.series()) {
            Bars b = (Bars) s;
            errors |= b.errors() != null;
            for (int k = 0; k < b.categories().length; k++) {
                data.add(
                        finite(b.values()[k]),
                        b.errors() == null ? null : finite(b.errors()[k]),
                        b.name(),
                        b.categories()[k]);
            }
        }
        BarRenderer r = errors ? new StatisticalBarRenderer() : new BarRenderer();
        if (r instanceof StatisticalBarRenderer sr) {
            sr.setErrorIndicatorPaint(AXIS);
            sr.setErrorIndicatorStroke(new BasicStroke(1.5f));
        }
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setItemMargin(0);
        r.setDrawBarOutline(false);
        for (int k = 0; k < c.series().size(); k++) {
            r.setSeriesPaint(k, color(((Bars) c.series().get(k)).color(), 1));
        }
        CategoryAxis x = new CategoryAxis(c.xLabel());
        x.setCategoryMargin(0.2);
        if (((Bars) c.series().get(0)).categories().length > 10) {
            // many categories (the 32 coordinates of c): upright labels, so each one is readable
            x.setCategoryLabelPositions(org.jfree.chart.axis.CategoryLabelPositions.UP_90);
            x.setMaximumCategoryLabelWidthRatio(3f);
        }
        x.setLowerMargin(0.04);
        x.setUpperMargin(0.04);
        style(x);
        CategoryPlot plot = new CategoryPlot(data, x, axis(new NumberAxis(c.yLabel()), c.yRange(), true), r);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setDomainGridlinesVisible(false);
        return plot;
    }

    private static XYPlot heatmap(Chart c, Heatmap h) {
        int rows = h.z().length;
        int cols = h.z()[0].length;
        double[][] xyz = new double[3][rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < cols; k++) {
                xyz[0][r * cols + k] = k;
                xyz[1][r * cols + k] = r;
                xyz[2][r * cols + k] = h.z()[r][k];
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("z", xyz);
        XYBlockRenderer renderer = new XYBlockRenderer();
        Viridis scale = new Viridis(h);
        renderer.setPaintScale(scale);
        ValueAxis x = labelled(c.xLabel(), h.xLabels(), cols);
        ValueAxis y = labelled(c.yLabel(), h.yLabels(), rows);
        y.setInverted(true);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        if (h.cellText()) {
            boolean integers = Fmt.integers(h.z());
            for (int i = 0; i < xyz[2].length; i++) {
                double v = xyz[2][i];
                XYTextAnnotation t = new XYTextAnnotation(
                        integers ? String.valueOf((long) v) : Fmt.compact(v, 3), xyz[0][i], xyz[1][i]);
                t.setFont(LABEL);
                Color cell = (Color) scale.getPaint(v);
                double luminance = 0.299 * cell.getRed() + 0.587 * cell.getGreen() + 0.114 * cell.getBlue();
                t.setPaint(luminance < 128 ? Color.WHITE : Color.BLACK);
                renderer.addAnnotation(t);
            }
        }
        return plot;
    }

    /** Category labels on a numeric axis at 0, 1, ..., n - 1 (or the numbers themselves). */
    private static ValueAxis labelled(String label, String[] labels, int n) {
        ValueAxis a;
        if (labels != null) {
            a = new SymbolAxis(label, labels);
            ((SymbolAxis) a).setGridBandsVisible(false);
        } else {
            NumberAxis na = new NumberAxis(label);
            na.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            a = na;
        }
        a.setRange(-0.5, n - 0.5);
        style(a);
        return a;
    }

    private static PaintScaleLegend colourBar(Heatmap h) {
        Viridis scale = new Viridis(h);
        NumberAxis axis = new NumberAxis();
        axis.setRange(scale.getLowerBound(), scale.getUpperBound());
        style(axis);
        PaintScaleLegend bar = new PaintScaleLegend(scale, axis);
        bar.setPosition(RectangleEdge.RIGHT);
        bar.setStripWidth(16);
        bar.setSubdivisionCount(200);
        bar.setMargin(new RectangleInsets(10, 14, 10, 0));
        bar.setBackgroundPaint(Color.WHITE);
        return bar;
    }

    private static NumberAxis axis(NumberAxis a, double[] range, boolean includeZero) {
        a.setAutoRangeIncludesZero(includeZero);
        if (range != null) {
            a.setRange(range[0], range[1]);
        }
        style(a);
        return a;
    }

    private static void style(org.jfree.chart.axis.Axis a) {
        a.setLabelFont(LABEL);
        a.setTickLabelFont(TICK);
        a.setAxisLinePaint(AXIS);
        a.setTickMarkPaint(AXIS);
        a.setTickLabelPaint(AXIS);
        a.setLabelPaint(new Color(0x2a2a2a));
        a.setTickLabelInsets(new RectangleInsets(8, 6, 8, 6)); // fewer, Plotly-like ticks
    }

    private static void grid(XYPlot plot) {
        plot.setDomainGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(new BasicStroke(1f));
    }

    /** The value, or null (no bar, no error bar) when it is NaN or infinite. */
    private static Number finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** A CSS hex colour ("#1f77b4" or "#17b") at an opacity. */
    static Color color(String hex, double opacity) {
        String h = hex.startsWith("#") ? hex.substring(1) : hex;
        if (h.length() == 3) {
            h = "" + h.charAt(0) + h.charAt(0) + h.charAt(1) + h.charAt(1) + h.charAt(2) + h.charAt(2);
        }
        int rgb = Integer.parseInt(h, 16);
        return new Color((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, (int) Math.round(opacity * 255));
    }

    /** Plotly's Viridis stops, interpolated linearly between the finite minimum and maximum. */
    static final class Viridis implements PaintScale {
        private final double lo;
        private final double hi;

        Viridis(Heatmap h) {
            double[] r = Fmt.finiteRange(java.util.Arrays.stream(h.z()).flatMapToDouble(java.util.Arrays::stream));
            lo = r[0] <= r[1] ? r[0] : 0;
            hi = r[0] < r[1] ? r[1] : lo + 1;
        }

        @Override
        public double getLowerBound() {
            return lo;
        }

        @Override
        public double getUpperBound() {
            return hi;
        }

        @Override
        public Paint getPaint(double value) {
            return Double.isFinite(value) ? new Color(Charts.viridisRgb((value - lo) / (hi - lo))) : Color.WHITE;
        }
    }
}
