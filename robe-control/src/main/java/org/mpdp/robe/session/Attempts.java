package org.mpdp.robe.session;

import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.mpdp.robe.RobeCounters;
import org.mpdp.robe.esim.EsimHmac;
import org.mpdp.robe.esim.EsimOption;
import org.mpdp.robe.mode.Plan;
import org.mpdp.robe.net.Options;
import org.mpdp.robe.net.Segment;
import org.mpdp.robe.tcp.Subflow;

/**
 * The MP_CAPABLE side of one {@link Session}: RobE's attempts and which one wins. The {@link Plan} says where the
 * SYNs go (one path; every path at once, SIM/eSIM; the next path when TIMER's timer fires; every other path once
 * IPS's choice timed out, SIM+IPS), each attempt with its own key. The first SYN/ACK with MP_CAPABLE wins; the
 * other attempts are reset at once (a late SYN/ACK too), so the server keeps no half-open state. With RobE_eSIM
 * negotiated (the winning SYN/ACK carried ROBE_eSIM_EN) a pending attempt is not reset but reused: its SYN/ACK is
 * answered with MP_JOIN_CAP and it becomes a subflow (draft-amend-tcpm-mptcp-robe, "RobE_eSIM"). Control thread
 * only.
 */
final class Attempts
{
    private final Session session;
    private final Plan plan;
    private final Host host;
    private final RobeCounters counters;
    private final List<Link> links;
    private final Joins joins;
    private final DataTransfer data;
    private final int serverPort;
    private final EsimHmac esimHmac = new EsimHmac();
    private final UnsafeBuffer esimView = new UnsafeBuffer(0, 0);

    private Link winner;
    private long localKey;
    private long remoteKey;
    private int timedIndex;
    private long nextMoveAt = Long.MAX_VALUE;
    private boolean fellBack;
    /** eSIM: the winning SYN/ACK carried ROBE_eSIM_EN, so pending attempts are reused with MP_JOIN_CAP. */
    private boolean esimOn;

    Attempts(final Session session, final Plan plan, final Host host, final List<Link> links, final Joins joins,
        final DataTransfer data, final int serverPort)
    {
        this.session = session;
        this.plan = plan;
        this.host = host;
        this.counters = host.counters();
        this.links = links;
        this.joins = joins;
        this.data = data;
        this.serverPort = serverPort;
    }

    /** The first SYN(s). */
    void start(final long now)
    {
        if (plan.simultaneous())
        {
            for (final int path : plan.order())
            {
                attempt(path, now);
            }
        }
        else
        {
            attempt(plan.order()[0], now);
            if (plan.timed())
            {
                nextMoveAt = now + plan.timerNanos();
            }
        }
    }

    private void attempt(final int path, final long now)
    {
        final Subflow s = host.open(session, path, serverPort);
        if (s == null)
        {
            return;
        }
        long key = host.random();
        key = key == 0 ? 1 : key;
        links.add(new Link(s, Link.MPC, path, key, 0, 0, now));
        session.syn();
        s.connect(now);
    }

    /** TIMER, before a winner: the SYN "retransmission" goes to the next path, with a fresh key. */
    void poll(final long now)
    {
        if (winner == null && now >= nextMoveAt)
        {
            timedIndex++;
            final int[] order = plan.order();
            attempt(order[timedIndex % order.length], now);
            nextMoveAt = now + (plan.timerNanos() << Math.min(6, timedIndex / order.length));
        }
    }

    /**
     * The handshake options of an MP_CAPABLE attempt's segment, if it needs any.
     *
     * @return whether they were written (otherwise the segment is the data level's).
     */
    boolean options(final Link link, final int kind, final Options o, final long dsn, final int length)
    {
        if (link.joinCap)
        {
            if (link.preEstablished && kind == Subflow.SEND_ACK)
            {
                // RobE_eSIM: the third ACK of a reused attempt (draft "RobE_eSIM", SA6.2).
                esimHmac.compute(localKey, remoteKey, link.keyBPrime);
                esimView.wrap(o.bytes());
                o.appended(EsimOption.writeJoinCap(esimView, o.length(),
                    host.esimSubtypes().joinCap(), link.path + 1, localKey, esimHmac));
                return true;
            }
            return false;
        }
        if (kind == Subflow.SEND_SYN)
        {
            o.mpCapable(0, 0, 0, -1);
            if (plan.esim())
            {
                esimView.wrap(o.bytes());
                o.appended(EsimOption.writeEnable(esimView, o.length(), host.esimSubtypes().enable()));
            }
            return true;
        }
        if (!data.firstAcked() && kind == Subflow.SEND_DATA && dsn == data.localIdsn() + 1)
        {
            o.mpCapable(2, localKey, remoteKey, length);
            return true;
        }
        if (!data.firstAcked() && kind == Subflow.SEND_ACK && !data.sendingFin())
        {
            o.mpCapable(2, localKey, remoteKey, -1); // the third ACK (RFC 8684 §3.1)
            return true;
        }
        return false;
    }

