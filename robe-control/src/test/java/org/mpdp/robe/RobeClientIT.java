package org.mpdp.robe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.cli.MpdpCommand;

/**
 * {@code mpdp robe connect} against Linux MPTCP over two real paths ({@link TwoPaths}): the RobE process on
 * net_af_packet ports, the kernel's echo server in a namespace. Protocol outcomes, not timings: the echo comes
 * back intact; which path won; the joins established (the server's MPTcpExt MIB and tshark's MPTCP analysis of
 * the server-side capture); the SIM losers RST; no half-open sockets left at the server; TIMER and IPS leave a
 * blackholed path 0 while plain fails on it. Needs root (namespaces), tcpdump, tshark and nft; skipped without.
 */
final class RobeClientIT
{
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    static Path dir;

    private static TwoPaths topology;

    @BeforeAll
    static void setUp() throws IOException
    {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root (network namespaces)");
        for (final String tool : List.of("tshark", "tcpdump", "nft", "python3"))
        {
            Assumptions.assumeTrue(Sh.run("sh", "-c", "command -v " + tool).exit() == 0, "needs " + tool);
        }
        topology = TwoPaths.create(dir);
    }

    @AfterAll
    static void tearDown()
    {
        if (topology != null)
        {
            topology.close();
        }
    }

    private record Run(Sh.Result result, List<Map<String, String>> rows, String stdout)
    {
    }

