package org.mpdp.dataplane.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Two namespaces, each with a veth whose other end is in the root namespace for net_af_packet. The
 * client's and the server's addresses share one /24 and static neighbour entries (mpdp frees ARP:
 * it has no control thread), IPv6 is off, and checksum, segmentation and GRO offloads are off, so
 * the frames mpdp forwards are whole and carry valid checksums. Names carry the pid. Client addresses are
 * 198.18.7.1 (the initial subflow) and those given, the server's 198.18.7.2.
 *
 * <pre>
 *   client ns  ca --veth-- rootA [port 0]  mpdp  [port 1] rootB --veth-- sb  server ns
 * </pre>
 */
public final class AfPacketBridge implements AutoCloseable
{
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String CLIENT_MAC = "02:6d:71:00:00:01";
    private static final String SERVER_MAC = "02:6d:71:00:00:02";
    private final String client;
    private final String server;
    private final String rootA;
    private final String rootB;
    private final int[] endpoints;
    private final int[] spare;

    private AfPacketBridge(final long pid, final int[] endpoints, final int[] spare)
    {
        this.endpoints = endpoints.clone();
        this.spare = spare.clone();
        client = "mpdp-afc-" + pid;
        server = "mpdp-afs-" + pid;
        rootA = "mpaf" + pid + "a";
        rootB = "mpaf" + pid + "b";
    }

    /**
     * @param endpoints last bytes of client addresses (198.18.7.N) with an MPTCP {@code subflow} endpoint from
     *                  the start ({@code 1} is the initial subflow's, {@code 2} the server's: not these).
     * @param spare     last bytes of client addresses configured (with the server's neighbour entries)
     *                  but without an endpoint: {@link #addSubflowEndpoint} adds one later.
     * @return the bridge, set up (removed again if the set-up fails).
     */
    public static AfPacketBridge create(final int[] endpoints, final int[] spare)
    {
        final AfPacketBridge b = new AfPacketBridge(ProcessHandle.current().pid(), endpoints, spare);
        b.removeQuietly();
        try
        {
            b.setUp();
        }
        catch (final RuntimeException ex)
        {
            b.removeQuietly();
            throw ex;
        }
        return b;
    }

