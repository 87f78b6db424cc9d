package org.mpdp.robe.tcp;

import org.mpdp.robe.net.Frames;
import org.mpdp.robe.net.Options;
import org.mpdp.robe.net.Segment;

/**
 * One TCP subflow (RFC 9293) of an MPTCP connection: active open, data with retransmission (RFC 6298 RTO,
 * three duplicate ACKs, the next hole after a partial ACK), FIN both ways, RST in and out. No window scaling,
 * no SACK, no timestamps: the peer sees a plain receive window of {@link #WINDOW}. Out-of-order data is not
 * kept (it is acknowledged with a duplicate ACK and the peer resends it). Options come from the
 * {@link SubflowOwner}; frames leave through a {@link SegmentOut}.
 *
 * <p>A passive side (a responder) can use the same class: {@link #openPassive} answers a SYN in SYN_RECEIVED.
 * Control thread only; a little state per subflow, nothing allocated per segment.
 */
public final class Subflow
{
    /** Options for a SYN (or SYN/ACK when passive). */
    public static final int SEND_SYN = 0;
    /** Options for a pure ACK. */
    public static final int SEND_ACK = 1;
    /** Options for a data segment. */
    public static final int SEND_DATA = 2;
    /** Options for a FIN. */
    public static final int SEND_FIN = 3;
    /** Our receive window. */
    public static final int WINDOW = 65535;
    /** Our MSS option. */
    public static final int MSS = 1460;
    /** Most segments in flight. */
    public static final int MAX_IN_FLIGHT = 64;

    private final SubflowOwner owner;
    private final SegmentOut out;
    private final Options options = new Options();
    private final Rto rto = new Rto();
    private final int path;
    private final int local;
    private final int remote;
    private final int localPort;
    private final int remotePort;
    private final int iss;
    private Object attachment;

    private TcpState state = TcpState.CLOSED;
    private int sndUna;
    private int sndNxt;
    private int rcvNxt;
    private int irs;
    private int peerWindow = WINDOW;
    private int peerMss = 536;
    private long timerAt = Long.MAX_VALUE;
    private long synSentAt;
    private int synsSent;
    private int retransmits;
    /** Segments received again (all old data, a FIN again): the peer retransmitted, something was lost. */
    private int duplicates;
    /** Closed by our ACK of the peer's FIN after ours (active close): the peer may still be in LAST-ACK. */
    private boolean closedByOurLastAck;
    private int dupAcks;
    private boolean recovering;
    private boolean finSent;
    private boolean finReceived;
    /** The last RST sent (flags 0: none), for {@link #repeatReset}. */
    private int resetFlags;
    private int resetSeq;
    private int resetAck;
    private long resetKey;
    private boolean resetFastClose;
    private int finSeq;
    private long handshakeRttNanos = -1;

    // In flight, a ring of MAX_IN_FLIGHT: sequence, length, DSN, send-buffer offset, sent time, sent more than once.
    private final int[] flightSeq = new int[MAX_IN_FLIGHT];
    private final int[] flightLength = new int[MAX_IN_FLIGHT];
    private final long[] flightDsn = new long[MAX_IN_FLIGHT];
    private final int[] flightOffset = new int[MAX_IN_FLIGHT];
    private final long[] flightSentAt = new long[MAX_IN_FLIGHT];
    private final boolean[] flightAgain = new boolean[MAX_IN_FLIGHT];
    private int flightHead;
    private int flightCount;

    /**
     * @param owner      the MPTCP layer.
     * @param out        where frames go.
     * @param path       path index (the out's routing key).
     * @param local      our address, host order.
     * @param localPort  our port.
     * @param remote     the peer's address.
     * @param remotePort the peer's port.
     * @param iss        initial send sequence number (random).
     */
    public Subflow(final SubflowOwner owner, final SegmentOut out, final int path, final int local,
        final int localPort, final int remote, final int remotePort, final int iss)
    {
        this.owner = owner;
        this.out = out;
        this.path = path;
        this.local = local;
        this.localPort = localPort;
        this.remote = remote;
        this.remotePort = remotePort;
        this.iss = iss;
        sndUna = iss;
        sndNxt = iss;
    }

