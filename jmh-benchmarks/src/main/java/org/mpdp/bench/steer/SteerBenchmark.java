package org.mpdp.bench.steer;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.mpdp.dataplane.capture.PcapReader;
import org.mpdp.dataplane.steer.ControlTraffic;
import org.mpdp.dataplane.steer.OwnerDirectory;
import org.mpdp.dataplane.steer.Steerer;
import org.mpdp.dataplane.wire.LinkLayer;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.PacketParser;
import org.mpdp.dataplane.wire.ParsedPacket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Steering cost per packet on the frames of the shared kernel captures (mptcp-v0.pcap, mptcp-v1.pcap),
 * parsed once at setup: each join SYN's token and subflow are published as an owner would, so the mix
 * has published-subflow hits, token look-ups and 4-tuple-hash misses as live traffic does. Also the
 * directory's own costs: subflow look-up hit and miss, token look-up, publish + remove.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class SteerBenchmark
{
    private static final int FRAMES = 512;
    private static final int KEYS = 1024;
    private static final int WORKERS = 4;

    private final OwnerDirectory directory = OwnerDirectory.seeded(WORKERS, 1 << 16, 1 << 16, 42);
    private final Steerer steerer = new Steerer(directory, new ControlTraffic(), null, 0);
    private final ParsedPacket[] packets = new ParsedPacket[FRAMES];
    private final long[] published = new long[KEYS];
    private final long[] absent = new long[KEYS];
    private final int[] tokens = new int[KEYS];
    private int cursor;

    /**
     * Parses the capture frames and fills the directory (half its subflow capacity in use, a realistic load).
     *
     * @throws IOException if the captures cannot be read.
     */
    @Setup
    public void load() throws IOException
    {
        final Path dir = Path.of(System.getProperty("mpdp.captures", "../shared/captures"), "tcpdump");
        final List<ParsedPacket> parsed = new ArrayList<>();
        final PacketParser parser = new PacketParser();
        for (final String name : new String[] {"mptcp-v0.pcap", "mptcp-v1.pcap"})
        {
            final Path file = dir.resolve(name);
            if (!Files.isReadable(file))
            {
                throw new IOException("capture " + file + " not found: pass -Dmpdp.captures=DIR");
            }
            try (PcapReader reader = new PcapReader(file))
            {
                while (reader.next())
                {
                    final ParsedPacket p = new ParsedPacket();
                    final byte[] frame = reader.segment().asSlice(reader.frameOffset(), reader.capturedLength())
                        .toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
                    LinkLayer.parse(parser, reader.linkType(), MemorySegment.ofArray(frame), 0, frame.length, p);
                    parsed.add(p);
                }
            }
        }
        int joins = 0;
        for (final ParsedPacket p : parsed)
        {
            if (p.tcpValid && (p.tcpFlags & (Mptcp.TCP_SYN | Mptcp.TCP_ACK)) == Mptcp.TCP_SYN &&
                p.mptcp.has(Mptcp.MP_JOIN))
            {
                directory.publishToken(p.mptcp.joinToken, 1);
                directory.publishSubflow(directory.subflowKey(p), 1);
                joins++;
            }
        }
        for (int i = 0; i < FRAMES; i++)
        {
            packets[i] = parsed.get(i % parsed.size());
        }
        for (int i = 0; i < KEYS; i++)
        {
            published[i] = directory.subflowKey(4, 0, 0x0A000000L + i, 1000 + i, 0, 0xC6120102L, 443);
            absent[i] = directory.subflowKey(4, 0, 0x0B000000L + i, 2000 + i, 0, 0xC6120102L, 443);
            tokens[i] = 0x1000_0000 + i * 7919;
            directory.publishSubflow(published[i], i % WORKERS);
            directory.publishToken(tokens[i], i % WORKERS);
        }
        // Fill to about half the subflow capacity so lookups scan realistic buckets.
        for (int i = 0; i < (1 << 15) - KEYS; i++)
        {
            directory.publishSubflow(directory.subflowKey(6, 0x2001_0db8L << 32, i, 1234, 0, 1, 443), i % WORKERS);
        }
        System.out.println("frames=" + parsed.size() + " joins=" + joins + " subflows=" + directory.subflowCount());
    }

    /** Steers every frame (subflow key, look-ups, decision), already parsed. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void steerCaptureMix(final Blackhole bh)
    {
        final ParsedPacket[] packets = this.packets;
        for (int i = 0; i < FRAMES; i++)
        {
            bh.consume(steerer.steer(packets[i]));
        }
    }

    /** Subflow look-up of a published key. */
    @Benchmark
    public int subflowHit()
    {
        return directory.subflowOwner(published[cursor++ & KEYS - 1]);
    }

    /** Subflow look-up of an unknown key (the common case for initial subflows). */
    @Benchmark
    public int subflowMiss()
    {
        return directory.subflowOwner(absent[cursor++ & KEYS - 1]);
    }

    /** Token look-up of a published token. */
    @Benchmark
    public long tokenHit()
    {
        return directory.tokenOwners(tokens[cursor++ & KEYS - 1]);
    }

    /** Publishes a subflow and removes it again (what a worker does per join subflow, twice). */
    @Benchmark
    public boolean publishRemove()
    {
        final long key = absent[cursor++ & KEYS - 1];
        directory.publishSubflow(key, 2);
        return directory.removeSubflow(key, 2);
    }
}