    private void setUp()
    {
        run("ip", "netns", "add", client);
        run("ip", "netns", "add", server);
        run("ip", "link", "add", rootA, "address", "02:6d:71:00:00:0a", "type", "veth", "peer", "name", "ca",
            "address", CLIENT_MAC, "netns", client);
        run("ip", "link", "add", rootB, "address", "02:6d:71:00:00:0b", "type", "veth", "peer", "name", "sb",
            "address", SERVER_MAC, "netns", server);
        for (final String root : List.of(rootA, rootB))
        {
            run("sysctl", "-q", "-w", "net.ipv6.conf." + root + ".disable_ipv6=1");
            run("ethtool", "-K", root, "tx", "off", "tso", "off", "gso", "off", "gro", "off");
            run("ip", "link", "set", root, "up");
        }
        for (final String[] ns : new String[][] {{client, "ca"}, {server, "sb"}})
        {
            in(ns[0], "sysctl", "-q", "-w", "net.ipv6.conf." + ns[1] + ".disable_ipv6=1");
            // veth fills in TCP checksums lazily (CHECKSUM_PARTIAL): a frame read by AF_PACKET and sent
            // again would arrive with a wrong one. Whole, checksummed segments only.
            in(ns[0], "ethtool", "-K", ns[1], "tx", "off", "tso", "off", "gso", "off", "gro", "off");
            run("ip", "-n", ns[0], "link", "set", "lo", "up");
            run("ip", "-n", ns[0], "mptcp", "limits", "set", "subflows", "8", "add_addr_accepted", "0");
        }
        run("ip", "-n", client, "addr", "add", "198.18.7.1/24", "dev", "ca");
        for (final int a : endpoints)
        {
            run("ip", "-n", client, "addr", "add", "198.18.7." + a + "/24", "dev", "ca");
            run("ip", "-n", client, "mptcp", "endpoint", "add", "198.18.7." + a, "dev", "ca", "subflow");
        }
        for (final int a : spare)
        {
            run("ip", "-n", client, "addr", "add", "198.18.7." + a + "/24", "dev", "ca");
        }
        run("ip", "-n", server, "addr", "add", "198.18.7.2/24", "dev", "sb");
        run("ip", "-n", client, "link", "set", "ca", "up");
        run("ip", "-n", server, "link", "set", "sb", "up");
        run("ip", "-n", client, "neigh", "replace", "198.18.7.2", "lladdr", SERVER_MAC, "dev", "ca", "nud",
            "permanent");
        final List<Integer> clients = new ArrayList<>(List.of(1));
        for (final int a : endpoints)
        {
            clients.add(a);
        }
        for (final int a : spare)
        {
            clients.add(a);
        }
        for (final int a : clients)
        {
            run("ip", "-n", server, "neigh", "replace", "198.18.7." + a, "lladdr", CLIENT_MAC, "dev", "sb", "nud",
                "permanent");
        }
        for (final String root : List.of(rootA, rootB))
        {
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!Cmd.run(TIMEOUT, "ip", "-o", "link", "show", "dev", root).ok().stdout().contains("LOWER_UP"))
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException(root + " did not come up");
                }
                Cmd.sleep(10);
            }
        }
    }

    /**
     * Runs the echo server and the client ({@link MptcpTraffic#SCRIPT}, clean close) to completion.
     *
     * @return their report lines.
     */
    public List<String> traffic(final Path dir, final int connections, final int bytes)
        throws IOException, InterruptedException
    {
        final Path script = script(dir);
        final List<String> lines = new ArrayList<>();
        try (Cmd.Background srv = Cmd.Background.start(Map.of(), List.of("ip", "netns", "exec", server, "python3",
            script.toString(), "server", "4", "0.0.0.0", "5201", Integer.toString(connections))))
        {
            assertTrue(srv.awaitStderr("listening", TIMEOUT), srv.stderr());
            final Cmd.Result cl = Cmd.run(MptcpTraffic.CLIENT_TIMEOUT, Map.of(), List.of("ip", "netns", "exec",
                client, "python3", script.toString(), "client", "4", "198.18.7.2", "5201",
                Integer.toString(connections), Integer.toString(bytes), "clean"));
            assertEquals(0, cl.exit(), cl.toString());
            assertEquals(0, srv.waitFor(TIMEOUT), srv.stderr());
            lines.addAll(cl.stdout().lines().toList());
            lines.addAll(srv.stdout().lines().toList());
        }
        return lines;
    }

    /**
     * @return {@link MptcpTraffic#SCRIPT} copied into {@code dir}.
     */
    public static Path script(final Path dir) throws IOException
    {
        final Path script = dir.resolve(MptcpTraffic.SCRIPT);
        try (InputStream in = AfPacketBridge.class.getClassLoader().getResourceAsStream(MptcpTraffic.SCRIPT))
        {
            Files.write(script, in.readAllBytes());
        }
        return script;
    }

    /** Adds an MPTCP {@code subflow} endpoint for spare client address 198.18.7.{@code a}: the kernel opens a
     * join from it on every connection still open. */
    public void addSubflowEndpoint(final int a)
    {
        run("ip", "-n", client, "mptcp", "endpoint", "add", "198.18.7." + a, "dev", "ca", "subflow");
    }

    /** @return the client namespace. */
    public String client()
    {
        return client;
    }

    /** @return the server namespace. */
    public String server()
    {
        return server;
    }

    /**
     * @return the {@code ports:} section of an {@code mpdp run} config for this bridge: net_af_packet on
     *         both root ends, two queue pairs each (PACKET_FANOUT hash over two RX queues), one line each.
     */
    public String[] portsYaml()
    {
        return new String[] {
            "ports:",
            "  - vdev: net_af_packet0,iface=" + rootA() + ",qpairs=2",
            "    queues: 2",
            "  - vdev: net_af_packet1,iface=" + rootB() + ",qpairs=2",
            "    queues: 2"};
    }

    /** @return the root-namespace end of the client's veth (mpdp's port 0). */
    public String rootA()
    {
        return rootA;
    }

    /** @return the root-namespace end of the server's veth (mpdp's port 1). */
    public String rootB()
    {
        return rootB;
    }

    private void in(final String ns, final String... command)
    {
        final List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        Cmd.run(TIMEOUT, Map.of(), full).ok();
    }

    private static void run(final String... command)
    {
        Cmd.run(TIMEOUT, Map.of(), List.of(command)).ok();
    }

    private void removeQuietly()
    {
        // Deleting a namespace deletes its veth end, and with it the root end.
        Cmd.run(TIMEOUT, "ip", "netns", "delete", client);
        Cmd.run(TIMEOUT, "ip", "netns", "delete", server);
        Cmd.run(TIMEOUT, "ip", "link", "delete", rootA);
        Cmd.run(TIMEOUT, "ip", "link", "delete", rootB);
    }

    @Override
    public void close()
    {
        removeQuietly();
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (Files.exists(Path.of("/sys/class/net", rootA)) || Files.exists(Path.of("/sys/class/net", rootB)))
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException(rootA + " or " + rootB + " still exists after deleting them");
            }
            Cmd.sleep(20);
        }
    }
}
