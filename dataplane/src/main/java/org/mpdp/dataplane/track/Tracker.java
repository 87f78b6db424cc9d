package org.mpdp.dataplane.track;

import java.lang.foreign.MemorySegment;

import org.mpdp.dataplane.wire.Malformed;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptions;
import org.mpdp.dataplane.wire.ParsedPacket;

/**
 * Turns parsed segments into MPTCP connections and subflows, and gives each packet an {@link Action}
 * with the {@link Reason}s behind it. This class only dispatches, in packet order; each concern keeps
 * its own state: {@link Handshake} (MP_CAPABLE, keys, tokens), {@link Joins} (MP_JOIN HMACs, shared
 * tokens), {@link Mappings} (DSS, DATA_ACK, checksums, fallback), {@link Addresses} (ADD_ADDR,
 * REMOVE_ADDR), {@link Signals} (MP_PRIO, MP_TCPRST, MP_FASTCLOSE, RST), {@link HalfOpen} (the embryonic
 * budget) and {@link Eviction}. Fixed-capacity tables,
 * no allocation per packet; one tracker per thread.
 */
public final class Tracker implements AutoCloseable
{
    /** Connection slots (and as many half-open entries) {@link #evict} examines per call by default. */
    public static final int DEFAULT_EVICT_BUDGET = 1024;

    /** Told of every reason found, with where it was found (slots are -1 when none). */
    @FunctionalInterface
    public interface ReasonListener
    {
        /**
         * @param reason     the reason.
         * @param connection connection slot, or -1 when the packet belongs to no connection.
         * @param subflow    subflow slot, or -1 when no state was kept for it.
         */
        void onReason(Reason reason, int connection, int subflow);
    }

    /** Called for each connection just before {@link #evict} frees it, so its state can be reported. */
    @FunctionalInterface
    public interface EvictionListener
    {
        /**
         * @param connection the connection slot, still readable.
         */
        void onEvict(int connection);

        /**
         * @param subflow a subflow that belongs to no connection (half-open, mid-stream), still readable.
         */
        default void onEvictSubflow(final int subflow)
        {
        }
    }

    private final TrackState st;
    private final Handshake handshake;
    private final Joins joins;
    private final AckHmacBatch ackHmacs;
    private final Mappings mappings;
    private final Addresses addresses;
    private final Eviction eviction;
    private final Signals signals;
    private final Admission admission;
    private VerdictPolicy policy;
    private final long[] reasonCounts = new long[Reason.COUNT];
    private ReasonListener listener;
    private Reason lastReason = Reason.OK;
    private long lastReasons;
    private int lastConnection = -1;
    private int lastSubflow = -1;
    /** Subflows freed because a SYN with a new ISN reused their ended tuple. */
    private long reincarnated;

    /**
     * @param maxConnections connection table capacity.
     * @param maxSubflows    subflow table capacity.
     */
    public Tracker(final int maxConnections, final int maxSubflows)
    {
        this(maxConnections, maxSubflows, VerdictPolicy.defaults());
    }

    /**
     * @param maxConnections connection table capacity.
     * @param maxSubflows    subflow table capacity.
     * @param policy         what to do for each reason.
     */
    public Tracker(final int maxConnections, final int maxSubflows, final VerdictPolicy policy)
    {
        this(maxConnections, maxSubflows, Math.max(16, maxSubflows / 4), policy);
    }

    /**
     * @param maxConnections connection table capacity.
     * @param maxSubflows    subflow table capacity.
     * @param halfOpenBudget most half-open subflows at once (SYN seen, handshake not complete); the
     *                       oldest is recycled when a new one needs room.
     * @param policy         what to do for each reason.
     */
    public Tracker(final int maxConnections, final int maxSubflows, final int halfOpenBudget,
        final VerdictPolicy policy)
    {
        this(maxConnections, maxSubflows, halfOpenBudget, policy, FlowHash.random());
    }

