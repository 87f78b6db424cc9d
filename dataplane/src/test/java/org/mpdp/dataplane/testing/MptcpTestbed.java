package org.mpdp.dataplane.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two network namespaces, a client and a server, joined by two veth pairs (path 1 and path 2), with the
 * kernel's MPTCP path manager set up so that one connection uses both paths:
 * <pre>
 *   client namespace                                server namespace
 *   mpc1 198.18.1.1/24 fd00:198:18:1::1/64 ------- mps1 198.18.1.2/24 fd00:198:18:1::2/64   path 1
 *   mpc2 198.18.2.1/24 fd00:198:18:2::1/64 ------- mps2 198.18.2.2/24 fd00:198:18:2::2/64   path 2
 *        endpoint id 1 "subflow" [backup]               endpoint id 1 "signal"
 * </pre>
 * Both namespaces get {@code ip mptcp limits set subflows 4 add_addr_accepted 4}. The client's
 * {@code subflow} endpoint on path 2 makes it open MP_JOIN subflows, the server's {@code signal}
 * endpoint makes it send ADD_ADDR for its path-2 address; with {@code backup} the client's joins carry
 * the B bit; with checksums, {@code net.mptcp.checksum_enabled=1} is set in both namespaces (the
 * sysctl is per network namespace). The endpoints use the addresses of {@link Config#family()}.
 * <p>
 * The veths are created inside the namespaces, never in the root one, so deleting the two namespaces
 * removes everything. Names carry the pid ({@code mpdp-mpc-PID}, {@code mpdp-mps-PID}); {@link #create}
 * first deletes this pid's namespaces and those of dead test JVMs. {@link #capture} runs one tcpdump
 * per server interface: each packet crosses exactly one veth pair, so the two captures together see
 * every packet of both paths.
 */
public final class MptcpTestbed implements AutoCloseable
{
    /** Longest any ip, sysctl or mergecap call may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Number of paths (veth pairs). */
    public static final int PATH_COUNT = 2;
    /** {@code ip mptcp limits} subflows, in both namespaces. */
    public static final int SUBFLOWS_LIMIT = 4;
    /** {@code ip mptcp limits} add_addr_accepted, in both namespaces. */
    public static final int ADD_ADDR_ACCEPTED_LIMIT = 4;
    /** Id of the path-2 endpoint on either side (so {@code ip mptcp endpoint change id 1 ...} works). */
    public static final int ENDPOINT_ID = 1;

    /** tcpdump snapshot length: an Ethernet header plus the largest IP packet (a TSO/GRO segment). */
    public static final int SNAPLEN = 14 + 65535;
    /** tcpdump capture buffer, KiB. */
    public static final int BUFFER_KIB = 32 * 1024;

    private static final String CLIENT_PREFIX = "mpdp-mpc-";
    private static final String SERVER_PREFIX = "mpdp-mps-";
    private static final Pattern NO_DROPS = Pattern.compile("(?m)^0 packets dropped by kernel$");

    /** Address family of the endpoints and, by convention, of the traffic. */
    public enum Family
    {
        /** 198.18.PATH.{1,2}. */
        IPV4,
        /** fd00:198:18:PATH::{1,2}. */
        IPV6
    }

    /**
     * What the path manager is told to do.
     *
     * @param family        family of the endpoint addresses.
     * @param clientSubflow client gets a {@code subflow} endpoint on its path-2 address.
     * @param serverSignal  server gets a {@code signal} endpoint on its path-2 address.
     * @param backup        the client endpoint also has the {@code backup} flag.
     * @param checksum      {@code net.mptcp.checksum_enabled=1} in both namespaces.
     */
    public record Config(Family family, boolean clientSubflow, boolean serverSignal, boolean backup, boolean checksum)
    {
        /**
         * @param family address family.
         * @return client subflow endpoint and server signal endpoint on path 2, no backup, no checksums.
         */
        public static Config twoPaths(final Family family)
        {
            return new Config(family, true, true, false, false);
        }

        /**
         * @return this with the client endpoint flagged {@code backup}.
         */
        public Config withBackup()
        {
            return new Config(family, clientSubflow, serverSignal, true, checksum);
        }

        /**
         * @return this with DSS checksums enabled in both namespaces.
         */
        public Config withChecksum()
        {
            return new Config(family, clientSubflow, serverSignal, backup, true);
        }
    }

    /**
     * What a finished capture left: one Ethernet pcap (linktype 1) per server interface, and their merge.
     *
     * @param interfaces per-interface captures, path 1 first.
     * @param merged     both merged by time stamp with mergecap, as classic pcap.
     * @param stats      tcpdump's closing statistics per interface.
     */
    public record CaptureFiles(List<Path> interfaces, Path merged, List<String> stats)
    {
    }

    private final Config config;
    private final String client;
    private final String server;

    private MptcpTestbed(final Config config, final String client, final String server)
    {
        this.config = config;
        this.client = client;
        this.server = server;
    }

    /**
     * Creates both namespaces, both paths and the path-manager set-up, and waits for the links' carrier.
     *
     * @param config endpoints and sysctls.
     * @return the set-up testbed.
     * @throws IllegalStateException when a command fails; whatever was created is removed first.
     */
    public static MptcpTestbed create(final Config config)
    {
        final long pid = ProcessHandle.current().pid();
        final MptcpTestbed bed = new MptcpTestbed(config, CLIENT_PREFIX + pid, SERVER_PREFIX + pid);
        removeLeftoversOfDeadRuns();
        bed.removeQuietly();
        try
        {
            bed.setUp();
        }
        catch (final RuntimeException ex)
        {
            bed.removeQuietly();
            throw ex;
        }
        return bed;
    }

    private static void removeLeftoversOfDeadRuns()
    {
        final Pattern name = Pattern.compile("^(" + CLIENT_PREFIX + "|" + SERVER_PREFIX + ")(\\d+)\\b");
        for (final String line : Cmd.run(TIMEOUT, "ip", "netns", "list").stdout().lines().toList())
        {
            final Matcher m = name.matcher(line);
            if (m.find() && ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty())
            {
                Cmd.run(TIMEOUT, "ip", "netns", "delete", m.group(1) + m.group(2));
            }
        }
    }

    private void setUp()
    {
        ip("netns", "add", client);
        ip("netns", "add", server);
        for (final String ns : List.of(client, server))
        {
            ip("-n", ns, "link", "set", "lo", "up");
            ip("-n", ns, "mptcp", "limits", "set", "subflows", Integer.toString(SUBFLOWS_LIMIT), "add_addr_accepted",
                Integer.toString(ADD_ADDR_ACCEPTED_LIMIT));
            if (config.checksum())
            {
                Cmd.run(TIMEOUT, Map.of(), List.of("ip", "netns", "exec", ns, "sysctl", "-q", "-w",
                    "net.mptcp.checksum_enabled=1")).ok();
            }
        }
        for (int path = 1; path <= PATH_COUNT; path++)
        {
            // Created in the client namespace with the peer moved straight into the server one: the root
            // namespace never holds either end, so nothing outlives the two namespaces.
            ip("-n", client, "link", "add", clientInterface(path), "type", "veth", "peer", "name",
                serverInterface(path), "netns", server);
            ip("-n", client, "addr", "add", ipv4(true, path) + "/24", "dev", clientInterface(path));
            ip("-n", server, "addr", "add", ipv4(false, path) + "/24", "dev", serverInterface(path));
            // nodad: usable at once instead of tentative for a second.
            ip("-n", client, "addr", "add", ipv6(true, path) + "/64", "dev", clientInterface(path), "nodad");
            ip("-n", server, "addr", "add", ipv6(false, path) + "/64", "dev", serverInterface(path), "nodad");
            ip("-n", client, "link", "set", clientInterface(path), "up");
            ip("-n", server, "link", "set", serverInterface(path), "up");
        }
        if (config.clientSubflow())
        {
            final List<String> endpoint = new ArrayList<>(List.of("-n", client, "mptcp", "endpoint", "add",
                address(true, 2), "dev", clientInterface(2), "id", Integer.toString(ENDPOINT_ID), "subflow"));
            if (config.backup())
            {
                endpoint.add("backup");
            }
            ip(endpoint.toArray(String[]::new));
        }
        if (config.serverSignal())
        {
            ip("-n", server, "mptcp", "endpoint", "add", address(false, 2), "dev", serverInterface(2), "id",
                Integer.toString(ENDPOINT_ID), "signal");
        }
        for (int path = 1; path <= PATH_COUNT; path++)
        {
            awaitUp(client, clientInterface(path));
            awaitUp(server, serverInterface(path));
        }
    }

    private static void awaitUp(final String ns, final String device)
    {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true)
        {
            final String link = Cmd.run(TIMEOUT, "ip", "-n", ns, "-o", "link", "show", "dev", device).ok().stdout();
            if (link.contains("LOWER_UP") && link.contains("state UP"))
            {
                return;
            }
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException(device + " in " + ns + " did not come up: " + link);
            }
            Cmd.sleep(10);
        }
    }

    private static void ip(final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add("ip");
        command.addAll(List.of(args));
        Cmd.run(TIMEOUT, Map.of(), command).ok();
    }

    /**
     * @return the set-up this testbed was created with.
     */
    public Config config()
    {
        return config;
    }

    /**
     * @return client namespace name.
     */
    public String clientNamespace()
    {
        return client;
    }

    /**
     * @return server namespace name.
     */
    public String serverNamespace()
    {
        return server;
    }

    /**
     * @param path 1 or 2.
     * @return the client's interface on that path.
     */
    public static String clientInterface(final int path)
    {
        return "mpc" + checkPath(path);
    }

    /**
     * @param path 1 or 2.
     * @return the server's interface on that path.
     */
    public static String serverInterface(final int path)
    {
        return "mps" + checkPath(path);
    }

    /**
     * @param client the client's address, else the server's.
     * @param path   1 or 2.
     * @return {@code 198.18.PATH.1} for the client, {@code 198.18.PATH.2} for the server.
     */
    public static String ipv4(final boolean client, final int path)
    {
        return "198.18." + checkPath(path) + (client ? ".1" : ".2");
    }

    /**
     * @param client the client's address, else the server's.
     * @param path   1 or 2.
     * @return {@code fd00:198:18:PATH::1} for the client, {@code fd00:198:18:PATH::2} for the server.
     */
    public static String ipv6(final boolean client, final int path)
    {
        return "fd00:198:18:" + checkPath(path) + (client ? "::1" : "::2");
    }

    /**
     * @param client the client's address, else the server's.
     * @param path   1 or 2.
     * @return the address of {@link Config#family()} on that side and path.
     */
    public String address(final boolean client, final int path)
    {
        return config.family() == Family.IPV4 ? ipv4(client, path) : ipv6(client, path);
    }

    private static int checkPath(final int path)
    {
        if (path < 1 || path > PATH_COUNT)
        {
            throw new IllegalArgumentException("path=" + path + " is not 1.." + PATH_COUNT);
        }
        return path;
    }

    /**
     * @param command program and arguments.
     * @return {@code ip netns exec CLIENT command...}.
     */
    public List<String> inClientCommand(final String... command)
    {
        return inNamespace(client, command);
    }

    /**
     * @param command program and arguments.
     * @return {@code ip netns exec SERVER command...}.
     */
    public List<String> inServerCommand(final String... command)
    {
        return inNamespace(server, command);
    }

    private static List<String> inNamespace(final String ns, final String... command)
    {
        final List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        return full;
    }

    /**
     * Runs a command in the client namespace and checks it exits 0.
     *
     * @param command program and arguments.
     * @return its result.
     */
    public Cmd.Result inClient(final String... command)
    {
        return Cmd.run(TIMEOUT, Map.of(), inClientCommand(command)).ok();
    }

    /**
     * Runs a command in the server namespace and checks it exits 0.
     *
     * @param command program and arguments.
     * @return its result.
     */
    public Cmd.Result inServer(final String... command)
    {
        return Cmd.run(TIMEOUT, Map.of(), inServerCommand(command)).ok();
    }

    /**
     * @return {@code ip mptcp endpoint show} and {@code limits show} of both namespaces, for reports.
     */
    public String describe()
    {
        return "client endpoints: " + inClient("ip", "mptcp", "endpoint", "show").stdout().strip() +
            "; client limits: " + inClient("ip", "mptcp", "limits", "show").stdout().strip() +
            "; server endpoints: " + inServer("ip", "mptcp", "endpoint", "show").stdout().strip() +
            "; server limits: " + inServer("ip", "mptcp", "limits", "show").stdout().strip() +
            "; checksum_enabled: " + inServer("sysctl", "-n", "net.mptcp.checksum_enabled").stdout().strip();
    }

    /**
     * Starts one tcpdump per server interface ({@code --immediate-mode -U}, so nothing waits in a ring
     * block when it stops) and returns once both print "listening on". {@link Capture#stop()} fails when
     * the kernel dropped packets, so a capture is always complete.
     *
     * @param dir where the pcaps go.
     * @return the running capture; {@link Capture#stop()} ends it.
     */
    public Capture capture(final Path dir)
    {
        final List<String> interfaces = new ArrayList<>();
        for (int path = 1; path <= PATH_COUNT; path++)
        {
            interfaces.add(serverInterface(path));
        }
        return capture(server, interfaces, dir);
    }

    /**
     * Starts one tcpdump per interface of a namespace, as {@link #capture(Path)} does for the server's.
     *
     * @param ns         network namespace.
     * @param interfaces its interfaces, one pcap each ({@code pathN-IFACE.pcap}, N counting from 1).
     * @param dir        where the pcaps go.
     * @return the running capture; {@link Capture#stop()} ends it.
     */
    public static Capture capture(final String ns, final List<String> interfaces, final Path dir)
    {
        final List<Cmd.Background> dumps = new ArrayList<>();
        final List<Path> files = new ArrayList<>();
        try
        {
            for (int path = 1; path <= interfaces.size(); path++)
            {
                // -w - to our stdout file: tcpdump drops to its own user before opening a -w file.
                // Immediate mode uses a ring of snaplen-sized slots: with the default 2 MiB and 256 KiB
                // snaplen that is 8 slots, and a burst of TSO segments overflows it. 64 KiB slots (the
                // largest a veth hands over without BIG TCP) in 32 MiB give ~500.
                final Cmd.Background dump = Cmd.Background.start(Map.of(), inNamespace(ns, "tcpdump", "-i",
                    interfaces.get(path - 1), "-nn", "--immediate-mode", "-U", "-s", Integer.toString(SNAPLEN), "-B",
                    Integer.toString(BUFFER_KIB), "-w", "-"));
                dumps.add(dump);
                files.add(dir.resolve("path" + path + "-" + interfaces.get(path - 1) + ".pcap"));
            }
            for (final Cmd.Background dump : dumps)
            {
                if (!dump.awaitStderr("listening on", TIMEOUT))
                {
                    throw new IllegalStateException("tcpdump did not start: " + dump.stderr());
                }
            }
        }
        catch (final RuntimeException ex)
        {
            dumps.forEach(Cmd.Background::close);
            throw ex;
        }
        return new Capture(dumps, files, dir.resolve("merged.pcap"));
    }

    /**
     * Running tcpdumps. Closing kills whatever still runs.
     */
    public static final class Capture implements AutoCloseable
    {
        private final List<Cmd.Background> dumps;
        private final List<Path> files;
        private final Path merged;

        private Capture(final List<Cmd.Background> dumps, final List<Path> files, final Path merged)
        {
            this.dumps = dumps;
            this.files = files;
            this.merged = merged;
        }

        /**
         * Stops each tcpdump with SIGINT, waits until it has flushed and exited, writes the per-interface
         * pcaps and merges them.
         *
         * @return the files.
         * @throws IllegalStateException when a tcpdump exits non-zero or reports drops.
         */
        public CaptureFiles stop()
        {
            final List<String> stats = new ArrayList<>();
            for (int i = 0; i < dumps.size(); i++)
            {
                final Cmd.Background dump = dumps.get(i);
                dump.signal("INT");
                final int exit = dump.waitFor(TIMEOUT);
                final String stderr = dump.stderr();
                if (exit != 0 || !NO_DROPS.matcher(stderr).find())
                {
                    throw new IllegalStateException("tcpdump for " + files.get(i) + " exited " + exit + ": " + stderr);
                }
                write(files.get(i), dump.stdoutBytes());
                stats.add(stderr.lines().filter(l -> l.contains("packets")).reduce((a, b) -> a + ", " + b).orElse(""));
            }
            final List<String> command = new ArrayList<>(List.of("mergecap", "-F", "pcap", "-w", merged.toString()));
            files.forEach(f -> command.add(f.toString()));
            Cmd.run(TIMEOUT, Map.of(), command).ok();
            return new CaptureFiles(List.copyOf(files), merged, List.copyOf(stats));
        }

        private static void write(final Path file, final byte[] bytes)
        {
            try
            {
                Files.write(file, bytes);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public void close()
        {
            dumps.forEach(Cmd.Background::close);
        }
    }

    private void removeQuietly()
    {
        // Each veth has one end in either namespace: deleting the namespaces deletes both pairs.
        Cmd.run(TIMEOUT, "ip", "netns", "delete", client);
        Cmd.run(TIMEOUT, "ip", "netns", "delete", server);
    }

    /**
     * Deletes both namespaces and with them the veth pairs.
     *
     * @throws IllegalStateException when either namespace is still listed afterwards.
     */
    @Override
    public void close()
    {
        removeQuietly();
        final String namespaces = Cmd.run(TIMEOUT, "ip", "netns", "list").stdout();
        if (namespaces.lines().map(l -> l.split(" ")[0]).anyMatch(n -> n.equals(client) || n.equals(server)))
        {
            throw new IllegalStateException("namespace " + client + " or " + server +
                " still exists after deleting it");
        }
    }
}
