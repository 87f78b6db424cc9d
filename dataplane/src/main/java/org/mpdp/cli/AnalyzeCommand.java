package org.mpdp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.mpdp.dataplane.analyze.OfflineAnalyzer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mpdp analyze FILE [--json]}: the data plane's parser and tracker run over a capture.
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

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with defaults for these options.")
    String config;

    @Override
    public Integer call() throws IOException
    {
        if (!Files.isReadable(file))
        {
            throw new IOException("cannot read capture " + file);
        }
        final OfflineAnalyzer analyzer = OfflineAnalyzer.growing(maxConnections, maxSubflows);
        final OfflineAnalyzer.Totals totals = analyzer.analyze(file);
        if (json)
        {
            analyzer.printJson(totals, System.out);
        }
        else
        {
            analyzer.printTable(totals, System.out);
        }
        return 0;
    }
}
