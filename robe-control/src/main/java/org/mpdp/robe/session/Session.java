package org.mpdp.robe.session;

import java.util.ArrayList;
import java.util.List;

import org.mpdp.dataplane.crypto.JoinHmac;
import org.mpdp.dataplane.crypto.KeyDerivation;
import org.mpdp.robe.RobeCounters;
import org.mpdp.robe.mode.Mode;
import org.mpdp.robe.mode.Plan;
import org.mpdp.robe.net.Frames;
import org.mpdp.robe.net.Options;
import org.mpdp.robe.net.Segment;
import org.mpdp.robe.tcp.Subflow;
import org.mpdp.robe.tcp.SubflowOwner;
import org.mpdp.robe.tcp.TcpState;

/**
 * One MPTCP v1 connection of the RobE client (RFC 8684): establish the first subflow as the {@link Plan} says
 * ({@link Attempts}: one or several MP_CAPABLE attempts; the first SYN/ACK wins), join every other path
 * ({@link Joins}), send the request and take the echo ({@link DataTransfer}), exchange DATA_FINs, close the
 * subflows with FIN (RST after a grace time). This class takes the subflows' events and decides when each part
 * acts. Control thread only.
 *
 * <p>The first data segment carries MP_CAPABLE with both keys and the data-level length (RFC 8684 §3.1; Linux
 * maps it to IDSN+1, subflow sequence 1); DSS follows only once the server has acknowledged it.
 */
public final class Session implements SubflowOwner
{
    /** Outcome: established and the echo came back equal. */
    public static final String OK = "ok";
    /** Outcome: no establishment within the timeout. */
    public static final String FAILED = "failed";
    /** Outcome: established, echo wrong or short. */
    public static final String DATA_ERROR = "data-error";

    /** Longest a session holds its DATA_FIN back for joins still in flight (a blackholed path never joins). */
    static final long JOIN_WAIT_NANOS = 3_000_000_000L;
    private static final long CLOSE_GRACE_NANOS = 2_000_000_000L;

    private final int index;
    private final Mode mode;
    private final Attempts attempts;
    private final Host host;
    private final RobeCounters counters;
    private final int serverPort;
    private final byte[] request;
    private final DataTransfer data;
    private final long timeoutNanos;
    private final List<Link> links = new ArrayList<>();
    private final Joins joins;
    private final KeyDerivation derivation;

    private long startedAt;
    private boolean closing;
    private long closeDeadline;
    private boolean done;
    private long establishedAt = -1;
    private long multipathAt = -1;
    private int rsts;
    private int syns;
    private String outcome;

    /**
     * @param index        the session's number (CSV row).
     * @param mode         the mode.
     * @param plan         how to open the first subflow.
     * @param host         the plane.
     * @param serverPort   the server's TCP port.
     * @param request      the bytes to send (and expect back).
     * @param timeoutNanos establishment timeout, and again the data timeout once established.
     * @param hmac         the thread's HMAC engine.
     * @param derivation   the thread's key derivation.
     */
    public Session(final int index, final Mode mode, final Plan plan, final Host host, final int serverPort,
        final byte[] request, final long timeoutNanos, final JoinHmac hmac, final KeyDerivation derivation)
    {
        this.index = index;
        this.mode = mode;
        this.host = host;
        this.counters = host.counters();
        this.serverPort = serverPort;
        this.request = request;
        this.data = new DataTransfer(request);
        this.timeoutNanos = timeoutNanos;
        this.joins = new Joins(this, host, links, serverPort, hmac);
        this.attempts = new Attempts(this, plan, host, links, joins, data, serverPort);
        this.derivation = derivation;
    }

    /**
     * Sends the first SYN(s).
     *
     * @param now nanoTime.
     */
    public void start(final long now)
    {
        startedAt = now;
        counters.attempts[mode.ordinal()].incrementRelease();
        attempts.start(now);
    }

    void syn()
    {
        syns++;
        counters.synsSent.incrementRelease();
    }

    @Override
    public void options(final Subflow subflow, final int kind, final Options o, final int seq, final long dsn,
        final int length)
    {
        final Link link = (Link)subflow.attachment();
        if (link.kind == Link.MPC)
        {
            if (attempts.options(link, kind, o, dsn, length))
            {
                return;
            }
        }
        else if (kind == Subflow.SEND_SYN)
        {
            joins.synOptions(link, o);
            return;
        }
        else if (link.preEstablished && kind == Subflow.SEND_ACK)
        {
            joins.thirdAckOptions(link, o); // the third ACK of MP_JOIN (RFC 8684 §3.2)
            return;
        }
        data.dss(subflow, kind, o, seq, dsn, length);
    }

    @Override
    public void onSynAck(final Subflow subflow, final Segment s, final long now)
    {
        final Link link = (Link)subflow.attachment();
        link.answered = true;
        host.history().answered(link.path, subflow.handshakeRttNanos());
        if (link.kind == Link.JOIN)
        {
            joins.onSynAck(link, s, done || closing, now);
            return;
        }
        if (attempts.onSynAck(link, s, done || closing, now))
        {
            established(link, now);
        }
    }

