package org.mpdp.dataplane.steer;

import java.lang.foreign.MemorySegment;

import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptionWriter;
import org.mpdp.dataplane.wire.PacketParser;
import org.mpdp.dataplane.wire.ParsedPacket;
import org.mpdp.dataplane.wire.TcpFrames;

/** Real frames (the wire tests' encoders) parsed by the real parser, for the steering tests. */
final class SteerFrames
{
    static final int CLIENT = 0x0A000001;
    static final int CLIENT2 = 0x0A000101;
    static final int SERVER = 0xC6120102;
    static final int SERVER_PORT = 443;

    private final PacketParser parser = new PacketParser();

    ParsedPacket parse(final byte[] frame)
    {
        final ParsedPacket p = new ParsedPacket();
        parser.parseEthernet(MemorySegment.ofArray(frame), 0, frame.length, p);
        return p;
    }

    static byte[] mpcSyn(final int src, final int srcPort, final int dst, final int dstPort)
    {
        return TcpFrames.ipv4(src, srcPort, dst, dstPort, Mptcp.TCP_SYN,
            s -> MptcpOptionWriter.mpCapable(s, 0, Mptcp.MPC_SYN_V1_LENGTH, 1, Mptcp.MPC_FLAG_H, 0, 0, 0, 0));
    }

    static byte[] mpcAck(final int src, final int srcPort, final int dst, final int dstPort, final long k1,
        final long k2)
    {
        return TcpFrames.ipv4(src, srcPort, dst, dstPort, Mptcp.TCP_ACK,
            s -> MptcpOptionWriter.mpCapable(s, 0, Mptcp.MPC_ACK_LENGTH, 1, Mptcp.MPC_FLAG_H, k1, k2, 0, 0));
    }

    static byte[] joinSyn(final int src, final int srcPort, final int dst, final int dstPort, final int token)
    {
        return TcpFrames.ipv4(src, srcPort, dst, dstPort, Mptcp.TCP_SYN,
            s -> MptcpOptionWriter.mpJoinSyn(s, 0, false, 1, token, 0x12345678));
    }

    static byte[] plainAck(final int src, final int srcPort, final int dst, final int dstPort)
    {
        return TcpFrames.ipv4(src, srcPort, dst, dstPort, Mptcp.TCP_ACK, s -> 0);
    }

    static byte[] arp()
    {
        final byte[] f = new byte[42];
        f[12] = 0x08;
        f[13] = 0x06;
        return f;
    }
}
