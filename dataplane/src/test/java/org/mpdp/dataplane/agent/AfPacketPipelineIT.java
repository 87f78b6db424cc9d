package org.mpdp.dataplane.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mpdp.dataplane.testing.RunCounters.sum;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.cli.MpdpCommand;
import org.mpdp.dataplane.testing.AfPacketBridge;
import org.mpdp.dataplane.testing.ChildJvm;
import org.mpdp.dataplane.testing.Cmd;
import org.mpdp.dataplane.testing.RunCounters;

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
    private static final int CONNECTIONS = 4;
    private static final int BYTES = 2_000_000;
    /** Client addresses 198.18.7.1 (the initial subflow) and .3-.5 (one subflow endpoint each); server .2. */
    private static final int[] EXTRA = {3, 4, 5};

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
        try (AfPacketBridge bridge = AfPacketBridge.create(EXTRA, new int[0]))
        {
            final String prefix = "mpdp-af-" + ProcessHandle.current().pid();
            final Path config = dir.resolve(prefix + ".yaml");
            final Path report = dir.resolve(prefix + ".json");
            Files.writeString(config, String.join("\n",
                "eal:",
                "  file-prefix: " + prefix,
                "  hugepages: off",
                "  memory-mb: 1024",
                String.join("\n", bridge.portsYaml()),
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
                assertTrue(run.awaitStdout("mpdp run: running", Duration.ofSeconds(120)),
                    "mpdp run is not running:\n" + run.stdout() + run.stderr());
                final List<String> lines = bridge.traffic(dir, CONNECTIONS, BYTES);
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
            final Map<String, Long> c = RunCounters.parse(stdout);
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
}
