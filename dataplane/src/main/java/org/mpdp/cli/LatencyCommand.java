package org.mpdp.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.HdrHistogram.Histogram;
import org.mpdp.dataplane.latency.LatencyReport;
import org.mpdp.dataplane.latency.LatencyUnit;
import org.mpdp.dataplane.latency.PercentilePlot;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mpdp latency FILE.hlog [--tag TAG] [--png OUT.png] [--unit us|ns]}: the percentiles of an
 * HdrHistogram interval log, per tag, and a percentile plot next to it.
 */
@Command(name = "latency", mixinStandardHelpOptions = true,
    description = "Percentiles per tag of an HdrHistogram latency log (.hlog, values in ns), and a PNG percentile plot.")
public final class LatencyCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "FILE", description = "HdrHistogram interval log (.hlog).")
    Path file;

    @Option(names = "--tag", paramLabel = "TAG", description = "Only this tag (repeatable); default: every tag.")
    List<String> tags;

    @Option(names = "--png", paramLabel = "OUT.png", description = "Plot file (default: FILE with .png in place of .hlog).")
    Path png;

    @Option(names = "--no-png", description = "Do not write a plot.")
    boolean noPng;

    @Option(names = "--unit", defaultValue = "us", description = "Unit to print: us, ns or ms (default ${DEFAULT-VALUE}).")
    String unit;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with defaults for these options.")
    String config;

    @Override
    public Integer call() throws IOException
    {
        final LatencyUnit u = LatencyUnit.parse(unit);
        final LatencyReport report = LatencyReport.read(file);
        final Map<String, Histogram> selected = report.select(tags);
        LatencyReport.print(selected, u, System.out);
        if (!noPng)
        {
            final Path out = png != null ? png : defaultPng(file);
            PercentilePlot.write(selected, u, "Latency by percentile: " + file.getFileName(), out);
            System.out.println("plot: " + out);
        }
        return 0;
    }

    static Path defaultPng(final Path log)
    {
        final String name = log.getFileName().toString();
        final String base = name.endsWith(".hlog") ? name.substring(0, name.length() - ".hlog".length()) : name;
        return log.resolveSibling(base + ".png");
    }
}
