package org.mpdp.robe.listen;

import java.lang.foreign.MemorySegment;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.mpdp.dataplane.crypto.HmacSha256Keys;
import org.mpdp.dataplane.crypto.JoinHmac;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptionWriter;
import org.mpdp.robe.esim.EsimOption;

/**
 * The segments the responder sends, each built whole into a frame from the {@link FrameSink}: SYN/ACKs
 * (MP_CAPABLE with Key-B and, when offered, ROBE_eSIM_EN; or MP_JOIN with its truncated HMAC), ACKs with a
 * 64-bit DATA_ACK, data with a DSS mapping, our DATA_FIN, FIN and RST.
 */
final class Segments
{
    /** Payload bytes per data segment: below a 1500-byte MTU with 20 + 20 + 28 bytes of headers and DSS. */
    static final int MSS = 1400;
    private static final int DSS_ACK_MAP = Mptcp.DSS_FLAG_ACK | Mptcp.DSS_FLAG_ACK64 | Mptcp.DSS_FLAG_MAP |
        Mptcp.DSS_FLAG_DSN64;

    private final FrameSink sink;
    private final long[] macByPort;
    private final int enableSubtype;
    private final AtomicCounter noFrame;
    private final AtomicCounter rsts;
    private final JoinHmac joinHmac = new JoinHmac();
    private final HmacSha256Keys keys = new HmacSha256Keys(1);
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);

    Segments(final FrameSink sink, final long[] macByPort, final int enableSubtype, final ListenCounters counters)
    {
        this.sink = sink;
        this.macByPort = macByPort;
        this.enableSubtype = enableSubtype;
        this.noFrame = counters.noFrame;
        this.rsts = counters.rstsSent;
    }

    private MemorySegment begin(final Flow f, final int seq, final int flags, final int window)
    {
        final MemorySegment s = sink.open(f.port);
        if (s == null)
        {
            noFrame.increment();
            return null;
        }
        TcpFrame.begin(s, f.peerMac, mac(f.port), f.localIp, f.remoteIp, f.localPort, f.remotePort, seq, f.rcvNxt,
            flags, window);
        return s;
    }

    private long mac(final int port)
    {
        return port >= 0 && port < macByPort.length ? macByPort[port] : 0;
    }

    private void finish(final Flow f, final MemorySegment s, final int options, final int payload)
    {
        sink.send(f.port, TcpFrame.finish(s, TcpFrame.pad(s, options), payload));
    }

    /** SYN/ACK for an MP_CAPABLE SYN (RFC 8684 §3.1): MSS, MP_CAPABLE v1 with Key-B, ROBE_eSIM_EN if eSIM. */
    void synAckCapable(final Flow f, final long keyB)
    {
        final MemorySegment s = begin(f, f.iss, TcpFrame.SYN | TcpFrame.ACK, 65535);
        if (s != null)
        {
            int o = TcpFrame.mss(s, 0, MSS);
            o += MptcpOptionWriter.mpCapable(s, TcpFrame.OPTIONS_OFFSET + o, Mptcp.MPC_ONE_KEY_LENGTH, 1,
                Mptcp.MPC_FLAG_H, keyB, 0, 0, 0);
            if (f.esim)
            {
                view.wrap(s.address() + TcpFrame.OPTIONS_OFFSET + o, EsimOption.ENABLE_LENGTH);
                o += EsimOption.writeEnable(view, 0, enableSubtype);
            }
            finish(f, s, o, 0);
        }
    }

    /** SYN/ACK for an MP_JOIN SYN (RFC 8684 §3.2): HMAC-SHA256 keyed Key-B ‖ Key-A over R-B ‖ R-A, left 64 bits. */
    void synAckJoin(final Flow f, final Connection c, final int addressId)
    {
        final MemorySegment s = begin(f, f.iss, TcpFrame.SYN | TcpFrame.ACK, 65535);
        if (s != null)
        {
            keys.setKey(0, c.keyB, c.keyA);
            final long thmac = joinHmac.synAckThmac(keys, 0, f.nonceB, f.nonceA);
            int o = TcpFrame.mss(s, 0, MSS);
            o += MptcpOptionWriter.mpJoinSynAck(s, TcpFrame.OPTIONS_OFFSET + o, f.backup, addressId, thmac, f.nonceB);
            finish(f, s, o, 0);
        }
    }

    /**
     * Checks the MP_JOIN third-ACK HMAC: keyed Key-A ‖ Key-B over R-A ‖ R-B, 160 bits.
     *
     * @return whether it verified.
     */
    boolean verifyJoinAck(final Flow f, final Connection c, final MemorySegment frame, final int hmacOffset)
    {
        keys.setKey(0, c.keyA, c.keyB);
        return joinHmac.verifyAck(keys, 0, f.nonceA, f.nonceB, frame, hmacOffset) ==
            org.mpdp.dataplane.crypto.CryptoResult.VALID;
    }

    /** A pure ACK with DATA_ACK (or without DSS when the connection's keys are not known yet). */
    void ack(final Flow f, final Connection c, final int window)
    {
        final MemorySegment s = begin(f, f.sndNxt, TcpFrame.ACK, window);
        if (s != null)
        {
            int o = 0;
            if (c != null && c.established)
            {
                o = MptcpOptionWriter.dss(s, TcpFrame.OPTIONS_OFFSET, Mptcp.DSS_FLAG_ACK | Mptcp.DSS_FLAG_ACK64,
                    c.dataAck(), 0, 0, 0, false, 0);
            }
            finish(f, s, o, 0);
        }
    }

    /** Echo data: {@code length} bytes from data offset {@code from}, mapped by a DSS at the flow's next seq. */
    void data(final Flow f, final Connection c, final long from, final int length, final int window)
    {
        final MemorySegment s = begin(f, f.sndNxt, TcpFrame.ACK | TcpFrame.PSH, window);
        if (s != null)
        {
            final int o = TcpFrame.pad(s, MptcpOptionWriter.dss(s, TcpFrame.OPTIONS_OFFSET, DSS_ACK_MAP, c.dataAck(),
                c.idsnB + 1 + from, f.sndNxt - f.iss, length, false, 0));
            MemorySegment.copy(MemorySegment.ofArray(c.buffer), from, s, TcpFrame.OPTIONS_OFFSET + o, length);
            finish(f, s, o, length);
        }
    }

    /** Our DATA_FIN (RFC 8684 §3.3.3) on a pure ACK: mapping of length 1 at subflow seq 0, after the last byte. */
    void dataFin(final Flow f, final Connection c, final long at, final int window)
    {
        final MemorySegment s = begin(f, f.sndNxt, TcpFrame.ACK, window);
        if (s != null)
        {
            final int o = MptcpOptionWriter.dss(s, TcpFrame.OPTIONS_OFFSET, DSS_ACK_MAP | Mptcp.DSS_FLAG_DATA_FIN,
                c.dataAck(), c.idsnB + 1 + at, 0, 1, false, 0);
            finish(f, s, o, 0);
        }
    }

    /** FIN+ACK at {@code seq}. */
    void fin(final Flow f, final Connection c, final int seq, final int window)
    {
        final MemorySegment s = begin(f, seq, TcpFrame.FIN | TcpFrame.ACK, window);
        if (s != null)
        {
            int o = 0;
            if (c != null && c.established)
            {
                o = MptcpOptionWriter.dss(s, TcpFrame.OPTIONS_OFFSET, Mptcp.DSS_FLAG_ACK | Mptcp.DSS_FLAG_ACK64,
                    c.dataAck(), 0, 0, 0, false, 0);
            }
            finish(f, s, o, 0);
        }
    }

    /** RST on a flow (RFC 9293 §3.10.7): at our next seq, acknowledging what we received. */
    void rst(final Flow f)
    {
        final MemorySegment s = begin(f, f.sndNxt, TcpFrame.RST | TcpFrame.ACK, 0);
        if (s != null)
        {
            rsts.increment();
            finish(f, s, 0, 0);
        }
    }

    /**
     * RST for a segment with no flow (RFC 9293 §3.10.7.1): seq = its ACK when it had one, else 0 with an ACK of
     * everything it occupied.
     */
    void rstFor(final Flow scratch, final int segSeq, final int segAck, final int segFlags, final int segLength)
    {
        final boolean hadAck = (segFlags & TcpFrame.ACK) != 0;
        scratch.rcvNxt = segSeq + segLength + ((segFlags & TcpFrame.SYN) != 0 ? 1 : 0) +
            ((segFlags & TcpFrame.FIN) != 0 ? 1 : 0);
        final MemorySegment s = begin(scratch, hadAck ? segAck : 0, hadAck ? TcpFrame.RST : TcpFrame.RST | TcpFrame.ACK, 0);
        if (s != null)
        {
            rsts.increment();
            finish(scratch, s, 0, 0);
        }
    }
}
