package org.mpdp.bench.wire;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.mpdp.dataplane.capture.PcapReader;
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
 * Parse rate of {@link PacketParser} on the packet mix of a real MPTCP capture: every frame of the
 * capture is copied once into native memory laid out like mbuf data (128-byte headroom, 2 KiB
 * apart), then parsed in a loop. One operation is one packet, so the score is packets/s per core.
 *
 * <p>The capture is {@code -p capture=FILE} (default: the kernel captures mptcp-v0.pcap and
 * mptcp-v1.pcap from {@code mpdp.captures}, default ../shared/captures).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class ParseBenchmark
{
    /** Frames per invocation; the capture's frames repeat to fill it. */
    public static final int FRAMES = 512;
    private static final int SLOT = 2048;
    private static final int HEADROOM = 128;

    /** Capture files, comma separated; empty = the shared kernel captures. */
    @Param("")
    public String capture;

    private final PacketParser parser = new PacketParser();
    private final ParsedPacket packet = new ParsedPacket();
    private Arena arena;
    private MemorySegment memory;
    private final int[] lengths = new int[FRAMES];
    private final int[] linkTypes = new int[FRAMES];

    /**
     * Loads the frames.
     *
     * @throws IOException if no capture can be read.
     */
    @Setup
    public void load() throws IOException
    {
        final List<Path> files = new ArrayList<>();
        if (capture.isEmpty())
        {
            final Path dir = Path.of(System.getProperty("mpdp.captures", "../shared/captures"), "tcpdump");
            files.add(dir.resolve("mptcp-v0.pcap"));
            files.add(dir.resolve("mptcp-v1.pcap"));
        }
        else
        {
            for (final String f : capture.split(","))
            {
                files.add(Path.of(f));
            }
        }
        final List<byte[]> frames = new ArrayList<>();
        final List<Integer> types = new ArrayList<>();
        for (final Path file : files)
        {
            if (!Files.isReadable(file))
            {
                throw new IOException("capture " + file + " not found: pass -p capture=FILE or -Dmpdp.captures=DIR");
            }
            try (PcapReader reader = new PcapReader(file))
            {
                while (reader.next())
                {
                    if (reader.capturedLength() <= SLOT - HEADROOM)
                    {
                        frames.add(reader.segment().asSlice(reader.frameOffset(), reader.capturedLength())
                            .toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
                        types.add(reader.linkType());
                    }
                }
            }
        }
        arena = Arena.ofShared();
        memory = arena.allocate((long)FRAMES * SLOT, 64);
        for (int i = 0; i < FRAMES; i++)
        {
            final byte[] frame = frames.get(i % frames.size());
            MemorySegment.copy(frame, 0, memory, java.lang.foreign.ValueLayout.JAVA_BYTE, (long)i * SLOT + HEADROOM,
                frame.length);
            lengths[i] = frame.length;
            linkTypes[i] = types.get(i % frames.size());
        }
    }

    /** Frees the frames. */
    @TearDown
    public void free()
    {
        arena.close();
    }

    /**
     * Parses every frame: Ethernet/SLL, IP, TCP options and all MPTCP options.
     *
     * @param bh consumes results.
     */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void parse(final Blackhole bh)
    {
        final MemorySegment memory = this.memory;
        final ParsedPacket packet = this.packet;
        for (int i = 0; i < FRAMES; i++)
        {
            LinkLayer.parse(parser, linkTypes[i], memory, (long)i * SLOT + HEADROOM, lengths[i], packet);
            bh.consume(packet.mptcp.present);
            bh.consume(packet.mptcp.dsn);
        }
    }
}
