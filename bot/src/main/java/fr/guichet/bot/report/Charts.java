package fr.guichet.bot.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Draws a {@link ChartSpec} with JFreeChart, as inline SVG for the HTML report (JFreeSVG)
 * or as PNG for Discord. Flat bars, no gradient or shadow (they print badly and bloat the
 * SVG), a palette readable by colour-blind readers (Okabe–Ito), French number format.
 */
public final class Charts {

    static {
        // a server has no display; JFreeChart only needs fonts
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // JFreeChart's default draws rotated labels as outlines (a workaround for JDKs of 2007):
        // in SVG that makes shapes instead of text, heavier, unsearchable and unreadable by screen readers
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    public static final int WIDTH = 680;
    private static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xE69F00), new Color(0xD55E00), new Color(0x009E73),
        new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xF0E442), new Color(0x000000),
    };
    private static final Color INK = new Color(0x222222);
    private static final Color GRID = new Color(0xDDDDDD);
    private static final String FONT = "SansSerif";
    private static final Pattern XMLNS = Pattern.compile("\\s+xmlns(:\\w+)?='[^']*'"); // JFreeSVG writes it as the generic sans-serif

    private Charts() {
    }

    /** Height that gives each category of a horizontal chart room for its label. */
    static int height(ChartSpec spec) {
        if (!spec.horizontal()) {
            return 340;
        }
        return Math.max(220, 110 + 24 * spec.categories().size());
    }

    /**
     * The chart as an {@code <svg>} element that scales to its container (viewBox).
     *
     * @param idPrefix unique in the page: JFreeSVG names its clip paths with it, and two
     *                 charts sharing ids would clip each other
     */
    public static String svg(ChartSpec spec, String idPrefix) {
        int height = height(spec);
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, height);
        g.setDefsKeyPrefix(idPrefix);
        DecimalFormat two = new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
        g.setGeomDoubleConverter(two::format); // a hundredth of a pixel is plenty, and halves the size
        g.setTransformDoubleConverter(two::format);
        chart(spec).draw(g, new Rectangle(0, 0, WIDTH, height));
        String svg = g.getSVGElement(idPrefix + "svg", false, new ViewBox(0, 0, WIDTH, height), null, null);
        // inline in HTML the parser puts <svg> in the SVG namespace by itself; without the
        // declarations, the page holds no address at all (JFreeSVG declares its own, at jfree.org)
        return XMLNS.matcher(svg.substring(0, svg.indexOf('>'))).replaceAll("") + svg.substring(svg.indexOf('>'));
    }

    /** The chart as a PNG image, twice the SVG's resolution (sharp on Discord's high-density screens). */
    public static byte[] png(ChartSpec spec) {
        int height = height(spec);
        BufferedImage image = new BufferedImage(WIDTH * 2, height * 2, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(2, 2);
            chart(spec).draw(g, new Rectangle2D.Double(0, 0, WIDTH, height));
        } finally {
            g.dispose();
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChartUtils.writeBufferedImageAsPNG(out, image);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
    }

    static JFreeChart chart(ChartSpec spec) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int s = 0; s < spec.series().size(); s++) {
            for (int c = 0; c < spec.categories().size(); c++) {
                data.addValue(spec.values().get(s).get(c), spec.series().get(s), spec.categories().get(c));
            }
        }
        CategoryAxis categories = new CategoryAxis(spec.categoryAxis());
        categories.setLabelFont(new Font(FONT, Font.PLAIN, 12));
        categories.setTickLabelFont(new Font(FONT, Font.PLAIN, 11));
        categories.setLabelPaint(INK);
        categories.setTickLabelPaint(INK);
        categories.setMaximumCategoryLabelLines(2);
        categories.setCategoryMargin(spec.stacked() || spec.series().size() == 1 ? 0.25 : 0.15);
        if (!spec.horizontal() && spec.categories().size() > 8) {
            categories.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        NumberAxis values = new NumberAxis(spec.valueAxis());
        values.setLabelFont(new Font(FONT, Font.PLAIN, 12));
        values.setTickLabelFont(new Font(FONT, Font.PLAIN, 11));
        values.setLabelPaint(INK);
        values.setTickLabelPaint(INK);
        values.setNumberFormatOverride(new DecimalFormat("#,##0.#", frenchSymbols()));
        if (isWhole(spec.values())) {
            values.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        BarRenderer renderer = spec.stacked() ? new StackedBarRenderer() : new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setItemMargin(0.05);
        renderer.setMaximumBarWidth(spec.horizontal() ? 0.08 : 0.12);
        for (int s = 0; s < spec.series().size(); s++) {
            renderer.setSeriesPaint(s, PALETTE[s % PALETTE.length]);
        }
        CategoryPlot plot = new CategoryPlot(data, categories, values, renderer);
        plot.setOrientation(spec.horizontal() ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setDomainGridlinesVisible(false);
        plot.setInsets(new RectangleInsets(4, 4, 4, 12));
        boolean legend = spec.series().size() > 1;
        JFreeChart chart = new JFreeChart(spec.title(), new Font(FONT, Font.BOLD, 15), plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        TextTitle title = chart.getTitle();
        title.setPaint(INK);
        title.setPadding(new RectangleInsets(6, 4, 6, 4));
        if (legend) {
            chart.getLegend().setItemFont(new Font(FONT, Font.PLAIN, 11));
            chart.getLegend().setFrame(BlockBorder.NONE);
            chart.getLegend().setBackgroundPaint(Color.WHITE);
        }
        return chart;
    }

    private static boolean isWhole(List<List<Double>> values) {
        return values.stream().flatMap(List::stream).allMatch(v -> v == Math.rint(v));
    }

    private static DecimalFormatSymbols frenchSymbols() {
        DecimalFormatSymbols s = DecimalFormatSymbols.getInstance(Locale.FRENCH);
        s.setGroupingSeparator(Fr.NBSP.charAt(0));
        s.setDecimalSeparator(',');
        return s;
    }
}
