package org.mpdp.dataplane.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.cli.MpdpCommand;
import org.mpdp.dataplane.mirror.PcapWriter;
import org.mpdp.dataplane.testing.ChildJvm;
import org.mpdp.dataplane.testing.Cmd;
import org.mpdp.dataplane.testing.Frames;
import org.mpdp.dataplane.testing.VethNamespace;

/**
 * {@code mpdp forward --delay/--loss/--blackhole}, the network emulator test beds use because this
 * kernel has no {@code tc netem}: pings between two namespaces bridged by it take at least twice the
 * delay (request and reply each wait once) and none is lost; with {@code --blackhole} none comes back
 * and every packet is counted lost; with {@code --loss 30} over a capture of 20,000 frames the counters
 * add up exactly (rx = tx + lost) and the lost share is 30% within 2.5 points (about 8 standard
 * deviations); bad values are refused with a clear message. Every run ends with 0 mbufs out.
 */
final class ImpairIT
{
    private static final byte[] A_IP = {(byte)198, 18, 61, 1};
    private static final byte[] B_IP = {(byte)198, 18, 61, 2};
    /** Not configured anywhere: VethNamespace's static neighbour, so the pings' own ARP crosses the emulator. */
    private static final byte[] UNUSED_A = {(byte)198, 18, 61, (byte)251};
    private static final byte[] UNUSED_B = {(byte)198, 18, 61, (byte)252};
    private static final Pattern RTT = Pattern.compile("rtt min/avg/max/mdev = ([\\d.]+)/([\\d.]+)/([\\d.]+)");
    private static final String COUNTS = ": rx ([\\d,]+)  tx ([\\d,]+)  tx-dropped ([\\d,]+)  impair-lost ([\\d,]+)  " +
        "impair-queue-full ([\\d,]+)  impair-freed-at-stop ([\\d,]+)";
    private static final Pattern ROUTE = Pattern.compile("route port 0 q0 -> port 1 q0" + COUNTS);
    private static final Pattern LOOP = Pattern.compile("route port 0 q0 -> port 0 q0" + COUNTS);

    @TempDir
    Path dir;

    @Test
    void shouldDelayEveryPacketEachWayAndLoseNone() throws Exception
    {
        final String out = ping("--delay", "40");
        final Matcher rtt = RTT.matcher(out);
        assertTrue(rtt.find(), out);
        final double min = Double.parseDouble(rtt.group(1));
        final double avg = Double.parseDouble(rtt.group(2));
        assertTrue(min >= 80.0, "RTT below twice the one-way delay: " + out);
        // Not a speed target: a gross upper bound that catches a wrong unit (seconds for milliseconds).
        assertTrue(avg < 80.0 + 500.0, out);
        assertTrue(out.contains("10 packets transmitted, 10 received, 0% packet loss"), out);
        assertTrue(out.contains("impairing every route: delay 40.000 ms each way, loss 0.0000 %"), out);
    }

    @Test
    void shouldLoseEverythingInABlackhole() throws Exception
    {
        final String out = ping("--blackhole");
        // No ARP reply comes back either, so ping reports errors beside the loss.
        assertTrue(out.contains("10 packets transmitted, 0 received,") && out.contains("100% packet loss"), out);
        final Matcher m = ROUTE.matcher(out);
        assertTrue(m.find(), out);
        assertTrue(n(m.group(1)) >= 1, out); // ARP requests at least
        assertEquals(0, n(m.group(2)), out);
        assertEquals(n(m.group(1)), n(m.group(4)), "every packet lost: " + out);
    }

    @Test
    void shouldLoseTheGivenShareAndAccountForEveryPacket() throws Exception
    {
        final int frames = 20_000;
        final Path pcap = dir.resolve("in.pcap");
        try (PcapWriter w = new PcapWriter(pcap, 2048))
        {
            for (int i = 0; i < frames; i++)
            {
                w.write(Frames.udp(i, 128), i);
            }
        }
        // One port forwards to itself: the capture in, the survivors into out.pcap.
        final Path sent = dir.resolve("out.pcap");
        final Cmd.Result r = ChildJvm.run(Duration.ofMinutes(2), MpdpCommand.class, "forward", "--vdev",
            "net_pcap0,rx_pcap=" + pcap + ",tx_pcap=" + sent, "--hugepages", "off", "--idle", "backoff", "--duration",
            "4", "--stats-interval", "0", "--loss", "30", "--delay", "1").ok();
        final Matcher m = LOOP.matcher(r.stdout());
        assertTrue(m.find(), r.stdout());
        final long rx = n(m.group(1));
        final long tx = n(m.group(2));
        final long lost = n(m.group(4));
        assertEquals(frames, rx, r.stdout());
        assertEquals(rx, tx + n(m.group(3)) + lost + n(m.group(5)) + n(m.group(6)), "every packet once: " + r.stdout());
        assertEquals(0, n(m.group(5)) + n(m.group(6)), r.stdout());
        assertTrue(Math.abs(lost - 0.30 * frames) <= 0.025 * frames, "lost " + lost + " of " + frames);
        final long written = Cmd.run(Duration.ofSeconds(60), "tshark", "-r", sent.toString(), "-T", "fields", "-e",
            "frame.number").ok().stdout().lines().count();
        assertEquals(tx, written, "frames in the output capture");
        assertTrue(r.stdout().contains("mbufs still in use after the ports closed 0"), r.stdout());
    }

    @Test
    void shouldRefuseALossOutsideZeroToHundredPercent()
    {
        final Cmd.Result r = ChildJvm.run(Duration.ofMinutes(1), MpdpCommand.class, "forward", "--vdev", "net_null0",
            "--hugepages", "off", "--duration", "1", "--loss", "150");
        assertTrue(r.exit() != 0, r.toString());
        assertTrue(r.stderr().contains("--loss 150.0: give a percentage from 0 to 100"), r.stderr());
    }

    /** Pings B from A, 10 times, through {@code mpdp forward} with the given impairment; returns ping + forward output. */
    private String ping(final String... impairment) throws Exception
    {
        try (VethNamespace a = VethNamespace.create("a", UNUSED_A, A_IP);
            VethNamespace b = VethNamespace.create("b", UNUSED_B, B_IP))
        {
            final java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("forward", "--vdev",
                "net_af_packet0,iface=" + a.rootInterface() + ";net_af_packet1,iface=" + b.rootInterface(),
                "--hugepages", "off", "--idle", "backoff", "--duration", "60", "--stats-interval", "0"));
            args.addAll(java.util.List.of(impairment));
            try (Cmd.Background fwd = Cmd.Background.start(Map.of(), ChildJvm.command(MpdpCommand.class,
                args.toArray(new String[0]))))
            {
                assertTrue(fwd.awaitStdout("  port 1 net_af_packet1", Duration.ofSeconds(120)), fwd.stdout() +
                    fwd.stderr());
                Thread.sleep(1000);
                final Cmd.Result ping = Cmd.run(Duration.ofSeconds(60), Map.of(), a.inNamespaceCommand("ping", "-c",
                    "10", "-i", "0.2", "-W", "3", VethNamespace.ipv4(B_IP)));
                fwd.signal("TERM");
                assertEquals(0, fwd.waitFor(Duration.ofSeconds(30)), fwd.stdout() + fwd.stderr());
                final String out = ping.stdout() + "\n" + fwd.stdout();
                assertTrue(fwd.stdout().contains("mbufs still in use after the ports closed 0"), out);
                return out;
            }
        }
    }

    private static long n(final String digits)
    {
        return Long.parseLong(digits.replace(",", ""));
    }
}
