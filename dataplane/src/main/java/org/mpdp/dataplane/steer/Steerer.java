package org.mpdp.dataplane.steer;

import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.ParsedPacket;

/**
 * Decides which worker handles a parsed packet. One per steering (RX) thread: it keeps counters and the
 * last packet's keys, so it is not shared. In order:
 * <ol>
 * <li>{@link ControlTraffic} (ARP, IPv6 ND, the box's own addresses): {@link #CONTROL};</li>
 * <li>not IP (or an IP header too broken to give addresses): the fixed {@link #nonIpWorker};</li>
 * <li>a published subflow (either direction): its owner;</li>
 * <li>a subflow a parked join of this thread is waiting for (its third ACK, say): {@link #PARK} too,
 *     so it is not overtaken;</li>
 * <li>an MP_JOIN SYN (RFC 8684 §3.2): the owner of its token; held by several workers (a 32-bit
 *     collision): the lowest-numbered one, counted as {@link #sharedTokenJoins()}: that worker checks
 *     the join's HMAC against its own connection only, so a join meant for the other connection is
 *     refused there (bad HMAC) and the client's subflow fails; about two token pairs collide among
 *     65,536 connections. Held by none: {@link #PARK};</li>
 * <li>anything else (a new MP_CAPABLE SYN, plain TCP, UDP, ICMP, later IP fragments): the keyed
 *     symmetric hash of the 4-tuple (addresses only when there are no ports) over the workers.</li>
 * </ol>
 * After a {@link #PARK}, {@link #lastSubflowKey()}, {@link #lastToken()} and {@link #lastWasJoin()} describe
 * the packet for {@link ParkedJoins#park}, and {@link #lastHashOwner()} is where it goes if it cannot be parked.
 */
public final class Steerer
{
    /** For the box itself (the control thread), not a worker. */
    public static final int CONTROL = -1;
    /** A join whose token is not published yet: hand it to {@link ParkedJoins#park}. */
    public static final int PARK = -2;

    private final OwnerDirectory directory;
    private final ControlTraffic control;
    private final ParkedJoins parked;
    private final int nonIpWorker;

    private long lastSubflowKey;
    private int lastToken;
    private boolean lastWasJoin;

    private long controlPackets;
    private long byNonIp;
    private long bySubflow;
    private long byToken;
    private long byHash;
    private long bySingleWorker;
    private long sharedTokenJoins;
    private long parkedJoins;
    private long parkedFollowers;

    /**
     * @param directory   the shared directory.
     * @param control     what goes to {@link #CONTROL}.
     * @param parked      this thread's parked joins (followers of a parked join are parked too), or null
     *                    to return {@link #PARK} for unknown-token joins only.
     * @param nonIpWorker worker for frames that are neither control nor IP.
     */
    public Steerer(final OwnerDirectory directory, final ControlTraffic control, final ParkedJoins parked,
        final int nonIpWorker)
    {
        if (nonIpWorker < 0 || nonIpWorker >= directory.workers())
        {
            throw new IllegalArgumentException("nonIpWorker=" + nonIpWorker + " must be in [0, " +
                directory.workers() + ")");
        }
        this.directory = directory;
        single = directory.workers() == 1;
        this.control = control;
        this.parked = parked;
        this.nonIpWorker = nonIpWorker;
    }

    private final boolean single;
    private JoinCache joins;
    private long byRecentJoin;
    private long now;

    /**
     * Sets the time the join cache is read and written with: the caller's clock, read once per cycle
     * (a clock read per packet costs more than the steering itself on some VMs).
     *
     * @param nanos {@link System#nanoTime()} of this cycle.
     */
    public void tick(final long nanos)
    {
        now = nanos;
    }

    /**
     * @param p the parsed packet.
     * @return a worker (0..workers-1), {@link #CONTROL} or {@link #PARK}.
     */
    public int steer(final ParsedPacket p)
    {
        lastWasJoin = false;
        if (control.isControl(p))
        {
            controlPackets++;
            return CONTROL;
        }
        if (p.ipVersion == 0)
        {
            byNonIp++;
            return nonIpWorker;
        }
        // One worker owns everything: only a join SYN (which may have to wait for its token) and the followers
        // of a parked join need a decision, so neither the owner table is read (its scan was about 9% of a lone
        // worker's cycles in bench pipeline) nor, for the other packets, the subflow key hashed (about 3%).
        if (single)
        {
            return steerSingle(p);
        }
        final long key = directory.subflowKey(p);
        lastSubflowKey = key;
        if (!p.tcpValid)
        {
            byHash++;
            return directory.hashOwner(key);
        }
        // Parked packets of this subflow first: once its owner has published the subflow, packets still
        // parked behind the join must not be overtaken by the ones arriving now.
        if (parked != null && parked.size() > 0 && parked.holds(key))
        {
            parkedFollowers++;
            return PARK;
        }
        final int owner = directory.subflowOwner(key);
        if (owner >= 0)
        {
            bySubflow++;
            return owner;
        }
        // After the parked check: a released join's followers may still be parked behind it.
        if (joins != null)
        {
            final int recent = joins.owner(key, now);
            if (recent >= 0)
            {
                byRecentJoin++;
                return recent;
            }
        }
        if (isJoinSyn(p))
        {
            return steerJoin(p.mptcp.joinToken);
        }
        byHash++;
        return directory.hashOwner(key);
    }

