package org.mpdp.dataplane.testing;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
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
}
