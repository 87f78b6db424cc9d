package org.mpdp.dataplane.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.dataplane.analyze.ConnectionReport;
import org.mpdp.dataplane.analyze.TraceGenerator;
import org.mpdp.dataplane.capture.PcapReader;
import org.mpdp.dataplane.wire.LinkLayer;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.PacketParser;
import org.mpdp.dataplane.wire.ParsedPacket;

/**
 * A tracker written to a snapshot half-way through real traffic and loaded into a fresh tracker goes on
 * exactly as the original: the same connections and subflows, and for the rest of the traffic the same
 * action and reasons for every packet and the same report at the end. Damaged files are refused with a
 * message that says how.
 */
final class TrackerSnapshotTest
{
    @TempDir
    Path dir;

    private record Frame(int linkType, byte[] bytes, long nanos)
    {
    }

    @Test
    void shouldRestoreAGeneratedTraceHalfWayAndContinueIdentically() throws IOException
    {
        // 60 connections, 3 joins each, 8 at a time, v4 and v6, data both ways, ADD_ADDR, DATA_FIN.
        final Path trace = dir.resolve("trace.pcap");
        TraceGenerator.generate(new TraceGenerator.Config(60, 3, 30_000, 1400, 7, 0.3, 8), trace);
        final List<Frame> frames = read(trace);
        // Right before a join SYN of a connection already established: its join must verify after the restore.
        final int join = firstJoinSyn(frames, frames.size() / 2);
        for (final int split : new int[] {frames.size() / 5, join, frames.size() * 4 / 5})
        {
            assertTrue(roundTrip(frames, split) > 0, "connections open at frame " + split);
        }
    }

    private static int firstJoinSyn(final List<Frame> frames, final int from)
    {
        final PacketParser parser = new PacketParser();
        final ParsedPacket p = new ParsedPacket();
        for (int i = from; i < frames.size(); i++)
        {
            final byte[] b = frames.get(i).bytes();
            LinkLayer.parse(parser, frames.get(i).linkType(), MemorySegment.ofArray(b), 0, b.length, b.length, p);
            if (p.mptcp.has(Mptcp.MP_JOIN) && (p.tcpFlags & (Mptcp.TCP_SYN | Mptcp.TCP_ACK)) == Mptcp.TCP_SYN)
            {
                return i;
            }
        }
        throw new AssertionError("no join SYN after frame " + from);
    }

