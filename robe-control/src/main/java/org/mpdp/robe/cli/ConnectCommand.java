package org.mpdp.robe.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.mpdp.robe.RobeConfig;
import org.mpdp.robe.mode.Mode;
import org.mpdp.robe.session.ConnectRun;
import org.mpdp.robe.session.Session;
import org.mpdp.robe.session.SessionResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mpdp robe connect}: N MPTCP sessions against an echo server, as the RobE client. */
@Command(name = "connect", mixinStandardHelpOptions = true,
    description = "Run N independent RobE/MPTCP sessions (C at a time) against an echo server: establish, send " +
        "the request, read the echo, DATA_FIN. Exits 0 when it ran, even if sessions failed; 2 on setup errors.")
public final class ConnectCommand implements Callable<Integer>
{
    @Option(names = "--config", required = true, paramLabel = "FILE",
        description = "YAML: mpdp run's sections (ports, layout, pools, counters...) and robe:.")
    Path config;

    @Option(names = "--server-port", required = true, paramLabel = "P", description = "The echo server's TCP port.")
    int serverPort;

    @Option(names = "--mode", paramLabel = "M",
        description = "plain | timer | sim | esim | ips | sim+ips | timer+ips (default: robe.mode).")
    String mode;

    @Option(names = "--count", defaultValue = "1", paramLabel = "N", description = "Sessions (default 1).")
    int count;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "N",
        description = "Sessions run first and left out of the results and the CSV, so the JIT has compiled the stack " +
            "before the measured ones start (default 0). They reach the server like the others.")
    int warmup;

    @Option(names = "--concurrency", defaultValue = "1", paramLabel = "C", description = "At once (default 1).")
    int concurrency;

    @Option(names = "--interval", defaultValue = "0", paramLabel = "DURATION",
        description = "Least time between two session starts (us, ms, s; default 0: up to --concurrency at once).")
    String interval;

    @Option(names = "--request", defaultValue = "1024", paramLabel = "BYTES",
        description = "Request size, 1..65536 (default 1024).")
    int request;

    @Option(names = "--timeout", defaultValue = "10s", paramLabel = "DURATION",
        description = "Establishment timeout, and again for the data once established (default 10s).")
    String timeout;

    @Option(names = "--csv", paramLabel = "OUT", description = "One row per session.")
    Path csv;

    @Option(names = "--seed", paramLabel = "N",
        description = "Seed of the run's keys, nonces, first local port and request bytes (default: from the clock). " +
            "A run repeated with the same seed uses the same ports; its ISNs still come from the clock (RFC 6528).")
    Long seed;

    @Override
    public Integer call() throws IOException
    {
        final String name = "robe connect";
        if (request < 1 || request > 65536 || count < 1 || warmup < 0 || concurrency < 1 || serverPort < 1 || serverPort > 65535)
        {
            System.err.println(name + ": --request 1..65536, --count and --concurrency >= 1, --warmup >= 0, --server-port 1..65535");
            return RobeRuntime.SETUP_ERROR;
        }
        final long timeoutNanos;
        final long intervalNanos;
        final RobeRuntime runtime = new RobeRuntime(name, config);
        final long runSeed = seed != null ? seed : System.nanoTime() ^ Double.doubleToLongBits(Math.random());
        runtime.seed(runSeed);
        final Mode m;
        try
        {
            timeoutNanos = RobeConfig.duration(timeout);
            intervalNanos = interval.equals("0") ? 0 : RobeConfig.duration(interval);
            if (!runtime.load(System.err))
            {
                return RobeRuntime.SETUP_ERROR;
            }
            m = mode == null ? runtime.robe().mode() : Mode.of(mode);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println(name + ": " + ex.getMessage());
            return RobeRuntime.SETUP_ERROR;
        }
        final ConnectRun run = new ConnectRun(m, count, warmup, concurrency, intervalNanos, request, timeoutNanos, serverPort,
            runSeed);
        final int exit = runtime.run(run, name + ": running " + (warmup > 0 ? warmup + " warm-up and " : "") + count +
            " session(s), mode " + m.text() +
            ", concurrency " + concurrency + (intervalNanos > 0 ? ", one start per " + interval : ""), seconds -> String.format(Locale.ROOT, "%s: %d/%d done, %d failed", name,
            run.done(), count, run.failed()), System.out);
        if (warmup > 0)
        {
            System.out.printf(Locale.ROOT, "%s: warm-up %d session(s): %d established, %d ok (not in the results)%n",
                name, warmup, run.warmupEstablished(), run.warmupOk());
        }
        final List<SessionResult> results = run.results();
        long ok = 0;
        long failed = 0;
        long dataErrors = 0;
        for (final SessionResult r : results)
        {
            ok += r.outcome().equals(Session.OK) ? 1 : 0;
            failed += r.outcome().equals(Session.FAILED) ? 1 : 0;
            dataErrors += r.outcome().equals(Session.DATA_ERROR) ? 1 : 0;
        }
        System.err.printf(Locale.ROOT, "%s: %d/%d done, %d failed%n", name, results.size(), count, failed + dataErrors);
        System.out.printf(Locale.ROOT, "%s: %d session(s): %d ok, %d failed, %d data-error%n", name, results.size(), ok,
            failed, dataErrors);
        if (csv != null)
        {
            final List<String> lines = new ArrayList<>();
            lines.add(SessionResult.HEADER);
            final long origin = results.stream().mapToLong(SessionResult::startedAt).min().orElse(0);
            results.forEach(r -> lines.add(r.csv(origin)));
            Files.write(csv, lines);
            System.out.println(name + ": csv in " + csv);
        }
        return exit;
    }
}
