package org.mpdp.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.mpdp.dataplane.config.ConfigException;
import org.mpdp.dataplane.config.RunConfig;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mpdp run --config FILE [--set key.path=value]...}: the live pipeline, configured by a YAML
 * file; {@code --check-config FILE} only validates it. Either way every problem is found before EAL
 * starts and printed one line each, with exit code 2.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the data plane from a YAML configuration (see the README's \"Configuration\").")
public final class RunCommand implements Callable<Integer>
{
    /** Exit code of a configuration that does not validate. */
    static final int CONFIG_ERROR = 2;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--set", paramLabel = "KEY.PATH=VALUE",
        description = "Override one value of the file (repeatable), e.g. --set ports[0].queues=2.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--duration", defaultValue = "0", paramLabel = "SECONDS",
        description = "Run this long, then stop as on SIGTERM; 0 = until SIGINT/SIGTERM (default ${DEFAULT-VALUE}).")
    double duration;

    @Option(names = "--stop-when-idle", defaultValue = "0", paramLabel = "SECONDS",
        description = "Stop once packets have flowed and then none arrived for this long (a capture replay " +
            "that has ended); 0 = never (default ${DEFAULT-VALUE}).")
    double stopWhenIdle;

    @Option(names = "--stats-interval", defaultValue = "1", paramLabel = "SECONDS",
        description = "Seconds between progress lines; 0 = none (default ${DEFAULT-VALUE}).")
    double statsInterval;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "SECONDS",
        description = "Seconds excluded from the measured window of --result (default ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--result", description = "Print a machine-readable RESULT line at the end: packets " +
        "forwarded and processed per second and GC cycles over the window after --warmup, totals, leaked mbufs, " +
        "reason counts.")
    boolean result;

    @Option(names = "--report", paramLabel = "FILE",
        description = "At exit, write the JSON report (connections, subflows, reasons) that mpdp analyze --json " +
            "prints; overrides report.path.")
    Path report;

    @Option(names = "--snapshot", paramLabel = "FILE",
        description = "Connection state: loaded at start when FILE exists, written at a clean stop; overrides " +
            "state.snapshot.")
    Path snapshot;

    static final class Source
    {
        @Option(names = "--config", paramLabel = "FILE", required = true, description = "YAML configuration.")
        Path config;

        @Option(names = "--check-config", paramLabel = "FILE", required = true,
            description = "Validate FILE (and --set), print the effective configuration and exit.")
        Path check;
    }

    @Override
    public Integer call()
    {
        final Path file = source.check != null ? source.check : source.config;
        final RunConfig config;
        try
        {
            config = RunConfig.load(file, overrides);
        }
        catch (final ConfigException ex)
        {
            System.err.println(ex.getMessage());
            return CONFIG_ERROR;
        }
        config.layout().sharedCpus().forEach(w -> System.err.println("mpdp run: warning: " + w));
        if (source.check != null)
        {
            System.out.println(file + ": valid");
            System.out.println(config.summary());
            return 0;
        }
        try
        {
            return new LiveRun(config, duration, stopWhenIdle, statsInterval, report != null ? report : config.report().path())
                .measure(warmup, result)
                .snapshot(snapshot != null ? snapshot : config.state().snapshot())
                .run(System.out);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return 1;
        }
        catch (final java.io.IOException ex)
        {
            System.err.println("mpdp run: " + ex.getMessage());
            return 1;
        }
    }
}
