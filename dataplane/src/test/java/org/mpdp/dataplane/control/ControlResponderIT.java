package org.mpdp.dataplane.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
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
import org.mpdp.dataplane.testing.VethNamespace;

/**
 * The control seam end to end: {@code mpdp run} with one net_af_packet port on a veth whose peer is in a
 * network namespace, and the built-in responder for an address the namespace has no neighbour entry
 * for. The namespace's kernel pings it: it must ARP for the address (and learn the port's MAC from the
 * reply) and get every echo reply. A veth marks what it receives as checksum-verified, so the kernel
 * would accept a wrong checksum: tcpdump in the namespace captures the replies and tshark checks both
 * checksums of every echo reply. Then SIGTERM: the counters show the replies, every mbuf is back.
 */
final class ControlResponderIT
{
    private static final byte[] ROOT_IP = {(byte)198, 18, 7, 1};
    private static final byte[] NS_IP = {(byte)198, 18, 7, 2};
    /** The responder's address: not ROOT_IP, which the namespace has a static neighbour entry for. */
    private static final String RESPONDER_IP = "198.18.7.3";
    private static final String RESPONDER_IP6 = "2001:2:7::3";
    private static final int PINGS = 5;

    @TempDir
    Path dir;

    @Test
    void shouldAnswerArpAndPingRunToCompletion() throws Exception
    {
        pingThroughMpdp("  mode: run-to-completion\n  cores: [1]\n");
    }

    @Test
    void shouldAnswerArpAndPingPipelined() throws Exception
    {
        pingThroughMpdp("  mode: pipelined\n  rx-cores: [0]\n  worker-cores: [1]\n");
    }

    /**
     * IPv6: the namespace end gets IPv6 and an address in 2001:2::/48 (RFC 5180's benchmarking range);
     * it must solicit the responder's address (a neighbour solicitation to the solicited-node multicast
     * address, steered to the control thread as neighbour discovery) and ping it.
     */
    @Test
    void shouldAnswerNeighbourSolicitationAndPing6() throws Exception
    {
        try (VethNamespace veth = VethNamespace.create(ROOT_IP, NS_IP))
        {
            veth.inNamespace("sysctl", "-q", "-w", "net.ipv6.conf." + veth.namespaceInterface() + ".disable_ipv6=0");
            veth.inNamespace("ip", "-6", "addr", "add", "2001:2:7::2/64", "dev", veth.namespaceInterface(), "nodad");
            try (Cmd.Background run = start(veth, "  mode: run-to-completion\n  cores: [1]\n",
                "    - port: 0\n      ipv6: " + RESPONDER_IP6 + "\n"))
            {
                final Cmd.Background echoCapture = capture(veth, PINGS, "icmp6 and ip6[40] == 129");
                final Cmd.Background capture = capture(veth, 0, "icmp6 and ip6[40] == 136");
                final Cmd.Result ping = Cmd.run(Duration.ofSeconds(30), Map.of(), veth.inNamespaceCommand("ping",
                    "-6", "-c", Integer.toString(PINGS), "-i", "0.2", "-W", "2", RESPONDER_IP6));
                final Cmd.Result neighbours = Cmd.run(Duration.ofSeconds(10), Map.of(),
                    veth.inNamespaceCommand("ip", "-6", "neigh", "show", RESPONDER_IP6));
                capture.signal("TERM");
                capture.waitFor(Duration.ofSeconds(10));
                final Path replies = dir.resolve("replies6.pcap");
                Files.write(replies, capture.stdoutBytes());
                capture.close();
                assertEquals(0, echoCapture.waitFor(Duration.ofSeconds(10)), echoCapture.stderr());
                final Path echoes6 = dir.resolve("echoes6.pcap");
                Files.write(echoes6, echoCapture.stdoutBytes());
                echoCapture.close();
                run.signal("TERM");
                assertEquals(0, run.waitFor(Duration.ofSeconds(30)), run.stdout() + run.stderr());
                final String out = run.stdout();
                assertEquals(0, ping.exit(), ping + "\n" + out);
                assertTrue(ping.stdout().contains(PINGS + " received, 0% packet loss"), ping.stdout());
                final String mac = HexFormat.ofDelimiter(":").formatHex(veth.rootMac());
                assertTrue(neighbours.stdout().contains("lladdr " + mac), neighbours.stdout());
                assertEquals(PINGS, counter(out, "control ICMP echo replies"), out);
                assertTrue(out.contains("mbufs still in use after the ports closed 0"), out);
                final String tshark = fields6(echoes6) + fields6(replies);
                int echoes = 0;
                int adverts = 0;
                for (final String line : tshark.lines().toList())
                {
                    if (line.startsWith("129,"))
                    {
                        assertEquals("129," + RESPONDER_IP6 + ",1,,", line, tshark);
                        echoes++;
                    }
                    else
                    {
                        assertEquals("136," + RESPONDER_IP6 + ",1," + RESPONDER_IP6 + "," + mac, line,
                            tshark);
                        adverts++;
                    }
                }
                assertEquals(PINGS, echoes, tshark);
                assertTrue(adverts >= 1, tshark);
            }
        }
    }

