package org.mpdp.robe.session;

import java.util.Arrays;
import java.util.List;

import org.mpdp.dataplane.crypto.CryptoResult;
import org.mpdp.dataplane.crypto.HmacSha256Keys;
import org.mpdp.dataplane.crypto.JoinHmac;
import org.mpdp.robe.RobeCounters;
import org.mpdp.robe.net.Options;
import org.mpdp.robe.net.Segment;
import org.mpdp.robe.tcp.Subflow;
import org.mpdp.robe.tcp.TcpState;

/**
 * The MP_JOIN side of one {@link Session} (RFC 8684 §3.2): a join per path once the first subflow is up, its SYN
 * and third-ACK options under the connection's keys, the SYN/ACK's HMAC checked, the third ACK sent reliably
 * until the fourth ACK (for eSIM's MP_JOIN_CAP subflows too), and a join the server reset before it was up tried
 * again after a pause: it most likely raced our MP_CAPABLE third ACK, so the server did not know the token yet.
 * Control thread only.
 */
final class Joins
{
    /** Pause before the n-th retry of a reset join: n times this. */
    static final long RETRY_NANOS = 100_000_000L;
    /** Joins per path at most (the first one and its retries). */
    static final int TRIES = 5;
    /** SYNs (or third ACKs) a join sends before it counts as failed. */
    static final int SYNS = 4;
    private static final int SLOT_AB = 0;
    private static final int SLOT_BA = 1;

    private final Session session;
    private final Host host;
    private final RobeCounters counters;
    private final List<Link> links;
    private final int serverPort;
    private final JoinHmac hmac;
    private final HmacSha256Keys keys = new HmacSha256Keys(2);
    private final int[] hmacWords = new int[JoinHmac.HMAC_INTS];
    private final long[] retryAt;
    private final int[] tries;
    private int remoteToken;

    Joins(final Session session, final Host host, final List<Link> links, final int serverPort, final JoinHmac hmac)
    {
        this.session = session;
        this.host = host;
        this.counters = host.counters();
        this.links = links;
        this.serverPort = serverPort;
        this.hmac = hmac;
        retryAt = new long[host.paths()];
        tries = new int[host.paths()];
        Arrays.fill(retryAt, Long.MAX_VALUE);
    }

    /** Once established: the connection's keys (HMAC-A and HMAC-B) and the server's token. */
    void keys(final long localKey, final long remoteKey, final int remoteToken)
    {
        keys.setKey(SLOT_AB, localKey, remoteKey);
        keys.setKey(SLOT_BA, remoteKey, localKey);
        this.remoteToken = remoteToken;
    }

    /** Opens a join on {@code path} ({@code attempt}: 1 for the first). */
    void start(final int path, final int attempt, final long now)
    {
        final Subflow s = host.open(session, path, serverPort);
        if (s == null)
        {
            return;
        }
        tries[path] = attempt;
        links.add(new Link(s, Link.JOIN, path, 0, (int)host.random(), attempt, now));
        session.syn();
        s.connect(now);
    }

    /** MP_JOIN of a join's SYN: address id, token, R-A. */
    void synOptions(final Link link, final Options o)
    {
        o.joinSyn(link.path + 1, remoteToken, link.nonce);
    }

    /** MP_JOIN of a join's third ACK: HMAC-A over R-A and R-B. */
    void thirdAckOptions(final Link link, final Options o)
    {
        hmac.ackHmac(keys, SLOT_AB, link.nonce, link.joinNonceB, hmacWords, 0);
        o.joinAck(hmacWords);
    }

    /**
     * A join's SYN/ACK: with a valid HMAC-B (truncated, 8 bytes) the third ACK goes out; else RST.
     *
     * @param refuse the session takes no more joins (done or closing).
     */
    void onSynAck(final Link link, final Segment s, final boolean refuse, final long now)
    {
        if (refuse || !s.mpJoin() || s.mpJoinLength() != 16 ||
            hmac.verifySynAck(keys, SLOT_BA, s.mpJoinNonce(), link.nonce, s.mpJoinThmac()) != CryptoResult.VALID)
        {
            if (s.mpJoin())
            {
                counters.joinHmacMismatch.incrementRelease();
            }
            counters.joinsFailed.incrementRelease();
            session.reset(link, s);
            return;
        }
        link.joinNonceB = s.mpJoinNonce();
        link.subflow.establish();
        awaitFourthAck(link, now);
    }

    /** Sends a third ACK that must be acknowledged (MP_JOIN, or eSIM's MP_JOIN_CAP), resent from {@link #poll}. */
    void awaitFourthAck(final Link link, final long now)
    {
        link.preEstablished = true;
        link.thirdAckAt = now;
        link.thirdAcks = 1;
        link.subflow.sendAck();
    }

    /** A join (or MP_JOIN_CAP subflow) given up: history, counter, RST unless already closed. */
    void failed(final Link link)
    {
        if (link.closed)
        {
            return;
        }
        if (!link.timedOut)
        {
            host.history().unanswered(link.path);
        }
        counters.joinsFailed.incrementRelease();
        if (link.subflow.state() != TcpState.CLOSED)
        {
            session.reset(link, null);
        }
        link.closed = true;
    }

    /** The server reset a join before it was up: tried again after a pause, up to {@link #TRIES} per path. */
    void resetBeforeUp(final Link link, final long now)
    {
        if (link.joinTry < TRIES)
        {
            counters.joinRetries.incrementRelease();
            retryAt[link.path] = now + RETRY_NANOS * link.joinTry;
        }
        else
        {
            counters.joinsFailed.incrementRelease();
        }
    }

    /** @return whether a retry on {@code path} is waiting for its time. */
    boolean retryPending(final int path)
    {
        return retryAt[path] != Long.MAX_VALUE;
    }

    /**
     * Timers: retries that are due (dropped while closing) and third ACKs not yet acknowledged (resent with the
     * subflow's RTO doubled each time, given up after {@link #SYNS}).
     */
    void poll(final long now, final boolean closing)
    {
        for (int p = 0; p < retryAt.length; p++)
        {
            if (now >= retryAt[p])
            {
                retryAt[p] = Long.MAX_VALUE;
                if (!closing)
                {
                    start(p, tries[p] + 1, now);
                }
            }
        }
        for (int i = 0; i < links.size(); i++)
        {
            final Link l = links.get(i);
            if (l.preEstablished && !l.closed && now - l.thirdAckAt > l.subflow.rto().rtoNanos() << l.thirdAcks)
            {
                if (l.thirdAcks >= SYNS)
                {
                    failed(l);
                }
                else
                {
                    l.thirdAcks++;
                    l.subflow.sendAck(); // the join's third ACK is sent reliably (RFC 8684 §3.2)
                }
            }
        }
    }
}
