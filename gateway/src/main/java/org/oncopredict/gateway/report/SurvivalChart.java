package org.oncopredict.gateway.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

import com.lowagie.text.BadElementException;
import com.lowagie.text.Image;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfTemplate;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.oncopredict.proto.efficacy.v1.RegimenPrediction;
import org.oncopredict.proto.efficacy.v1.SurvivalPoint;

/**
 * Progression-free survival curves of several regimens on one chart, each with its interval band, drawn by JFreeChart
 * straight into the PDF as vector graphics (sharp at any print size). Regimens differ by line pattern as well as
 * colour, so the chart reads in greyscale; 6, 12 and 24 months are marked.
 */
final class SurvivalChart {

    static final int MAX_MONTHS = 36;
    private static final Color[] COLOURS = {new Color(0x1f4e89), new Color(0xb5452b), new Color(0x2e7d32)};
    private static final float[][] DASHES = {null, {6f, 3f}, {1.5f, 2.5f}};

    private SurvivalChart() {
    }

    /** Whether the prediction has a monthly PFS curve to draw. */
    static boolean drawable(RegimenPrediction p) {
        return p.hasProgressionFreeSurvival() && p.getProgressionFreeSurvival().getMonthlyCurveCount() > 1;
    }

    /** The chart as an image element of the given size in points. */
    static Image image(PdfContentByte canvas, List<RegimenPrediction> regimens, String intervalLabel, float width,
                       float height, ReportFonts fonts) throws BadElementException {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (RegimenPrediction p : regimens) {
            YIntervalSeries s = new YIntervalSeries(p.getRegimenName());
            for (SurvivalPoint pt : p.getProgressionFreeSurvival().getMonthlyCurveList()) {
                if (pt.getMonth() <= MAX_MONTHS) {
                    s.add(pt.getMonth(), pt.getSurvival(), pt.getLower(), pt.getUpper());
                }
            }
            data.addSeries(s);
        }
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        renderer.setAlpha(0.15f);
        for (int i = 0; i < regimens.size(); i++) {
            Color c = COLOURS[i % COLOURS.length];
            renderer.setSeriesPaint(i, c);
            renderer.setSeriesFillPaint(i, c);
            float[] dash = DASHES[i % DASHES.length];
            renderer.setSeriesStroke(i, dash == null ? new BasicStroke(1.6f)
                    : new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f));
        }
        NumberAxis x = new NumberAxis("months since the start of treatment");
        x.setRange(0, MAX_MONTHS);
        x.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(6));
        NumberAxis y = new NumberAxis("progression-free (" + intervalLabel + " bands)");
        y.setRange(0, 1);
        y.setNumberFormatOverride(java.text.NumberFormat.getPercentInstance(java.util.Locale.ROOT));
        for (NumberAxis axis : List.of(x, y)) {
            axis.setLabelFont(fonts.chartFont(8f, false));
            axis.setTickLabelFont(fonts.chartFont(7.5f, false));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        for (int month : new int[] {6, 12, 24}) {
            ValueMarker m = new ValueMarker(month, Color.GRAY, new BasicStroke(0.6f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {2f, 2f}, 0f));
            m.setLabel(month + " mo");
            m.setLabelFont(fonts.chartFont(7f, false));
            m.setLabelOffset(new RectangleInsets(2, 12, 2, 2));
            plot.addDomainMarker(m);
        }
        JFreeChart chart = new JFreeChart(null, fonts.chartFont(9f, true), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setItemFont(fonts.chartFont(8f, false));
        PdfTemplate template = canvas.createTemplate(width, height);
        Graphics2D g = template.createGraphics(width, height, fonts.chartMapper());
        try {
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        return Image.getInstance(template);
    }
}
