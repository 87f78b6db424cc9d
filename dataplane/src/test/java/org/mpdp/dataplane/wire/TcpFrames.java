package org.mpdp.dataplane.wire;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * Builds Ethernet/IPv4 or IPv6/TCP frames around a given TCP option block, for parser tests.
 */
public final class TcpFrames
{
    private TcpFrames()
    {
    }

    /**
     * @param ipv6     IPv6 instead of IPv4.
     * @param vlans    VLAN tags to add (0..2).
     * @param tcpFlags TCP flags byte.
     * @param options  option bytes (padded here to 4 bytes with NOPs).
     * @param payload  payload bytes.
     * @return the frame.
     */
    public static byte[] frame(final boolean ipv6, final int vlans, final int tcpFlags, final byte[] options,
        final int payload)
    {
        final int optLength = (options.length + 3) & ~3;
        final int tcpLength = 20 + optLength;
        final int ipLength = (ipv6 ? 40 : 20) + tcpLength + payload;
        final ByteBuffer b = ByteBuffer.allocate(14 + 4 * vlans + ipLength);
        b.put(new byte[] {0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1});
        for (int i = 0; i < vlans; i++)
        {
            b.putShort((short)(i == 0 && vlans == 2 ? 0x88A8 : 0x8100)).putShort((short)(100 + i));
        }
        if (ipv6)
        {
            b.putShort((short)0x86DD).putInt(0x60000000).putShort((short)(tcpLength + payload)).put((byte)6)
                .put((byte)64);
            b.putLong(0xfd00019800180001L).putLong(1).putLong(0xfd00019800180001L).putLong(2);
        }
        else
        {
            b.putShort((short)0x0800).put((byte)0x45).put((byte)0).putShort((short)ipLength).putInt(0x40004000)
                .put((byte)64).put((byte)6).putShort((short)0).putInt(0xC6120101).putInt(0xC6120102);
        }
        b.putShort((short)40000).putShort((short)5201).putInt(1000).putInt(2000)
            .put((byte)(tcpLength / 4 << 4)).put((byte)tcpFlags).putShort((short)65535).putInt(0);
        b.put(options);
        for (int i = options.length; i < optLength; i++)
        {
            b.put((byte)1);
        }
        for (int i = 0; i < payload; i++)
        {
            b.put((byte)i);
        }
        return b.array();
    }

    /**
     * @param writer writes options into a 40-byte scratch segment and returns the length.
     * @return the option bytes.
     */
    public static byte[] options(final java.util.function.ToIntFunction<MemorySegment> writer)
    {
        final MemorySegment scratch = MemorySegment.ofArray(new byte[40]);
        final int length = writer.applyAsInt(scratch);
        return scratch.asSlice(0, length).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    /** Ethernet/IPv4/TCP frame between given endpoints with the options a writer puts in. */
    public static byte[] ipv4(final int src, final int srcPort, final int dst, final int dstPort, final int flags,
        final java.util.function.ToIntFunction<MemorySegment> options)
    {
        return ipv4(src, srcPort, dst, dstPort, flags, 1, 0, options);
    }

    /** Ethernet/IPv4/TCP frame with a sequence number and {@code payload} bytes of data. */
    public static byte[] ipv4(final int src, final int srcPort, final int dst, final int dstPort, final int flags,
        final int seq, final int payload, final java.util.function.ToIntFunction<MemorySegment> options)
    {
        final byte[] opts = TcpFrames.options(options);
        final int optLength = (opts.length + 3) & ~3;
        final ByteBuffer b = ByteBuffer.allocate(14 + 20 + 20 + optLength + payload);
        b.put(new byte[] {0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1}).putShort((short)0x0800);
        b.put((byte)0x45).put((byte)0).putShort((short)(40 + optLength + payload)).putInt(0x40004000).put((byte)64)
            .put((byte)6).putShort((short)0).putInt(src).putInt(dst);
        b.putShort((short)srcPort).putShort((short)dstPort).putInt(seq).putInt((flags & Mptcp.TCP_ACK) != 0 ? 1 : 0)
            .put((byte)((20 + optLength) / 4 << 4)).put((byte)flags).putShort((short)65535).putInt(0);
        b.put(opts);
        for (int i = opts.length; i < optLength; i++)
        {
            b.put((byte)1);
        }
        return b.array();
    }
}
