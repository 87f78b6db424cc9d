package org.mpdp.robe.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.mpdp.dataplane.crypto.CryptoResult;
import org.mpdp.dataplane.crypto.HmacSha256Keys;
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
 * (one or several MP_CAPABLE attempts, each with its own key; the first SYN/ACK wins, the others are RST), join
 * every other path with MP_JOIN, send the request under DSS mappings spread over the subflows that are up,
 * reassemble the echo by DSN, DATA_ACK it, exchange DATA_FINs, close the subflows with FIN (RST after a grace
 * time). Control thread only.
 *
 * <p>Data-level details: the first data segment carries MP_CAPABLE with both keys and the data-level length
 * (RFC 8684 §3.1; Linux maps it to IDSN+1, subflow sequence 1), and the rest waits until the server has
 * acknowledged it or sent a DSS, so a server whose third ACK was lost never sees DSS first (it would fall back to
 * TCP). Later segments carry DSS with an 8-byte DATA_ACK and an 8-byte DSN mapping, no checksum (not negotiated).
 */
public final class Session implements SubflowOwner
{
    /** Outcome: established and the echo came back equal. */
    public static final String OK = "ok";
    /** Outcome: no establishment within the timeout. */
    public static final String FAILED = "failed";
    /** Outcome: established, echo wrong or short. */
    public static final String DATA_ERROR = "data-error";

    private static final long JOIN_RETRY_NANOS = 100_000_000L;
    private static final int JOIN_TRIES = 5;
    private static final int JOIN_SYNS = 4;
    /** Longest a session holds its DATA_FIN back for joins still in flight (a blackholed path never joins). */
    static final long JOIN_WAIT_NANOS = 3_000_000_000L;
    private static final long CLOSE_GRACE_NANOS = 2_000_000_000L;
    private static final int SLOT_AB = 0;
    private static final int SLOT_BA = 1;

    private final int index;
    private final Mode mode;
    private final Plan plan;
    private final Host host;
    private final RobeCounters counters;
    private final int serverPort;
    private final byte[] request;
    private final Reassembly rx;
    private final long timeoutNanos;
    private final List<Link> links = new ArrayList<>();
    private final HmacSha256Keys keys = new HmacSha256Keys(2);
    private final JoinHmac joinHmac;
    private final KeyDerivation derivation;
    private final int[] joinHmacWords = new int[JoinHmac.HMAC_INTS];
    private final long[] joinRetryAt;
    private final int[] joinTries;