    private static Run connect(final String mode, final String... args) throws IOException
    {
        final String prefix = "robe-it-" + ThreadLocalRandom.current().nextInt(1 << 30);
        final Path config = dir.resolve(prefix + ".yaml");
        final Path csv = dir.resolve(prefix + ".csv");
        Files.writeString(config, topology.yaml(prefix, dir.resolve(prefix + "-counters.dat"), mode));
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> !a.startsWith("-agentlib"))
            .forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MpdpCommand.class.getName(), "robe",
            "connect", "--config", config.toString(), "--server-port", Integer.toString(TwoPaths.PORT), "--csv",
            csv.toString()));
        command.addAll(List.of(args));
        final Sh.Result r = Sh.run(RUN_TIMEOUT, command);
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("mbufs still in use after the ports closed 0"), r.stdout());
        assertFalse(r.stdout().contains("robe errors"), r.stdout() + r.stderr());
        final List<String> lines = Files.readAllLines(csv);
        assertEquals("index,mode,outcome,establish_ms,multipath_ms,initial_path,paths_up,bytes_echoed,rsts_sent," +
            "syns_sent,start_ms", lines.get(0));
        final String[] header = lines.get(0).split(",");
        final List<Map<String, String>> rows = new ArrayList<>();
        for (final String line : lines.subList(1, lines.size()))
        {
            final String[] f = line.split(",", -1);
            final Map<String, String> row = new java.util.HashMap<>();
            for (int i = 0; i < header.length; i++)
            {
                row.put(header[i], f[i]);
            }
            rows.add(row);
        }
        return new Run(r, rows, r.stdout());
    }

    private static void assertNoHalfOpen()
    {
        // The server's request sockets of attempts we RST (or never completed) are gone.
        assertEquals(List.of(), topology.sockets("syn-recv"), "half-open sockets left at the server");
    }

    @Test
    void shouldEchoInPlainModeAndJoinTheOtherPath() throws IOException
    {
        final long joinAcks = topology.mib("MPTcpExtMPJoinAckRx");
        final long hmacFailures = topology.mib("MPTcpExtMPJoinAckHMacFailure");
        final Path a = dir.resolve("plain-a.pcap");
        final Path b = dir.resolve("plain-b.pcap");
        topology.capture(a, b);
        final Run run;
        try
        {
            run = connect("plain", "--count", "3", "--request", "65536");
        }
        finally
        {
            topology.stopCaptures();
        }
        assertEquals(3, run.rows().size(), run.stdout());
        for (final Map<String, String> row : run.rows())
        {
            assertEquals("ok", row.get("outcome"), row.toString());
            assertEquals("0", row.get("initial_path"), row.toString());
            assertEquals("2", row.get("paths_up"), row.toString());
            assertEquals("65536", row.get("bytes_echoed"), row.toString());
            assertEquals("0", row.get("rsts_sent"), "a clean close needs no RST " + row);
            assertFalse(row.get("multipath_ms").isEmpty(), row.toString());
        }
        assertEquals(3, topology.mib("MPTcpExtMPJoinAckRx") - joinAcks, "the server took one join per session");
        assertEquals(hmacFailures, topology.mib("MPTcpExtMPJoinAckHMacFailure"));
        // tshark, as the oracle of the handshake: on path 0 three MP_CAPABLE connections (SYN, SYN/ACK with the
        // server's key, third ACK with both keys), on path 1 three MP_JOIN subflows that tshark's MPTCP analysis
        // ties to those connections by token; every checksum good.
        final Sh.Result syns = Sh.ok("tshark", "-r", a.toString(), "-o", "mptcp.analyze_mptcp:TRUE",
            "-o", "tcp.check_checksum:TRUE", "-Y", "tcp.options.mptcp.subtype == 0 and tcp.flags.syn == 1 and " +
                "tcp.flags.ack == 0", "-T", "fields", "-e", "tcp.stream");
        assertEquals(3, syns.stdout().lines().filter(l -> !l.isBlank()).count(), syns.stdout());
        final Sh.Result third = Sh.ok("tshark", "-r", a.toString(), "-o", "mptcp.analyze_mptcp:TRUE",
            "-Y", "tcp.options.mptcp.subtype == 0 and tcp.flags.syn == 0 and tcp.options.mptcp.recvkey", "-T",
            "fields", "-e", "mptcp.stream");
        assertTrue(third.stdout().lines().filter(l -> !l.isBlank()).distinct().count() == 3, third.stdout());
        final Sh.Result joins = Sh.ok("tshark", "-r", b.toString(), "-o", "mptcp.analyze_mptcp:TRUE",
            "-Y", "tcp.options.mptcp.subtype == 1 and tcp.flags.syn == 1 and tcp.flags.ack == 1", "-T", "fields",
            "-e", "mptcp.stream");
        assertEquals(3, joins.stdout().lines().filter(l -> !l.isBlank()).distinct().count(),
            "3 MP_JOIN SYN/ACKs, each tied by tshark to its own MPTCP connection: " + joins.stdout());
        final Sh.Result mismatch = Sh.ok("tshark", "-r", a.toString(), "-o", "mptcp.analyze_mptcp:TRUE",
            "-Y", "mptcp.connection.echoed_key_mismatch");
        assertEquals("", mismatch.stdout().strip(), "the third ACK echoed the keys of the SYN/ACK");
        final Sh.Result bad = Sh.ok("sh", "-c", "tshark -r " + a + " -o tcp.check_checksum:TRUE -o " +
            "ip.check_checksum:TRUE -Y 'tcp.checksum.status == 0 or ip.checksum.status == 0' | wc -l; " +
            "tshark -r " + b + " -o tcp.check_checksum:TRUE -Y 'tcp.checksum.status == 0' | wc -l");
        assertEquals("0\n0\n", bad.stdout(), "frames with a bad checksum");
        assertNoHalfOpen();
    }

    /**
     * A run repeated with the same seed opens its subflows on the same local ports as the one before, 4-tuples
     * the kernel server still holds in TIME-WAIT (it closed first). Linux takes a SYN on such a tuple as a new
     * connection only when its sequence number lies after what the old connection used; with RFC 6528's
     * clock-driven ISNs it does. With the former random ISNs (the same ones again, from the same seed) each SYN
     * was answered with the old connection's ACK, and the subflow waited for its RTO to try again.
     */
    @Test
    void shouldReuseATupleTheServerHoldsInTimeWait() throws IOException
    {
        final List<String> before = topology.sockets("time-wait");
        final Run first = connect("plain", "--count", "3", "--seed", "6528");
        final List<String> held = new ArrayList<>(topology.sockets("time-wait"));
        held.removeAll(before);
        // Which end closes a subflow first depends on timing: the server holds some of the tuples (at least 2 of
        // the 6 in the runs seen), and a SYN on any of them met the old connection's ACK before.
        assertFalse(held.isEmpty(), "the server closed first on some subflows and holds them in TIME-WAIT");
        final Run second = connect("plain", "--count", "3", "--seed", "6528");
        assertEquals(3, second.rows().size(), second.stdout());
        for (int i = 0; i < 3; i++)
        {
            final Map<String, String> a = first.rows().get(i);
            final Map<String, String> b = second.rows().get(i);
            assertEquals("ok", b.get("outcome"), b.toString());
            assertEquals("0", b.get("initial_path"), b.toString());
            // No SYN retransmitted: each SYN on a reused tuple was answered at once.
            assertEquals(a.get("syns_sent"), b.get("syns_sent"), "first run " + a + ", second " + b);
        }
        assertNoHalfOpen();
    }

    @Test
    void shouldRaceSimAndResetTheLosers() throws IOException
    {
        final long joinAcks = topology.mib("MPTcpExtMPJoinAckRx");
        final Run run = connect("sim", "--count", "6", "--concurrency", "3", "--request", "4000");
        assertEquals(6, run.rows().size(), run.stdout());
        for (final Map<String, String> row : run.rows())
        {
            assertEquals("ok", row.get("outcome"), row.toString());
            assertEquals("4000", row.get("bytes_echoed"), row.toString());
            assertEquals("2", row.get("paths_up"), row.toString());
            // Two MP_CAPABLE SYNs and one MP_JOIN; the losing attempt was RST.
            assertTrue(Integer.parseInt(row.get("syns_sent")) >= 3, row.toString());
            assertTrue(Integer.parseInt(row.get("rsts_sent")) >= 1, row.toString());
        }
        assertEquals(6, topology.mib("MPTcpExtMPJoinAckRx") - joinAcks);
        // Without --interval the first three start together, in one poll of the control thread.
        assertEquals(3, run.rows().stream().filter(row -> row.get("start_ms").equals("0.000")).count(),
            run.rows().toString());
        assertNoHalfOpen();
    }

    @Test
    void shouldPaceSessionStartsByTheInterval() throws IOException
    {
        final Run run = connect("plain", "--count", "4", "--concurrency", "4", "--interval", "150ms");
        assertEquals(4, run.rows().size(), run.stdout());
        assertTrue(run.stdout().contains("one start per 150ms"), run.stdout());
        final List<Double> starts = run.rows().stream().map(row -> Double.parseDouble(row.get("start_ms"))).sorted()
            .toList();
        assertEquals(0.0, starts.get(0), run.rows().toString());
        for (int i = 1; i < starts.size(); i++)
        {
            // Each start at least the interval after the one before (same clock; 3 decimals in the CSV).
            assertTrue(starts.get(i) - starts.get(i - 1) >= 149.999, starts.toString());
        }
        run.rows().forEach(row -> assertEquals("ok", row.get("outcome"), row.toString()));
        assertNoHalfOpen();
    }

    @Test
    void shouldLeaveNoHalfOpenLoserWhenItsFirstRstsAreLost() throws IOException
    {
        // A losing SIM attempt whose SYN reached the server is a request socket there until a RST arrives. Here
        // the server loses two of every three RSTs: a single RST per loser (or one per retransmitted SYN/ACK
        // while the run lingers) leaves half-open sockets; the repeated RSTs must not.
        topology.dropTwoOfThreeRsts(true);
        final Run run;
        try
        {
            run = connect("sim", "--count", "4", "--concurrency", "1", "--request", "2000");
            assertEquals(4, run.rows().size(), run.stdout());
            for (final Map<String, String> row : run.rows())
            {
                assertEquals("ok", row.get("outcome"), row.toString());
            }
            assertTrue(run.stdout().matches("(?s).*\\s[1-9][0-9,]*\\s+robe rst-repeats .*"),
                "the losers' RSTs were repeated: " + run.stdout());
            assertNoHalfOpen();
        }
        finally
        {
            topology.dropTwoOfThreeRsts(false);
        }
    }

    @Test
    void shouldMoveTimerAndIpsToPath1WhenPath0IsBlackholed() throws IOException
    {
        topology.blackholePath0(true);
        try
        {
            final Run plain = connect("plain", "--count", "1", "--timeout", "2s");
            assertEquals("failed", plain.rows().get(0).get("outcome"), plain.rows().toString());
            assertEquals("", plain.rows().get(0).get("establish_ms"));

            final Run timer = connect("timer", "--count", "3");
            for (final Map<String, String> row : timer.rows())
            {
                assertEquals("ok", row.get("outcome"), row.toString());
                assertEquals("1", row.get("initial_path"), "TIMER moved to path 1 " + row);
                assertEquals("1", row.get("paths_up"), "the join on path 0 cannot succeed " + row);
                assertEquals("", row.get("multipath_ms"), row.toString());
            }

            // IPS: the first session has no history and tries paths[0] (and fails); the joins and failures
            // teach it, and the next sessions start on path 1.
            final Run ips = connect("ips", "--count", "3", "--timeout", "2s");
            assertEquals("failed", ips.rows().get(0).get("outcome"), ips.rows().toString());
            for (final Map<String, String> row : ips.rows().subList(1, 3))
            {
                assertEquals("ok", row.get("outcome"), row.toString());
                assertEquals("1", row.get("initial_path"), row.toString());
            }
        }
        finally
        {
            topology.blackholePath0(false);
        }
        // The blackholed SYNs were dropped by the server's firewall before any socket: nothing half-open.
        assertNoHalfOpen();
    }

    @Test
    void shouldTeachIpsFromAnExpiredSynRtoWhileItsSessionStillRuns() throws IOException
    {
        topology.blackholePath0(true);
        try
        {
            // The first session's SYN on path 0 has its RTO (1 s) expire at about 1 s, long before the session
            // ends (3 s). The second starts at 1.2 s: it already knows path 0 as unanswered and starts on path 1.
            final Run ips = connect("ips", "--count", "2", "--concurrency", "2", "--interval", "1200ms",
                "--timeout", "3s");
            assertEquals("failed", ips.rows().get(0).get("outcome"), ips.rows().toString());
            assertEquals("ok", ips.rows().get(1).get("outcome"), ips.rows().toString());
            assertEquals("1", ips.rows().get(1).get("initial_path"), ips.rows().toString());
        }
        finally
        {
            topology.blackholePath0(false);
        }
        assertNoHalfOpen();
    }
}
