package org.mpdp.robe.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.cli.MpdpCommand;
import org.mpdp.dataplane.testing.ChildJvm;
import org.mpdp.dataplane.testing.Cmd;
import org.mpdp.robe.testing.RobeNet;

/**
 * RobE_eSIM end to end. Two namespaces joined by two veth pairs (two paths); the client namespace runs
 * {@code mpdp robe connect}, the server namespace either {@code mpdp robe listen} or a Linux kernel MPTCP echo
 * server. tcpdump on the server's ends is the wire oracle, read with tshark.
 *
 * <ul>
 *   <li>mpdp to mpdp, mode eSIM: every session echoes its bytes, both paths come up, and the wire has no RST
 *       and no MP_JOIN at all, only ROBE_eSIM_EN on the SYNs and MP_JOIN_CAP on the losing paths' third ACKs;
 *       then the same responder serves SIM and plain MPTCP clients, whose second paths join with MP_JOIN.</li>
 *   <li>mpdp (eSIM) to Linux: Linux ignores ROBE_eSIM_EN, so the client falls back to SIM: data intact, RST
 *       for the losing attempt and MP_JOIN on the wire.</li>
 * </ul>
 */
final class EsimIT
{
    private static final int PORT = 8431;
    private static final int REQUEST = 5000;

    @TempDir
    Path dir;

    static final String ECHO_PY = """
        import socket, sys, threading
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("0.0.0.0", int(sys.argv[1])))
        s.listen(64)
        print("ready", flush=True)
        def serve(c):
            while True:
                d = c.recv(65536)
                if not d:
                    break
                c.sendall(d)
            c.close()
        while True:
            c, _ = s.accept()
            threading.Thread(target=serve, args=(c,), daemon=True).start()
        """;

    /** Two paths between a client and a server namespace. */
    private record Bed(RobeNet net, String client, String server, String[] path1, String[] path2, String net1,
        String net2)
    {
        String clientAddress(final int path)
        {
            return (path == 1 ? net1 : net2) + ".20";
        }

        String serverAddress(final int path)
        {
            return (path == 1 ? net1 : net2) + ".2";
        }
    }

    private static Bed bed(final RobeNet net, final String tag, final int third)
    {
        final String client = net.namespace(tag + "c");
        final String server = net.namespace(tag + "s");
        final String[] path1 = net.veth(tag.charAt(0), client, RobeNet.mac(third, 1), server, RobeNet.mac(third, 2));
        final String[] path2 = net.veth(Character.toUpperCase(tag.charAt(0)), client, RobeNet.mac(third, 3), server,
            RobeNet.mac(third, 4));
        return new Bed(net, client, server, path1, path2, "198.18." + third, "198.18." + (third + 1));
    }

    private String ports(final String if1, final String if2)
    {
        return "eal:\n  file-prefix: robe-e-" + ThreadLocalRandom.current().nextInt(1 << 30) +
            "\n  hugepages: off\n  memory-mb: 512\n" +
            "ports:\n  - vdev: net_af_packet0,iface=" + if1 + "\n  - vdev: net_af_packet1,iface=" + if2 + "\n" +
            "tables:\n  max-connections: 1024\n  max-subflows: 4096\n";
    }

