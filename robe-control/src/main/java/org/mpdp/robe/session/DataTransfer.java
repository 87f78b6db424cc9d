package org.mpdp.robe.session;

import java.util.List;

import org.mpdp.robe.net.Options;
import org.mpdp.robe.net.Segment;
import org.mpdp.robe.tcp.Subflow;

/**
 * The data level of one {@link Session} (RFC 8684 §3.3): the request sent under DSS mappings over the subflows
 * that are up, round robin, the echo reassembled by DSN and DATA_ACKed, and the DATA_FIN. The session decides
 * when (establishment, joins, close); this class decides what goes into the data-level fields.
 *
 * <p>The first data segment carries MP_CAPABLE with both keys (the session writes that option), and the rest waits
 * until the server has acknowledged it or sent a DSS ({@link #firstAcked}), so a server whose third ACK was lost
 * never sees DSS first (it would fall back to TCP). DSS carries an 8-byte DATA_ACK and an 8-byte DSN, no checksum
 * (not negotiated). Control thread only.
 */
final class DataTransfer
{
    /** Most bytes handed to one subflow at a time when choosing it (its MSS may cut it further). */
    private static final int CHUNK = 1400;

    private final byte[] request;
    private final Reassembly rx;
    private long localIdsn;
    private boolean firstAcked;
    /** Request bytes sent (relative to IDSN + 1); moved back to {@link #una} to reinject. */
    private int sndNxt;
    /** Request bytes the peer DATA_ACKed (request.length + 1 once the DATA_FIN is acknowledged). */
    private long una;
    private int roundRobin;
    private boolean finSent;
    private boolean sendingFin;
    private long finAt;

    DataTransfer(final byte[] request)
    {
        this.request = request;
        this.rx = new Reassembly(request.length);
    }

    /** Once the keys are known: both IDSNs (RFC 8684 §3.1). */
    void start(final long localIdsn, final long remoteIdsn)
    {
        this.localIdsn = localIdsn;
        rx.base(remoteIdsn + 1);
    }

    long localIdsn()
    {
        return localIdsn;
    }

    /** @return whether the server has acknowledged the first data segment (or sent DSS): DSS may follow. */
    boolean firstAcked()
    {
        return firstAcked;
    }

    /** @return whether the ACK being written is the DATA_FIN (not the MP_CAPABLE third ACK). */
    boolean sendingFin()
    {
        return sendingFin;
    }

    /** Writes DSS for a segment with no handshake option: a data mapping, the DATA_FIN or a DATA_ACK alone. */
    void dss(final Subflow subflow, final int kind, final Options o, final int seq, final long dsn, final int length)
    {
        if (kind == Subflow.SEND_DATA)
        {
            o.dss(rx.dataAck(), true, dsn, seq - subflow.iss(), length, false);
        }
        else if (sendingFin)
        {
            // DATA_FIN alone: subflow sequence 0, data-level length 1 (RFC 8684 §3.3.3).
            o.dss(rx.dataAck(), true, localIdsn + 1 + request.length, 0, 1, true);
        }
        else
        {
            o.dss(rx.dataAck(), false, 0, 0, 0, false);
        }
    }

    /** Payload received on a subflow (the subflow has put it in order). */
    void data(final Link link, final Segment s, final int skip, final int length, final int relativeSeq)
    {
        rx.data(link, s, skip, length, relativeSeq);
    }

    /**
     * What a segment tells the data level: the first data segment acknowledged, a mapping without payload, a
     * DATA_ACK (32-bit ones expanded against what is outstanding).
     *
     * @param onWinner whether it came on the first subflow.
     */
    void onSegment(final Link link, final boolean onWinner, final Segment s)
    {
        if (onWinner && !firstAcked && (s.dss() || s.ack() - (link.subflow.iss() + 1) > 0))
        {
            firstAcked = true;
        }
        if (s.payloadLength() == 0)
        {
            rx.mapping(link, s);
        }
        if (s.hasDataAck())
        {
            final long next = localIdsn + 1 + una;
            final long full = s.dataAck64() ? s.dataAck() : Reassembly.expand(s.dataAck(), next);
            final long acked = full - (localIdsn + 1);
            if (acked > una && acked <= request.length + 1L)
            {
                una = acked;
            }
        }
    }

    /** @return whether the peer's DATA_FIN has just completed the echo (it wants an ACK of its own). */
    boolean peerFinNowComplete()
    {
        return rx.finNowComplete();
    }

    /** Sends what the subflows can take: before {@link #firstAcked} only the first segment, on the winner. */
    void send(final Link winner, final List<Link> links, final long now)
    {
        if (!firstAcked)
        {
            if (sndNxt == 0 && request.length > 0)
            {
                final int n = Math.min(winner.subflow.segmentSize(), request.length);
                if (winner.subflow.canSend(n))
                {
                    winner.subflow.sendData(0, n, localIdsn + 1, now);
                    sndNxt = n;
                }
            }
            return;
        }
        while (sndNxt < request.length)
        {
            final Link l = nextUp(links, Math.min(CHUNK, request.length - sndNxt));
            if (l == null)
            {
                break;
            }
            final int n = Math.min(l.subflow.segmentSize(), request.length - sndNxt);
            l.subflow.sendData(sndNxt, n, localIdsn + 1 + sndNxt, now);
            sndNxt += n;
        }
    }

    private Link nextUp(final List<Link> links, final int length)
    {
        for (int i = 0; i < links.size(); i++)
        {
            final Link l = links.get((roundRobin + i) % links.size());
            if (l.up && !l.closed && l.subflow.canSend(length))
            {
                roundRobin = (roundRobin + i + 1) % links.size();
                return l;
            }
        }
        return null;
    }

    /** @return whether the whole echo is in and our DATA_FIN has not gone yet. */
    boolean finDue()
    {
        return rx.whole() && !finSent;
    }

    /** @return whether our DATA_FIN is out, unacknowledged, for longer than {@code rtoNanos}. */
    boolean finOverdue(final long now, final long rtoNanos)
    {
        return finSent && una < request.length + 1L && now - finAt > rtoNanos;
    }

    /** Sends the DATA_FIN on an ACK of the winner, else of any subflow that is up (none up: not yet). */
    void sendFin(final Link winner, final List<Link> links, final long now)
    {
        Link via = winner.up && !winner.closed ? winner : null;
        for (int i = 0; via == null && i < links.size(); i++)
        {
            via = links.get(i).up && !links.get(i).closed ? links.get(i) : null;
        }
        if (via == null)
        {
            return;
        }
        finSent = true;
        finAt = now;
        sendingFin = true;
        via.subflow.sendAck();
        sendingFin = false;
    }

    /** @return whether both DATA_FINs are acknowledged: the subflows may close. */
    boolean bothFinsDone()
    {
        return finSent && una == request.length + 1L && rx.finDone();
    }

    /** A subflow that is up closed with data in flight: send again from the DATA_ACK on. */
    void reinject()
    {
        sndNxt = (int)Math.min(sndNxt, una);
    }

    /** @return whether the echo equals the request. */
    boolean echoed()
    {
        return rx.equalTo(request);
    }

    /** @return echo bytes in order so far. */
    int echoPrefix()
    {
        return rx.prefix();
    }
}