    /**
     * Active open: sends the SYN.
     *
     * @param now nanoTime.
     */
    public void connect(final long now)
    {
        state = TcpState.SYN_SENT;
        sndNxt = iss + 1;
        sendSyn(now);
    }

    /**
     * Passive open (for a responder): takes the peer's SYN and answers with a SYN/ACK whose options come from
     * the owner ({@link #SEND_SYN}).
     *
     * @param syn the SYN.
     * @param now nanoTime.
     */
    public void openPassive(final Segment syn, final long now)
    {
        irs = syn.seq();
        rcvNxt = irs + 1;
        peerWindow = syn.window();
        state = TcpState.SYN_RECEIVED;
        sndNxt = iss + 1;
        sendSyn(now);
    }

    /** Sends the SYN again (the owner's choice at a timeout), with the backed-off RTO. */
    public void retransmitSyn(final long now)
    {
        rto.backOff();
        sendSyn(now);
    }

    /** Gives up on a SYN_SENT subflow without a word (TIMER moving on): a late SYN/ACK is then answered with RST. */
    public void abandon()
    {
        timerAt = Long.MAX_VALUE;
    }

    private void sendSyn(final long now)
    {
        synsSent++;
        synSentAt = now;
        options.clear();
        options.mss(MSS);
        owner.options(this, SEND_SYN, options, iss, 0, 0);
        options.pad();
        out.send(this, state == TcpState.SYN_RECEIVED ? Frames.SYN | Frames.ACK : Frames.SYN, iss, rcvNxt, options,
            null, 0, 0);
        timerAt = now + rto.rtoNanos();
    }

    /** The handshake is done (the owner accepted the SYN/ACK). */
    public void establish()
    {
        state = TcpState.ESTABLISHED;
        timerAt = Long.MAX_VALUE;
    }

    /** Sends a pure ACK with the owner's options. */
    public void sendAck()
    {
        options.clear();
        owner.options(this, SEND_ACK, options, sndNxt, 0, 0);
        options.pad();
        out.send(this, Frames.ACK, sndNxt, rcvNxt, options, null, 0, 0);
    }

    /**
     * Sends a RST (seq = our next sequence, with ACK once synchronized) and closes without telling the owner
     * (it asked).
     */
    public void reset()
    {
        if (state == TcpState.CLOSED && synsSent == 0)
        {
            return;
        }
        final boolean synchronized_ = state != TcpState.SYN_SENT;
        lastReset(synchronized_ ? Frames.RST | Frames.ACK : Frames.RST, state == TcpState.SYN_SENT ? iss + 1 :
            sndNxt, synchronized_ ? rcvNxt : 0, false, 0);
        repeatReset();
        close();
    }

    /**
     * Sends the last RST again, as it was ({@link ResetRepeats}): a losing attempt's plain RST at ISN + 1 (no
     * ACK bit: Linux's request sockets check an ACK before the RST bit and ignore a RST whose ACK is not theirs),
     * a late SYN/ACK's RST at its ACK, an abort's RST + MP_FASTCLOSE. Nothing when none was sent.
     */
    public void repeatReset()
    {
        if (resetFlags == 0)
        {
            return;
        }
        options.clear();
        if (resetFastClose)
        {
            options.fastClose(resetKey);
            options.pad();
        }
        out.send(this, resetFlags, resetSeq, resetAck, options, null, 0, 0);
    }

    private void lastReset(final int flags, final int seq, final int ack, final boolean fastClose,
        final long fastCloseKey)
    {
        resetFlags = flags;
        resetSeq = seq;
        resetAck = ack;
        resetKey = fastCloseKey;
        resetFastClose = fastClose;
    }

