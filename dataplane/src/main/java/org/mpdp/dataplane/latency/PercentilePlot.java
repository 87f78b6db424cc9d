package org.mpdp.dataplane.latency;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A latency-by-percentile chart as HdrHistogram's plotter draws it: x is the percentile on a
 * logarithmic {@code 1/(1-p)} axis (so 90%, 99%, 99.9%, ... are evenly spaced), y the latency; one
 * line per tag. Drawn with JFreeChart into a PNG, headless.
 */
public final class PercentilePlot
{
    /** Default image width in pixels. */
    public static final int WIDTH = 1000;
    /** Default image height in pixels. */
    public static final int HEIGHT = 600;
    /** Points per halving of the distance to 100%, as HdrHistogram's percentile output uses. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;
    /** Line colours that read on white, in series order (JFreeChart's defaults include yellow). */
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    private PercentilePlot()
    {
    }

    /**
     * @param histograms histograms by tag, values in nanoseconds.
     * @param unit       unit of the y axis.
     * @param title      chart title.
     * @param png        output file.
     * @throws IOException when the file cannot be written.
     */
    public static void write(final Map<String, Histogram> histograms, final LatencyUnit unit, final String title,
        final Path png) throws IOException
    {
        System.setProperty("java.awt.headless", "true");
        final XYSeriesCollection data = new XYSeriesCollection();
        double maxX = 10;
        for (final Map.Entry<String, Histogram> e : histograms.entrySet())
        {
            final XYSeries series = series(e.getKey(), e.getValue(), unit);
            data.addSeries(series);
            if (series.getItemCount() > 0)
            {
                maxX = Math.max(maxX, series.getMaxX());
            }
        }
        final JFreeChart chart = ChartFactory.createXYLineChart(title, "Percentile", "Latency (" + unit.label() + ")",
            data, PlotOrientation.VERTICAL, true, false, false);
        final XYPlot plot = chart.getXYPlot();
        final LogAxis x = new LogAxis("Percentile");
        x.setBase(10);
        x.setSmallestValue(1.0);
        // a little room past the last decade so its tick label is not cut off at the edge
        x.setRange(1.0, 1.5 * Math.pow(10, Math.ceil(Math.log10(maxX))));
        x.setTickUnit(new NumberTickUnit(1.0), false, true);
        x.setNumberFormatOverride(new PercentileFormat());
        x.setMinorTickMarksVisible(true);
        plot.setDomainAxis(x);
        final NumberAxis y = (NumberAxis)plot.getRangeAxis();
        y.setAutoRangeIncludesZero(true);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++)
        {
            renderer.setSeriesStroke(i, new BasicStroke(2.0f));
            renderer.setSeriesPaint(i, COLOURS[i % COLOURS.length]);
        }
        plot.setRenderer(renderer);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    /**
     * @param tag  series name.
     * @param h    histogram, nanoseconds.
     * @param unit y unit.
     * @return points (1/(1-p), value) up to the last value below 100%, then the max at 1/(1-p) = count.
     */
    static XYSeries series(final String tag, final Histogram h, final LatencyUnit unit)
    {
        if (h.getTotalCount() == 0)
        {
            return new XYSeries(tag + " (no values)", true, false);
        }
        final XYSeries series = new XYSeries(tag, true, false);
        double lastX = 1;
        for (final HistogramIterationValue v : h.percentiles(TICKS_PER_HALF_DISTANCE))
        {
            final double p = v.getPercentileLevelIteratedTo() / 100.0;
            if (p >= 1.0)
            {
                break;
            }
            lastX = 1.0 / (1.0 - p);
            series.addOrUpdate(lastX, unit.convert(v.getValueIteratedTo()));
        }
        series.addOrUpdate(Math.max(lastX, h.getTotalCount()), unit.convert(h.getMaxValue()));
        return series;
    }

    /** Labels a value v of the 1/(1-p) axis with its percentile: 1 is 0%, 10 is 90%, 1000 is 99.9%. */
    private static final class PercentileFormat extends NumberFormat
    {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(final double number, final StringBuffer toAppendTo, final FieldPosition pos)
        {
            final double percentile = 100.0 * (1.0 - 1.0 / number);
            final int decimals = Math.max(0, (int)Math.round(Math.log10(number)) - 2);
            return toAppendTo.append(BigDecimal.valueOf(percentile).setScale(decimals, RoundingMode.HALF_UP)
                .toPlainString()).append('%');
        }

        @Override
        public StringBuffer format(final long number, final StringBuffer toAppendTo, final FieldPosition pos)
        {
            return format((double)number, toAppendTo, pos);
        }

        @Override
        public Number parse(final String source, final ParsePosition parsePosition)
        {
            return null;
        }
    }
}
