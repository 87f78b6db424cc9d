package org.mpdp.dataplane.testing;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.mpdp.dataplane.port.Burst;
import org.mpdp.dataplane.port.Mbuf;
import org.mpdp.dataplane.port.MbufPool;
import org.mpdp.dpdk.FastPath;

/**
 * Builds test frames (Ethernet/IPv4/UDP with a sequence number and a position-dependent payload),
 * loads them into mbufs and reads mbufs back.
 */
public final class Frames
{
    private Frames()
    {
    }

    /**
     * @param seq    sequence number written into the payload.
     * @param length total frame length, at least 46.
     * @return an Ethernet II / IPv4 / UDP frame (checksums zero; the payload is what is compared).
     */
    public static byte[] udp(final int seq, final int length)
    {
        final ByteBuffer b = ByteBuffer.allocate(length);
        b.put(new byte[] {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01}).putShort((short)0x0800);
        b.put((byte)0x45).put((byte)0).putShort((short)(length - 14)).putInt(0).put((byte)64).put((byte)17)
            .putShort((short)0).put(new byte[] {(byte)198, 18, 0, 1}).put(new byte[] {(byte)198, 18, 0, 2});
        b.putShort((short)40000).putShort((short)9).putShort((short)(length - 34)).putShort((short)0);
        b.putInt(seq);
        while (b.hasRemaining())
        {
            b.put((byte)(seq * 31 + b.position()));
        }
        return b.array();
    }

    /**
     * A well-formed Ethernet II / IPv4 / UDP frame with correct IPv4 and UDP checksums, which a
     * Linux stack accepts.
     *
     * @param dstMac  destination MAC, 6 bytes.
     * @param srcMac  source MAC, 6 bytes.
     * @param srcIp   source IPv4 address, 4 bytes.
     * @param dstIp   destination IPv4 address, 4 bytes.
     * @param srcPort UDP source port.
     * @param dstPort UDP destination port.
     * @param payload UDP payload.
     * @return the frame (not padded: at least 42 bytes).
     */
    public static byte[] udp4(final byte[] dstMac, final byte[] srcMac, final byte[] srcIp, final byte[] dstIp,
        final int srcPort, final int dstPort, final byte[] payload)
    {
        final int udpLength = 8 + payload.length;
        final ByteBuffer b = ByteBuffer.allocate(14 + 20 + udpLength);
        b.put(dstMac).put(srcMac).putShort((short)0x0800);
        b.put((byte)0x45).put((byte)0).putShort((short)(20 + udpLength)).putShort((short)0x1234)
            .putShort((short)0x4000).put((byte)64).put((byte)17).putShort((short)0).put(srcIp).put(dstIp);
        b.putShort(24, (short)checksum(b.array(), 14, 20, 0));
        b.putShort((short)srcPort).putShort((short)dstPort).putShort((short)udpLength).putShort((short)0).put(payload);
        // Pseudo-header: addresses, protocol, UDP length.
        long pseudo = 17 + udpLength;
        for (int i = 0; i < 4; i += 2)
        {
            pseudo += ((srcIp[i] & 0xFF) << 8 | srcIp[i + 1] & 0xFF) + ((dstIp[i] & 0xFF) << 8 | dstIp[i + 1] & 0xFF);
        }
        final int udpSum = checksum(b.array(), 34, udpLength, pseudo);
        b.putShort(40, (short)(udpSum == 0 ? 0xFFFF : udpSum));
        return b.array();
    }