    private static String fields6(final Path pcap)
    {
        return Cmd.run(Duration.ofSeconds(60), "tshark", "-r", pcap.toString(), "-T", "fields", "-E", "separator=,",
            "-e", "icmpv6.type", "-e", "ipv6.src", "-e", "icmpv6.checksum.status", "-e",
            "icmpv6.nd.na.target_address", "-e", "icmpv6.opt.linkaddr").ok().stdout();
    }

    /**
     * tcpdump in the namespace, writing pcap to its stdout. Stopped by SIGTERM it may lose what it has not
     * read from the kernel yet (without immediate mode, up to a second of it), so it runs in immediate
     * mode and the echo replies are captured with a count, after which it exits by itself.
     *
     * @param count packets to capture and exit after, 0 for until stopped.
     */
    private static Cmd.Background capture(final VethNamespace veth, final int count, final String filter)
    {
        final List<String> command = new ArrayList<>(veth.inNamespaceCommand("tcpdump", "-i",
            veth.namespaceInterface(), "-nn", "-U", "--immediate-mode", "-w", "-"));
        if (count > 0)
        {
            command.addAll(List.of("-c", Integer.toString(count)));
        }
        command.add(filter);
        final Cmd.Background capture = Cmd.Background.start(Map.of(), command);
        assertTrue(capture.awaitStderr("listening on", Duration.ofSeconds(10)), capture.stderr());
        return capture;
    }

    private Cmd.Background start(final VethNamespace veth, final String layout, final String responder)
        throws Exception
    {
        final Path counters = dir.resolve("counters.dat");
        final Path config = dir.resolve("run.yaml");
        Files.writeString(config, "eal:\n  file-prefix: mpdp-ctl-" + ThreadLocalRandom.current().nextInt(1 << 30) +
            "\n  hugepages: off\n  memory-mb: 512\n" +
            "ports:\n  - vdev: net_af_packet0,iface=" + veth.rootInterface() + "\n" +
            "layout:\n" + layout + "  idle:\n    strategy: yield\n" +
            "tables:\n  max-connections: 1024\n  max-subflows: 4096\n" +
            "counters:\n  path: " + counters + "\n" +
            "control:\n  responder:\n" + responder);
        final Cmd.Background run = Cmd.Background.start(Map.of(), ChildJvm.command(MpdpCommand.class, "run",
            "--config", config.toString(), "--duration", "120"));
        // Not the counters file: it exists before EAL and the ports are up (seconds, under load).
        if (!run.awaitStdout("mpdp run: running", Duration.ofSeconds(120)))
        {
            run.close();
            throw new AssertionError("mpdp run did not start polling:\n" + run.stdout() + run.stderr());
        }
        return run;
    }

