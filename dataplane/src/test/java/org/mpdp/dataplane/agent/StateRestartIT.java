package org.mpdp.dataplane.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mpdp.dataplane.testing.RunCounters.sum;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * Restarting {@code mpdp run} in the middle of kernel MPTCP transfers (two run-to-completion workers on
 * two af_packet queues per port, {@link AfPacketBridge}):
 * <ul>
 *   <li>SIGTERM writes the snapshot and the next start loads it: the transfers complete byte-exact, a join
 *   opened after the restart (a {@code subflow} endpoint added then) reaches its token's owner and is
 *   established, and the restored connections are never taken for mid-stream ones; {@code mpdp stat
 *   --connections --json} shows the connections and their subflows while they run;</li>
 *   <li>after {@code kill -9} (no snapshot), {@code state.unknown: fail-open} picks the connections up
 *   mid-stream and they complete; {@code fail-closed} drops their packets (counted) and they stall.</li>
 * </ul>
 */
final class StateRestartIT
{
    private static final int CONNECTIONS = 2;
    /** The client sends its first half paced (8 KiB every 10 ms, about 7 s): the restart falls inside it. */
    private static final int BYTES = 12_000_000;
    /** The client address whose subflow endpoint is added after the restart. */
    private static final int LATE = 3;
    private static final Duration TRANSFER = Duration.ofSeconds(180);

    @TempDir
    Path dir;

    private Path config;
    private Path counters;
    private Path snapshot;

    @Test
    void shouldKeepTransfersAcrossASigtermRestartAndVerifyAJoinOpenedAfterIt() throws Exception
    {
        try (AfPacketBridge bridge = AfPacketBridge.create(new int[0], new int[] {LATE});
            Traffic traffic = new Traffic(bridge))
        {
            writeConfig(bridge);
            final Map<String, Long> first;
            try (Cmd.Background run = start())
            {
                traffic.start();
                Thread.sleep(2500);
                // The live view while data flows: both connections, one subflow each, data counted.
                final JsonNode view = connections();
                assertEquals(CONNECTIONS, view.get("connections").size(), view.toPrettyString());
                for (final JsonNode c : view.get("connections"))
                {
                    assertEquals(1, c.get("subflows").size(), c.toPrettyString());
                    assertEquals("initial", c.get("subflows").get(0).get("role").asText(), c.toPrettyString());
                    assertTrue(c.get("data_bytes_to_server").asLong() > 0, c.toPrettyString());
                    assertTrue(c.get("client_key").asText().length() > 0, c.toPrettyString());
                }
                assertTrue(traffic.client.alive(), "the transfer ended before the restart: " + traffic.client.stdout());
                assertTrue(run.stdout().contains("mpdp run: state: no snapshot at " + snapshot + " (a first start)"),
                    run.stdout());
                first = stop(run, "TERM");
                assertTrue(run.stdout().contains("mpdp run: state: " + CONNECTIONS + " connection(s), " + CONNECTIONS +
                    " subflow(s) written to " + snapshot), run.stdout());
            }
            assertEquals(CONNECTIONS, first.get("state connections written to the snapshot at stop"), first.toString());
            try (Cmd.Background run = start())
            {
                assertTrue(run.stdout().contains("mpdp run: state: loaded " + snapshot), run.stdout());
                assertTrue(run.stdout().contains(CONNECTIONS + " connection(s), " + CONNECTIONS + " subflow(s) over 2 " +
                    "worker(s)"), run.stdout());
                assertFalse(run.stdout().contains("fail-open"), run.stdout());
                bridge.addSubflowEndpoint(LATE);
                traffic.awaitByteExact();
                final JsonNode view = connections();
                assertEquals(CONNECTIONS, view.get("connections").size(), view.toPrettyString());
                for (final JsonNode c : view.get("connections"))
                {
                    assertEquals(2, c.get("subflows").size(), "the late join: " + c.toPrettyString());
                    final JsonNode join = c.get("subflows").get(0).get("role").asText().equals("join") ?
                        c.get("subflows").get(0) : c.get("subflows").get(1);
                    assertEquals("join", join.get("role").asText(), c.toPrettyString());
                    assertEquals("established", join.get("state").asText(), c.toPrettyString());
                    assertTrue(join.get("client").asText().startsWith("198.18.7." + LATE + ":"), c.toPrettyString());
                    assertTrue(c.get("data_bytes_to_server").asLong() >= BYTES, c.toPrettyString());
                }
                assertEquals(0, view.get("mid_stream_subflows").size(), view.toPrettyString());
                final Cmd.Result table = ChildJvm.run(Duration.ofSeconds(60), MpdpCommand.class, "stat", "--file",
                    counters.toString(), "--connections");
                assertEquals(0, table.exit(), table.toString());
                assertTrue(table.stdout().startsWith(CONNECTIONS + " connection(s), 0 subflow(s) picked up mid-stream"),
                    table.stdout());
                assertEquals(CONNECTIONS, table.stdout().lines().filter(l -> l.contains("join established")).count(),
                    table.stdout());
                final Map<String, Long> c = stop(run, "TERM");
                assertEquals(CONNECTIONS, c.get("state connections restored from the snapshot"), c.toString());
                assertEquals(0, sum(c, "worker \\d+ reason (join-unknown-token|join-bad-.*|mid-stream|.*-without-syn)"),
                    c.toString());
                assertEquals(0, sum(c, "worker \\d+ dropped by verdict"), c.toString());
            }
            assertTrue(Files.exists(snapshot.resolveSibling(snapshot.getFileName() + ".loaded")));
            assertFalse(Files.exists(snapshot.resolveSibling(snapshot.getFileName() + ".running")));
        }
    }