    /**
     * Aborts a synchronized subflow with RST + MP_FASTCLOSE, which ends the whole MPTCP connection at the peer
     * (a subflow in SYN_SENT gets a plain RST: there is no connection to close yet).
     *
     * @param receiverKey the peer's MPTCP key.
     */
    public void abort(final long receiverKey)
    {
        if (state == TcpState.CLOSED || state == TcpState.SYN_SENT)
        {
            reset();
            return;
        }
        // RFC 8684 §3.5 allows either MP_FASTCLOSE on an ACK (the peer answers with RST) or on a RST: both, so a
        // peer that acts on only one of them still closes.
        options.clear();
        options.fastClose(receiverKey);
        options.pad();
        out.send(this, Frames.ACK, sndNxt, rcvNxt, options, null, 0, 0);
        lastReset(Frames.RST | Frames.ACK, sndNxt, rcvNxt, true, receiverKey);
        repeatReset();
        close();
    }

    /**
     * Answers a segment of a 4-tuple we no longer want (e.g. a losing attempt's late SYN/ACK) with RST,
     * RFC 9293 §3.10.7.1 style: seq = its ACK.
     */
    public void resetFor(final Segment segment)
    {
        lastReset(Frames.RST, segment.ack(), 0, false, 0);
        repeatReset();
    }

    private void close()
    {
        state = TcpState.CLOSED;
        timerAt = Long.MAX_VALUE;
        flightCount = 0;
    }

    /**
     * @return whether another data segment may be sent now (in-flight slots and the peer's window).
     */
    public boolean canSend(final int length)
    {
        return (state == TcpState.ESTABLISHED || state == TcpState.CLOSE_WAIT) && !finSent &&
            flightCount < MAX_IN_FLIGHT && (sndNxt - sndUna) + length <= peerWindow;
    }

    /** @return payload bytes per data segment (the peer's MSS, less room for our options). */
    public int segmentSize()
    {
        return Math.max(64, Math.min(peerMss, MSS) - 40);
    }

    /**
     * Sends a data segment from the owner's send buffer.
     *
     * @param offset buffer offset of the first byte.
     * @param length bytes.
     * @param dsn    its data sequence number.
     * @param now    nanoTime.
     */
    public void sendData(final int offset, final int length, final long dsn, final long now)
    {
        final int slot = (flightHead + flightCount) % MAX_IN_FLIGHT;
        flightSeq[slot] = sndNxt;
        flightLength[slot] = length;
        flightDsn[slot] = dsn;
        flightOffset[slot] = offset;
        flightSentAt[slot] = now;
        flightAgain[slot] = false;
        flightCount++;
        transmit(slot);
        sndNxt += length;
        if (timerAt == Long.MAX_VALUE)
        {
            timerAt = now + rto.rtoNanos();
        }
    }

    private void transmit(final int slot)
    {
        options.clear();
        owner.options(this, SEND_DATA, options, flightSeq[slot], flightDsn[slot], flightLength[slot]);
        options.pad();
        out.send(this, Frames.ACK | Frames.PSH, flightSeq[slot], rcvNxt, options, owner.sendBuffer(),
            flightOffset[slot], flightLength[slot]);
    }

    /**
     * Sends our FIN (once every queued byte is sent); the state moves to FIN_WAIT_1 or LAST_ACK.
     *
     * @param now nanoTime.
     */
    public void shutdown(final long now)
    {
        if (finSent || (state != TcpState.ESTABLISHED && state != TcpState.CLOSE_WAIT))
        {
            return;
        }
        finSent = true;
        finSeq = sndNxt;
        state = state == TcpState.ESTABLISHED ? TcpState.FIN_WAIT_1 : TcpState.LAST_ACK;
        sendFin();
        sndNxt++;
        timerAt = now + rto.rtoNanos();
    }

    private void sendFin()
    {
        options.clear();
        owner.options(this, SEND_FIN, options, finSeq, 0, 0);
        options.pad();
        out.send(this, Frames.FIN | Frames.ACK, finSeq, rcvNxt, options, null, 0, 0);
    }


    /**
     * A segment of this subflow's 4-tuple.
     *
     * @param segment parsed.
     * @param now     nanoTime.
     */
    public void onSegment(final Segment segment, final long now)
    {
        switch (state)
        {
            case CLOSED -> resetFor(segment);
            case SYN_SENT -> synSent(segment, now);
            default -> synchronizedSegment(segment, now);
        }
    }

