package org.mpdp.bench.track;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.mpdp.dataplane.analyze.TraceGenerator;
import org.mpdp.dataplane.capture.PcapReader;
import org.mpdp.dataplane.track.Tracker;
import org.mpdp.dataplane.wire.LinkLayer;
import org.mpdp.dataplane.wire.PacketParser;
import org.mpdp.dataplane.wire.ParsedPacket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parse + track over a trace of {@code connections} MPTCP connections that are all open at once
 * (100,000 by default: about 150,000 connection and subflow rows, tables of tens of megabytes, far
 * larger than the caches), interleaved so that consecutive packets belong to different connections:
 * the generator emits one packet of each active connection in turn. Unlike {@link TrackerBenchmark}
 * (one connection, always in cache) every packet's lookup and state update misses the caches.
 *
 * <p>Frames: {@link TraceGenerator} writes the trace (MP_CAPABLE handshake, ADD_ADDR, one MP_JOIN per
 * connection, data with DSS both ways, DATA_FIN, FIN); setup copies its first {@link #PACKETS} frames
 * into native memory laid out like an mbuf pool: fixed-size elements, each frame at a 128-byte
 * headroom (RTE_PKTMBUF_HEADROOM) inside its element. One invocation feeds those packets, in order,
 * to a fresh {@link Tracker} (created in per-invocation setup, outside the measured time), ticking the
 * clock once per 32-packet burst as the live loop does. {@code parseAndTrack}: all packets from the
 * first SYN, so about half of them open connections (key derivation, join and ADD_ADDR HMACs: SHA-256
 * work); {@code parseAndTrackEstablished}: setup feeds the first half, the second half (data, DSS,
 * acks over all connections) is measured; {@code parseOnly}: the parser alone on the same frames.
 * Scores are packets/s.
 *
 * <p>Uses only Tracker's constructor, tick, onPacket (its result goes to a Blackhole whatever its
 * type) and close.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class TrackerScaleBenchmark
{
    /** Packets per invocation: the first this many packets of the trace. */
    public static final int PACKETS = 2_000_000;
    /** Packets fed before {@link #parseAndTrackEstablished} measures: all connections are open by then. */
    public static final int ESTABLISHED = PACKETS / 2;
    /** RTE_PKTMBUF_HEADROOM. */
    private static final int HEADROOM = 128;
    private static final int BURST = 32;

    /** Connections in the trace, all open at once. */
    @Param("100000")
    public int connections;

    private Arena arena;
    private MemorySegment pool;
    private int element;
    private int[] lengths;
    private long[] timestamps;
    private int linkType;
    private final PacketParser parser = new PacketParser();
    private final ParsedPacket packet = new ParsedPacket();
    private Tracker tracker;

    /**
     * Generates the trace and lays its first {@link #PACKETS} frames out like mbufs.
     *
     * @throws IOException if the temporary trace cannot be written or read.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        final Path trace = Files.createTempFile("mpdp-tracker-scale-", ".pcap");
        try
        {
            // 1,000 bytes each way in 100-byte segments: about 40 packets per connection, all connections
            // active at once.
            final TraceGenerator.Result r = TraceGenerator.generate(
                new TraceGenerator.Config(connections, 1, 1_000, 100, 7, 0.1, connections), trace);
            if (r.packets() < PACKETS)
            {
                throw new IllegalStateException("trace has " + r.packets() + " packets, fewer than " + PACKETS +
                    ": raise connections");
            }
            int largest = 0;
            try (PcapReader reader = new PcapReader(trace))
            {
                for (int i = 0; i < PACKETS && reader.next(); i++)
                {
                    largest = Math.max(largest, reader.capturedLength());
                }
            }
            element = HEADROOM + (largest + 63 & ~63);
            arena = Arena.ofShared();
            pool = arena.allocate((long)PACKETS * element, 64);
            lengths = new int[PACKETS];
            timestamps = new long[PACKETS];
            try (PcapReader reader = new PcapReader(trace))
            {
                linkType = reader.linkType();
                for (int i = 0; i < PACKETS && reader.next(); i++)
                {
                    MemorySegment.copy(reader.segment(), reader.frameOffset(), pool, frame(i), reader.capturedLength());
                    lengths[i] = reader.capturedLength();
                    timestamps[i] = reader.timestampNanos();
                }
            }
        }
        finally
        {
            Files.deleteIfExists(trace);
        }
    }

    private long frame(final int i)
    {
        return (long)i * element + HEADROOM;
    }

    /** A fresh tracker with room for every connection and subflow of the trace. */
    @Setup(Level.Invocation)
    public void newTracker(final BenchmarkParams params)
    {
        tracker = new Tracker(connections * 2, connections * 4);
        if (params.getBenchmark().endsWith("Established"))
        {
            // The first half (every handshake, ADD_ADDR and join), unmeasured.
            for (int i = 0; i < ESTABLISHED; i++)
            {
                track(tracker, i);
            }
        }
    }

    private void track(final Tracker t, final int i)
    {
        if ((i & BURST - 1) == 0)
        {
            t.tick(timestamps[i]);
        }
        final long f = frame(i);
        LinkLayer.parse(parser, linkType, pool, f, lengths[i], packet);
        t.onPacket(packet, pool, f);
    }

    /** Frees the tracker's native memory. */
    @TearDown(Level.Invocation)
    public void closeTracker()
    {
        tracker.close();
    }

    /** Frees the frames. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        arena.close();
    }

    /**
     * Parse and track the second half of the packets, after setup fed the first half to this tracker:
     * every connection and join is open, the packets are data segments and acks (DSS mappings, data
     * accounting) spread over all of them.
     *
     * @param bh consumes the tracker's results.
     */
    @Benchmark
    @OperationsPerInvocation(PACKETS - ESTABLISHED)
    public void parseAndTrackEstablished(final Blackhole bh)
    {
        final Tracker t = tracker;
        final MemorySegment m = pool;
        for (int i = ESTABLISHED; i < PACKETS; i++)
        {
            if ((i & BURST - 1) == 0)
            {
                t.tick(timestamps[i]);
            }
            final long f = frame(i);
            LinkLayer.parse(parser, linkType, m, f, lengths[i], packet);
            bh.consume(t.onPacket(packet, m, f));
        }
    }

    /**
     * Parse and track every packet, from the first SYN.
     *
     * @param bh consumes the tracker's results.
     */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public void parseAndTrack(final Blackhole bh)
    {
        final Tracker t = tracker;
        final MemorySegment m = pool;
        for (int i = 0; i < PACKETS; i++)
        {
            if ((i & BURST - 1) == 0)
            {
                t.tick(timestamps[i]);
            }
            final long f = frame(i);
            LinkLayer.parse(parser, linkType, m, f, lengths[i], packet);
            bh.consume(t.onPacket(packet, m, f));
        }
    }

    /**
     * Parse only, over the same frames: the share of {@link #parseAndTrack} that is not the tracker.
     *
     * @param bh consumes the parse results.
     */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public void parseOnly(final Blackhole bh)
    {
        final MemorySegment m = pool;
        for (int i = 0; i < PACKETS; i++)
        {
            final long f = frame(i);
            LinkLayer.parse(parser, linkType, m, f, lengths[i], packet);
            bh.consume(packet.status);
        }
    }
}