    private long startedAt;
    private Link winner;
    private long localKey;
    private long remoteKey;
    private long localIdsn;
    private long remoteIdsn;
    private int remoteToken;
    private int timedIndex;
    private long nextMoveAt = Long.MAX_VALUE;
    private boolean fellBack;
    private boolean firstAcked;
    private int dataSndNxt;
    private long dataUna;
    private int roundRobin;
    private boolean dataFinSent;
    private boolean sendingDataFin;
    private long dataFinAt;
    private boolean closing;
    private long closeDeadline;
    private boolean done;
    private long establishedAt = -1;
    private long multipathAt = -1;
    private int rsts;
    private int syns;
    private String outcome;
    /** eSIM: the winning SYN/ACK carried ROBE_eSIM_EN, so pending attempts are reused with MP_JOIN_CAP. */
    private boolean esimOn;
    private final org.mpdp.robe.esim.EsimHmac esimHmac = new org.mpdp.robe.esim.EsimHmac();
    private final org.agrona.concurrent.UnsafeBuffer esimView = new org.agrona.concurrent.UnsafeBuffer(0, 0);
    private EsimHook esim;

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
        this.plan = plan;
        this.host = host;
        this.counters = host.counters();
        this.serverPort = serverPort;
        this.request = request;
        this.rx = new Reassembly(request.length);
        this.timeoutNanos = timeoutNanos;
        this.joinHmac = hmac;
        this.derivation = derivation;
        joinRetryAt = new long[host.paths()];
        joinTries = new int[host.paths()];
        Arrays.fill(joinRetryAt, Long.MAX_VALUE);
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
        final Subflow s = host.open(this, path, serverPort);
        if (s == null)
        {
            return;
        }
        long key = host.random();
        key = key == 0 ? 1 : key;
        links.add(new Link(s, Link.MPC, path, key, 0, 0, now));
        syn();
        s.connect(now);
    }

    private void startJoin(final int path, final int attempt, final long now)
    {
        final Subflow s = host.open(this, path, serverPort);
        if (s == null)
        {
            return;
        }
        joinTries[path] = attempt;
        links.add(new Link(s, Link.JOIN, path, 0, (int)host.random(), attempt, now));
        syn();
        s.connect(now);
    }

    private void syn()
    {
        syns++;
        counters.synsSent.incrementRelease();
    }

    @Override
    public void options(final Subflow subflow, final int kind, final Options o, final int seq, final long dsn,
        final int length)
    {
        final Link link = (Link)subflow.attachment();
        if (link.kind == Link.MPC && link.joinCap)
        {
            if (link.preEstablished && kind == Subflow.SEND_ACK)
            {
                // RobE_eSIM: the third ACK of a reused attempt (draft "RobE_eSIM", SA6.2).
                esimHmac.compute(localKey, remoteKey, link.keyBPrime);
                esimView.wrap(o.bytes());
                o.appended(org.mpdp.robe.esim.EsimOption.writeJoinCap(esimView, o.length(),
                    host.esimSubtypes().joinCap(), link.path + 1, localKey, esimHmac));
                return;
            }
        }
        else if (link.kind == Link.MPC)
        {
            if (kind == Subflow.SEND_SYN)
            {
                o.mpCapable(0, 0, 0, -1);
                if (plan.esim())
                {
                    esimView.wrap(o.bytes());
                    o.appended(org.mpdp.robe.esim.EsimOption.writeEnable(esimView, o.length(),
                        host.esimSubtypes().enable()));
                }
                return;
            }
            if (!firstAcked && kind == Subflow.SEND_DATA && dsn == localIdsn + 1)
            {
                o.mpCapable(2, localKey, remoteKey, length);
                return;
            }
            if (!firstAcked && kind == Subflow.SEND_ACK && !sendingDataFin)
            {
                o.mpCapable(2, localKey, remoteKey, -1); // the third ACK (RFC 8684 §3.1)
                return;
            }
        }
        else
        {
            if (kind == Subflow.SEND_SYN)
            {
                o.joinSyn(link.path + 1, remoteToken, link.nonce);
                return;
            }
            if (link.preEstablished && kind == Subflow.SEND_ACK)
            {
                joinHmac.ackHmac(keys, SLOT_AB, link.nonce, link.joinNonceB, joinHmacWords, 0);
                o.joinAck(joinHmacWords); // the third ACK of MP_JOIN (RFC 8684 §3.2)
                return;
            }
        }
        if (kind == Subflow.SEND_DATA)
        {
            o.dss(dataAck(), true, dsn, seq - subflow.iss(), length, false);
        }
        else if (sendingDataFin)
        {
            // DATA_FIN alone: subflow sequence 0, data-level length 1 (RFC 8684 §3.3.3).
            o.dss(dataAck(), true, localIdsn + 1 + request.length, 0, 1, true);
        }
        else
        {
            o.dss(dataAck(), false, 0, 0, 0, false);
        }
    }

    private long dataAck()
    {
        return rx.dataAck();
    }

    @Override
    public void onSynAck(final Subflow subflow, final Segment s, final long now)
    {
        final Link link = (Link)subflow.attachment();
        link.answered = true;
        host.history().answered(link.path, subflow.handshakeRttNanos());
        if (link.kind == Link.JOIN)
        {
            joinSynAck(link, s, now);
            return;
        }
        final boolean offered = plan.esim() && esimEnable(s);
        if (winner != null && esimOn && !link.loser && !link.closed && !done && !closing && s.mpCapable() &&
            s.mpCapableKeys() >= 1)
        {
            if (offered)
            {
                joinCap(link, s, now);
                return;
            }
            // This path's SYN/ACK lacks ROBE_eSIM_EN: SIM for it (RST, then MP_JOIN).
            counters.esimFallback.incrementRelease();
            subflow.resetFor(s);
            host.repeatReset(subflow);
            rst();
            link.closed = true;
            link.loser = true;
            startJoin(link.path, 1, now);
            return;
        }
        if (winner != null || link.loser || !s.mpCapable() || s.mpCapableKeys() < 1 || done)
        {
            // A losing attempt's late SYN/ACK (or one without MP_CAPABLE): the server must not keep it.
            counters.lateSynAcks.incrementRelease();
            subflow.resetFor(s);
            host.repeatReset(subflow);
            rst();
            link.closed = true;
            link.loser = true;
            return;
        }
        if (plan.esim())
        {
            esimOn = offered;
            (offered ? counters.esimNegotiated : counters.esimFallback).incrementRelease();
        }
        win(link, s, now);
    }

    private boolean esimEnable(final Segment s)
    {
        final int subtype = host.esimSubtypes().enable();
        final int at = org.mpdp.robe.esim.EsimOption.find(s.buffer(), s.optionsOffset(), s.optionsLength(), subtype);
        return at >= 0 && org.mpdp.robe.esim.EsimOption.checkEnable(s.buffer(), at,
            s.optionsOffset() + s.optionsLength() - at, subtype, s.flags()) == org.mpdp.robe.esim.EsimOption.OK;
    }

    /** RobE_eSIM: a pending attempt's SYN/ACK after the winner's: ACK + MP_JOIN_CAP, and it is a subflow. */
    private void joinCap(final Link link, final Segment s, final long now)
    {
        link.joinCap = true;
        link.keyBPrime = s.mpCapableKey1();
        link.subflow.establish();
        link.preEstablished = true;
        link.thirdAckAt = now;
        link.thirdAcks = 1;
        counters.joinCapSent.incrementRelease();
        link.subflow.sendAck();
    }

    /** @return a pending MP_CAPABLE attempt on {@code path} that eSIM will reuse. */
    private boolean pendingAttempt(final int path)
    {
        for (final Link l : links)
        {
            if (l.kind == Link.MPC && l.path == path && !l.closed && !l.loser && l != winner)
            {
                return true;
            }
        }
        return false;
    }

    private void win(final Link link, final Segment s, final long now)
    {
        winner = link;
        localKey = link.key;
        remoteKey = s.mpCapableKey1();
        localIdsn = derivation.idsnV1(localKey);
        remoteIdsn = derivation.deriveV1(remoteKey).idsn();
        rx.base(remoteIdsn + 1);
        remoteToken = derivation.token();
        keys.setKey(SLOT_AB, localKey, remoteKey);
        keys.setKey(SLOT_BA, remoteKey, localKey);
        link.subflow.establish();
        link.subflow.sendAck();
        link.up = true;
        link.everUp = true;
        establishedAt = now;
        counters.established[mode.ordinal()].incrementRelease();
        for (final Link other : links)
        {
            if (other != link && !other.closed && !esimOn)
            {
                // SIM/TIMER losers: RST now (seq = ISN + 1), so a SYN/ACK in flight leaves no half-open socket.
                other.loser = true;
                other.closed = true;
                other.subflow.reset();
                host.repeatReset(other.subflow); // the RST is repeated: one lost leaves a half-open socket
                rst();
            }
        }
        for (int p = 0; p < host.paths(); p++)
        {
            if (p != link.path && !(esimOn && pendingAttempt(p)))
            {
                startJoin(p, 1, now);
            }
        }
        checkMultipath(now);
        pump(now);
    }

    private void joinSynAck(final Link link, final Segment s, final long now)
    {
        if (done || closing || !s.mpJoin() || s.mpJoinLength() != 16 ||
            joinHmac.verifySynAck(keys, SLOT_BA, s.mpJoinNonce(), link.nonce, s.mpJoinThmac()) != CryptoResult.VALID)
        {
            if (s.mpJoin())
            {
                counters.joinHmacMismatch.incrementRelease();
            }
            counters.joinsFailed.incrementRelease();
            link.subflow.resetFor(s);
            host.repeatReset(link.subflow);
            rst();
            link.closed = true;
            return;
        }
        link.joinNonceB = s.mpJoinNonce();
        link.subflow.establish();
        link.preEstablished = true;
        link.thirdAckAt = now;
        link.thirdAcks = 1;
        link.subflow.sendAck();
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
        if (link.kind == Link.JOIN)
        {
            if (subflow.synsSent() >= JOIN_SYNS || done || closing)
            {
                subflow.abandon();
                joinFailed(link);
                return;
            }
        }
        else if (winner != null && esimOn && !link.loser && !link.joinCap && !done && !closing)
        {
            if (subflow.synsSent() >= JOIN_SYNS)
            {
                subflow.abandon(); // a pending eSIM attempt on a dead path: like a join that got no answer
                link.closed = true;
                counters.joinsFailed.incrementRelease();
                return;
            }
        }
        else if (winner != null || link.loser || plan.timed() || done)
        {
            subflow.abandon(); // TIMER moves on from its own timer; a loser is done
            return;
        }
        else if (plan.simFallback() && !fellBack)
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
        syn();
        counters.synRetransmits.incrementRelease();
        subflow.retransmitSyn(now);
    }

    private void joinFailed(final Link link)
    {
        if (!link.closed)
        {
            link.closed = true;
            if (!link.timedOut)
            {
                host.history().unanswered(link.path);
            }
            counters.joinsFailed.incrementRelease();
            if (link.subflow.state() != TcpState.CLOSED)
            {
                link.subflow.reset();
                host.repeatReset(link.subflow);
                rst();
            }
        }
    }

    @Override
    public void onData(final Subflow subflow, final Segment s, final int skip, final int length, final int relativeSeq)
    {
        rx.data((Link)subflow.attachment(), s, skip, length, relativeSeq);
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
        if (link == winner && !firstAcked && (s.dss() || s.ack() - (subflow.iss() + 1) > 0))
        {
            firstAcked = true;
        }
        if (s.payloadLength() == 0)
        {
            rx.mapping(link, s);
        }
        if (s.hasDataAck() && winner != null)
        {
            final long next = localIdsn + 1 + dataUna;
            final long full = s.dataAck64() ? s.dataAck() : Reassembly.expand(s.dataAck(), next);
            final long acked = full - (localIdsn + 1);
            if (acked > dataUna && acked <= request.length + 1L)
            {
                dataUna = acked;
            }
        }
        if (s.fastClose())
        {
            finish(now);
            return;
        }
        if (rx.finNowComplete())
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
            if (joinRetryAt[p] != Long.MAX_VALUE)
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
            startJoin(link.path, 1, System.nanoTime());
        }
        else if (link.kind == Link.JOIN && reset && !wasUp && !link.preEstablished && !done && !closing)
        {
            // A join RST by the server: most likely it raced our third ACK (token not known yet). Try again.
            if (link.joinTry < JOIN_TRIES)
            {
                counters.joinRetries.incrementRelease();
                joinRetryAt[link.path] = System.nanoTime() + JOIN_RETRY_NANOS * link.joinTry;
            }
            else
            {
                counters.joinsFailed.incrementRelease();
            }
        }
        else if (link.kind == Link.JOIN && !wasUp && !done && !closing)
        {
            counters.joinsFailed.incrementRelease();
        }
        if (wasUp && subflow.inFlight() > 0)
        {
            dataSndNxt = (int)Math.min(dataSndNxt, dataUna); // reinject what that subflow had not got acknowledged
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
        if (winner == null || done || closing)
        {
            return;
        }
        if (!firstAcked)
        {
            if (dataSndNxt == 0 && request.length > 0)
            {
                final int n = Math.min(winner.subflow.segmentSize(), request.length);
                if (winner.subflow.canSend(n))
                {
                    winner.subflow.sendData(0, n, localIdsn + 1, now);
                    dataSndNxt = n;
                }
            }
        }
        else
        {
            while (dataSndNxt < request.length)
            {
                final Link l = nextUp(Math.min(1400, request.length - dataSndNxt));
                if (l == null)
                {
                    break;
                }
                final int n = Math.min(l.subflow.segmentSize(), request.length - dataSndNxt);
                l.subflow.sendData(dataSndNxt, n, localIdsn + 1 + dataSndNxt, now);
                dataSndNxt += n;
            }
        }
        if (rx.whole() && !dataFinSent && joinsSettled(now))
        {
            sendDataFin(now);
        }
        if (dataFinSent && dataUna == request.length + 1L && rx.finDone())
        {
            closing = true;
            closeDeadline = now + CLOSE_GRACE_NANOS;
            for (final Link l : links)
            {
                if (!l.closed && l.kind == Link.JOIN && !l.up)
                {
                    // A join still trying (a dead path) is of no use now; it would only hold the close up.
                    l.subflow.reset();
                    host.repeatReset(l.subflow);
                    l.closed = true;
                    rst();
                }
                else if (!l.closed)
                {
                    l.subflow.shutdown(now);
                }
            }
        }
    }

    private Link nextUp(final int length)
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

    private void sendDataFin(final long now)
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
        dataFinSent = true;
        dataFinAt = now;
        sendingDataFin = true;
        via.subflow.sendAck();
        sendingDataFin = false;
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
        if (winner == null)
        {
            if (now >= nextMoveAt)
            {
                // TIMER: the SYN "retransmission" goes to the next path, with a fresh key.
                timedIndex++;
                final int[] order = plan.order();
                attempt(order[timedIndex % order.length], now);
                nextMoveAt = now + (plan.timerNanos() << Math.min(6, timedIndex / order.length));
            }
            if (now - startedAt > timeoutNanos)
            {
                finish(now);
            }
            return done;
        }
        for (int p = 0; p < joinRetryAt.length; p++)
        {
            if (now >= joinRetryAt[p])
            {
                joinRetryAt[p] = Long.MAX_VALUE;
                if (!closing)
                {
                    startJoin(p, joinTries[p] + 1, now);
                }
            }
        }
        for (int i = 0; i < links.size(); i++)
        {
            final Link l = links.get(i);
            if (l.preEstablished && !l.closed && now - l.thirdAckAt > l.subflow.rto().rtoNanos() << l.thirdAcks)
            {
                if (l.thirdAcks >= JOIN_SYNS)
                {
                    joinFailed(l);
                }
                else
                {
                    l.thirdAcks++;
                    l.subflow.sendAck(); // the join's third ACK is sent reliably (RFC 8684 §3.2)
                }
            }
        }
        if (dataFinSent && dataUna < request.length + 1L && now - dataFinAt > winner.subflow.rto().rtoNanos())
        {
            sendDataFin(now);
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
                if (winner != null && !l.loser)
                {
                    l.subflow.abort(remoteKey);
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
        if (winner == null)
        {
            outcome = FAILED;
            counters.failed[mode.ordinal()].incrementRelease();
        }
        else if (rx.equalTo(request))
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

    private void rst()
    {
        rsts++;
        counters.rstsSent.incrementRelease();
    }

    /**
     * Sets the eSIM seam (before {@link #start}); without it mode eSIM behaves as SIM.
     *
     * @param hook the esim side.
     * @return this.
     */
    public Session esim(final EsimHook hook)
    {
        esim = hook;
        return this;
    }

    /** @return our key of the winning attempt (Key-A), valid once established. */
    public long localKey()
    {
        return localKey;
    }

    /** @return the server's key (Key-B), valid once established. */
    public long remoteKey()
    {
        return remoteKey;
    }

    /** @return whether the first subflow is established. */
    public boolean established()
    {
        return winner != null;
    }

    /** @return the result row (after {@link #poll} said done). */
    public SessionResult result()
    {
        int up = 0;
        for (int p = 0; p < host.paths(); p++)
        {
            for (final Link l : links)
            {
                if (l.path == p && (l == winner || l.kind == Link.JOIN || l.joinCap) && l.everUp)
                {
                    up++;
                    break;
                }
            }
        }
        return new SessionResult(index, mode, outcome,
            establishedAt < 0 ? -1 : establishedAt - startedAt, multipathAt < 0 ? -1 : multipathAt - startedAt,
            winner == null ? -1 : winner.path, up, rx.prefix(), rsts, syns, startedAt);
    }
}
