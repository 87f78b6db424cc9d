package org.mpdp.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.mpdp.dataplane.analyze.OfflineAnalyzer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mpdp analyze FILE [--json] [--events]}: the data plane's parser and tracker run over a capture.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = "Report the MPTCP connections in a capture (pcap; Ethernet, Linux cooked or raw IP).")
public final class AnalyzeCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "FILE", description = "Capture file.")
    Path file;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--max-connections", defaultValue = "1000000",
        description = "Connection table limit; tables start small and grow up to it (default ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--max-subflows", defaultValue = "4000000",
        description = "Subflow table limit (default ${DEFAULT-VALUE}).")
    int maxSubflows;

    @Option(names = "--events", description = "Also list every flagged packet (frame number, time, reasons, " +
        "connection), to find it in Wireshark.")
    boolean events;

    @Option(names = "--timings", description = "Print how long reading+tracking and reporting took, on stderr.")
    boolean timings;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with defaults for these options.")
    String config;

    @Override
    public Integer call() throws IOException
    {
        if (!Files.isReadable(file))
        {
            throw new IOException("cannot read capture " + file);
        }
        final long startMillis = System.currentTimeMillis();
        final long start = System.nanoTime();
        final OfflineAnalyzer analyzer = OfflineAnalyzer.growing(maxConnections, maxSubflows).keepEvents(events);
        final OfflineAnalyzer.Totals totals = analyzer.analyze(file);
        final long analyzed = System.nanoTime();
        final PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        if (json)
        {
            analyzer.printJson(totals, out);
        }
        else
        {
            analyzer.printTable(totals, out);
        }
        out.flush();
        if (timings)
        {
            final long reported = System.nanoTime();
            System.err.printf(Locale.ROOT, "mpdp analyze: JVM start to analyze %.3f s; read+parse+track %.3f s " +
                "(%,d packets, %.1f M packets/s, %d pass(es)); report %.3f s%n",
                (startMillis - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3,
                (analyzed - start) / 1e9, totals.packets(),
                totals.packets() / ((analyzed - start) / 1e3), analyzer.passes(), (reported - analyzed) / 1e9);
        }
        return 0;
    }
}