    /** The first subflow is up: the connection's keys, its losers reset, joins on the other paths, the request. */
    private void established(final Link link, final long now)
    {
        final long localIdsn = derivation.idsnV1(attempts.localKey());
        final long remoteIdsn = derivation.deriveV1(attempts.remoteKey()).idsn();
        joins.keys(attempts.localKey(), attempts.remoteKey(), derivation.token());
        data.start(localIdsn, remoteIdsn);
        link.subflow.establish();
        link.subflow.sendAck();
        link.up = true;
        link.everUp = true;
        establishedAt = now;
        counters.established[mode.ordinal()].incrementRelease();
        attempts.resetLosers();
        for (int p = 0; p < host.paths(); p++)
        {
            if (attempts.joinWanted(p))
            {
                joins.start(p, 1, now);
            }
        }
        checkMultipath(now);
        pump(now);
    }

    @Override
    public void onSynTimeout(final Subflow subflow, final long now)
    {
        final Link link = (Link)subflow.attachment();
        // An unanswered try is history now, not when the session ends: sessions starting meanwhile (IPS) should
        // not wait up to --timeout to learn that a path is dead.
        if (!link.answered)
        {
            host.history().unanswered(link.path);
            link.timedOut = true;
        }
        final boolean again;
        if (link.kind == Link.JOIN)
        {
            again = subflow.synsSent() < Joins.SYNS && !done && !closing;
            if (!again)
            {
                subflow.abandon();
                joins.failed(link);
            }
        }
        else
        {
            again = attempts.onSynTimeout(link, done || closing, now);
        }
        if (again)
        {
            syn();
            counters.synRetransmits.incrementRelease();
            subflow.retransmitSyn(now);
        }
    }

    @Override
    public void onData(final Subflow subflow, final Segment s, final int skip, final int length, final int relativeSeq)
    {
        data.data((Link)subflow.attachment(), s, skip, length, relativeSeq);
    }

    @Override
    public void onSegment(final Subflow subflow, final Segment s, final long now)
    {
        final Link link = (Link)subflow.attachment();
        if ((link.kind == Link.JOIN || link.joinCap) && link.preEstablished && s.has(Frames.ACK) && !s.has(Frames.SYN))
        {
            link.preEstablished = false; // the fourth ACK (RFC 8684 §3.2), or the responder's ACK of MP_JOIN_CAP
            link.up = true;
            link.everUp = true;
            (link.joinCap ? counters.joinCapAccepted : counters.joinsOk).incrementRelease();
            checkMultipath(now);
        }
        if (attempts.winner() != null)
        {
            data.onSegment(link, link == attempts.winner(), s);
        }
        if (s.fastClose())
        {
            finish(now);
            return;
        }
        if (attempts.winner() != null && data.peerFinNowComplete())
        {
            if (s.payloadLength() == 0 && !s.has(Frames.FIN))
            {
                subflow.sendAck(); // the subflow acknowledges data and FIN itself; a DATA_FIN alone needs this
            }
        }
        pump(now);
    }

    /**
     * Whether the close may begin: every path has a subflow up, or nothing is still trying to join it
     * (every attempt failed), or {@link #JOIN_WAIT_NANOS} have passed since establishment. Without this wait a
     * short echo over a fast initial path ends the session while the joins on slower paths are in flight:
     * their SYN/ACKs then meet no subflow, and multipath time is never measured.
     */
    private boolean joinsSettled(final long now)
    {
        if (multipathAt >= 0 || now - establishedAt >= JOIN_WAIT_NANOS)
        {
            return true;
        }
        for (int p = 0; p < host.paths(); p++)
        {
            if (joins.retryPending(p))
            {
                return false;
            }
            for (final Link l : links)
            {
                if (l.path == p && !l.closed && !l.up)
                {
                    return false;
                }
            }
        }
        return true;
    }

    private void checkMultipath(final long now)
    {
        if (multipathAt >= 0)
        {
            return;
        }
        for (int p = 0; p < host.paths(); p++)
        {
            boolean up = false;
            for (final Link l : links)
            {
                up |= l.path == p && l.up && !l.closed;
            }
            if (!up)
            {
                return;
            }
        }
        multipathAt = now;
    }

    @Override
    public void onClosed(final Subflow subflow, final boolean reset)
    {
        final Link link = (Link)subflow.attachment();
        final boolean wasUp = link.up;
        link.up = false;
        if (!reset && subflow.closedByOurLastAck() && subflow.sawLoss())
        {
            host.holdTimeWait(subflow, System.nanoTime());
        }
        if (link.closed)
        {
            return;
        }
        link.closed = true;
        if (link.joinCap && !wasUp && !done && !closing)
        {
            // The peer did not accept MP_JOIN_CAP (reset): join the path the RFC 8684 way.
            counters.joinCapRejected.incrementRelease();
            joins.start(link.path, 1, System.nanoTime());
        }
        else if (link.kind == Link.JOIN && reset && !wasUp && !link.preEstablished && !done && !closing)
        {
            joins.resetBeforeUp(link, System.nanoTime());
        }
        else if (link.kind == Link.JOIN && !wasUp && !done && !closing)
        {
            counters.joinsFailed.incrementRelease();
        }
        if (wasUp && subflow.inFlight() > 0)
        {
            data.reinject(); // what that subflow had not got acknowledged
        }
    }