    /**
     * The lone worker's steering: the same answers as the general path with one worker, but the subflow key
     * is computed only for a join SYN or while a join is parked. A join SYN still asks for its token, so
     * that one whose token is not yet published waits; its subflow's owner and the join cache can only say
     * "worker 0" (each read was a cache miss, about 5% of bench pipeline's run-to-completion cycles).
     */
    private int steerSingle(final ParsedPacket p)
    {
        if (!p.tcpValid)
        {
            byHash++;
            return 0;
        }
        final boolean join = isJoinSyn(p);
        final boolean anyParked = parked != null && parked.size() > 0;
        if (join || anyParked)
        {
            final long key = directory.subflowKey(p);
            lastSubflowKey = key;
            if (anyParked && parked.holds(key))
            {
                parkedFollowers++;
                return PARK;
            }
            if (join)
            {
                return steerJoin(p.mptcp.joinToken);
            }
        }
        bySingleWorker++;
        return 0;
    }

    private int steerJoin(final int token)
    {
        lastToken = token;
        lastWasJoin = true;
        final long owners = directory.tokenOwners(token);
        if (owners == 0)
        {
            parkedJoins++;
            return PARK;
        }
        if (Long.bitCount(owners) > 1)
        {
            sharedTokenJoins++;
        }
        byToken++;
        final int owner = Long.numberOfTrailingZeros(owners);
        if (joins != null && !single)
        {
            joins.remember(lastSubflowKey, owner, now);
        }
        return owner;
    }

    /**
     * @param cache where joins this steerer sends are remembered until their owner has published them
     *              (share it with this thread's {@link ParkedJoins}); null for none.
     * @return this.
     */
    public Steerer joinCache(final JoinCache cache)
    {
        joins = cache;
        return this;
    }

    /** @return packets sent to the owner of a join steered moments before (not yet published). */
    public long recentJoinCount()
    {
        return byRecentJoin;
    }

    /** RFC 8684 §3.2: the first packet of a join, SYN without ACK carrying MP_JOIN. */
    static boolean isJoinSyn(final ParsedPacket p)
    {
        return (p.tcpFlags & (Mptcp.TCP_SYN | Mptcp.TCP_ACK)) == Mptcp.TCP_SYN && p.mptcp.has(Mptcp.MP_JOIN);
    }

    /**
     * @return subflow key of the last IP packet steered; always set for a {@link #PARK}, but a lone worker
     *         computes it only for join SYNs and while a join is parked.
     */
    public long lastSubflowKey()
    {
        return lastSubflowKey;
    }

    /** @return token of the last join SYN steered. */
    public int lastToken()
    {
        return lastToken;
    }

    /** @return whether the last packet steered was a join SYN that was looked up by token. */
    public boolean lastWasJoin()
    {
        return lastWasJoin;
    }

    /** @return the 4-tuple hash owner of the last IP packet steered (the fallback when parking is refused). */
    public int lastHashOwner()
    {
        return directory.hashOwner(lastSubflowKey);
    }

    /** @return packets steered to CONTROL. */
    public long controlCount()
    {
        return controlPackets;
    }

    /** @return non-IP packets steered to the fixed worker. */
    public long nonIpCount()
    {
        return byNonIp;
    }

    /** @return packets steered by a published subflow. */
    public long subflowCount()
    {
        return bySubflow;
    }

    /** @return join SYNs steered by their token. */
    public long tokenCount()
    {
        return byToken;
    }

    /** @return TCP packets other than join SYNs sent to the only worker without reading the owner table. */
    public long singleWorkerCount()
    {
        return bySingleWorker;
    }

    /** @return packets steered by the 4-tuple hash. */
    public long hashCount()
    {
        return byHash;
    }

    /** @return join SYNs whose token several workers hold (sent to the lowest-numbered). */
    public long sharedTokenJoins()
    {
        return sharedTokenJoins;
    }

    /** @return join SYNs answered {@link #PARK} (unknown token). */
    public long parkedJoins()
    {
        return parkedJoins;
    }

    /** @return packets answered {@link #PARK} because a parked join waits for their subflow. */
    public long parkedFollowers()
    {
        return parkedFollowers;
    }
}
