package org.mpdp.bench.track;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.mpdp.dataplane.capture.PcapReader;
import org.mpdp.dataplane.track.Tracker;
import org.mpdp.dataplane.wire.LinkLayer;
import org.mpdp.dataplane.wire.PacketParser;
import org.mpdp.dataplane.wire.ParsedPacket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Tracker throughput: packets of a real MPTCP capture, parsed once in setup, fed to
 * {@link Tracker#onPacket} (the capture repeats, so after the first pass the tracker sees established
 * connections: lookups, DSS mapping, data accounting, checksum checks). One operation is one packet.
 * {@code trackParsed} isolates the tracker; {@code parseAndTrack} is the whole per-packet path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class TrackerBenchmark
{
    /** Bytes per frame slot: the largest frame of the capture rounded up to 2 KiB (GSO frames included). */
    private int slot;

    /** Capture file; empty = mptcp-v1.pcap from mpdp.captures. */
    @Param("")
    public String capture;

    private Arena arena;
    private MemorySegment memory;
    private int frames;
    private int[] lengths;
    private int linkType;
    private ParsedPacket[] parsed;
    private final PacketParser parser = new PacketParser();
    private final ParsedPacket packet = new ParsedPacket();
    private Tracker tracker;

    /**
     * @throws IOException if the capture cannot be read.
     */
    @Setup
    public void setUp() throws IOException
    {
        final Path file = capture.isEmpty() ?
            Path.of(System.getProperty("mpdp.captures", "../shared/captures"), "tcpdump", "mptcp-v0.pcap") :
            Path.of(capture);
        if (!Files.isReadable(file))
        {
            throw new IOException("capture " + file + " not found: pass -p capture=FILE or -Dmpdp.captures=DIR");
        }
        final List<byte[]> list = new ArrayList<>();
        try (PcapReader reader = new PcapReader(file))
        {
            linkType = reader.linkType();
            while (reader.next())
            {
                list.add(reader.segment().asSlice(reader.frameOffset(), reader.capturedLength())
                    .toArray(ValueLayout.JAVA_BYTE));
            }
        }
        frames = list.size();
        slot = (list.stream().mapToInt(f -> f.length).max().orElse(1) + 2047) & ~2047;
        arena = Arena.ofShared();
        memory = arena.allocate((long)frames * slot, 64);
        lengths = new int[frames];
        parsed = new ParsedPacket[frames];
        for (int i = 0; i < frames; i++)
        {
            final byte[] f = list.get(i);
            MemorySegment.copy(f, 0, memory, ValueLayout.JAVA_BYTE, (long)i * slot, f.length);
            lengths[i] = f.length;
            parsed[i] = new ParsedPacket();
            LinkLayer.parse(parser, linkType, memory, (long)i * slot, f.length, parsed[i]);
        }
        tracker = new Tracker(1024, 4096);
    }

    /** Frees the frames. */
    @TearDown
    public void tearDown()
    {
        tracker.close();
        arena.close();
    }

    /**
     * @param bh consumes verdicts.
     */
    @Benchmark
    @OperationsPerInvocation(256)
    public void trackParsed(final Blackhole bh)
    {
        for (int k = 0; k < 256; k++)
        {
            final int i = k % frames;
            bh.consume(tracker.onPacket(parsed[i], memory, (long)i * slot));
        }
    }

    /**
     * @param bh consumes verdicts.
     */
    @Benchmark
    @OperationsPerInvocation(256)
    public void parseAndTrack(final Blackhole bh)
    {
        for (int k = 0; k < 256; k++)
        {
            final int i = k % frames;
            LinkLayer.parse(parser, linkType, memory, (long)i * slot, lengths[i], packet);
            bh.consume(tracker.onPacket(packet, memory, (long)i * slot));
        }
    }
}
