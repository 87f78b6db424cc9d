package org.mpdp.dataplane.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.dataplane.analyze.ConnectionReport;
import org.mpdp.dataplane.analyze.OfflineAnalyzer;
import org.mpdp.dataplane.capture.PcapReader;
import org.mpdp.dataplane.testing.Cmd;

/**
 * Header-only captures: every public capture cut by {@code editcap -s N} (as {@code tcpdump -s N}
 * writes them) analyses to the same connections, keys, tokens, IDSNs, subflows and per-subflow
 * payload bytes as the uncut capture, with no more malformed packets, whenever N keeps every
 * frame's headers and TCP options; frame by frame, the cut parse equals the uncut one.
 */
final class SnapLengthIT
{
    private static final Path CAPTURES = Path.of(System.getProperty("mpdp.captures", "../shared/captures"))
        .toAbsolutePath().normalize();
    /** 128: what operators use; 96 and 54 cut inside the options of some or all frames. */
    private static final int[] SNAP_LENGTHS = {128, 96, 54};

    @TempDir
    static Path dir;

    @TestFactory
    Stream<DynamicTest> shouldAnalyseHeaderOnlyCapturesLikeTheWholeCapture() throws IOException
    {
        if (!Files.isDirectory(CAPTURES))
        {
            return Stream.of(dynamicTest("shared captures", () -> assumeTrue(false, "shared captures folder " +
                CAPTURES + " does not exist (set -Dmpdp.captures=DIR to point at shared/captures): snap-length " +
                "cuts not checked")));
        }
        final List<Path> files;
        try (Stream<Path> walk = Files.walk(CAPTURES))
        {
            files = walk.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
        }
        final List<DynamicTest> tests = new ArrayList<>();
        for (final Path pcap : files)
        {
            for (final int snap : SNAP_LENGTHS)
            {
                tests.add(dynamicTest(CAPTURES.relativize(pcap) + " -s " + snap, () -> compare(pcap, snap)));
            }
        }
        return tests.stream();
    }

    private static void compare(final Path pcap, final int snap) throws IOException
    {
        final Path cut = dir.resolve(pcap.getFileName() + "-s" + snap + ".pcap");
        Cmd.run(Duration.ofSeconds(30), "editcap", "-s", Integer.toString(snap), pcap.toString(), cut.toString()).ok();

        final OfflineAnalyzer whole = new OfflineAnalyzer(64, 256);
        final OfflineAnalyzer.Totals wholeTotals = whole.analyze(pcap);
        final OfflineAnalyzer part = new OfflineAnalyzer(64, 256);
        final OfflineAnalyzer.Totals partTotals = part.analyze(cut);

        assertEquals(wholeTotals.packets(), partTotals.packets(), "packets in " + cut);
        compareFrames(pcap, cut, snap);
        assertTrue(partTotals.malformed() <= wholeTotals.malformed(), "malformed packets in " + cut + " (" +
            partTotals.malformed() + ") beyond the uncut capture's (" + wholeTotals.malformed() + ")");
        if (longestHeaders(pcap) > snap)
        {
            // Some frame loses TCP options: the connections cannot all be seen; the frame check covers it.
            return;
        }
        assertEquals(wholeTotals, partTotals, "totals of " + cut + " against " + pcap);
        assertEquals(project(whole.connections()), project(part.connections()), "connections of " + cut);
    }

    /**
     * Frame by frame: where the headers fit the snap length, the cut frame parses as the whole one did
     * (status, TCP fields, MPTCP options, wire payload length) with the payload bytes present counted;
     * where they do not, it is TRUNCATED (never MALFORMED) with the cut located.
     */
    private static void compareFrames(final Path pcap, final Path cut, final int snap) throws IOException
    {
        final PacketParser parser = new PacketParser();
        final ParsedPacket w = new ParsedPacket();
        final ParsedPacket c = new ParsedPacket();
        try (PcapReader whole = new PcapReader(pcap); PcapReader part = new PcapReader(cut))
        {
            for (int i = 0; whole.next(); i++)
            {
                assertTrue(part.next(), "frame " + i + " missing from " + cut);
                final String where = cut + " frame " + i;
                LinkLayer.parse(parser, whole.linkType(), whole.segment(), whole.frameOffset(), whole.capturedLength(),
                    w);
                LinkLayer.parse(parser, part.linkType(), part.segment(), part.frameOffset(), part.capturedLength(),
                    part.originalLength(), c);
                assertEquals(whole.capturedLength(), c.frameLength, where);
                assertEquals(part.capturedLength() < whole.capturedLength(), c.truncated, where);
                if (!w.tcpValid || w.l4Offset + w.tcpHeaderLength > snap)
                {
                    assertTrue(w.status == c.status || c.status == ParsedPacket.TRUNCATED, where + ": status " +
                        c.status + ", uncut " + w.status);
                    if (w.status == ParsedPacket.TCP)
                    {
                        assertEquals(ParsedPacket.TRUNCATED, c.status, where);
                        assertEquals(w.l4Offset + PacketParser.TCP_MIN_HEADER_LENGTH > snap ?
                            Truncation.TCP_HEADER : Truncation.TCP_OPTIONS, c.truncation, where);
                    }
                    continue;
                }
                assertEquals(w.status, c.status, where);
                assertEquals(w.seq, c.seq, where);
                assertEquals(w.ack, c.ack, where);
                assertEquals(w.tcpFlags, c.tcpFlags, where);
                assertEquals(w.payloadLength, c.payloadLength, where);
                assertEquals(Math.max(0, Math.min(part.capturedLength(), c.ipEnd) - c.payloadOffset),
                    c.payloadCaptured, where);
                assertEquals(c.payloadCaptured < c.payloadLength ? Truncation.PAYLOAD : Truncation.NONE, c.truncation,
                    where);
                assertEquals(w.mptcp.present, c.mptcp.present, where);
                assertEquals(w.firstMalformed(), c.firstMalformed(), where);
            }
            assertTrue(!part.next(), "extra frames in " + cut);
        }
    }

    /** What a header-only capture must keep: keys, tokens, IDSNs, subflows with packets and payload bytes. */
    private static List<String> project(final List<ConnectionReport> reports)
    {
        final List<String> out = new ArrayList<>();
        for (final ConnectionReport r : reports)
        {
            out.add("v" + r.version() + " keys " + Long.toHexString(r.clientKey()) + "/" +
                Long.toHexString(r.serverKey()) + " tokens " + Integer.toHexString(r.clientToken()) + "/" +
                Integer.toHexString(r.serverToken()) + " idsns " + Long.toHexString(r.clientIdsn()) + "/" +
                Long.toHexString(r.serverIdsn()) + " data " + r.toServer() + "/" + r.toClient() + " end " + r.end() +
                " subflows " + r.subflows());
        }
        return out;
    }

    /** Bytes up to the end of the TCP options, over the frames of the uncut capture. */
    private static int longestHeaders(final Path pcap) throws IOException
    {
        final PacketParser parser = new PacketParser();
        final ParsedPacket p = new ParsedPacket();
        int longest = 0;
        try (PcapReader reader = new PcapReader(pcap))
        {
            while (reader.next())
            {
                LinkLayer.parse(parser, reader.linkType(), reader.segment(), reader.frameOffset(),
                    reader.capturedLength(), p);
                if (p.status == ParsedPacket.TCP)
                {
                    longest = Math.max(longest, p.l4Offset + p.tcpHeaderLength);
                }
            }
        }
        return longest;
    }
}
