package org.mpdp.dataplane.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.cli.MpdpCommand;
import org.mpdp.dataplane.testing.ChildJvm;
import org.mpdp.dataplane.testing.Cmd;
import org.mpdp.dataplane.testing.MptcpTraffic;

/**
 * Real multi-queue with kernel traffic: {@code mpdp run} bridges two network namespaces over
 * net_af_packet ports with {@code qpairs=2} (PACKET_FANOUT hash: the kernel spreads flows over the two
 * RX queues by 4-tuple). The client has three extra addresses with MPTCP {@code subflow} endpoints,
 * so each connection has four subflows whose 4-tuples hash independently, and the subflows of one
 * connection arrive on different queues, polled by different threads. The transfer must be
 * byte-exact, the report must show every connection with all its subflows and every join
 * {@code established}, both queues of both ports must carry packets, no join may miss its owner
 * ({@code join-unknown-token}), nothing may be dropped, and every mbuf must be back in its pool.
 *
 * <pre>
 *   client ns  ca --veth-- A [port 0]  mpdp  [port 1] B --veth-- sb  server ns
 * </pre>
 */
final class AfPacketPipelineIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern COUNTER = Pattern.compile("^\\s+([0-9,]+)  (.+)$");
    private static final int CONNECTIONS = 4;
    private static final int BYTES = 2_000_000;
    /** Client addresses 198.18.7.1 (the initial subflow) and .3-.5 (one subflow endpoint each); server .2. */
    private static final int[] EXTRA = {3, 4, 5};
    private static final String CLIENT_MAC = "02:6d:71:00:00:01";
    private static final String SERVER_MAC = "02:6d:71:00:00:02";

    @TempDir
    Path dir;

    @Test
    void shouldCarryKernelMptcpAcrossTwoQueuesWithTwoRunToCompletionWorkers() throws Exception
    {
        // Cores are assigned round-robin over (port, queue): worker 0 polls queue 0 of both ports, worker 1 queue 1.
        transfer("layout:\n  mode: run-to-completion\n  cores: [0, 1]\n  idle:\n    strategy: backoff");
    }

    @Test
    void shouldCarryKernelMptcpAcrossTwoQueuesPipelined() throws Exception
    {
        transfer("layout:\n  mode: pipelined\n  rx-cores: [0]\n  worker-cores: [1]\n  idle:\n    strategy: backoff");
    }

    @Test
    void shouldCarryKernelMptcpPipelinedWithTwoWorkersOnTwoCpus() throws Exception
    {
        // Three threads on two CPUs: the RX thread and worker 0 share CPU 0 (allowed with backoff, warned).
        final String stderr = transfer("layout:\n  mode: pipelined\n  rx-cores: [0]\n  worker-cores: [0, 1]\n" +
            "  idle:\n    strategy: backoff");
        assertTrue(stderr.contains("mpdp run: warning: CPU 0 runs 2 packet threads"), stderr);
    }

    /** @return the run's standard error. */
    private String transfer(final String layout) throws Exception
    {
        try (Bridge bridge = Bridge.create())
        {
            final String prefix = "mpdp-af-" + ProcessHandle.current().pid();
            final Path config = dir.resolve(prefix + ".yaml");
            final Path report = dir.resolve(prefix + ".json");
            Files.writeString(config, String.join("\n",
                "eal:",
                "  file-prefix: " + prefix,
                "  hugepages: off",
                "  memory-mb: 1024",
                "ports:",
                "  - vdev: net_af_packet0,iface=" + bridge.rootA + ",qpairs=2",
                "    queues: 2",
                "  - vdev: net_af_packet1,iface=" + bridge.rootB + ",qpairs=2",
                "    queues: 2",
                layout,
                "tables:",
                "  max-connections: 4096",
                "  max-subflows: 16384",
                "counters:",
                "  path: " + dir.resolve(prefix + "-counters.dat"),
                ""));
            final String stdout;
            final String stderr;
            try (Cmd.Background run = Cmd.Background.start(Map.of(), ChildJvm.command(MpdpCommand.class, "run",
                "--config", config.toString(), "--duration", "120", "--stats-interval", "0", "--report",
                report.toString())))
            {
                final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!run.stdout().contains("  port 1 net_af_packet1") && run.alive() && System.nanoTime() < deadline)
                {
                    Thread.sleep(50);
                }
                assertTrue(run.alive(), "mpdp run is not running:\n" + run.stdout() + run.stderr());
                Thread.sleep(500);
                final List<String> lines = bridge.traffic(dir);
                for (final String role : List.of("client", "server"))
                {
                    for (int i = 0; i < CONNECTIONS; i++)
                    {
                        final String match = role.equals("client") ? "true" : "-";
                        assertTrue(lines.contains("mptcp-traffic " + role + " conn=" + i + " sent=" + BYTES +
                            " received=" + BYTES + " match=" + match + " error=-"), role + " " + i + ": " + lines);
                    }
                }
                run.signal("TERM");
                assertEquals(0, run.waitFor(Duration.ofSeconds(30)), run.stdout() + run.stderr());
                stdout = run.stdout();
                stderr = run.stderr();
            }
            assertTrue(stdout.contains("mbufs still in use after the ports closed 0"), stdout);
            assertFalse(stdout.contains("rings not drained"), stdout);
            final Map<String, Long> c = counters(stdout);
            for (final String port : List.of("port 0 net_af_packet0", "port 1 net_af_packet1"))
            {
                for (final String q : List.of(" q0 rx", " q1 rx"))
                {
                    assertTrue(c.getOrDefault(port + q, 0L) > 0, "no packets on " + port + q + ": " + c);
                }
            }
            assertEquals(0, sum(c, "worker \\d+ reason join-unknown-token"), "joins that missed their owner " + c);
            assertEquals(0, sum(c, "worker \\d+ tx-dropped.*") + sum(c, "worker \\d+ dropped by verdict") +
                sum(c, ".*ring full") + sum(c, "worker \\d+ packets freed after an internal error.*"), c.toString());
            assertEquals(sum(c, "port \\d+ \\S+ q\\d+ rx"), sum(c, "worker \\d+ processed"), "rx = processed " + c);
            assertEquals(sum(c, "worker \\d+ processed"), sum(c, "port \\d+ \\S+ opackets"), "processed = sent " + c);

            final JsonNode r = new ObjectMapper().readTree(Files.readString(report));
            assertEquals(CONNECTIONS, r.get("connections").size(), r.toPrettyString());
            for (final JsonNode conn : r.get("connections"))
            {
                assertEquals(1 + EXTRA.length, conn.get("subflows").size(), conn.toPrettyString());
                int joins = 0;
                for (final JsonNode s : conn.get("subflows"))
                {
                    if (s.get("role").asText().equals("join"))
                    {
                        joins++;
                        assertEquals("established", s.get("state").asText(), conn.toPrettyString());
                    }
                    assertTrue(s.get("packets").asLong() > 0, conn.toPrettyString());
                }
                assertEquals(EXTRA.length, joins, conn.toPrettyString());
                assertTrue(conn.get("data_bytes_to_server").asLong() >= BYTES, conn.toPrettyString());
            }
            // Clean kernel traffic gets no reason at all. (inconsistent-mapping once showed up here in about one
            // run in eight: a reinjection mapped at the subflow byte after a DATA_FIN mapping, which mpdp took to
            // overlap the DATA_FIN; MappingAnomalyTest holds the case.)
            assertEquals(0, r.get("reasons").size(), "verdict reasons on clean kernel traffic: " + r.get("reasons") +
                "\n" + stdout);
            return stderr;
        }
    }

    private static Map<String, Long> counters(final String stdout)
    {
        final Map<String, Long> counters = new LinkedHashMap<>();
        boolean in = false;
        for (final String line : stdout.lines().toList())
        {
            if (line.startsWith("mpdp run: counters (non-zero):"))
            {
                in = true;
                continue;
            }
            final Matcher m = COUNTER.matcher(line);
            in = in && m.matches();
            if (in)
            {
                counters.put(m.group(2), Long.parseLong(m.group(1).replace(",", "")));
            }
        }
        return counters;
    }

    private static long sum(final Map<String, Long> counters, final String regex)
    {
        final Pattern p = Pattern.compile(regex);
        return counters.entrySet().stream().filter(e -> p.matcher(e.getKey()).matches()).mapToLong(Map.Entry::getValue)
            .sum();
    }

    /**
     * Two namespaces, each with a veth whose other end is in the root namespace for net_af_packet. The
     * client's and the server's addresses share one /24 and static neighbour entries (mpdp frees ARP:
     * it has no control thread), IPv6 is off, and checksum, segmentation and GRO offloads are off, so
     * the frames mpdp forwards are whole and carry valid checksums. Names carry the pid.
     */
    private static final class Bridge implements AutoCloseable
    {
        private final String client;
        private final String server;
        private final String rootA;
        private final String rootB;

        private Bridge(final long pid)
        {
            client = "mpdp-afc-" + pid;
            server = "mpdp-afs-" + pid;
            rootA = "mpaf" + pid + "a";
            rootB = "mpaf" + pid + "b";
        }

        static Bridge create()
        {
            final Bridge b = new Bridge(ProcessHandle.current().pid());
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
            for (final int a : EXTRA)
            {
                run("ip", "-n", client, "addr", "add", "198.18.7." + a + "/24", "dev", "ca");
                run("ip", "-n", client, "mptcp", "endpoint", "add", "198.18.7." + a, "dev", "ca", "subflow");
            }
            run("ip", "-n", server, "addr", "add", "198.18.7.2/24", "dev", "sb");
            run("ip", "-n", client, "link", "set", "ca", "up");
            run("ip", "-n", server, "link", "set", "sb", "up");
            run("ip", "-n", client, "neigh", "replace", "198.18.7.2", "lladdr", SERVER_MAC, "dev", "ca", "nud",
                "permanent");
            final List<Integer> clients = new ArrayList<>(List.of(1));
            for (final int a : EXTRA)
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

        /** Runs the echo server and the client (CONNECTIONS parallel connections); returns their report lines. */
        List<String> traffic(final Path dir) throws IOException, InterruptedException
        {
            final Path script = dir.resolve(MptcpTraffic.SCRIPT);
            try (InputStream in = AfPacketPipelineIT.class.getClassLoader().getResourceAsStream(MptcpTraffic.SCRIPT))
            {
                Files.write(script, in.readAllBytes());
            }
            final List<String> lines = new ArrayList<>();
            try (Cmd.Background srv = Cmd.Background.start(Map.of(), List.of("ip", "netns", "exec", server, "python3",
                script.toString(), "server", "4", "0.0.0.0", "5201", Integer.toString(CONNECTIONS))))
            {
                assertTrue(srv.awaitStderr("listening", TIMEOUT), srv.stderr());
                final Cmd.Result cl = Cmd.run(MptcpTraffic.CLIENT_TIMEOUT, Map.of(), List.of("ip", "netns", "exec",
                    client, "python3", script.toString(), "client", "4", "198.18.7.2", "5201",
                    Integer.toString(CONNECTIONS), Integer.toString(BYTES), "clean"));
                assertEquals(0, cl.exit(), cl.toString());
                assertEquals(0, srv.waitFor(TIMEOUT), srv.stderr());
                lines.addAll(cl.stdout().lines().toList());
                lines.addAll(srv.stdout().lines().toList());
            }
            return lines;
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
}
