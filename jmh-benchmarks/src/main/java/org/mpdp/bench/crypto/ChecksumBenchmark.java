package org.mpdp.bench.crypto;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.mpdp.dataplane.crypto.CryptoResult;
import org.mpdp.dataplane.crypto.DssChecksum;
import org.mpdp.dataplane.crypto.InternetChecksum;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * RFC 1071 sums of DSS-mapped payloads (RFC 8684 §3.3.1), ops/s per payload; bytes/s = score x payloadLength.
 * The payload sits in native memory read through a global-scope segment at an mbuf-like offset (66: behind
 * Ethernet, IPv4, TCP and 12 option bytes), as the packet path reads mbufs.
 *
 * <ul>
 *   <li>{@code scalar}: {@link InternetChecksum#sumScalar}, the word-by-word oracle.</li>
 *   <li>{@code scalarWords64}: a reference loop here, 8 bytes per step: what a good scalar loop does.</li>
 *   <li>{@code vector}: {@link InternetChecksum#sum}, Vector API.</li>
 *   <li>{@code dssVerify}: {@link DssChecksum#verify}, pseudo-header + vector sum + compare.</li>
 * </ul>
 *
 * <p>Run: {@code scripts/mpdp bench jmh ChecksumBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class ChecksumBenchmark
{
    private static final long PAYLOAD_OFFSET = 66;
    private static final ValueLayout.OfLong U64_LE =
        ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Payload bytes: a minimal segment and a full-MSS one. */
    @Param({"64", "1400"})
    public int payloadLength;

    private Arena arena;
    private MemorySegment packet;
    private long dsn;
    private int checksum;

    /** A random payload and its correct DSS checksum. */
    @Setup(Level.Trial)
    public void setUp()
    {
        arena = Arena.ofShared();
        final MemorySegment buffer = arena.allocate(2048, 64);
        // Global scope, like Mbuf's whole-address-space segment: no per-access liveness check.
        packet = MemorySegment.ofAddress(buffer.address()).reinterpret(buffer.byteSize());
        final SplittableRandom random = new SplittableRandom(1071);
        for (int i = 0; i < 2048; i++)
        {
            packet.set(ValueLayout.JAVA_BYTE, i, (byte)random.nextInt());
        }
        dsn = random.nextLong();
        checksum = DssChecksum.computeScalar(dsn, 1, payloadLength, packet, PAYLOAD_OFFSET, payloadLength);
        if (scalarWords64() != scalar() || vector() != scalar())
        {
            throw new IllegalStateException("checksum variants disagree");
        }
    }

    /** Frees the payload memory. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        arena.close();
    }

    /**
     * @return the folded sum.
     */
    @Benchmark
    public int scalar()
    {
        return InternetChecksum.sumScalar(packet, PAYLOAD_OFFSET, payloadLength);
    }

    /**
     * @return the folded sum.
     */
    @Benchmark
    public int scalarWords64()
    {
        final long end = PAYLOAD_OFFSET + payloadLength;
        long pos = PAYLOAD_OFFSET;
        long sum = 0;
        for (; pos + 8 <= end; pos += 8)
        {
            final long x = packet.get(U64_LE, pos);
            sum += (x & 0xFFFF_FFFFL) + (x >>> 32);
        }
        for (; pos + 2 <= end; pos += 2)
        {
            sum += Short.toUnsignedInt(packet.get(ValueLayout.JAVA_SHORT_UNALIGNED, pos));
        }
        if (pos < end)
        {
            sum += Byte.toUnsignedInt(packet.get(ValueLayout.JAVA_BYTE, pos));
        }
        final int folded = InternetChecksum.fold(sum);
        return ((folded & 0xFF) << 8) | (folded >>> 8);
    }

    /**
     * @return the folded sum.
     */
    @Benchmark
    public int vector()
    {
        return InternetChecksum.sum(packet, PAYLOAD_OFFSET, payloadLength);
    }

    /**
     * @return {@link CryptoResult#VALID}.
     */
    @Benchmark
    public int dssVerify()
    {
        final int result = DssChecksum.verify(dsn, 1, payloadLength, checksum, packet, PAYLOAD_OFFSET, payloadLength);
        if (result != CryptoResult.VALID)
        {
            throw new IllegalStateException(CryptoResult.name(result));
        }
        return result;
    }
}