    @Test
    void shouldRestoreEverySharedCaptureHalfWay() throws IOException
    {
        final Path captures = Path.of(System.getProperty("mpdp.captures", "../shared/captures"));
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(captures), "no captures at " + captures);
        final List<Path> pcaps;
        try (Stream<Path> s = Files.walk(captures))
        {
            pcaps = s.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
        }
        assertTrue(pcaps.size() >= 5, "captures " + pcaps);
        int withConnections = 0;
        for (final Path pcap : pcaps)
        {
            final List<Frame> frames = read(pcap);
            withConnections += roundTrip(frames, frames.size() / 2) > 0 ? 1 : 0;
        }
        assertTrue(withConnections >= 3, "captures with a connection open half-way: " + withConnections);
    }

    /**
     * Feeds {@code frames[0, split)} to one tracker, snapshots it into a second, then feeds the rest to both.
     *
     * @return connections restored.
     */
    private int roundTrip(final List<Frame> frames, final int split)
    {
        final PacketParser parser = new PacketParser();
        final ParsedPacket packet = new ParsedPacket();
        try (Tracker original = new Tracker(4096, 16384))
        {
            for (int i = 0; i < split; i++)
            {
                feed(original, frames.get(i), parser, packet);
            }
            final long now = split > 0 ? frames.get(split - 1).nanos() : 0;
            final byte[] file = TrackerSnapshot.file(List.of(TrackerSnapshot.encode(original)));
            final TrackerSnapshot.Loaded loaded = TrackerSnapshot.parse(file);
            assertEquals(original.connections().count(), loaded.connections());
            assertEquals(original.subflows().live(), loaded.subflows());
            try (Tracker copy = new Tracker(4096, 16384))
            {
                final TrackerSnapshot.Restored r = loaded.restore(new Tracker[] {copy}, (v, ch, cl, cp, sh, sl, sp) -> 0,
                    now);
                assertEquals(new TrackerSnapshot.Restored(loaded.connections(), loaded.subflows(), 0), r);
                assertNull(copy.checkInvariants(), "invariants after restore");
                assertEquals(reports(original), reports(copy), "state after restore");
                assertEquals(original.halfOpen(), copy.halfOpen(), "half-open");
                // Encoding the copy gives the same bytes: nothing was lost or added.
                assertArrayEquals(normalised(TrackerSnapshot.encode(original), now),
                    normalised(TrackerSnapshot.encode(copy), now));
                for (int i = split; i < frames.size(); i++)
                {
                    final Action a = feed(original, frames.get(i), parser, packet);
                    final long reasonsA = original.lastReasons();
                    final Action b = feed(copy, frames.get(i), parser, packet);
                    assertEquals(a, b, "action of frame " + i);
                    assertEquals(reasonsA, copy.lastReasons(), "reasons of frame " + i);
                }
                assertEquals(reports(original), reports(copy), "state at the end");
                assertNull(copy.checkInvariants());
                return r.connections();
            }
        }
    }

    /** The body with every last-seen stamp set to {@code now} (the restore restarts idle timers). */
    private static byte[] normalised(final TrackerSnapshot.Body body, final long now)
    {
        final TrackerSnapshot.Loaded l = TrackerSnapshot.parse(TrackerSnapshot.file(List.of(body)));
        try (Tracker t = new Tracker(4096, 16384))
        {
            l.restore(new Tracker[] {t}, (v, ch, cl, cp, sh, sl, sp) -> 0, now);
            return TrackerSnapshot.encode(t).bytes();
        }
    }

    private static Action feed(final Tracker t, final Frame f, final PacketParser parser, final ParsedPacket packet)
    {
        final MemorySegment s = MemorySegment.ofArray(f.bytes());
        LinkLayer.parse(parser, f.linkType(), s, 0, f.bytes().length, f.bytes().length, packet);
        t.tick(f.nanos());
        return t.onPacket(packet, s, 0);
    }

    private static List<ConnectionReport> reports(final Tracker t)
    {
        final List<ConnectionReport> out = new ArrayList<>();
        for (int c = 0; c < t.connections().capacity(); c++)
        {
            final ConnectionReport r = ConnectionReport.of(t, c, null);
            if (r != null)
            {
                out.add(r);
            }
        }
        out.sort(Comparator.comparingInt(ConnectionReport::order));
        return out;
    }

    private static List<Frame> read(final Path pcap) throws IOException
    {
        final List<Frame> frames = new ArrayList<>();
        try (PcapReader reader = new PcapReader(pcap))
        {
            while (reader.next())
            {
                if (LinkLayer.supported(reader.linkType()))
                {
                    frames.add(new Frame(reader.linkType(), reader.segment().asSlice(reader.frameOffset(),
                        reader.capturedLength()).toArray(ValueLayout.JAVA_BYTE), reader.timestampNanos()));
                }
            }
        }
        return frames;
    }

    private byte[] validFile() throws IOException
    {
        final Path trace = dir.resolve("small.pcap");
        TraceGenerator.generate(TraceGenerator.Config.of(5, 2, 4_000, 3, 0.3), trace);
        final List<Frame> frames = read(trace);
        try (Tracker t = new Tracker(256, 1024))
        {
            final PacketParser parser = new PacketParser();
            final ParsedPacket packet = new ParsedPacket();
            for (int i = 0; i < frames.size() / 2; i++)
            {
                feed(t, frames.get(i), parser, packet);
            }
            final Path file = dir.resolve("state.snapshot");
            TrackerSnapshot.write(file, List.of(TrackerSnapshot.encode(t)));
            assertTrue(TrackerSnapshot.read(file).connections() > 0);
            return Files.readAllBytes(file);
        }
    }

    @Test
    void shouldRefuseACorruptFile() throws IOException
    {
        final byte[] good = validFile();
        final byte[] bad = good.clone();
        bad[TrackerSnapshot.HEADER_LENGTH + 40] ^= 0x10;
        final SnapshotException ex = assertThrows(SnapshotException.class, () -> TrackerSnapshot.parse(bad));
        assertTrue(ex.getMessage().startsWith("corrupt: checksum 0x"), ex.getMessage());
    }

    @Test
    void shouldRefuseATruncatedFile() throws IOException
    {
        final byte[] good = validFile();
        final byte[] cut = Arrays.copyOf(good, good.length - 100);
        final SnapshotException ex = assertThrows(SnapshotException.class, () -> TrackerSnapshot.parse(cut));
        assertEquals("truncated: " + cut.length + " bytes, the header says " + good.length, ex.getMessage());
        final SnapshotException shortHeader = assertThrows(SnapshotException.class,
            () -> TrackerSnapshot.parse(Arrays.copyOf(good, 20)));
        assertTrue(shortHeader.getMessage().startsWith("truncated: 20 bytes"), shortHeader.getMessage());
        final SnapshotException empty = assertThrows(SnapshotException.class, () -> TrackerSnapshot.parse(new byte[0]));
        assertTrue(empty.getMessage().startsWith("truncated: 0 bytes"), empty.getMessage());
    }

    @Test
    void shouldRefuseAnotherVersionOrLayoutOrMagic() throws IOException
    {
        final byte[] good = validFile();
        final byte[] v2 = good.clone();
        ByteBuffer.wrap(v2).putInt(4, TrackerSnapshot.FORMAT_VERSION + 1);
        assertEquals("format version " + (TrackerSnapshot.FORMAT_VERSION + 1) + ", this build reads " +
            TrackerSnapshot.FORMAT_VERSION, assertThrows(SnapshotException.class, () -> TrackerSnapshot.parse(v2))
            .getMessage());
        final byte[] layout = good.clone();
        ByteBuffer.wrap(layout).putInt(8, 99);
        assertTrue(assertThrows(SnapshotException.class, () -> TrackerSnapshot.parse(layout)).getMessage()
            .startsWith("table layout 99/"));
        final byte[] magic = good.clone();
        magic[0] = 'X';
        assertTrue(assertThrows(SnapshotException.class, () -> TrackerSnapshot.parse(magic)).getMessage()
            .startsWith("not a snapshot: magic 0x"));
    }

    @Test
    void shouldRefuseABodyThatPassesTheChecksumButDoesNotDecode() throws IOException
    {
        final byte[] good = validFile();
        // A forged file with a valid checksum: the first group's kind byte is 7.
        final byte[] forged = good.clone();
        forged[TrackerSnapshot.HEADER_LENGTH] = 7;
        final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(forged, 0, forged.length - 4);
        ByteBuffer.wrap(forged).putInt(forged.length - 4, (int)crc.getValue());
        final TrackerSnapshot.Loaded l = TrackerSnapshot.parse(forged);
        try (Tracker t = new Tracker(256, 1024))
        {
            assertEquals("corrupt: group kind 7", assertThrows(SnapshotException.class,
                () -> l.restore(new Tracker[] {t}, (v, ch, cl, cp, sh, sl, sp) -> 0, 0)).getMessage());
        }
    }
}
