package org.mpdp.robe.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.HdrHistogram.Histogram;
import org.mpdp.dataplane.latency.LatencyUnit;
import org.mpdp.dataplane.latency.PercentilePlot;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mpdp robe-report --dir DIR --profiles "..." --modes "..."}: the table, {@code DIR/results.csv},
 * one establishment percentile plot per profile ({@code DIR/establish-PROFILE.png}) and, last, the summary
 * lines of a {@code scripts/mpdp robe-experiment} run.
 */
@Command(name = "robe-report", mixinStandardHelpOptions = true,
    description = "Table, CSV, plots and summary lines of a robe-experiment output directory.")
public final class RobeReportCommand implements Callable<Integer>
{
    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The experiment's output directory.")
    Path dir;

    @Option(names = "--profiles", required = true, paramLabel = "LIST", description = "Profiles, space separated.")
    String profiles;

    @Option(names = "--modes", required = true, paramLabel = "LIST", description = "Modes, space separated.")
    String modes;

    @Option(names = "--no-png", description = "Do not write plots.")
    boolean noPng;

    @Override
    public Integer call() throws IOException
    {
        final List<String> p = List.of(profiles.trim().split("\\s+"));
        final RobeReport report = RobeReport.read(dir, p, List.of(modes.trim().split("\\s+")));
        report.printTable(System.out);
        final Path csv = dir.resolve("results.csv");
        report.writeCsv(csv);
        System.out.println("csv: " + csv);
        if (!noPng)
        {
            for (final String profile : p)
            {
                final java.util.Map<String, Histogram> h = report.establishNanos(profile);
                if (!h.isEmpty())
                {
                    final Path png = dir.resolve("establish-" + profile + ".png");
                    PercentilePlot.write(h, LatencyUnit.MS, "RobE establishment by percentile: " + profile, png);
                    System.out.println("plot: " + png);
                }
            }
        }
        System.out.println();
        report.results().forEach(r -> System.out.println(RobeReport.summaryLine(r)));
        return 0;
    }
}
