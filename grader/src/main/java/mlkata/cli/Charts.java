package mlkata.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.text.SimpleDateFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.Millisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The charts of the command's HTML pages, drawn by JFreeChart onto JFreeSVG's SVG canvas and inlined into
 * the page as {@code <svg>} elements. Each chart gets its own id prefix, so the clip paths and gradients
 * of several charts on one page never share an id.
 */
final class Charts {
  /** The page's palette: readable on white, distinguishable by people with the common colour deficiencies. */
  static final Color BLUE = new Color(0x1f77b4);
  static final Color ORANGE = new Color(0xff7f0e);
  static final Color GREEN = new Color(0x2ca02c);
  static final Color RED = new Color(0xd62728);
  static final Color PURPLE = new Color(0x9467bd);
  static final Color GREY = new Color(0x8c8c8c);
  static final Color[] SERIES = {BLUE, ORANGE, GREEN, RED, PURPLE, new Color(0x8c564b), new Color(0xe377c2),
      GREY, new Color(0xbcbd22), new Color(0x17becf)};

  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  /** One line of an XY chart; {@code dashed} and {@code shapes} tell two overlaid lines apart. */
  record Line(String name, double[] x, double[] y, Color color, boolean dashed, boolean shapes, float width) {
    Line(String name, double[] x, double[] y, Color color) {
      this(name, x, y, color, false, false, 2f);
    }
  }

  /** A point in time with a value: one drill's time, say. */
  record TimePoint(Instant when, double value) {}