    Tracker(final int maxConnections, final int maxSubflows, final int halfOpenBudget, final VerdictPolicy policy,
        final FlowHash hash)
    {
        this.policy = policy;
        st = new TrackState(maxConnections, maxSubflows, Math.min(halfOpenBudget, maxSubflows), hash);
        handshake = new Handshake(st);
        ackHmacs = new AckHmacBatch(st);
        joins = new Joins(st, ackHmacs);
        mappings = new Mappings(st);
        addresses = new Addresses(st);
        eviction = new Eviction(st);
        signals = new Signals(st);
        admission = new Admission(st, joins);
    }

    /**
     * @param listener told of every reason found (null for none); called on the packet path.
     * @return this.
     */
    public Tracker listener(final ReasonListener listener)
    {
        this.listener = listener;
        return this;
    }

    /**
     * Changes what is done for each reason from the next packet on (the tracker's own thread only; no
     * allocation): a fail-open grace window after a restart ends this way.
     *
     * @param policy the new policy.
     * @return this.
     */
    public Tracker policy(final VerdictPolicy policy)
    {
        this.policy = policy;
        return this;
    }

    /**
     * @param owners told when tokens and join subflows are owned and freed (null for none); called on
     *               the packet path.
     * @return this.
     */
    public Tracker ownership(final OwnershipListener owners)
    {
        st.connections.owners = owners;
        st.subflows.owners = owners;
        return this;
    }

    /**
     * Sets the time stamped on entries from now on: a capture's packet time, or the loop's clock read
     * once per burst. Eviction compares against it.
     *
     * @param nanos time in nanoseconds.
     */
    public void tick(final long nanos)
    {
        st.now = nanos;
    }

    /**
     * Starts a burst whose third-ACK HMACs are to be verified together: {@link #offer} each of its
     * packets, {@link #verifyOffered()}, then {@link #onPacket} them in their order as usual. Optional:
     * a packet that was not offered, or whose join changed meanwhile, is checked on its own. Results
     * are the same either way.
     */
    public void beginBurst()
    {
        ackHmacs.clear();
    }

    /**
     * @param p a parsed packet of the burst begun with {@link #beginBurst()}.
     */
    public void offer(final ParsedPacket p)
    {
        ackHmacs.offer(p);
    }

    /** Computes the offered HMACs (with the Vector API when at least AckHmacBatch.MIN_BATCH were offered). */
    public void verifyOffered()
    {
        ackHmacs.compute();
    }

    /** @return fewest third-ACK HMACs in a burst that go to the Vector API batch (it follows the scalar path). */
    public static int ackHmacBatchMin()
    {
        return AckHmacBatch.MIN_BATCH;
    }

    /** @return third-ACK HMACs computed in batches so far. */
    public long batchedAckHmacs()
    {
        return ackHmacs.batched();
    }

    /** @return subflows freed because a SYN with a new ISN reused the 4-tuple after a reset or the end. */
    public long reincarnatedSubflows()
    {
        return reincarnated;
    }

    /**
     * Tracks one segment.
     *
     * @param p     the parsed packet.
     * @param s     segment holding the frame.
     * @param frame offset of the frame.
     * @return what to do with it; {@link #lastReason()} and {@link #lastReasons()} say why.
     */
    public Action onPacket(final ParsedPacket p, final MemorySegment s, final long frame)
    {
        final Findings f = st.findings;
        f.clear();
        lastConnection = -1;
        lastSubflow = -1;
        return judge(p, s, frame, f);
    }

    /**
     * A segment whose source the {@link IngressFilter} refused: counted as
     * {@link Reason#SOURCE_NOT_ALLOWED}; when the policy drops that reason the segment is not tracked
     * (it takes no table slot, so a spoofed flood displaces nothing), else it is tracked as usual.
     *
     * @param p     the parsed packet.
     * @param s     segment holding the frame.
     * @param frame offset of the frame.
     * @return what to do with it.
     */
    public Action onRefusedSource(final ParsedPacket p, final MemorySegment s, final long frame)
    {
        final Findings f = st.findings;
        f.clear();
        lastConnection = -1;
        lastSubflow = -1;
        f.add(Reason.SOURCE_NOT_ALLOWED);
        return policy.action(Reason.SOURCE_NOT_ALLOWED) == Action.DROP ? conclude(f) : judge(p, s, frame, f);
    }

