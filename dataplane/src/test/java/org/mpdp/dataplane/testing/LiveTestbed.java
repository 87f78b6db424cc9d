package org.mpdp.dataplane.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.mpdp.dataplane.counters.CounterRecord;
import org.mpdp.dataplane.counters.CounterType;
import org.mpdp.dataplane.counters.CountersFileReader;

/**
 * The live testbed ({@code scripts/testbed}) driven from a test: {@link #up} runs {@code scripts/testbed up
 * --name mtbPID ...} with this JVM's classpath for {@code mpdp run} ({@code MPDP_CLASSPATH}, so nothing is
 * built) and the state directory under the test's directory; {@link #down} stops mpdp with SIGTERM and
 * deletes the namespaces; {@link #close} does the same when the test did not, so namespaces never outlive
 * a failed test. {@link #up} first takes down testbeds of test JVMs that died without cleaning up.
 */
public final class LiveTestbed implements AutoCloseable
{
    /** Longest {@code up} may take: it waits for mpdp to forward (EAL, JIT warm-up, a busy machine). */
    public static final Duration UP_TIMEOUT = Duration.ofSeconds(300);
    /** Longest {@code down} may take: mpdp drains and writes its report after SIGTERM. */
    public static final Duration DOWN_TIMEOUT = Duration.ofSeconds(120);
    /** Longest a command inside a namespace (ip, ss, sysctl) may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final String PREFIX = "mtb";
    private static final Pattern LEFTOVER = Pattern.compile("^" + PREFIX + "(\\d+)-client\\b");

    private final String name;
    private final Path stateRoot;
    private final JsonNode status;
    private boolean down;

    private LiveTestbed(final String name, final Path stateRoot, final JsonNode status)
    {
        this.name = name;
        this.stateRoot = stateRoot;
        this.status = status;
    }

    /**
     * @return the repository's root (the directory holding {@code scripts/testbed}), found from the working
     *     directory upwards.
     */
    public static Path root()
    {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isExecutable(dir.resolve("scripts/testbed")))
        {
            dir = dir.getParent();
        }
        if (dir == null)
        {
            throw new IllegalStateException("no scripts/testbed above " + System.getProperty("user.dir"));
        }
        return dir;
    }

    /**
     * Brings a testbed up and reads its {@code status --json}.
     *
     * @param stateRoot where the state directory goes ({@code MPDP_TESTBED_DIR}).
     * @param options   more {@code up} options ({@code --v6}, {@code --paths 3}, {@code --kernel-bridge}, ...).
     * @return the testbed.
     * @throws IllegalStateException when {@code up} fails; it tears down what it built itself.
     */
    public static LiveTestbed up(final Path stateRoot, final String... options)
    {
        removeLeftoversOfDeadRuns(stateRoot);
        final String name = PREFIX + ProcessHandle.current().pid();
        script(stateRoot, DOWN_TIMEOUT, "down", "--name", name);
        final List<String> args = new ArrayList<>(List.of("up", "--name", name));
        args.addAll(List.of(options));
        final Cmd.Result up = script(stateRoot, UP_TIMEOUT, args.toArray(String[]::new));
        if (up.exit() != 0)
        {
            script(stateRoot, DOWN_TIMEOUT, "down", "--name", name);
            throw new IllegalStateException("scripts/testbed up failed: " + up);
        }
        final Cmd.Result json = script(stateRoot, TIMEOUT, "status", "--json", "--name", name).ok();
        try
        {
            return new LiveTestbed(name, stateRoot, new ObjectMapper().readTree(json.stdout()));
        }
        catch (final IOException ex)
        {
            script(stateRoot, DOWN_TIMEOUT, "down", "--name", name);
            throw new IllegalStateException("status --json is not JSON: " + json, ex);
        }
    }

    private static void removeLeftoversOfDeadRuns(final Path stateRoot)
    {
        for (final String line : Cmd.run(TIMEOUT, "ip", "netns", "list").stdout().lines().toList())
        {
            final Matcher m = LEFTOVER.matcher(line);
            if (m.find() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty())
            {
                script(stateRoot, DOWN_TIMEOUT, "down", "--name", PREFIX + m.group(1));
            }
        }
    }

    private static Cmd.Result script(final Path stateRoot, final Duration timeout, final String... args)
    {
        final Map<String, String> env = new HashMap<>();
        env.put("MPDP_TESTBED_DIR", stateRoot.toString());
        env.put("MPDP_CLASSPATH", System.getProperty("java.class.path"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        final List<String> command = new ArrayList<>(List.of(root().resolve("scripts/testbed").toString()));
        command.addAll(List.of(args));
        return Cmd.run(timeout, env, command);
    }

    /**
     * Runs {@code scripts/testbed ARGS --name NAME} for this testbed.
     *
     * @param timeout longest it may take.
     * @param args    command and options.
     * @return its result (not checked).
     */
    public Cmd.Result testbed(final Duration timeout, final String... args)
    {
        final List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--name", name));
        return script(stateRoot, timeout, all.toArray(String[]::new));
    }

    /**
     * @return {@code status --json} as read right after {@code up}.
     */
    public JsonNode status()
    {
        return status;
    }

    /**
     * @return the client namespace.
     */
    public String client()
    {
        return status.get("client").get("netns").asText();
    }

    /**
     * @return the server namespace.
     */
    public String server()
    {
        return status.get("server").get("netns").asText();
    }

    /**
     * @return the server's interfaces, path 1 first.
     */
    public List<String> serverInterfaces()
    {
        final List<String> interfaces = new ArrayList<>();
        status.get("server").get("interfaces").forEach(i -> interfaces.add(i.asText()));
        return interfaces;
    }

    /**
     * @param server the server's addresses, else the client's.
     * @param v6     IPv6 addresses ({@code --v6}), else IPv4.
     * @param path   1, 2 or 3.
     * @return that address.
     */
    public String address(final boolean server, final boolean v6, final int path)
    {
        return status.get(server ? "server" : "client").get(v6 ? "paths_v6" : "paths").get(path - 1).asText();
    }

    /**
     * @param ns      a namespace of this testbed.
     * @param command program and arguments.
     * @return {@code ip netns exec NS command...}.
     */
    public static List<String> in(final String ns, final String... command)
    {
        final List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        return full;
    }

    /**
     * @return the state directory (config, log, counters, report).
     */
    public Path stateDir()
    {
        return Path.of(status.get("state_dir").asText());
    }

    /**
     * @return the report {@code mpdp run} writes when it stops.
     */
    public Path report()
    {
        return Path.of(status.get("mpdp").get("report").asText());
    }

    /**
     * @return the counters file of the running mpdp.
     */
    public Path counters()
    {
        return Path.of(status.get("mpdp").get("counters").asText());
    }

    /**
     * @return what {@code mpdp run} has printed so far.
     */
    public String log()
    {
        return read(Path.of(status.get("mpdp").get("log").asText()));
    }

    /**
     * @return mpdp's exit code once it has stopped ({@code mpdp.log.rc}), or null while it runs.
     */
    public Integer exitCode()
    {
        final Path rc = Path.of(status.get("mpdp").get("log").asText() + ".rc");
        return Files.exists(rc) ? Integer.valueOf(read(rc).strip()) : null;
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.exists(file) ? Files.readString(file) : "";
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Per port of mpdp, in port order: the frames its veth took in (the kernel's {@code rx_packets} in the
     * mpdp namespace) and mpdp's {@code ipackets}. Between two snapshots, the first grows by more than the
     * second when the AF_PACKET ring dropped frames before mpdp's RX burst (DPDK 22.11's af_packet counts no
     * {@code imissed}). mpdp publishes port counters about once a second: wait that long after the traffic.
     *
     * @return {@code [port][0]} kernel rx, {@code [port][1]} ipackets.
     */
    public long[][] rxSnapshot()
    {
        final JsonNode interfaces = status.get("mpdp").get("interfaces");
        final String ns = status.get("mpdp").get("netns").asText();
        final long[][] rx = new long[interfaces.size()][2];
        for (int port = 0; port < rx.length; port++)
        {
            rx[port][0] = kernelRx(ns, interfaces.get(port).asText());
            rx[port][1] = portCounter(counters(), port, "ipackets");
        }
        return rx;
    }

    /**
     * @param ns  a namespace.
     * @param dev an interface in it.
     * @return the frames the kernel took in on it ({@code rx_packets}).
     */
    public static long kernelRx(final String ns, final String dev)
    {
        return Long.parseLong(Cmd.run(TIMEOUT, Map.of(), in(ns, "cat", "/sys/class/net/" + dev +
            "/statistics/rx_packets")).ok().stdout().strip());
    }

    /**
     * @param counters a counters file of mpdp.
     * @param port     port id.
     * @param name     port counter name, e.g. {@code ipackets}.
     * @return its value as last published.
     */
    public static long portCounter(final Path counters, final int port, final String name)
    {
        try (CountersFileReader reader = CountersFileReader.open(counters))
        {
            return reader.snapshot().stream().filter(r -> r.type() == CounterType.PORT && r.firstKey() == port &&
                r.name().equals(name)).mapToLong(CounterRecord::value).sum();
        }
    }

    /**
     * @param before an earlier {@link #rxSnapshot}.
     * @param after  a later one.
     * @return per port the frames lost before mpdp's RX in between, e.g. {@code [mc1 0 of 120, ms1 3 of 98]}.
     */
    public String rxLost(final long[][] before, final long[][] after)
    {
        final List<String> lost = new ArrayList<>();
        for (int port = 0; port < after.length; port++)
        {
            final long kernel = after[port][0] - before[port][0];
            lost.add(status.get("mpdp").get("interfaces").get(port).asText() + " " +
                Math.max(0, kernel - (after[port][1] - before[port][1])) + " of " + kernel);
        }
        return lost.toString();
    }

    /**
     * Takes the testbed down: mpdp gets SIGTERM (it writes its report), then the namespaces go.
     *
     * @return the result of {@code scripts/testbed down}, checked for exit 0.
     */
    public Cmd.Result down()
    {
        down = true;
        return testbed(DOWN_TIMEOUT, "down").ok();
    }

    @Override
    public void close()
    {
        if (!down)
        {
            down = true;
            testbed(DOWN_TIMEOUT, "down");
        }
    }
}