  /** Lines over a numeric x axis. {@code square}: both axes span [0, 1] (ROC and PR curves). */
  static String xy(String id, String title, String xLabel, String yLabel, List<Line> lines, int width, int height,
      boolean square) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Line l : lines) {
      XYSeries s = new XYSeries(l.name(), false, true);
      // A learner's line may hold NaN, infinities or arrays of two lengths: draw the finite points there are.
      for (int i = 0; i < Math.min(l.x().length, l.y().length); i++) {
        if (Double.isFinite(l.x()[i]) && Double.isFinite(l.y()[i])) {
          s.add(l.x()[i], l.y()[i]);
        }
      }
      data.addSeries(s);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
        true, false, false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < lines.size(); i++) {
      Line l = lines.get(i);
      r.setSeriesPaint(i, l.color());
      r.setSeriesStroke(i, l.dashed()
          ? new BasicStroke(l.width(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f)
          : new BasicStroke(l.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      r.setSeriesShapesVisible(i, l.shapes());
      r.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
    }
    plot.setRenderer(r);
    // Later lines on top: the learner's over the reference's (JFreeChart draws the first series last by default).
    plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
    if (square) {
      ((NumberAxis) plot.getDomainAxis()).setRange(-0.02, 1.02);
      ((NumberAxis) plot.getRangeAxis()).setRange(-0.02, 1.02);
    } else {
      ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    }
    style(chart);
    styleXY(plot);
    return svg(id, chart, width, height);
  }

  /** Values over time, one line per series (drill times per kata, say), with a dot on every value. */
  static String overTime(String id, String title, String yLabel, List<String> names, List<List<TimePoint>> series,
      int width, int height) {
    TimeSeriesCollection data = new TimeSeriesCollection(TimeZone.getTimeZone("UTC"));
    for (int i = 0; i < names.size(); i++) {
      TimeSeries s = new TimeSeries(names.get(i));
      for (TimePoint p : series.get(i)) {
        s.addOrUpdate(new Millisecond(Date.from(p.when()), TimeZone.getTimeZone("UTC"), java.util.Locale.ROOT), p.value());
      }
      data.addSeries(s);
    }
    JFreeChart chart = ChartFactory.createTimeSeriesChart(title, "date", yLabel, data, true, false, false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < names.size(); i++) {
      r.setSeriesPaint(i, SERIES[i % SERIES.length]);
      r.setSeriesStroke(i, new BasicStroke(2f));
      r.setSeriesShape(i, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
    }
    plot.setRenderer(r);
    DateAxis axis = (DateAxis) plot.getDomainAxis();
    SimpleDateFormat format = new SimpleDateFormat("MMM d", java.util.Locale.ENGLISH);
    format.setTimeZone(TimeZone.getTimeZone("UTC"));
    axis.setDateFormatOverride(format);
    // A few points close together would get an axis of hours: show at least a week.
    long week = 7L * 24 * 3600 * 1000;
    if (axis.getMaximumDate().getTime() - axis.getMinimumDate().getTime() < week) {
      long middle = (axis.getMaximumDate().getTime() + axis.getMinimumDate().getTime()) / 2;
      axis.setRange(new Date(middle - week / 2), new Date(middle + week / 2));
    }
    if (axis.getMaximumDate().getTime() - axis.getMinimumDate().getTime() <= 16 * week / 7) {
      axis.setTickUnit(new org.jfree.chart.axis.DateTickUnit(org.jfree.chart.axis.DateTickUnitType.DAY, 1));
    }
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
    style(chart);
    styleXY(plot);
    return svg(id, chart, width, height);
  }

  /** One bar group per category; {@code stacked} piles the series up (passing, failing, not started). */
  static String bars(String id, String title, String valueLabel, List<String> categories, List<String> seriesNames,
      List<double[]> values, List<Color> colors, boolean stacked, boolean horizontal, int width, int height) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (int s = 0; s < seriesNames.size(); s++) {
      for (int c = 0; c < categories.size(); c++) {
        data.addValue(values.get(s)[c], seriesNames.get(s), categories.get(c));
      }
    }
    PlotOrientation o = horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL;
    JFreeChart chart = stacked ? ChartFactory.createStackedBarChart(title, null, valueLabel, data, o, seriesNames.size() > 1, false, false)
        : ChartFactory.createBarChart(title, null, valueLabel, data, o, seriesNames.size() > 1, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    BarRenderer r = stacked ? new StackedBarRenderer() : new BarRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setDrawBarOutline(false);
    r.setItemMargin(0.05);
    for (int s = 0; s < colors.size(); s++) {
      r.setSeriesPaint(s, colors.get(s));
    }
    plot.setRenderer(r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    CategoryAxis axis = plot.getDomainAxis();
    axis.setTickLabelFont(TICK);
    axis.setCategoryMargin(0.15);
    axis.setMaximumCategoryLabelLines(2);
    if (!horizontal && categories.size() > 12) {
      axis.setCategoryLabelPositions(org.jfree.chart.axis.CategoryLabelPositions.UP_45);
      axis.setMaximumCategoryLabelWidthRatio(2f);
    }
    NumberAxis values2 = (NumberAxis) plot.getRangeAxis();
    if (stacked) {
      values2.setStandardTickUnits(NumberAxis.createIntegerTickUnits()); // counts
    }
    values2.setTickLabelFont(TICK);
    values2.setLabelFont(LABEL);
    style(chart);
    return svg(id, chart, width, height);
  }

  /**
   * A heatmap of {@code values[row][col]}, row 0 at the top, coloured from white ({@code lo}) to
   * {@code color} ({@code hi}); cells where {@code marked} is true are crossed out; each cell's value is
   * written in it when the grid is small enough to read.
   */
  static String heatmap(String id, String title, String xLabel, String yLabel, double[][] values, boolean[][] marked,
      double lo, double hi, Color color, int width, int height) {
    org.jfree.data.xy.DefaultXYZDataset data = new org.jfree.data.xy.DefaultXYZDataset();
    int rows = values.length;
    int cols = rows == 0 ? 0 : values[0].length;
    double[][] xyz = new double[3][rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int i = r * cols + c;
        xyz[0][i] = c;
        xyz[1][i] = r;
        xyz[2][i] = c < values[r].length ? values[r][c] : Double.NaN;
      }
    }
    data.addSeries("cells", xyz);
    NumberAxis x = new NumberAxis(xLabel);
    NumberAxis y = new NumberAxis(yLabel);
    for (NumberAxis a : List.of(x, y)) {
      a.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
      a.setLowerMargin(0);
      a.setUpperMargin(0);
      a.setLabelFont(LABEL);
      a.setTickLabelFont(TICK);
    }
    x.setRange(-0.5, cols - 0.5);
    y.setRange(-0.5, rows - 0.5);
    y.setInverted(true);
    org.jfree.chart.renderer.xy.XYBlockRenderer r = new org.jfree.chart.renderer.xy.XYBlockRenderer();
    org.jfree.chart.renderer.LookupPaintScale scale = new org.jfree.chart.renderer.LookupPaintScale(lo,
        hi > lo ? hi + 1e-12 : lo + 1, new Color(0xeeeeee));
    int steps = 32;
    for (int k = 0; k < steps; k++) {
      double t = (double) k / (steps - 1);
      scale.add(lo + (hi - lo) * k / steps, blend(Color.WHITE, color, t));
    }
    r.setPaintScale(scale);
    XYPlot plot = new XYPlot(data, x, y, r);
    plot.setBackgroundPaint(new Color(0xf6f8fa));
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    plot.setOutlinePaint(new Color(0xbbbbbb));
    boolean writeValues = rows * cols <= 64;
    for (int row = 0; row < rows; row++) {
      for (int c = 0; c < cols; c++) {
        if (marked != null && row < marked.length && c < marked[row].length && marked[row][c]) {
          plot.addAnnotation(new org.jfree.chart.annotations.XYLineAnnotation(c - 0.4, row - 0.4, c + 0.4, row + 0.4,
              new BasicStroke(1.5f), RED));
          plot.addAnnotation(new org.jfree.chart.annotations.XYLineAnnotation(c - 0.4, row + 0.4, c + 0.4, row - 0.4,
              new BasicStroke(1.5f), RED));
        } else if (writeValues && c < values[row].length && Double.isFinite(values[row][c])) {
          org.jfree.chart.annotations.XYTextAnnotation t = new org.jfree.chart.annotations.XYTextAnnotation(
              String.format(java.util.Locale.ROOT, "%.2f", values[row][c]), c, row);
          t.setFont(TICK);
          double share = hi > lo ? (values[row][c] - lo) / (hi - lo) : 0;
          t.setPaint(share > 0.6 ? Color.WHITE : new Color(0x24292f));
          plot.addAnnotation(t);
        }
      }
    }
    JFreeChart chart = new JFreeChart(title, TITLE, plot, false);
    style(chart);
    return svg(id, chart, width, height);
  }

  static Color blend(Color a, Color b, double t) {
    double u = Math.max(0, Math.min(1, t));
    return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * u),
        (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * u),
        (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * u));
  }

  /** One box on a {@link #boxes} canvas. */
  record Box(double x1, double y1, double x2, double y2, double score, String state, String tip) {}

  /**
   * Boxes on a canvas of {@code width} x {@code height} units (y down, as in an image), drawn with Java2D
   * on JFreeSVG's canvas: kept boxes solid green, suppressed ones dashed red, decayed ones orange; the fill's
   * opacity is the score; hovering a box shows {@code tip} (an SVG title).
   */
  static String boxes(String id, String title, double width, double height, List<Box> boxes, int pixels) {
    int pad = 30;
    double scale = (pixels - 2.0 * pad) / Math.max(width, height);
    int w = (int) Math.round(width * scale) + 2 * pad;
    int h = (int) Math.round(height * scale) + 2 * pad + 24;
    SVGGraphics2D g = canvas(id, w, h);
    g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
    g.setPaint(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setFont(TITLE);
    g.setPaint(new Color(0x24292f));
    g.drawString(title, pad, 20);
    int top = pad + 16;
    g.setPaint(new Color(0xf6f8fa));
    g.fill(new java.awt.geom.Rectangle2D.Double(pad, top, width * scale, height * scale));
    g.setPaint(new Color(0xbbbbbb));
    g.setStroke(new BasicStroke(1f));
    g.draw(new java.awt.geom.Rectangle2D.Double(pad, top, width * scale, height * scale));
    g.setFont(TICK);
    for (int i = 0; i < boxes.size(); i++) {
      Box b = boxes.get(i);
      java.awt.geom.Rectangle2D.Double r = new java.awt.geom.Rectangle2D.Double(pad + b.x1() * scale,
          top + b.y1() * scale, (b.x2() - b.x1()) * scale, (b.y2() - b.y1()) * scale);
      Color c = b.state().equals("kept") ? GREEN : b.state().equals("decayed") ? ORANGE : RED;
      float alpha = (float) Math.max(0.04, Math.min(0.6, 0.6 * b.score()));
      g.setRenderingHint(org.jfree.svg.SVGHints.KEY_ELEMENT_TITLE, b.tip());
      g.setPaint(new Color(c.getRed(), c.getGreen(), c.getBlue(), Math.round(alpha * 255)));
      g.fill(r);
      g.setPaint(c);
      g.setStroke(b.state().equals("suppressed")
          ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {5f, 4f}, 0f)
          : new BasicStroke(2.5f));
      g.draw(r);
      g.setPaint(new Color(0x24292f));
      g.drawString("#" + i + String.format(java.util.Locale.ROOT, " %.2f", b.score()), (float) r.x + 3, (float) r.y + 13);
    }
    return element(g);
  }

  private static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    TextTitle t = chart.getTitle();
    if (t != null) {
      t.setFont(TITLE);
      t.setPaint(new Color(0x24292f));
    }
    if (chart.getLegend() != null) {
      chart.getLegend().setFrame(BlockBorder.NONE);
      chart.getLegend().setItemFont(LABEL);
      chart.getLegend().setPosition(RectangleEdge.BOTTOM);
    }
  }

  private static void styleXY(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlinePaint(new Color(0xbbbbbb));
    plot.setDomainGridlinePaint(new Color(0xdddddd));
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    for (var axis : List.of(plot.getDomainAxis(), plot.getRangeAxis())) {
      axis.setLabelFont(LABEL);
      axis.setTickLabelFont(TICK);
    }
  }

  /** The chart as one {@code <svg>} element, its ids prefixed with {@code id}. */
  static String svg(String id, JFreeChart chart, int width, int height) {
    SVGGraphics2D g = canvas(id, width, height);
    chart.draw(g, new Rectangle(0, 0, width, height));
    return element(g);
  }

  /** A blank SVG canvas of that size, for diagrams drawn with Java2D (boxes, tensors). */
  static SVGGraphics2D canvas(String id, int width, int height) {
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    g.setDefsKeyPrefix(id.replaceAll("[^A-Za-z0-9_-]", "_") + "-");
    return g;
  }

  /** The canvas's drawing as an {@code <svg>} element that scales with the page's width. */
  static String element(SVGGraphics2D g) {
    return g.getSVGElement(null, false, new org.jfree.svg.ViewBox(0, 0, (int) g.getWidth(), (int) g.getHeight()),
        null, null);
  }

  /** Lists built up point by point. */
  static double[] toArray(List<Double> values) {
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  static List<Double> list(double... values) {
    List<Double> out = new ArrayList<>();
    for (double v : values) {
      out.add(v);
    }
    return out;
  }
}