    private void pingThroughMpdp(final String layout) throws Exception
    {
        try (VethNamespace veth = VethNamespace.create(ROOT_IP, NS_IP))
        {
            try (Cmd.Background run = start(veth, layout, "    - port: 0\n      ipv4: " + RESPONDER_IP + "\n"))
            {

                final Cmd.Background echoCapture = capture(veth, PINGS, "icmp and icmp[icmptype] == 0");
                final Cmd.Background capture = capture(veth, 0, "arp and arp[6:2] == 2");
                final Cmd.Result ping = Cmd.run(Duration.ofSeconds(30), Map.of(), veth.inNamespaceCommand("ping",
                    "-c", Integer.toString(PINGS), "-i", "0.2", "-W", "2", RESPONDER_IP));
                final Cmd.Result neighbours = Cmd.run(Duration.ofSeconds(10), Map.of(),
                    veth.inNamespaceCommand("ip", "neigh", "show", RESPONDER_IP));

                capture.signal("TERM");
                capture.waitFor(Duration.ofSeconds(10));
                final Path replies = dir.resolve("replies.pcap");
                Files.write(replies, capture.stdoutBytes());
                capture.close();
                assertEquals(0, echoCapture.waitFor(Duration.ofSeconds(10)), echoCapture.stderr());
                final Path echoes = dir.resolve("echoes.pcap");
                Files.write(echoes, echoCapture.stdoutBytes());
                echoCapture.close();
                run.signal("TERM");
                assertEquals(0, run.waitFor(Duration.ofSeconds(30)), run.stdout() + run.stderr());
                final String out = run.stdout();
                assertEquals(0, ping.exit(), ping + "\n" + out);
                assertTrue(ping.stdout().contains(PINGS + " received, 0% packet loss"), ping.stdout());
                final String mac = HexFormat.ofDelimiter(":").formatHex(veth.rootMac());
                assertTrue(neighbours.stdout().contains("lladdr " + mac), "neighbour entry with the port's MAC " +
                    mac + ": " + neighbours.stdout());
                assertEquals(PINGS, counter(out, "control ICMP echo replies"), out);
                assertTrue(counter(out, "control ARP replies") >= 1, out);
                assertEquals(counter(out, "control frames injected for TX"),
                    counter(out, "control ARP replies") + PINGS, out);
                assertEquals(0, counter(out, "control frames refused"), out);
                assertTrue(out.contains("mbufs still in use after the ports closed 0"), out);
                checkWithTshark(echoes, replies, mac);
            }
        }
    }

    /** Every echo reply has a good IPv4 header checksum and ICMP checksum; ARP replies name the port's MAC. */
    private static void checkWithTshark(final Path echoes, final Path replies, final String mac)
    {
        final String tshark = fields4(echoes) + fields4(replies);
        int echoCount = 0;
        int arps = 0;
        for (final String line : tshark.lines().toList())
        {
            if (line.startsWith("0,"))
            {
                // tshark's checksum status: 1 is good.
                assertEquals("0," + RESPONDER_IP + ",1,1,,,", line, tshark);
                echoCount++;
            }
            else
            {
                assertEquals(",,,,2," + mac + "," + RESPONDER_IP, line, tshark);
                arps++;
            }
        }
        assertEquals(PINGS, echoCount, tshark);
        assertTrue(arps >= 1, tshark);
    }

    private static String fields4(final Path pcap)
    {
        return Cmd.run(Duration.ofSeconds(60), "tshark", "-r", pcap.toString(), "-o", "ip.check_checksum:TRUE", "-T",
            "fields", "-E", "separator=,", "-e", "icmp.type", "-e", "ip.src", "-e", "ip.checksum.status", "-e",
            "icmp.checksum.status", "-e", "arp.opcode", "-e", "arp.src.hw_mac", "-e", "arp.src.proto_ipv4").ok()
            .stdout();
    }

    /** A counter's final value from {@code mpdp run}'s "counters (non-zero)" list; 0 when not listed. */
    private static long counter(final String out, final String label)
    {
        final Matcher m = Pattern.compile("^\\s+([\\d,]+)\\s+" + Pattern.quote(label), Pattern.MULTILINE).matcher(out);
        return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : 0;
    }
}