    private Path clientConfig(final Bed b, final String name) throws Exception
    {
        final Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, ports(b.path1()[0], b.path2()[0]) +
            "layout:\n  mode: run-to-completion\n  cores: [0]\n  idle:\n    strategy: yield\n" +
            "counters:\n  path: " + dir.resolve(name + "-counters.dat") + "\n" +
            "robe:\n  mode: esim\n  paths:\n" +
            "    - port: 0\n      address: " + b.clientAddress(1) + "\n      remote: " + b.serverAddress(1) + "\n" +
            "    - port: 1\n      address: " + b.clientAddress(2) + "\n      remote: " + b.serverAddress(2) + "\n");
        return file;
    }

    private Cmd.Background listen(final Bed b) throws Exception
    {
        final Path file = dir.resolve("listen.yaml");
        Files.writeString(file, ports(b.path1()[1], b.path2()[1]) +
            "layout:\n  mode: run-to-completion\n  cores: [1]\n  idle:\n    strategy: yield\n" +
            "counters:\n  path: " + dir.resolve("listen-counters.dat") + "\n" +
            "robe:\n  paths:\n    - port: 0\n      address: " + b.serverAddress(1) + "\n" +
            "    - port: 1\n      address: " + b.serverAddress(2) + "\n");
        final List<String> command = new ArrayList<>(RobeNet.command(b.server()));
        command.addAll(ChildJvm.command(MpdpCommand.class, "robe", "listen", "--config", file.toString(), "--port",
            Integer.toString(PORT)));
        final Cmd.Background listen = Cmd.Background.start(Map.of(), command);
        if (!listen.awaitStdout(ListenCommand.LISTENING, Duration.ofSeconds(120)))
        {
            listen.close();
            throw new AssertionError("robe listen did not start:\n" + listen.stdout() + listen.stderr());
        }
        return listen;
    }

    /** Runs {@code robe connect}; returns its stdout and the CSV rows. */
    private List<String[]> connect(final Bed b, final String mode, final int count, final StringBuilder out)
        throws Exception
    {
        final Path config = clientConfig(b, "client-" + mode);
        final Path csv = dir.resolve("client-" + mode + ".csv");
        final List<String> command = new ArrayList<>(RobeNet.command(b.client()));
        command.addAll(ChildJvm.command(MpdpCommand.class, "robe", "connect", "--config", config.toString(),
            "--server-port", Integer.toString(PORT), "--mode", mode, "--count", Integer.toString(count),
            "--request", Integer.toString(REQUEST), "--timeout", "10s", "--csv", csv.toString()));
        final Cmd.Result r = Cmd.run(Duration.ofSeconds(300), Map.of(), command);
        out.append(r.stdout()).append(r.stderr());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.stdout().contains("mbufs still in use after the ports closed 0"), r.stdout());
        final List<String> lines = Files.readAllLines(csv);
        assertEquals("index,mode,outcome,establish_ms,multipath_ms,initial_path,paths_up,bytes_echoed,rsts_sent," +
            "syns_sent,start_ms", lines.get(0));
        final List<String[]> rows = lines.stream().skip(1).map(l -> l.split(",", -1)).toList();
        assertEquals(count, rows.size(), String.join("\n", lines));
        return rows;
    }

    private Cmd.Background capture(final String ns, final String iface, final String name)
    {
        final Cmd.Background c = Cmd.Background.start(Map.of(), RobeNet.command(ns, "tcpdump", "-i", iface, "-nn",
            "-U", "--immediate-mode", "-w", dir.resolve(name + ".pcap").toString(), "tcp"));
        assertTrue(c.awaitStderr("listening on", Duration.ofSeconds(10)), c.stderr());
        return c;
    }

    private static void stop(final Cmd.Background... captures)
    {
        Cmd.sleep(1000);
        for (final Cmd.Background c : captures)
        {
            c.signal("TERM");
            c.waitFor(Duration.ofSeconds(10));
        }
    }

    /** One line per TCP segment: flags (hex) and MPTCP subtypes (;-separated). */
    private String segments(final String name)
    {
        return Cmd.run(Duration.ofSeconds(60), "tshark", "-r", dir.resolve(name + ".pcap").toString(), "-T", "fields",
            "-E", "separator=,", "-E", "aggregator=;", "-e", "ip.src", "-e", "tcp.flags", "-e",
            "tcp.options.mptcp.subtype", "tcp").ok().stdout();
    }

    private static boolean anySubtype(final String segments, final String subtype)
    {
        return segments.lines().anyMatch(l -> List.of(l.split(",", -1)[2].split(";")).contains(subtype));
    }

    private static boolean anyReset(final String segments)
    {
        return segments.lines().anyMatch(l -> (Integer.decode(l.split(",", -1)[1]) & 0x04) != 0);
    }

    private static void allOk(final List<String[]> rows, final int pathsUp, final String out)
    {
        for (final String[] row : rows)
        {
            assertEquals("ok", row[2], String.join(",", row) + "\n" + out);
            assertEquals(Integer.toString(pathsUp), row[6], String.join(",", row) + "\n" + out);
            assertEquals(Integer.toString(REQUEST), row[7], String.join(",", row) + "\n" + out);
        }
    }

    @Test
    void shouldEstablishBothPathsWithoutRstOrJoinMpdpToMpdpAndServeSimAndPlainToo() throws Exception
    {
        try (RobeNet net = RobeNet.create())
        {
            final Bed b = bed(net, "e", 61);
            try (Cmd.Background listen = listen(b))
            {
                // af_packet sends bypass the taps of the sending side: each end's capture holds what it received.
                final Cmd.Background cap1 = capture(b.server(), b.path1()[1], "esim1");
                final Cmd.Background cap2 = capture(b.server(), b.path2()[1], "esim2");
                final Cmd.Background cap3 = capture(b.client(), b.path1()[0], "esim3");
                final Cmd.Background cap4 = capture(b.client(), b.path2()[0], "esim4");
                final StringBuilder out = new StringBuilder();
                final List<String[]> rows = connect(b, "esim", 5, out);
                stop(cap1, cap2, cap3, cap4);
                allOk(rows, 2, out.toString());
                for (final String[] row : rows)
                {
                    assertEquals("0", row[8], "no RST sent in eSIM: " + String.join(",", row));
                }
                assertEquals(5, ListenKernelIT.counter(out.toString(), "robe esim-negotiated"), out.toString());
                assertEquals(5, ListenKernelIT.counter(out.toString(), "robe join-cap-accepted"), out.toString());
                assertEquals(0, ListenKernelIT.counter(out.toString(), "robe joins-ok"), out.toString());
                final String wire = segments("esim1") + segments("esim2") + segments("esim3") + segments("esim4");
                assertTrue(anySubtype(wire, "14"), "ROBE_eSIM_EN (0xe) on the wire:\n" + wire);
                assertTrue(anySubtype(wire, "15"), "MP_JOIN_CAP (0xf) on the wire:\n" + wire);
                assertTrue(!anySubtype(wire, "1"), "no MP_JOIN on the wire:\n" + wire);
                assertTrue(!anyReset(wire), "no RST on the wire:\n" + wire);

                // The same responder serves RobE_SIM and plain MPTCP clients: their second paths join with MP_JOIN.
                final StringBuilder simOut = new StringBuilder();
                allOk(connect(b, "sim", 3, simOut), 2, simOut.toString());
                final StringBuilder plainOut = new StringBuilder();
                allOk(connect(b, "plain", 2, plainOut), 2, plainOut.toString());

                listen.signal("TERM");
                assertEquals(0, listen.waitFor(Duration.ofSeconds(60)), listen.stdout() + listen.stderr());
                final String server = listen.stdout();
                assertEquals(5, ListenKernelIT.counter(server, "robe-listen esim-negotiated"), server);
                assertEquals(5, ListenKernelIT.counter(server, "robe-listen join-cap-accepted"), server);
                assertEquals(0, ListenKernelIT.counter(server, "robe-listen join-cap-rejected hmac"), server);
                assertEquals(5, ListenKernelIT.counter(server, "robe-listen joins-ok"), "SIM and plain joins: " +
                    server);
                assertEquals(10, ListenKernelIT.counter(server, "robe-listen mp-capable-established"), server);
                assertEquals(10L * REQUEST, ListenKernelIT.counter(server, "robe-listen bytes-echoed"), server);
                assertTrue(server.contains("; 0 connection(s) open"), server);
                assertTrue(server.contains("robe listen: mbufs still in use after the ports closed 0"), server);
            }
        }
    }

    @Test
    void shouldFallBackToSimAgainstALinuxServer() throws Exception
    {
        try (RobeNet net = RobeNet.create())
        {
            final Bed b = bed(net, "f", 71);
            RobeNet.run(b.server(), "ip", "addr", "add", b.serverAddress(1) + "/24", "dev", b.path1()[1]);
            RobeNet.run(b.server(), "ip", "addr", "add", b.serverAddress(2) + "/24", "dev", b.path2()[1]);
            RobeNet.run(b.server(), "sysctl", "-q", "-w", "net.mptcp.enabled=1");
            RobeNet.run(b.server(), "ip", "mptcp", "limits", "set", "subflows", "2", "add_addr_accepted", "0");
            final Path script = dir.resolve("echo.py");
            Files.writeString(script, ECHO_PY);
            try (Cmd.Background echo = Cmd.Background.start(Map.of(), RobeNet.command(b.server(), "python3",
                script.toString(), Integer.toString(PORT))))
            {
                assertTrue(echo.awaitStdout("ready", Duration.ofSeconds(20)), echo.stderr());
                final Cmd.Background cap1 = capture(b.server(), b.path1()[1], "linux1");
                final Cmd.Background cap2 = capture(b.server(), b.path2()[1], "linux2");
                final StringBuilder out = new StringBuilder();
                final List<String[]> rows = connect(b, "esim", 3, out);
                stop(cap1, cap2);
                allOk(rows, 2, out.toString());
                assertEquals(3, ListenKernelIT.counter(out.toString(), "robe esim-fallback"), out.toString());
                assertEquals(0, ListenKernelIT.counter(out.toString(), "robe esim-negotiated"), out.toString());
                assertEquals(0, ListenKernelIT.counter(out.toString(), "robe join-cap-sent"), out.toString());
                assertEquals(3, ListenKernelIT.counter(out.toString(), "robe joins-ok"), out.toString());
                final String wire = segments("linux1") + segments("linux2");
                assertTrue(anySubtype(wire, "1"), "MP_JOIN on the wire:\n" + wire);
                assertTrue(anyReset(wire), "RST of the losing SIM attempts on the wire:\n" + wire);
                assertTrue(!anySubtype(wire, "15"), "no MP_JOIN_CAP to a peer that did not answer ROBE_eSIM_EN:\n" +
                    wire);
                final Cmd.Result ss = Cmd.run(Duration.ofSeconds(10), Map.of(), RobeNet.command(b.server(), "ss",
                    "-tnH", "state", "syn-recv"));
                assertEquals("", ss.stdout().strip(), "no half-open leftovers at the server: " + ss);
            }
        }
    }
}