    private Action judge(final ParsedPacket p, final MemorySegment s, final long frame, final Findings f)
    {
        switch (p.status)
        {
            case ParsedPacket.TCP -> track(p, s, frame);
            case ParsedPacket.MALFORMED -> f.add(Reason.MALFORMED_HEADER);
            case ParsedPacket.FRAGMENT -> fragment(p);
            case ParsedPacket.TRUNCATED ->
            {
                // A capture cut inside the headers: what was parsed (TCP, options fully present) is tracked.
                f.add(Reason.TRUNCATED_CAPTURE);
                if (p.tcpValid)
                {
                    track(p, s, frame);
                }
            }
            default ->
            {
                // Not TCP: not ours to judge.
            }
        }
        return conclude(f);
    }

    /**
     * IP fragments are not reassembled. A first fragment that shows MPTCP options, or that does not
     * hold the whole TCP header (RFC 1858), hides signalling the checks cannot see whole: MPTCP_FRAGMENT
     * (dropped by default). Other fragments of TCP segments are IP_FRAGMENT (flagged); fragments of
     * other protocols are not ours to judge.
     */
    private void fragment(final ParsedPacket p)
    {
        if (p.ipProtocol != org.mpdp.dataplane.wire.PacketParser.PROTO_TCP)
        {
            return;
        }
        final boolean hidden = p.fragment == ParsedPacket.FRAGMENT_FIRST && (!p.tcpValid || p.mptcp.optionCount > 0);
        st.findings.add(hidden ? Reason.MPTCP_FRAGMENT : Reason.IP_FRAGMENT);
    }

    private Action conclude(final Findings f)
    {
        lastReasons = f.mask;
        lastReason = f.first;
        if (f.mask == 0)
        {
            reasonCounts[0]++;
            return Action.FORWARD;
        }
        for (long r = f.mask; r != 0; r &= r - 1)
        {
            final int ordinal = Long.numberOfTrailingZeros(r);
            reasonCounts[ordinal]++;
            if (listener != null)
            {
                listener.onReason(Reason.of(ordinal), lastConnection, lastSubflow);
            }
        }
        return policy.action(f.mask);
    }

    private void track(final ParsedPacket p, final MemorySegment s, final long frame)
    {
        final Findings f = st.findings;
        final MptcpOptions m = p.mptcp;
        final SubflowTable t = st.subflows;
        if (p.tcpOptionMalformed != Malformed.NONE)
        {
            f.add(Reason.MALFORMED_TCP_OPTION);
        }
        if (m.malformed != Malformed.NONE)
        {
            f.add(Reason.MALFORMED_OPTION);
        }
        final boolean syn = (p.tcpFlags & Mptcp.TCP_SYN) != 0;
        final boolean ack = (p.tcpFlags & Mptcp.TCP_ACK) != 0;
        final boolean v4 = p.ipVersion == 4;
        final long srcHigh = v4 ? 0 : p.srcV6High;
        final long srcLow = v4 ? Integer.toUnsignedLong(p.srcV4) : p.srcV6Low;
        final long dstHigh = v4 ? 0 : p.dstV6High;
        final long dstLow = v4 ? Integer.toUnsignedLong(p.dstV4) : p.dstV6Low;
        int found = t.find(p.ipVersion, srcHigh, srcLow, p.srcPort, dstHigh, dstLow, p.dstPort);
        if (found >= 0 && syn && !ack && retireForNewSyn(found, p.seq))
        {
            found = -1;
        }
        boolean opened = false;
        if (found < 0)
        {
            found = admission.open(p, m, syn, ack, srcHigh, srcLow, dstHigh, dstLow);
            if (found < 0)
            {
                return;
            }
            opened = true;
        }
        final int slot = found & ~SubflowTable.FROM_SERVER;
        final boolean fromServer = (found & SubflowTable.FROM_SERVER) != 0;
        final int sdir = fromServer ? 1 : 0;
        lastSubflow = slot;
        t.seen(slot, p.payloadLength, st.now);
        if (syn)
        {
            t.isn(2 * slot + sdir, p.seq);
        }
        if (t.role(slot) == SubflowTable.ROLE_MID_STREAM)
        {
            if (!opened && m.optionCount > 0)
            {
                f.add(Reason.MID_STREAM);
            }
        }
        else
        {
            handshakeAndJoins(slot, fromServer, syn, ack, s, frame, m);
        }
        final int c = t.connection(slot);
        if (c >= 0)
        {
            lastConnection = c;
            st.connections.lastSeen(c, st.now);
            // Which key the sender holds: the client of a subflow holds Key-A when clientIsA.
            final int direction = fromServer == t.clientIsA(slot) ? 1 : 0;
            connectionLevel(c, slot, direction, sdir, p, s, frame, m);
        }
        if ((p.tcpFlags & Mptcp.TCP_RST) != 0)
        {
            signals.onReset(slot, c, fromServer);
        }
    }

