package org.mpdp.robe.listen;

import java.lang.foreign.MemorySegment;

import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.ParsedPacket;

/**
 * The responder's data half (RFC 8684 §3.3): subflow-level in-order receive (out-of-order segments are dropped
 * and re-acknowledged, the sender retransmits), DSS mappings from subflow to data sequence numbers, reassembly at
 * the data level across flows, DATA_ACK both ways, the echo sent back in order on one flow with a DSS mapping per
 * segment and go-back-N retransmission from the flow's unacknowledged point, DATA_FIN once all is echoed, and
 * the passive close of each flow.
 */
final class DataPath
{
    /** Echo buffer per connection: the most a peer may send (the RobE request is at most 64 KiB). */
    static final int BUFFER_BYTES = 128 * 1024;
    private static final int MAX_IN_FLIGHT = 65535;
    private static final int DATA_RETRIES = 8;

    private final Responder r;

    DataPath(final Responder responder)
    {
        this.r = responder;
    }

    /** Receive window we advertise (unscaled: the SYN/ACK offers no window scale). */
    int window(final Connection c)
    {
        return (int)Math.max(0, Math.min(65535, BUFFER_BYTES - c.dataRcvNxt));
    }

    /** 64-bit value whose low 32 bits are {@code low}, nearest to {@code near} (RFC 8684 §3.3.1). */
    static long expand(final long near, final long low)
    {
        final long candidate = (near & ~0xFFFF_FFFFL) | (low & 0xFFFF_FFFFL);
        if (candidate - near > 0x8000_0000L)
        {
            return candidate - 0x1_0000_0000L;
        }
        if (near - candidate > 0x8000_0000L)
        {
            return candidate + 0x1_0000_0000L;
        }
        return candidate;
    }

    void onSegment(final MemorySegment s, final ParsedPacket p, final Flow f, final long now)
    {
        final Connection c = f.connection;
        if ((p.tcpFlags & TcpFrame.ACK) != 0)
        {
            onAck(f, c, p.ack, now);
        }
        f.peerWindow = p.window;
        if (f.state == Flow.FREE)
        {
            return;
        }
        boolean reply = false;
        if (p.mptcp.has(Mptcp.DSS))
        {
            reply = onDss(p, f, c);
        }
        else if (p.mptcp.has(Mptcp.MP_CAPABLE) && p.mptcp.mpcHasDataLength && f.kind == Flow.KIND_CAPABLE)
        {
            // RFC 8684 §3.1: the first data on the initial flow may carry MP_CAPABLE with a data-level length
            // instead of a DSS: the mapping starts at IDSN + 1 and subflow seq 1.
            f.mapData = 0;
            f.mapSsn = 1;
            f.mapLength = p.mptcp.mpcDataLength;
            f.mapValid = true;
        }
        int length = p.payloadLength;
        int seq = p.seq;
        long from = p.payloadOffset;
        if (length > 0)
        {
            reply = true;
            final int skip = f.rcvNxt - seq;
            if (skip > 0 && skip < length)
            {
                seq += skip;
                from += skip;
                length -= skip;
            }
            if (seq == f.rcvNxt)
            {
                final int ssn = f.relativeSsn(seq);
                if (f.mapValid && ssn - f.mapSsn >= 0 && ssn - f.mapSsn + length <= f.mapLength)
                {
                    r.counters.bytesReceived.getAndAdd(c.store(s, from, f.mapData + (ssn - f.mapSsn), length));
                }
                f.rcvNxt += length;
            }
            else
            {
                r.counters.outOfOrder.increment();
            }
        }
        if ((p.tcpFlags & TcpFrame.FIN) != 0 && p.seq + p.payloadLength == f.rcvNxt && !f.finReceived)
        {
            f.rcvNxt++;
            f.finReceived = true;
            if (f.state == Flow.ESTABLISHED)
            {
                f.state = Flow.CLOSE_WAIT;
            }
            reply = true;
        }
        if (reply)
        {
            r.out.ack(f, c, window(c));
        }
        pump(c, now);
        closeIfDone(f, c);
    }

    private boolean onDss(final ParsedPacket p, final Flow f, final Connection c)
    {
        final int flags = p.mptcp.dssFlags;
        if ((flags & Mptcp.DSS_FLAG_ACK) != 0 && c.established)
        {
            final long ack = (flags & Mptcp.DSS_FLAG_ACK64) != 0 ? p.mptcp.dataAck :
                expand(c.idsnB + 1 + c.dataSndUna, p.mptcp.dataAck);
            final long offset = ack - (c.idsnB + 1);
            if (offset > c.dataSndUna && offset <= c.dataSndNxt + (c.finSent ? 1 : 0))
            {
                c.dataSndUna = offset;
            }
        }
        if ((flags & Mptcp.DSS_FLAG_MAP) != 0 && c.established)
        {
            final long dsn = (flags & Mptcp.DSS_FLAG_DSN64) != 0 ? p.mptcp.dsn :
                expand(c.idsnA + 1 + c.dataRcvNxt, p.mptcp.dsn);
            f.mapData = dsn - (c.idsnA + 1);
            f.mapSsn = p.mptcp.ssn;
            f.mapLength = p.mptcp.dataLevelLength;
            f.mapValid = true;
            if ((flags & Mptcp.DSS_FLAG_DATA_FIN) != 0 && c.peerFin < 0)
            {
                // RFC 8684 §3.3.3: DATA_FIN is the mapping's last data-level octet.
                c.peerFin = f.mapData + f.mapLength - 1;
                r.counters.dataFinsReceived.increment();
                return true;
            }
        }
        return false;
    }