    /**
     * An attempt's SYN/ACK.
     *
     * @param over the session takes no more subflows (done or closing).
     * @return whether it won: the session is established on {@code link}.
     */
    boolean onSynAck(final Link link, final Segment s, final boolean over, final long now)
    {
        final boolean offered = plan.esim() && esimEnable(s);
        if (winner != null && esimOn && !link.loser && !link.closed && !over && s.mpCapable() &&
            s.mpCapableKeys() >= 1)
        {
            if (offered)
            {
                joinCap(link, s, now);
                return false;
            }
            // This path's SYN/ACK lacks ROBE_eSIM_EN: SIM for it (RST, then MP_JOIN).
            counters.esimFallback.incrementRelease();
            link.loser = true;
            session.reset(link, s);
            joins.start(link.path, 1, now);
            return false;
        }
        if (winner != null || link.loser || !s.mpCapable() || s.mpCapableKeys() < 1 || over)
        {
            // A losing attempt's late SYN/ACK (or one without MP_CAPABLE): the server must not keep it.
            counters.lateSynAcks.incrementRelease();
            link.loser = true;
            session.reset(link, s);
            return false;
        }
        if (plan.esim())
        {
            esimOn = offered;
            (offered ? counters.esimNegotiated : counters.esimFallback).incrementRelease();
        }
        winner = link;
        localKey = link.key;
        remoteKey = s.mpCapableKey1();
        return true;
    }

    /** After the win: SIM/TIMER losers are reset now (seq = ISN + 1), so a SYN/ACK in flight leaves no half-open socket. */
    void resetLosers()
    {
        if (esimOn)
        {
            return; // pending attempts are reused
        }
        for (final Link other : links)
        {
            if (other != winner && !other.closed)
            {
                other.loser = true;
                session.reset(other, null); // the RST is repeated: one lost leaves a half-open socket
            }
        }
    }

    /** @return whether a join should open on {@code path} after the win (not when eSIM will reuse an attempt there). */
    boolean joinWanted(final int path)
    {
        if (path == winner.path)
        {
            return false;
        }
        if (!esimOn)
        {
            return true;
        }
        for (final Link l : links)
        {
            if (l.kind == Link.MPC && l.path == path && !l.closed && !l.loser && l != winner)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * An attempt's SYN went unanswered for an RTO.
     *
     * @param over the session takes no more subflows (done or closing).
     * @return whether the SYN is to be retransmitted on the same subflow.
     */
    boolean onSynTimeout(final Link link, final boolean over, final long now)
    {
        final Subflow subflow = link.subflow;
        if (winner != null && esimOn && !link.loser && !link.joinCap && !over)
        {
            if (subflow.synsSent() >= Joins.SYNS)
            {
                subflow.abandon(); // a pending eSIM attempt on a dead path: like a join that got no answer
                link.closed = true;
                counters.joinsFailed.incrementRelease();
                return false;
            }
            return true;
        }
        if (winner != null || link.loser || plan.timed() || over)
        {
            subflow.abandon(); // TIMER moves on from its own timer; a loser is done
            return false;
        }
        if (plan.simFallback() && !fellBack)
        {
            // SIM+IPS: the path IPS chose did not answer: SIM on every other path.
            fellBack = true;
            for (int p = 0; p < host.paths(); p++)
            {
                if (p != link.path)
                {
                    attempt(p, now);
                }
            }
        }
        return true;
    }

    private boolean esimEnable(final Segment s)
    {
        final int subtype = host.esimSubtypes().enable();
        final int at = EsimOption.find(s.buffer(), s.optionsOffset(), s.optionsLength(), subtype);
        return at >= 0 && EsimOption.checkEnable(s.buffer(), at,
            s.optionsOffset() + s.optionsLength() - at, subtype, s.flags()) == EsimOption.OK;
    }

    /** RobE_eSIM: a pending attempt's SYN/ACK after the winner's: ACK + MP_JOIN_CAP, and it is a subflow. */
    private void joinCap(final Link link, final Segment s, final long now)
    {
        link.joinCap = true;
        link.keyBPrime = s.mpCapableKey1();
        link.subflow.establish();
        counters.joinCapSent.incrementRelease();
        joins.awaitFourthAck(link, now);
    }

    /** @return the winning attempt, or null before one. */
    Link winner()
    {
        return winner;
    }

    /** @return our key of the winning attempt (Key-A). */
    long localKey()
    {
        return localKey;
    }

    /** @return the server's key (Key-B). */
    long remoteKey()
    {
        return remoteKey;
    }
}