    private void synSent(final Segment s, final long now)
    {
        final boolean ackOk = s.has(Frames.ACK) && s.ack() == iss + 1;
        if (s.has(Frames.RST))
        {
            if (ackOk)
            {
                close();
                owner.onClosed(this, true);
            }
            return;
        }
        if (!s.has(Frames.SYN) || !ackOk)
        {
            if (s.has(Frames.ACK) && !ackOk)
            {
                resetFor(s);
            }
            return;
        }
        irs = s.seq();
        rcvNxt = irs + 1;
        sndUna = iss + 1;
        peerWindow = s.window();
        peerMss = Math.max(536, s.mss() > 0 ? s.mss() : 536);
        handshakeRttNanos = now - synSentAt;
        if (synsSent == 1)
        {
            rto.sample(handshakeRttNanos); // Karn: only a SYN sent once is a sample
        }
        owner.onSynAck(this, s, now);
    }

    private void synchronizedSegment(final Segment s, final long now)
    {
        if (s.has(Frames.RST))
        {
            // RFC 5961 §3.2 in short: only a RST at rcvNxt (or in the window) is believed.
            if (s.seq() - rcvNxt >= 0 && s.seq() - rcvNxt < WINDOW)
            {
                close();
                owner.onClosed(this, true);
            }
            return;
        }
        if (state == TcpState.SYN_RECEIVED)
        {
            if (!s.has(Frames.ACK) || s.ack() != iss + 1)
            {
                return;
            }
            sndUna = iss + 1;
            state = TcpState.ESTABLISHED;
            timerAt = Long.MAX_VALUE;
        }
        if (s.has(Frames.SYN))
        {
            // A retransmitted SYN/ACK: our third ACK was lost; say it again. (The server's RTO is 3 s from now on.)
            if (s.seq() == irs)
            {
                duplicates++;
                sendAck();
            }
            return;
        }
        if (s.has(Frames.ACK))
        {
            acked(s, now);
        }
        boolean ackNow = receive(s);
        if (s.has(Frames.FIN) && finReceived)
        {
            duplicates++;
        }
        if (s.has(Frames.FIN) && s.seq() + s.payloadLength() == rcvNxt && !finReceived)
        {
            finReceived = true;
            rcvNxt++;
            ackNow = true;
            state = switch (state)
            {
                case ESTABLISHED -> TcpState.CLOSE_WAIT;
                case FIN_WAIT_1 -> TcpState.CLOSING;
                default -> state;
            };
        }
        owner.onSegment(this, s, now);
        if (ackNow && state != TcpState.CLOSED)
        {
            sendAck();
        }
        if (state == TcpState.FIN_WAIT_2 && finReceived || (state == TcpState.CLOSING || state == TcpState.LAST_ACK) &&
            sndUna == sndNxt)
        {
            closedByOurLastAck = state != TcpState.LAST_ACK;
            close();
            owner.onClosed(this, false);
        }
    }

    /** @return whether an ACK must go back now. */
    private boolean receive(final Segment s)
    {
        final int length = s.payloadLength();
        if (length == 0)
        {
            return false;
        }
        final int skip = rcvNxt - s.seq();
        if (skip < 0 || skip >= length)
        {
            duplicates += skip >= length ? 1 : 0;
            return true; // out of order, or all old: a duplicate ACK says where we are
        }
        final int fresh = length - skip;
        owner.onData(this, s, skip, fresh, rcvNxt - irs);
        rcvNxt += fresh;
        return true;
    }