    @Test
    void shouldPickConnectionsUpMidStreamAfterKillMinus9WhenFailOpen() throws Exception
    {
        try (AfPacketBridge bridge = AfPacketBridge.create(new int[0], new int[0]);
            Traffic traffic = new Traffic(bridge))
        {
            writeConfig(bridge);
            killMidTransfer(traffic);
            try (Cmd.Background run = start())
            {
                assertTrue(run.stdout().contains("mpdp run: state: the last run did not stop cleanly (" + snapshot + ".running): fail-open for 30 s"),
                    run.stdout());
                traffic.awaitByteExact();
                final JsonNode view = connections();
                assertEquals(0, view.get("connections").size(), "keys never seen: " + view.toPrettyString());
                final Map<String, Long> c = stop(run, "TERM");
                // Usually one per connection; once in three runs here only one of the two was still in the table
                // when the transfers had ended (open question, see README).
                assertTrue(view.get("mid_stream_subflows").size() >= 1, view.toPrettyString() + c);
                assertTrue(sum(c, "worker \\d+ reason mid-stream") > 0, c.toString());
                assertEquals(0, sum(c, "worker \\d+ dropped by verdict"), c.toString());
            }
        }
    }

    @Test
    void shouldDropConnectionsItHoldsNoStateForAfterKillMinus9WhenFailClosed() throws Exception
    {
        try (AfPacketBridge bridge = AfPacketBridge.create(new int[0], new int[0]);
            Traffic traffic = new Traffic(bridge))
        {
            writeConfig(bridge);
            killMidTransfer(traffic);
            try (Cmd.Background run = start("--set", "state.unknown=fail-closed"))
            {
                assertTrue(run.stdout().contains("mpdp run: state: fail-closed: join-unknown-token, join-without-syn, " +
                    "mpc-without-syn, mid-stream dropped"), run.stdout());
                // Ten seconds of retransmissions, every one dropped: the transfer does not finish.
                Thread.sleep(10_000);
                assertTrue(traffic.client.alive(), "finished through fail-closed: " + traffic.client.stdout());
                final Map<String, Long> c = stop(run, "TERM");
                final long midStream = sum(c, "worker \\d+ reason mid-stream");
                assertTrue(midStream > 0, c.toString());
                assertTrue(sum(c, "worker \\d+ dropped by verdict") >= midStream, c.toString());
                assertEquals(0, sum(c, "port \\d+ \\S+ opackets"), "nothing forwarded: " + c);
            }
        }
    }

    private void killMidTransfer(final Traffic traffic) throws Exception
    {
        try (Cmd.Background run = start())
        {
            traffic.start();
            Thread.sleep(2500);
            assertTrue(traffic.client.alive(), "the transfer ended before the kill: " + traffic.client.stdout());
            run.signal("KILL");
            run.waitFor(Duration.ofSeconds(30));
        }
        assertFalse(Files.exists(snapshot), "kill -9 wrote a snapshot");
        assertTrue(Files.exists(snapshot.resolveSibling(snapshot.getFileName() + ".running")));
    }

