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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.cli.MpdpCommand;
import org.mpdp.dataplane.testing.ChildJvm;
import org.mpdp.dataplane.testing.Cmd;
import org.mpdp.robe.testing.RobeNet;

/**
 * {@code mpdp robe listen} against the Linux kernel's MPTCP client: two veth pairs from the root namespace
 * (mpdp, net_af_packet on both root ends) to a client namespace with one address per path, policy routing so a
 * flow from the second address leaves by the second path, and a kernel "subflow" endpoint on it. A python client
 * (IPPROTO_MPTCP) sends random bytes and must read the same bytes back; MPTCP_INFO must show the join; tcpdump
 * on both client ends and tshark (with checksum checks) must show MP_CAPABLE on path 1 and MP_JOIN on path 2,
 * and every segment mpdp sent with good IPv4 and TCP checksums. Then SIGTERM: the counters agree and every
 * mbuf is back.
 */
final class ListenKernelIT
{
    private static final String SERVER1 = "198.18.21.3";
    private static final String SERVER2 = "198.18.22.3";
    private static final String CLIENT1 = "198.18.21.2";
    private static final String CLIENT2 = "198.18.22.2";
    private static final int PORT = 8421;

    @TempDir
    Path dir;

    static final String CLIENT_PY = """
        import os, socket, struct, sys, time
        host, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262)
        s.settimeout(30)
        s.connect((host, port))
        data = os.urandom(n)
        s.sendall(data)
        got = bytearray()
        while len(got) < n:
            chunk = s.recv(65536)
            if not chunk:
                break
            got += chunk
        subflows = 0
        for _ in range(50):
            info = s.getsockopt(284, 1, 256)
            subflows = info[0]
            if subflows >= 1:
                break
            time.sleep(0.1)
        s.close()
        print("echoed %d of %d intact %s subflows %d" % (len(got), n, bytes(got) == data, subflows))
        """;

    @Test
    void shouldEchoToALinuxMptcpClientOverTwoPathsWithAJoin() throws Exception
    {
        try (RobeNet net = RobeNet.create())
        {
            final String client = net.namespace("lc");
            final byte[] r1 = RobeNet.mac(0x31, 1);
            final byte[] r2 = RobeNet.mac(0x31, 2);
            final String[] path1 = net.veth('1', null, r1, client, RobeNet.mac(0x31, 0x11));
            final String[] path2 = net.veth('2', null, r2, client, RobeNet.mac(0x31, 0x12));
            RobeNet.run(client, "ip", "addr", "add", CLIENT1 + "/24", "dev", path1[1]);
            RobeNet.run(client, "ip", "addr", "add", CLIENT2 + "/24", "dev", path2[1]);
            // The second address leaves by path 2, whatever the destination; the kernel then ARPs on path 2 for
            // SERVER1, which mpdp answers only on port 0: a static entry with port 1's MAC instead.
            RobeNet.run(client, "ip", "rule", "add", "from", CLIENT2, "table", "122");
            RobeNet.run(client, "ip", "route", "add", "default", "dev", path2[1], "table", "122");
            RobeNet.run(client, "ip", "neigh", "replace", SERVER1, "lladdr", RobeNet.mac(r2), "dev", path2[1],
                "nud", "permanent");
            RobeNet.run(client, "sysctl", "-q", "-w", "net.mptcp.enabled=1");
            RobeNet.run(client, "ip", "mptcp", "limits", "set", "subflows", "2", "add_addr_accepted", "0");
            RobeNet.run(client, "ip", "mptcp", "endpoint", "add", CLIENT2, "dev", path2[1], "subflow");
            final Path script = dir.resolve("client.py");
            Files.writeString(script, CLIENT_PY);
            try (Cmd.Background listen = startListen(path1[0], path2[0]))
            {
                final Cmd.Background cap1 = capture(client, path1[1], "cap1");
                final Cmd.Background cap2 = capture(client, path2[1], "cap2");
                final int bytes = 50_000;
                final Cmd.Result run = Cmd.run(Duration.ofSeconds(90), Map.of(), RobeNet.command(client, "python3",
                    script.toString(), SERVER1, Integer.toString(PORT), Integer.toString(bytes)));
                Cmd.sleep(1500);
                cap1.signal("TERM");
                cap2.signal("TERM");
                cap1.waitFor(Duration.ofSeconds(10));
                cap2.waitFor(Duration.ofSeconds(10));
                listen.signal("TERM");
                assertEquals(0, listen.waitFor(Duration.ofSeconds(60)), listen.stdout() + listen.stderr());
                final String out = listen.stdout();
                assertEquals(0, run.exit(), run + "\n" + out);
                assertTrue(run.stdout().contains("echoed " + bytes + " of " + bytes + " intact True subflows 1"),
                    run.stdout() + "\n" + out);
                assertEquals(bytes, counter(out, "robe-listen bytes-echoed"), out);
                assertEquals(1, counter(out, "robe-listen mp-capable-established"), out);
                assertEquals(1, counter(out, "robe-listen joins-ok"), out);
                assertEquals(0, counter(out, "robe-listen join-rejected hmac"), out);
                assertTrue(out.contains("robe listen: mbufs still in use after the ports closed 0"), out);
                // DATA_FIN both ways, then every flow closed with FINs: nothing left at the responder.
                assertTrue(out.contains("; 0 connection(s) open"), out);
                assertEquals(1, counter(out, "robe-listen connections-closed"), out);
                assertEquals(0, counter(out, "robe-listen rsts-sent"), out);
                final Path pcap1 = dir.resolve("cap1.pcap");
                final Path pcap2 = dir.resolve("cap2.pcap");
                final String fields1 = tshark(pcap1);
                final String fields2 = tshark(pcap2);
                assertTrue(fields1.lines().anyMatch(l -> l.startsWith(SERVER1 + ",") && l.contains(",0x0012,") &&
                    mptcpSubtypes(l).contains("0")), "SYN/ACK with MP_CAPABLE on path 1:\n" + fields1);
                assertTrue(fields2.lines().anyMatch(l -> l.startsWith(SERVER1 + ",") && l.contains(",0x0012,") &&
                    mptcpSubtypes(l).contains("1")), "SYN/ACK with MP_JOIN on path 2:\n" + fields2);
                for (final String line : (fields1 + fields2).lines().filter(l -> l.startsWith(SERVER1)).toList())
                {
                    assertTrue(line.endsWith(",1,1"), "IPv4 and TCP checksums of mpdp's segment (tshark status 1 " +
                        "= good): " + line);
                }
            }
        }
    }