    /**
     * A SYN with a new ISN on the 4-tuple of a join subflow that was reset, or whose connection has ended,
     * starts a new subflow (RFC 9293 allows the reuse; Linux reuses a join's tuple within a second of the
     * reset): the old one is freed so the SYN is admitted as new. Otherwise a new join on a reused tuple
     * was checked against the old connection's keys and nonces and dropped as {@code join-bad-synack-hmac}.
     * A retransmitted SYN (same ISN) and a SYN on a live subflow change nothing.
     */
    private boolean retireForNewSyn(final int found, final int seq)
    {
        final SubflowTable t = st.subflows;
        final int slot = found & ~SubflowTable.FROM_SERVER;
        final int i = 2 * slot + ((found & SubflowTable.FROM_SERVER) != 0 ? 1 : 0);
        // Joins only: retiring initial subflows as well gave bursts of wrong reasons (key-mismatch,
        // add-addr-bad-hmac, dsn-out-of-window) in the testbed's setup-rate runs, most likely the old
        // connection's packets still in flight landing on the new incarnation. Open.
        if (t.role(slot) != SubflowTable.ROLE_JOIN || !t.hasIsn(i) || t.isn(i) == seq)
        {
            return false;
        }
        final int c = t.connection(slot);
        if (!t.reset[slot] && (c < 0 || st.connections.end[c] == ConnectionTable.END_OPEN))
        {
            return false;
        }
        st.halfOpen.leave(t, slot);
        t.free(slot, st.connections);
        reincarnated++;
        return true;
    }

    private void handshakeAndJoins(final int slot, final boolean fromServer, final boolean syn, final boolean ack,
        final MemorySegment s, final long frame, final MptcpOptions m)
    {
        final SubflowTable t = st.subflows;
        final int role = t.role(slot);
        if (m.has(Mptcp.MP_CAPABLE) && role == SubflowTable.ROLE_INITIAL)
        {
            if (syn && fromServer)
            {
                t.answered[slot] = true;
            }
            handshake.onMpCapable(slot, fromServer, syn, m);
        }
        else if (!syn && role == SubflowTable.ROLE_INITIAL && t.connection(slot) < 0)
        {
            handshake.onV0WithoutAck(slot);
        }
        if (m.has(Mptcp.MP_JOIN) && !(syn && !ack))
        {
            joins.onLater(slot, fromServer, syn, s, frame, m);
        }
    }

    private void connectionLevel(final int c, final int slot, final int direction, final int sdir,
        final ParsedPacket p, final MemorySegment s, final long frame, final MptcpOptions m)
    {
        mappings.onSegment(c, slot, direction, sdir, p, s, frame, m);
        if (m.addAddrOffset >= 0)
        {
            addresses.onAddAddr(c, direction, s, frame, m);
        }
        if (m.has(Mptcp.REMOVE_ADDR))
        {
            addresses.onRemoveAddr(c, direction, s, frame, m);
        }
        signals.onOptions(c, slot, direction, m);
    }

