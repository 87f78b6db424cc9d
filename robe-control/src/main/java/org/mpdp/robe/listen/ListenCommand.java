package org.mpdp.robe.listen;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import org.mpdp.dataplane.agent.Pipeline;
import org.mpdp.dataplane.config.ConfigException;
import org.mpdp.dataplane.config.RunConfig;
import org.mpdp.dataplane.control.ControlResponder;
import org.mpdp.dataplane.counters.CountersFile;
import org.mpdp.dpdk.Eal;
import org.mpdp.robe.esim.EsimSubtypes;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code mpdp robe listen --config F --port P}: the passive RobE responder, an MPTCP v1 echo server with
 * RobE_eSIM, on every listen address of the configuration, inside mpdp's pipeline (its control thread).
 * Prints {@value #LISTENING} once the ports are polled, runs until SIGINT or SIGTERM, then prints its counters
 * and the mbufs still out, and exits 0 (3 when mbufs leaked, 2 on a configuration error).
 */
@Command(name = "listen", mixinStandardHelpOptions = true,
    description = "Passive RobE responder (MPTCP v1 echo server with RobE_eSIM) on the configured addresses.")
public final class ListenCommand implements Callable<Integer>
{
    /** The line scripts wait for. */
    public static final String LISTENING = "robe listen: listening on";

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "YAML configuration.")
    Path config;

    @Option(names = "--port", paramLabel = "P", required = true, description = "TCP port to listen on.")
    int port;

    @Option(names = "--capacity", paramLabel = "N", defaultValue = "256",
        description = "Most connections at once (default ${DEFAULT-VALUE}).")
    int capacity;

    @Option(names = "--set", paramLabel = "KEY.PATH=VALUE", description = "Override one value of the file.")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception
    {
        final RunConfig run;
        final ListenAddresses addresses;
        try
        {
            if (port < 1 || port > 65535)
            {
                throw new IllegalArgumentException("--port=" + port + ": must be 1..65535");
            }
            // A host, not a bridge: what is not for the box is freed and counted (control.forward).
            final List<String> all = new ArrayList<>(List.of("control.forward=false"));
            all.addAll(overrides);
            run = RunConfig.load(config, all);
            addresses = ListenAddresses.of(config, run);
        }
        catch (final ConfigException | IllegalArgumentException | java.io.IOException ex)
        {
            System.err.println("robe listen: " + ex.getMessage());
            return 2;
        }
        return listen(run, addresses);
    }

    private int listen(final RunConfig run, final ListenAddresses addresses) throws Exception
    {
        final CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        final Path countersPath = run.counters().path();
        Files.createDirectories(countersPath.toAbsolutePath().getParent());
        try (Eal eal = Eal.start(run.ealOptions());
            CountersFile counters = CountersFile.create(countersPath, 4096))
        {
            final long[] macs = new long[run.ports().size()];
            final ListenCounters listenCounters = new ListenCounters(counters.counters());
            final RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom")
                .create(new SecureRandom().nextLong());
            final InjectorSink sink = new InjectorSink();
            final Responder responder = new Responder(addresses.ips(), addresses.configPorts(), port,
                addresses.subtypes(), capacity, sink, macs, listenCounters, random);
            final ControlResponder basics = new ControlResponder(addresses.configPorts(), addresses.ips(),
                new int[0], new long[0], new long[0], counters.counters().newCounter("robe-listen arp-replies"),
                counters.counters().newCounter("robe-listen icmp-echo-replies"),
                counters.counters().newCounter("robe-listen control-ignored"));
            final ListenPlane plane = new ListenPlane(responder, basics, sink, macs);
            try (Pipeline pipeline = new Pipeline(run, counters.counters(), null, false, plane))
            {
                final int[] ids = new int[addresses.configPorts().length];
                for (int i = 0; i < ids.length; i++)
                {
                    ids[i] = pipeline.ports().get(addresses.configPorts()[i]).id();
                }
                responder.bindPorts(ids);
                pipeline.start();
                System.out.println(LISTENING + " " + addresses.describe(port) + " (eSIM " + addresses.subtypes() +
                    "); counters in " + countersPath + "; SIGINT or SIGTERM stops");
                System.out.flush();
                stop.await();
                final boolean drained = pipeline.stop(1000);
                System.out.printf(Locale.ROOT, "robe listen: stopped%s; %d connection(s) open%n",
                    drained ? "" : " (rings not drained in time)", responder.connectionsInUse());
                System.out.println("robe listen: counters (non-zero):");
                counters.counters().reader().forEach((value, id, label) ->
                {
                    if (value != 0)
                    {
                        System.out.printf(Locale.ROOT, "  %,15d  %s%n", value, label);
                    }
                });
                final int leaked = pipeline.closePortsAndCountLeaks();
                System.out.printf(Locale.ROOT, "robe listen: mbufs still in use after the ports closed %d%n", leaked);
                return leaked == 0 ? 0 : 3;
            }
        }
    }
}