    @Override
    public byte[] sendBuffer()
    {
        return request;
    }

    /** Sends what the subflows can take, then DATA_FIN once the echo is whole. */
    private void pump(final long now)
    {
        if (attempts.winner() == null || done || closing)
        {
            return;
        }
        data.send(attempts.winner(), links, now);
        if (data.finDue() && joinsSettled(now))
        {
            data.sendFin(attempts.winner(), links, now);
        }
        if (data.bothFinsDone())
        {
            closing = true;
            closeDeadline = now + CLOSE_GRACE_NANOS;
            for (final Link l : links)
            {
                if (!l.closed && l.kind == Link.JOIN && !l.up)
                {
                    // A join still trying (a dead path) is of no use now; it would only hold the close up.
                    reset(l, null);
                }
                else if (!l.closed)
                {
                    l.subflow.shutdown(now);
                }
            }
        }
    }

    /**
     * Timers of every subflow and of the session.
     *
     * @param now nanoTime.
     * @return whether the session is done (its result can be read).
     */
    public boolean poll(final long now)
    {
        if (done)
        {
            return true;
        }
        for (int i = 0; i < links.size(); i++)
        {
            links.get(i).subflow.poll(now);
        }
        if (attempts.winner() == null)
        {
            attempts.poll(now);
            if (now - startedAt > timeoutNanos)
            {
                finish(now);
            }
            return done;
        }
        joins.poll(now, closing);
        if (data.finOverdue(now, attempts.winner().subflow.rto().rtoNanos()))
        {
            data.sendFin(attempts.winner(), links, now);
        }
        pump(now);
        if (closing && (allClosed() || now > closeDeadline) || !closing && now - establishedAt > timeoutNanos)
        {
            finish(now);
        }
        return done;
    }

    private boolean allClosed()
    {
        for (final Link l : links)
        {
            if (l.subflow.state() != TcpState.CLOSED)
            {
                return false;
            }
        }
        return true;
    }

    private void finish(final long now)
    {
        for (final Link l : links)
        {
            final TcpState st = l.subflow.state();
            if (st != TcpState.CLOSED && !(l.loser && st == TcpState.SYN_SENT && l.closed))
            {
                // An established connection is aborted with MP_FASTCLOSE: RSTs alone leave it open at the server.
                if (attempts.winner() != null && !l.loser)
                {
                    l.subflow.abort(attempts.remoteKey());
                    counters.fastCloses.incrementRelease();
                }
                else
                {
                    l.subflow.reset();
                }
                host.repeatReset(l.subflow);
                rst();
            }
            if (l.kind == Link.MPC && !l.answered && !l.timedOut)
            {
                host.history().unanswered(l.path);
            }
            host.release(l.subflow);
        }
        done = true;
        if (attempts.winner() == null)
        {
            outcome = FAILED;
            counters.failed[mode.ordinal()].incrementRelease();
        }
        else if (data.echoed())
        {
            outcome = OK;
            counters.sessionsOk.incrementRelease();
        }
        else
        {
            outcome = DATA_ERROR;
            counters.dataErrors.incrementRelease();
        }
    }

    void rst()
    {
        rsts++;
        counters.rstsSent.incrementRelease();
    }

    /**
     * Resets a subflow (the RST repeated: one lost would leave a half-open socket at the server), and it is closed.
     *
     * @param answered the segment the RST answers (its sequence numbers), or null: from our own state.
     */
    void reset(final Link link, final Segment answered)
    {
        if (answered != null)
        {
            link.subflow.resetFor(answered);
        }
        else
        {
            link.subflow.reset();
        }
        host.repeatReset(link.subflow);
        rst();
        link.closed = true;
    }

    /** @return our key of the winning attempt (Key-A), valid once established. */
    public long localKey()
    {
        return attempts.localKey();
    }

    /** @return the server's key (Key-B), valid once established. */
    public long remoteKey()
    {
        return attempts.remoteKey();
    }

    /** @return whether the first subflow is established. */
    public boolean established()
    {
        return attempts.winner() != null;
    }

    /** @return the result row (after {@link #poll} said done). */
    public SessionResult result()
    {
        int up = 0;
        for (int p = 0; p < host.paths(); p++)
        {
            for (final Link l : links)
            {
                if (l.path == p && (l == attempts.winner() || l.kind == Link.JOIN || l.joinCap) && l.everUp)
                {
                    up++;
                    break;
                }
            }
        }
        return new SessionResult(index, mode, outcome,
            establishedAt < 0 ? -1 : establishedAt - startedAt, multipathAt < 0 ? -1 : multipathAt - startedAt,
            attempts.winner() == null ? -1 : attempts.winner().path, up, data.echoPrefix(), rsts, syns, startedAt);
    }
}