    /**
     * Frees what has ended or gone idle, examining at most {@link #DEFAULT_EVICT_BUDGET} connection
     * slots: call it periodically (every burst cycle or so), not per packet.
     *
     * @param idleNanos   idle timeout.
     * @param closedNanos how long an ended connection lingers (for retransmitted FINs and ACKs), and
     *                    how long a half-open subflow may stay quiet.
     * @param listener    told before each connection is freed; may be null.
     * @return connections freed.
     */
    public int evict(final long idleNanos, final long closedNanos, final EvictionListener listener)
    {
        return evict(idleNanos, closedNanos, listener, DEFAULT_EVICT_BUDGET);
    }

    /**
     * @param budget most connection slots, and most half-open entries, examined in this call.
     * @return connections freed.
     * @see #evict(long, long, EvictionListener)
     */
    public int evict(final long idleNanos, final long closedNanos, final EvictionListener listener, final int budget)
    {
        return eviction.sweep(idleNanos, closedNanos, listener, budget);
    }

    /** @return the shared state, for {@link TrackerSnapshot}. */
    TrackState state()
    {
        return st;
    }

    /**
     * @return the connection table (read it after tracking, e.g. for reports).
     */
    public ConnectionTable connections()
    {
        return st.connections;
    }

    /**
     * @return the subflow table.
     */
    public SubflowTable subflows()
    {
        return st.subflows;
    }

    /**
     * @param reason a reason.
     * @return packets with that reason so far (a packet with several reasons counts under each).
     */
    public long reasonCount(final Reason reason)
    {
        return reasonCounts[reason.ordinal()];
    }

    /**
     * @return the first reason found for the last packet ({@link Reason#OK} when none).
     */
    public Reason lastReason()
    {
        return lastReason;
    }

    /**
     * @return every reason found for the last packet, as {@code 1L << ordinal} bits.
     */
    public long lastReasons()
    {
        return lastReasons;
    }

    /**
     * @return the connection slot of the last packet, or -1.
     */
    public int lastConnection()
    {
        return lastConnection;
    }

    /**
     * @return the subflow slot of the last packet, or -1 when no state was kept for it.
     */
    public int lastSubflow()
    {
        return lastSubflow;
    }

    /**
     * @return connections evicted so far.
     */
    public long evicted()
    {
        return eviction.evicted();
    }

    /**
     * @return the most slots and entries any {@link #evict} call examined.
     */
    public int evictionMaxWork()
    {
        return eviction.maxWork();
    }

    /**
     * @return half-open subflows now.
     */
    public int halfOpen()
    {
        return st.halfOpen.live();
    }

    /**
     * @return half-open subflows recycled to admit newer ones (a SYN flood shows here).
     */
    public long halfOpenRecycled()
    {
        return st.halfOpen.recycled();
    }

    /**
     * @return DSS checksums not checked because their mapping spans several segments.
     */
    public long checksumsSpanning()
    {
        return mappings.checksumsSpanning();
    }

    /**
     * @param c connection slot.
     * @param direction 0 client to server, 1 server to client.
     * @return data-level bytes mapped in that direction (excluding DATA_FIN).
     */
    public long dataBytes(final int c, final int direction)
    {
        final ConnectionTable ct = st.connections;
        final long start = (direction == 0 ? ct.idsnA[c] : ct.idsnB[c]) + 1;
        return ct.mappedEnd(2 * c + direction) - start;
    }

    /**
     * @param c         connection slot.
     * @param direction 0 client to server, 1 server to client.
     * @return the highest DATA_ACK received for that direction's data, or 0 before any.
     */
    public long dataAcked(final int c, final int direction)
    {
        return st.connections.dataAcked(2 * c + direction);
    }

    /**
     * Checks the tables' invariants (for tests and fuzzing; walks every table, so not for the packet path).
     *
     * @return a description of the first violation, or null when all hold.
     */
    public String checkInvariants()
    {
        return Invariants.check(st);
    }

    @Override
    public void close()
    {
        addresses.close();
    }
}
