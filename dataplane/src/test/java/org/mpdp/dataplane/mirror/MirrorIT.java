package org.mpdp.dataplane.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.ValueLayout;
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
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptionWriter;
import org.mpdp.dataplane.wire.TcpFrames;

/**
 * The mirror end to end: a capture of forged traffic (MP_JOIN SYNs with tokens nobody has, dropped as
 * join-unknown-token; TCP SYNs with a zero-length option, flagged as malformed-tcp-option; plain TCP,
 * forwarded) replayed by net_pcap through {@code mpdp run} into net_null with the mirror on. tshark
 * reads the pcapng the writer made: as many packets as the workers counted mirrored, each with the
 * comment naming its action and reason, on the interface of the port it came in on (net_pcap0, id 0). Under the rate limit every dropped and flagged packet is in
 * the file; with a low limit some are rate-limited and the file still holds exactly what was mirrored.
 */
final class MirrorIT
{
    private static final int JOINS = 300;
    private static final int MALFORMED = 200;
    private static final int PLAIN = 100;
    private static final int SERVER = 0xC6120001;

    @TempDir
    Path dir;

    private Path trace() throws Exception
    {
        final List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < JOINS; i++)
        {
            final int token = 0x5000_0000 + i;
            frames.add(TcpFrames.ipv4(0xC6130000 + i, 20000 + i, SERVER, 80, Mptcp.TCP_SYN, 1, 0,
                o -> MptcpOptionWriter.mpJoinSyn(o, 0, false, 1, token, 7)));
        }
        for (int i = 0; i < MALFORMED; i++)
        {
            // Kind 8 (timestamps) with length 0: the option walk cannot go on (RFC 9293 §3.1).
            frames.add(TcpFrames.ipv4(0xC6131000 + i, 30000 + i, SERVER, 80, Mptcp.TCP_SYN, 1, 0, o ->
            {
                o.set(ValueLayout.JAVA_BYTE, 0, (byte)8);
                o.set(ValueLayout.JAVA_BYTE, 1, (byte)0);
                return 2;
            }));
        }
        for (int i = 0; i < PLAIN; i++)
        {
            frames.add(TcpFrames.ipv4(0xC6132000 + i, 40000 + i, SERVER, 80, Mptcp.TCP_SYN, 1, 0, o -> 0));
        }
        final Path file = dir.resolve("attacks.pcap");
        try (PcapWriter w = new PcapWriter(file, 65535))
        {
            long micros = 1_700_000_000_000_000L;
            for (final byte[] f : frames)
            {
                w.write(f, micros);
                micros += 10;
            }
        }
        return file;
    }

    @Test
    void shouldWriteEveryDroppedAndFlaggedPacketUnderTheLimit() throws Exception
    {
        final Path mirror = dir.resolve("all.pcapng");
        final double before = System.currentTimeMillis() / 1e3;
        final String out = run(trace(), mirror, 100_000);
        final double after = System.currentTimeMillis() / 1e3;
        assertEquals(JOINS, counter(out, "worker 0 dropped by verdict"), out);
        assertEquals(MALFORMED, counter(out, "worker 0 flagged"), out);
        assertEquals(JOINS + MALFORMED, counter(out, "worker 0 mirrored"), out);
        assertEquals(0, counter(out, "worker 0 not mirrored: over the rate limit"), out);
        assertEquals(0, counter(out, "worker 0 not mirrored: mirror ring full"), out);
        final List<String> lines = tshark(mirror);
        assertEquals(JOINS + MALFORMED, lines.size());
        assertEquals(JOINS, lines.stream().filter(l -> l.equals("drop join-unknown-token,1,66,66,0")).count(),
            String.join("\n", lines));
        assertEquals(MALFORMED, lines.stream().filter(l -> l.equals("flag malformed-tcp-option,,58,58,0")).count(),
            String.join("\n", lines));
        // Nanosecond stamps (if_tsresol 9) of the worker's cycle clock, moved to the epoch.
        for (final String t : Cmd.run(Duration.ofSeconds(60), "tshark", "-r", mirror.toString(), "-T", "fields",
            "-e", "frame.time_epoch").ok().stdout().lines().toList())
        {
            final double epoch = Double.parseDouble(t);
            assertTrue(epoch >= before - 1 && epoch <= after + 1, t + " not in [" + before + ", " + after + "]");
        }
    }

    @Test
    void shouldCountWhatTheRateLimitKeepsOutAndWriteExactlyWhatWasMirrored() throws Exception
    {
        final Path mirror = dir.resolve("limited.pcapng");
        final String out = run(trace(), mirror, 50);
        final long mirrored = counter(out, "worker 0 mirrored");
        final long limited = counter(out, "worker 0 not mirrored: over the rate limit");
        assertTrue(limited > 0, out);
        // 50 in each second the replay touches (the first second starts at the first mirrored packet).
        assertTrue(mirrored >= 50 && mirrored < JOINS + MALFORMED, out);
        assertEquals(JOINS + MALFORMED, mirrored + limited, out);
        assertEquals(mirrored, counter(out, "mirror packets written to"), out);
        assertEquals(mirrored, tshark(mirror).size());
    }

    private String run(final Path trace, final Path mirror, final int perSecond) throws Exception
    {
        final Path config = dir.resolve("run.yaml");
        Files.writeString(config, String.join("\n",
            "eal:",
            "  file-prefix: mpdp-mirror-" + ThreadLocalRandom.current().nextInt(1 << 30),
            "  hugepages: off",
            "  memory-mb: 512",
            "ports:",
            "  - vdev: net_pcap0,rx_pcap=" + trace,
            "  - vdev: net_null0,no-rx=1",
            "layout:",
            "  mode: run-to-completion",
            "  cores: [1]",
            "  idle:",
            "    strategy: yield",
            "tables:",
            "  max-connections: 4096",
            "  max-subflows: 16384",
            "counters:",
            "  path: " + dir.resolve("counters.dat"),
            "mirror:",
            "  pcap: " + mirror,
            "  max-packets-per-second: " + perSecond,
            ""));
        final Cmd.Result run = ChildJvm.run(Duration.ofMinutes(2), MpdpCommand.class, "run", "--config",
            config.toString(), "--stop-when-idle", "1").ok();
        assertTrue(run.stdout().contains("mbufs still in use after the ports closed 0"), run.stdout());
        return run.stdout();
    }

    /** comment, MP_JOIN subtype (1) or empty, captured and original length, interface (port) id per packet. */
    private static List<String> tshark(final Path mirror)
    {
        return Cmd.run(Duration.ofSeconds(60), "tshark", "-r", mirror.toString(), "-T", "fields", "-E",
            "separator=,", "-e", "frame.comment", "-e", "tcp.options.mptcp.subtype", "-e", "frame.cap_len",
            "-e", "frame.len", "-e", "frame.interface_id").ok().stdout().lines().toList();
    }

    private static long counter(final String out, final String label)
    {
        final Matcher m = Pattern.compile("^\\s+([\\d,]+)\\s+" + Pattern.quote(label), Pattern.MULTILINE).matcher(out);
        return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : 0;
    }
}