    private static List<String> mptcpSubtypes(final String line)
    {
        final String[] f = line.split(",", -1);
        return List.of(f[3].split(";"));
    }

    /** ip.src, tcp.dstport, tcp.flags, mptcp subtypes, ip checksum status, tcp checksum status. */
    private static String tshark(final Path pcap)
    {
        return Cmd.run(Duration.ofSeconds(60), "tshark", "-r", pcap.toString(), "-o", "tcp.check_checksum:TRUE",
            "-o", "ip.check_checksum:TRUE", "-T", "fields", "-E", "separator=,", "-E", "aggregator=;",
            "-e", "ip.src", "-e", "tcp.dstport", "-e", "tcp.flags", "-e", "tcp.options.mptcp.subtype",
            "-e", "ip.checksum.status", "-e", "tcp.checksum.status", "tcp").ok().stdout();
    }

    private Cmd.Background capture(final String ns, final String iface, final String name) throws Exception
    {
        final Path file = dir.resolve(name + ".pcap");
        final Cmd.Background c = Cmd.Background.start(Map.of(), RobeNet.command(ns, "tcpdump", "-i", iface, "-nn",
            "-U", "--immediate-mode", "-w", file.toString(), "tcp"));
        assertTrue(c.awaitStderr("listening on", Duration.ofSeconds(10)), c.stderr());
        return c;
    }

    static String config(final Path dir, final String prefix, final String if1, final String if2,
        final String addr1, final String addr2)
    {
        return "eal:\n  file-prefix: " + prefix + "-" + ThreadLocalRandom.current().nextInt(1 << 30) +
            "\n  hugepages: off\n  memory-mb: 512\n" +
            "ports:\n  - vdev: net_af_packet0,iface=" + if1 + "\n  - vdev: net_af_packet1,iface=" + if2 + "\n" +
            "layout:\n  mode: run-to-completion\n  cores: [1]\n  idle:\n    strategy: yield\n" +
            "tables:\n  max-connections: 1024\n  max-subflows: 4096\n" +
            "counters:\n  path: " + dir.resolve(prefix + "-counters.dat") + "\n" +
            "control:\n  responder:\n    - port: 0\n      ipv4: " + addr1 + "\n    - port: 1\n      ipv4: " + addr2 +
            "\n";
    }

    private Cmd.Background startListen(final String if1, final String if2) throws Exception
    {
        final Path config = dir.resolve("listen.yaml");
        Files.writeString(config, config(dir, "robe-l", if1, if2, SERVER1, SERVER2));
        final List<String> command = new ArrayList<>(ChildJvm.command(MpdpCommand.class, "robe", "listen",
            "--config", config.toString(), "--port", Integer.toString(PORT)));
        final Cmd.Background listen = Cmd.Background.start(Map.of(), command);
        if (!listen.awaitStdout(ListenCommand.LISTENING, Duration.ofSeconds(120)))
        {
            listen.close();
            throw new AssertionError("robe listen did not start:\n" + listen.stdout() + listen.stderr());
        }
        return listen;
    }

    static long counter(final String out, final String label)
    {
        final Matcher m = Pattern.compile("^\\s*([\\d,]+)\\s+" + Pattern.quote(label) + "$", Pattern.MULTILINE)
            .matcher(out);
        return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : 0;
    }
}