    /**
     * @param data    bytes.
     * @param offset  where to start.
     * @param length  how many bytes.
     * @param initial sum to start from (a pseudo-header).
     * @return the Internet checksum (RFC 1071) of the range.
     */
    public static int checksum(final byte[] data, final int offset, final int length, final long initial)
    {
        long sum = initial;
        for (int i = 0; i < length; i += 2)
        {
            final int hi = data[offset + i] & 0xFF;
            final int lo = i + 1 < length ? data[offset + i + 1] & 0xFF : 0;
            sum += hi << 8 | lo;
        }
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int)(~sum & 0xFFFF);
    }

    /**
     * Allocates one mbuf per frame from the pool and copies the frame in.
     *
     * @param pool   where the mbufs come from.
     * @param frames frame bytes.
     * @param burst  receives the mbuf pointers; its count is set.
     */
    public static void load(final MbufPool pool, final List<byte[]> frames, final Burst burst)
    {
        final int rc = FastPath.allocBulk(pool.address(), burst.pointers(), frames.size());
        if (rc != 0)
        {
            throw new IllegalStateException("rte_pktmbuf_alloc_bulk(" + frames.size() + ") failed: " + rc);
        }
        for (int i = 0; i < frames.size(); i++)
        {
            final long mbuf = burst.mbuf(i);
            final byte[] frame = frames.get(i);
            MemorySegment.ofAddress(Mbuf.dataAddress(mbuf)).reinterpret(frame.length)
                .copyFrom(MemorySegment.ofArray(frame));
            Mbuf.setLength(mbuf, frame.length);
        }
        burst.count(frames.size());
    }

    /**
     * Copies out the frames held by a burst (does not free them).
     *
     * @param burst received mbufs.
     * @return their bytes.
     */
    public static List<byte[]> read(final Burst burst)
    {
        final List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < burst.count(); i++)
        {
            out.add(Mbuf.data(burst.mbuf(i)).toArray(ValueLayout.JAVA_BYTE));
        }
        return out;
    }

    /**
     * Polls a queue until {@code expected} frames arrived or the deadline passed; frees what it read.
     *
     * @param port      port id.
     * @param queue     queue id.
     * @param expected  frames to wait for.
     * @param timeoutMs how long to poll.
     * @return the frames received.
     */
    public static List<byte[]> receive(final int port, final int queue, final int expected, final long timeoutMs)
    {
        final List<byte[]> out = new ArrayList<>();
        try (Arena arena = Arena.ofConfined())
        {
            final Burst burst = new Burst(Burst.DEFAULT_SIZE, arena);
            final long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            while (out.size() < expected && System.nanoTime() < deadline)
            {
                if (burst.receive(port, queue) == 0)
                {
                    Thread.onSpinWait();
                    continue;
                }
                out.addAll(read(burst));
                burst.freeAll();
            }
        }
        return out;
    }

    /**
     * Polls a queue until nothing more arrives for {@code quietMs} (or {@code maxMs} passed); frees what
     * it read. Multi-segment mbufs are refused, so a truncated copy can never pass for a whole frame.
     *
     * @param port    port id.
     * @param queue   queue id.
     * @param quietMs how long the queue must stay empty to end.
     * @param maxMs   longest to poll in total.
     * @return the frames received, in order.
     * @throws IllegalStateException when a received mbuf has more than one segment.
     */
    public static List<byte[]> receiveUntilQuiet(final int port, final int queue, final long quietMs, final long maxMs)
    {
        final List<byte[]> out = new ArrayList<>();
        final List<String> chained = new ArrayList<>();
        try (Arena arena = Arena.ofConfined())
        {
            final Burst burst = new Burst(Burst.DEFAULT_SIZE, arena);
            final long start = System.nanoTime();
            long last = start;
            while (true)
            {
                final long now = System.nanoTime();
                if (now - last > quietMs * 1_000_000L || now - start > maxMs * 1_000_000L)
                {
                    break;
                }
                if (burst.receive(port, queue) == 0)
                {
                    Thread.onSpinWait();
                    continue;
                }
                last = System.nanoTime();
                for (int i = 0; i < burst.count(); i++)
                {
                    final long mbuf = burst.mbuf(i);
                    if (Mbuf.segments(mbuf) != 1)
                    {
                        chained.add("frame " + (out.size() + i) + ": " + Mbuf.segments(mbuf) + " segments, pkt_len " +
                            Mbuf.packetLength(mbuf) + ", first data_len " + Mbuf.dataLength(mbuf));
                    }
                }
                out.addAll(read(burst));
                burst.freeAll();
            }
        }
        if (!chained.isEmpty())
        {
            throw new IllegalStateException("multi-segment mbufs received (raise the mbuf data room): " + chained);
        }
        return out;
    }

    /**
     * Describes where two frames first differ, with the bytes around that place, for assertion messages.
     *
     * @param expected expected bytes.
     * @param actual   actual bytes.
     * @return lengths, first differing offset and a hex window around it.
     */
    public static String difference(final byte[] expected, final byte[] actual)
    {
        final int mismatch = Arrays.mismatch(expected, actual);
        if (mismatch < 0)
        {
            return "identical (" + expected.length + " bytes)";
        }
        final int from = Math.max(0, mismatch - 8);
        final HexFormat hex = HexFormat.ofDelimiter(" ");
        return "lengths " + expected.length + " (expected) and " + actual.length + " (actual), first difference at " +
            "offset " + mismatch + "; from offset " + from + " expected [" +
            hex.formatHex(expected, from, Math.min(expected.length, mismatch + 8)) + "] actual [" +
            hex.formatHex(actual, from, Math.min(actual.length, mismatch + 8)) + "]";
    }
}