    private void writeConfig(final AfPacketBridge bridge) throws Exception
    {
        final String prefix = "mpdp-st-" + ProcessHandle.current().pid();
        config = dir.resolve(prefix + ".yaml");
        counters = dir.resolve(prefix + "-counters.dat");
        snapshot = dir.resolve("state.snapshot");
        Files.writeString(config, String.join("\n",
            "eal:",
            "  file-prefix: " + prefix,
            "  hugepages: off",
            "  memory-mb: 1024",
            String.join("\n", bridge.portsYaml()),
            // Worker 0 polls queue 0 of both ports, worker 1 queue 1: restored connections and late joins steer.
            "layout:",
            "  mode: run-to-completion",
            "  cores: [0, 1]",
            "tables:",
            "  max-connections: 4096",
            "  max-subflows: 16384",
            "counters:",
            "  path: " + counters,
            "state:",
            "  snapshot: " + snapshot,
            ""));
    }

    /** Starts {@code mpdp run} and waits until its packet threads run. */
    private Cmd.Background start(final String... extra)
    {
        final List<String> args = new ArrayList<>(List.of("run", "--config", config.toString(), "--duration", "300",
            "--stats-interval", "0"));
        args.addAll(List.of(extra));
        final Cmd.Background run = Cmd.Background.start(Map.of(), ChildJvm.command(MpdpCommand.class,
            args.toArray(new String[0])));
        assertTrue(run.awaitStdout("mpdp run: running", Duration.ofSeconds(120)),
            "mpdp run is not running:\n" + run.stdout() + run.stderr());
        return run;
    }

    private Map<String, Long> stop(final Cmd.Background run, final String signal)
    {
        run.signal(signal);
        assertEquals(0, run.waitFor(Duration.ofSeconds(60)), run.stdout() + run.stderr());
        assertTrue(run.stdout().contains("mbufs still in use after the ports closed 0"), run.stdout());
        return RunCounters.parse(run.stdout());
    }

    /** {@code mpdp stat --connections --json} against the running data plane. */
    private JsonNode connections() throws Exception
    {
        final Cmd.Result r = ChildJvm.run(Duration.ofSeconds(60), MpdpCommand.class, "stat", "--file",
            counters.toString(), "--connections", "--json");
        assertEquals(0, r.exit(), r.toString());
        return new ObjectMapper().readTree(r.stdout());
    }

    /** The echo server and the client of {@code mptcp_traffic.py}, in the background. */
    private final class Traffic implements AutoCloseable
    {
        private final AfPacketBridge bridge;
        private Cmd.Background server;
        private Cmd.Background client;

        Traffic(final AfPacketBridge bridge)
        {
            this.bridge = bridge;
        }

        void start() throws Exception
        {
            final Path script = AfPacketBridge.script(dir);
            server = Cmd.Background.start(Map.of(), List.of("ip", "netns", "exec", bridge.server(), "python3",
                script.toString(), "server", "4", "0.0.0.0", "5201", Integer.toString(CONNECTIONS)));
            assertTrue(server.awaitStderr("listening", Duration.ofSeconds(10)), server.stderr());
            client = Cmd.Background.start(Map.of(), List.of("ip", "netns", "exec", bridge.client(), "python3",
                script.toString(), "client", "4", "198.18.7.2", "5201", Integer.toString(CONNECTIONS),
                Integer.toString(BYTES), "clean"));
        }

        void awaitByteExact()
        {
            assertEquals(0, client.waitFor(TRANSFER), client.stdout() + client.stderr());
            assertEquals(0, server.waitFor(Duration.ofSeconds(30)), server.stderr());
            final List<String> lines = new ArrayList<>(client.stdout().lines().toList());
            lines.addAll(server.stdout().lines().toList());
            for (int i = 0; i < CONNECTIONS; i++)
            {
                assertTrue(lines.contains("mptcp-traffic client conn=" + i + " sent=" + BYTES + " received=" + BYTES +
                    " match=true error=-"), "client " + i + ": " + lines);
                assertTrue(lines.contains("mptcp-traffic server conn=" + i + " sent=" + BYTES + " received=" + BYTES +
                    " match=- error=-"), "server " + i + ": " + lines);
            }
        }

        @Override
        public void close()
        {
            if (client != null)
            {
                client.close();
            }
            if (server != null)
            {
                server.close();
            }
        }
    }
}