    private void onAck(final Flow f, final Connection c, final int ack, final long now)
    {
        if (ack - f.sndUna > 0 && ack - f.sndNxt <= 0)
        {
            f.sndUna = ack;
            f.retries = 0;
            f.rtoNanos = Responder.INITIAL_RTO_NANOS;
            f.deadline = f.sndUna == f.sndNxt ? Long.MAX_VALUE : now + f.rtoNanos;
        }
        if (f.state == Flow.LAST_ACK && f.sndUna == f.sndNxt)
        {
            r.drop(f);
        }
    }

    /** Sends what is echoable on the connection's sending flow, then our DATA_FIN once all is echoed. */
    void pump(final Connection c, final long now)
    {
        if (c == null || !c.established)
        {
            return;
        }
        Flow f = c.sender;
        if (f == null)
        {
            for (int i = 0; i < c.flowCount && f == null; i++)
            {
                final Flow candidate = c.flows[i];
                if (candidate.state == Flow.ESTABLISHED || candidate.state == Flow.CLOSE_WAIT)
                {
                    f = candidate;
                }
            }
            if (f == null)
            {
                return;
            }
            // A new sending flow restarts from what the peer has not DATA_ACKed.
            c.sender = f;
            c.dataSndNxt = c.dataSndUna;
            c.sendBaseSeq = f.sndNxt;
            c.sendBaseData = c.dataSndUna;
        }
        if (f.finSent)
        {
            return;
        }
        final int room = Math.min(MAX_IN_FLIGHT, Math.max(f.peerWindow, Segments.MSS));
        long unsent = c.unsent();
        while (unsent > 0 && f.sndNxt - f.sndUna < room)
        {
            final int length = (int)Math.min(Math.min(unsent, Segments.MSS), room - (f.sndNxt - f.sndUna));
            r.out.data(f, c, c.dataSndNxt, length, window(c));
            f.sndNxt += length;
            c.dataSndNxt += length;
            r.counters.bytesEchoed.getAndAdd(length);
            unsent -= length;
            if (f.deadline == Long.MAX_VALUE)
            {
                f.deadline = now + f.rtoNanos;
            }
        }
        if (c.peerFinished() && c.dataSndNxt == c.peerFin && !c.finSent)
        {
            c.finSent = true;
            c.finDeadline = now + Responder.INITIAL_RTO_NANOS;
            r.out.dataFin(f, c, c.dataSndNxt, window(c));
        }
    }

    /** Our FIN on a flow the peer closed, once nothing of ours is outstanding on it. */
    private void closeIfDone(final Flow f, final Connection c)
    {
        if (f.state != Flow.CLOSE_WAIT || f.sndUna != f.sndNxt || f == c.sender && !c.finSent)
        {
            return;
        }
        f.state = Flow.LAST_ACK;
        f.finSent = true;
        r.out.fin(f, c, f.sndNxt, window(c));
        f.sndNxt++;
        f.deadline = System.nanoTime() + f.rtoNanos;
    }

    /** Retransmission timeout on an established flow: go back to its unacknowledged point. */
    void onTimeout(final Flow f, final long now)
    {
        final Connection c = f.connection;
        if (++f.retries > DATA_RETRIES)
        {
            r.out.rst(f);
            r.drop(f);
            return;
        }
        r.counters.dataRetransmits.increment();
        f.rtoNanos = Math.min(f.rtoNanos * 2, 60_000_000_000L);
        f.deadline = now + f.rtoNanos;
        if (f.finSent)
        {
            r.out.fin(f, c, f.sndNxt - 1, window(c));
            return;
        }
        if (c.sender == f && f.sndUna != f.sndNxt)
        {
            f.sndNxt = f.sndUna;
            c.dataSndNxt = c.sendBaseData + (f.sndUna - c.sendBaseSeq);
            pump(c, now);
        }
    }

    /** DATA_FIN retransmission until the peer's DATA_ACK covers it. */
    int onConnectionTimer(final Connection c, final long now)
    {
        if (!c.finSent || c.dataSndUna > c.dataSndNxt || now < c.finDeadline || c.sender == null)
        {
            return 0;
        }
        c.finDeadline = now + 2 * Responder.INITIAL_RTO_NANOS;
        r.out.dataFin(c.sender, c, c.dataSndNxt, window(c));
        return 1;
    }
}