    private void acked(final Segment s, final long now)
    {
        final int ack = s.ack();
        peerWindow = s.window();
        if (ack - sndUna > 0 && ack - sndNxt <= 0)
        {
            sndUna = ack;
            dupAcks = 0;
            while (flightCount > 0)
            {
                final int slot = flightHead;
                if (ack - (flightSeq[slot] + flightLength[slot]) < 0)
                {
                    break;
                }
                if (!flightAgain[slot])
                {
                    rto.sample(now - flightSentAt[slot]);
                }
                flightHead = (flightHead + 1) % MAX_IN_FLIGHT;
                flightCount--;
            }
            if (state == TcpState.FIN_WAIT_1 && ack == sndNxt)
            {
                state = TcpState.FIN_WAIT_2;
            }
            timerAt = flightCount > 0 || finSent && sndUna != sndNxt ? now + rto.rtoNanos() : Long.MAX_VALUE;
            if (recovering && flightCount > 0)
            {
                resend(flightHead, now); // partial ACK after a loss: the next hole, now (RFC 6582 in spirit)
            }
            else
            {
                recovering = false;
            }
        }
        else if (ack == sndUna && flightCount > 0 && s.payloadLength() == 0 && ++dupAcks == 3)
        {
            resend(flightHead, now); // fast retransmit (RFC 5681 §3.2)
        }
    }

    private void resend(final int slot, final long now)
    {
        flightAgain[slot] = true;
        flightSentAt[slot] = now;
        retransmits++;
        transmit(slot);
    }

    /**
     * Timers: SYN or data retransmission, FIN retransmission.
     *
     * @param now nanoTime.
     */
    public void poll(final long now)
    {
        if (now < timerAt)
        {
            return;
        }
        if (state == TcpState.SYN_SENT)
        {
            timerAt = Long.MAX_VALUE;
            owner.onSynTimeout(this, now);
            return;
        }
        if (state == TcpState.SYN_RECEIVED)
        {
            retransmitSyn(now);
            return;
        }
        rto.backOff();
        timerAt = now + rto.rtoNanos();
        if (flightCount > 0)
        {
            recovering = true;
            resend(flightHead, now);
        }
        else if (finSent && sndUna != sndNxt)
        {
            retransmits++;
            sendFin();
        }
        else
        {
            timerAt = Long.MAX_VALUE;
        }
    }

    /** @return the state. */
    public TcpState state()
    {
        return state;
    }

    /** @return path index. */
    public int path()
    {
        return path;
    }

    /** @return our address. */
    public int local()
    {
        return local;
    }

    /** @return our port. */
    public int localPort()
    {
        return localPort;
    }

    /** @return the peer's address. */
    public int remote()
    {
        return remote;
    }

    /** @return the peer's port. */
    public int remotePort()
    {
        return remotePort;
    }

    /** @return our ISN. */
    public int iss()
    {
        return iss;
    }

    /** @return the peer's ISN. */
    public int irs()
    {
        return irs;
    }

    /** @return next sequence number to send. */
    public int sndNxt()
    {
        return sndNxt;
    }

    /** @return next sequence number expected. */
    public int rcvNxt()
    {
        return rcvNxt;
    }

    /** @return SYNs sent (first and retransmitted). */
    public int synsSent()
    {
        return synsSent;
    }

    /** @return data and FIN retransmissions. */
    public int retransmits()
    {
        return retransmits;
    }

    /** @return whether it saw loss: it retransmitted (SYN, data or FIN), or the peer sent something again. */
    public boolean sawLoss()
    {
        return retransmits > 0 || synsSent > 1 || duplicates > 0;
    }

    /** @return whether it closed by ACKing the peer's FIN after its own FIN (the peer may be in LAST-ACK). */
    public boolean closedByOurLastAck()
    {
        return closedByOurLastAck;
    }

    /** @return first SYN to SYN/ACK, or -1. */
    public long handshakeRttNanos()
    {
        return handshakeRttNanos;
    }

    /** @return segments in flight. */
    public int inFlight()
    {
        return flightCount;
    }

    /** @return whether the peer's FIN arrived. */
    public boolean finReceived()
    {
        return finReceived;
    }

    /** @return the RTO state. */
    public Rto rto()
    {
        return rto;
    }

    /** @return the owner's per-subflow state. */
    public Object attachment()
    {
        return attachment;
    }

    /** @param value the owner's per-subflow state. */
    public void attachment(final Object value)
    {
        attachment = value;
    }
}
