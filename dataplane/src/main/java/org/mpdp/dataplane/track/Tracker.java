package org.mpdp.dataplane.track;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.mpdp.dataplane.crypto.AddAddrHmac;
import org.mpdp.dataplane.crypto.CryptoResult;
import org.mpdp.dataplane.crypto.DssChecksum;
import org.mpdp.dataplane.crypto.HmacSha1Keys;
import org.mpdp.dataplane.crypto.HmacSha256Keys;
import org.mpdp.dataplane.crypto.JoinHmac;
import org.mpdp.dataplane.crypto.KeyDerivation;
import org.mpdp.dataplane.wire.Bytes;
import org.mpdp.dataplane.wire.Malformed;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptions;
import org.mpdp.dataplane.wire.ParsedPacket;

/**
 * Turns parsed segments into MPTCP connections and subflows: keys, tokens and IDSNs from MP_CAPABLE,
 * MP_JOIN HMACs checked with those keys, ADD_ADDR HMACs, DSS checksums when negotiated, data-level
 * byte counts and reinjections per direction, and how the connection ended. Fixed-capacity tables,
 * no allocation per packet; one tracker per thread.
 */
public final class Tracker implements AutoCloseable
{
    private final ConnectionTable connections;
    private final SubflowTable subflows;
    private final HmacSha256Keys keys256;
    private final HmacSha1Keys keys160;
    private final KeyDerivation derive = new KeyDerivation();
    private final JoinHmac joinHmac = new JoinHmac();
    private final AddAddrHmac addAddrHmac = new AddAddrHmac();
    private final long[] reasonCounts = new long[Verdict.REASONS];
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment scratch = arena.allocate(16, 8);
    private final VerdictPolicy policy;
    private int lastReason;
    private long now;
    private long evicted;

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
        this.policy = policy;
        connections = new ConnectionTable(maxConnections);
        subflows = new SubflowTable(maxSubflows);
        keys256 = new HmacSha256Keys(maxConnections * 2);
        keys160 = new HmacSha1Keys(maxConnections * 2);
    }

    /**
     * @return the connection table (read it after tracking, e.g. for reports).
     */
    public ConnectionTable connections()
    {
        return connections;
    }

    /**
     * @return the subflow table.
     */
    public SubflowTable subflows()
    {
        return subflows;
    }

    /**
     * @param reason a {@link Verdict} reason.
     * @return packets with that reason so far.
     */
    public long reasonCount(final int reason)
    {
        return reasonCounts[reason];
    }

    /**
     * @return the reason of the last verdict.
     */
    public int lastReason()
    {
        return lastReason;
    }

    private int verdict(final int reason)
    {
        lastReason = reason;
        reasonCounts[reason]++;
        return policy.action(reason);
    }

    /**
     * Sets the time stamped on entries from now on: a capture's packet time, or the loop's clock read
     * once per burst. Eviction compares against it.
     *
     * @param nanos time in nanoseconds.
     */
    public void tick(final long nanos)
    {
        now = nanos;
    }

    /** Called for each connection just before {@link #evict} frees it, so its state can be reported. */
    @FunctionalInterface
    public interface EvictionListener
    {
        /**
         * @param connection the connection slot, still readable.
         */
        void onEvict(int connection);
    }

    /**
     * Frees connections idle for longer than {@code idleNanos}, or ended (DATA_FIN, FASTCLOSE, RST)
     * and quiet for longer than {@code closedNanos}, with their subflows; and subflows that never
     * joined a connection and are idle. Control-plane work: call it periodically, not per packet.
     *
     * @param idleNanos   idle timeout.
     * @param closedNanos how long an ended connection lingers (for retransmitted FINs and ACKs).
     * @param listener    told before each connection is freed; may be null.
     * @return connections freed.
     */
    public int evict(final long idleNanos, final long closedNanos, final EvictionListener listener)
    {
        int freed = 0;
        for (int c = 0; c < connections.capacity; c++)
        {
            if (!connections.inUse[c])
            {
                continue;
            }
            final long quiet = now - connections.lastSeen[c];
            if (quiet > idleNanos || connections.end[c] != ConnectionTable.END_OPEN && quiet > closedNanos)
            {
                if (listener != null)
                {
                    listener.onEvict(c);
                }
                for (int i = 0; i < subflows.count(); i++)
                {
                    if (subflows.connection[i] == c)
                    {
                        subflows.free(i);
                    }
                }
                connections.free(c);
                freed++;
            }
        }
        for (int i = 0; i < subflows.count(); i++)
        {
            if (subflows.inUse(i) && subflows.connection[i] < 0 && now - subflows.lastSeen[i] > closedNanos)
            {
                subflows.free(i);
            }
        }
        evicted += freed;
        return freed;
    }

    /**
     * @return connections evicted so far.
     */
    public long evicted()
    {
        return evicted;
    }

    /**
     * Tracks one segment.
     *
     * @param p     the parsed packet.
     * @param s     segment holding the frame.
     * @param frame offset of the frame.
     * @return a {@link Verdict}; {@link #lastReason()} says why.
     */
    public int onPacket(final ParsedPacket p, final MemorySegment s, final long frame)
    {
        if (p.status != ParsedPacket.TCP)
        {
            return verdict(Verdict.OK);
        }
        final long srcHigh = p.ipVersion == 4 ? 0 : p.srcV6High;
        final long srcLow = p.ipVersion == 4 ? Integer.toUnsignedLong(p.srcV4) : p.srcV6Low;
        final long dstHigh = p.ipVersion == 4 ? 0 : p.dstV6High;
        final long dstLow = p.ipVersion == 4 ? Integer.toUnsignedLong(p.dstV4) : p.dstV6Low;
        final MptcpOptions m = p.mptcp;
        final boolean syn = (p.tcpFlags & Mptcp.TCP_SYN) != 0;
        final boolean ack = (p.tcpFlags & Mptcp.TCP_ACK) != 0;
        int found = subflows.find(p.ipVersion, srcHigh, srcLow, p.srcPort, dstHigh, dstLow, p.dstPort);
        if (found < 0)
        {
            if (!syn || ack || (m.present & (MptcpOptions.bit(Mptcp.MP_CAPABLE) | MptcpOptions.bit(Mptcp.MP_JOIN))) == 0)
            {
                return verdict(m.malformed != Malformed.NONE ? Verdict.MALFORMED_OPTION : Verdict.OK);
            }
            if (m.has(Mptcp.MP_JOIN) && connections.byToken(m.joinToken) < 0)
            {
                // Refused before it takes a table slot, so a flood of random tokens cannot fill the table.
                return verdict(Verdict.JOIN_UNKNOWN_TOKEN);
            }
            final int slot = subflows.add(p.ipVersion, srcHigh, srcLow, p.srcPort, dstHigh, dstLow, p.dstPort);
            if (slot < 0)
            {
                return verdict(Verdict.TABLE_FULL);
            }
            found = slot;
            if (m.has(Mptcp.MP_JOIN))
            {
                final int reason = joinSyn(slot, m);
                if (reason != Verdict.OK)
                {
                    return verdict(reason);
                }
            }
            else
            {
                subflows.role[slot] = SubflowTable.ROLE_INITIAL;
                subflows.clientIsA[slot] = true;
                if (m.mpcHasSenderKey)
                {
                    // v0: Key-A already in the SYN.
                    subflows.pendingServerKey[slot] = m.mpcSenderKey;
                }
            }
        }
        final int slot = found & ~SubflowTable.FROM_SERVER;
        final boolean fromServer = (found & SubflowTable.FROM_SERVER) != 0;
        subflows.packets[slot]++;
        subflows.payloadBytes[slot] += p.payloadLength;
        subflows.lastSeen[slot] = now;
        if (syn)
        {
            subflows.isn[2 * slot + (fromServer ? 1 : 0)] = p.seq;
            subflows.hasIsn[2 * slot + (fromServer ? 1 : 0)] = true;
        }
        int reason = m.malformed != Malformed.NONE ? Verdict.MALFORMED_OPTION : Verdict.OK;
        if (m.has(Mptcp.MP_CAPABLE))
        {
            reason = first(reason, mpCapable(slot, fromServer, syn, m));
        }
        if (m.has(Mptcp.MP_JOIN) && !(syn && !ack))
        {
            reason = first(reason, joinLater(slot, fromServer, syn, s, frame, m));
        }
        final int c = subflows.connection[slot];
        if (c >= 0)
        {
            connections.lastSeen[c] = now;
            // Which key the sender holds: client of a subflow holds Key-A when clientIsA.
            final boolean senderIsA = fromServer != subflows.clientIsA[slot];
            reason = first(reason, connectionLevel(c, slot, senderIsA, p, s, frame, m));
            reason = first(reason, subflowLevel(c, slot, fromServer ? 1 : 0, p, m));
        }
        if ((p.tcpFlags & Mptcp.TCP_RST) != 0 && !subflows.reset[slot])
        {
            subflows.reset[slot] = true;
            if (c >= 0 && ++connections.resetSubflows[c] == connections.subflows[c] &&
                connections.end[c] == ConnectionTable.END_OPEN)
            {
                connections.end[c] = ConnectionTable.END_RST;
            }
        }
        return verdict(reason);
    }

    private static int first(final int current, final int next)
    {
        return current != Verdict.OK ? current : next;
    }

    private int mpCapable(final int slot, final boolean fromServer, final boolean syn, final MptcpOptions m)
    {
        if (syn)
        {
            if (fromServer && m.mpcHasSenderKey)
            {
                if (m.mpcVersion == 0)
                {
                    // v0 SYN carried Key-A in pendingServerKey; keep A, the SYN/ACK gives B: create now.
                    return createConnection(slot, 0, subflows.pendingServerKey[slot], m.mpcSenderKey,
                        (m.mpcFlags & Mptcp.MPC_FLAG_A) != 0);
                }
                subflows.pendingServerKey[slot] = m.mpcSenderKey;
            }
            return Verdict.OK;
        }
        if (fromServer || !m.mpcHasReceiverKey || subflows.connection[slot] >= 0)
        {
            return Verdict.OK;
        }
        if (subflows.pendingServerKey[slot] != 0 && subflows.pendingServerKey[slot] != m.mpcReceiverKey)
        {
            return Verdict.KEY_MISMATCH;
        }
        return createConnection(slot, m.mpcVersion, m.mpcSenderKey, m.mpcReceiverKey,
            (m.mpcFlags & Mptcp.MPC_FLAG_A) != 0);
    }

    private int createConnection(final int slot, final int version, final long keyA, final long keyB,
        final boolean checksum)
    {
        final int c = connections.allocate();
        if (c < 0)
        {
            return Verdict.TABLE_FULL;
        }
        connections.version[c] = version;
        connections.checksum[c] = checksum;
        connections.keyA[c] = keyA;
        connections.keyB[c] = keyB;
        if (version == 0)
        {
            connections.tokenA[c] = derive.deriveV0(keyA).token();
            connections.idsnA[c] = derive.idsn();
            connections.tokenB[c] = derive.deriveV0(keyB).token();
            connections.idsnB[c] = derive.idsn();
            keys160.setKey(2 * c, keyA, keyB);
            keys160.setKey(2 * c + 1, keyB, keyA);
        }
        else
        {
            connections.tokenA[c] = derive.deriveV1(keyA).token();
            connections.idsnA[c] = derive.idsn();
            connections.tokenB[c] = derive.deriveV1(keyB).token();
            connections.idsnB[c] = derive.idsn();
            keys256.setKey(2 * c, keyA, keyB);
            keys256.setKey(2 * c + 1, keyB, keyA);
        }
        connections.mappedEnd[2 * c] = connections.idsnA[c] + 1;
        connections.mappedEnd[2 * c + 1] = connections.idsnB[c] + 1;
        connections.contiguousEnd[2 * c] = connections.idsnA[c] + 1;
        connections.contiguousEnd[2 * c + 1] = connections.idsnB[c] + 1;
        connections.indexTokens(c);
        connections.lastSeen[c] = now;
        connections.subflows[c] = 1;
        subflows.connection[slot] = c;
        return Verdict.OK;
    }

    private int joinSyn(final int slot, final MptcpOptions m)
    {
        subflows.role[slot] = SubflowTable.ROLE_JOIN;
        subflows.backup[slot] = m.joinBackup;
        subflows.clientNonce[slot] = m.joinNonce;
        subflows.joinState[slot] = SubflowTable.JOIN_SYN;
        final int c = connections.byToken(m.joinToken);
        if (c < 0)
        {
            subflows.joinState[slot] = SubflowTable.JOIN_FAILED;
            return Verdict.JOIN_UNKNOWN_TOKEN;
        }
        subflows.connection[slot] = c;
        // The token names the receiver: if it is B's, the joining client holds A.
        subflows.clientIsA[slot] = connections.tokenB[c] == m.joinToken;
        connections.subflows[c]++;
        return Verdict.OK;
    }

    private int joinLater(final int slot, final boolean fromServer, final boolean syn, final MemorySegment s,
        final long frame, final MptcpOptions m)
    {
        final int c = subflows.connection[slot];
        if (c < 0 || subflows.role[slot] != SubflowTable.ROLE_JOIN)
        {
            return Verdict.JOIN_WITHOUT_SYN;
        }
        final boolean v1 = connections.version[c] != 0;
        if (syn && fromServer)
        {
            subflows.serverNonce[slot] = m.joinNonce;
            // Responder's key first.
            final int slotBA = 2 * c + (subflows.clientIsA[slot] ? 1 : 0);
            final int ok = v1 ?
                joinHmac.verifySynAck(keys256, slotBA, m.joinNonce, subflows.clientNonce[slot], m.joinTruncatedHmac) :
                joinHmac.verifySynAckV0(keys160, slotBA, m.joinNonce, subflows.clientNonce[slot], m.joinTruncatedHmac);
            if (ok != CryptoResult.VALID)
            {
                subflows.joinState[slot] = SubflowTable.JOIN_FAILED;
                connections.hmacFailures[c]++;
                return Verdict.JOIN_BAD_SYNACK_HMAC;
            }
            subflows.joinState[slot] = SubflowTable.JOIN_SYNACK_OK;
            return Verdict.OK;
        }
        if (!fromServer && m.joinLength == Mptcp.JOIN_ACK_LENGTH)
        {
            final int slotAB = 2 * c + (subflows.clientIsA[slot] ? 0 : 1);
            final int ok = v1 ?
                joinHmac.verifyAck(keys256, slotAB, subflows.clientNonce[slot], subflows.serverNonce[slot], s,
                    frame + m.joinHmacOffset) :
                joinHmac.verifyAckV0(keys160, slotAB, subflows.clientNonce[slot], subflows.serverNonce[slot], s,
                    frame + m.joinHmacOffset);
            if (ok != CryptoResult.VALID)
            {
                subflows.joinState[slot] = SubflowTable.JOIN_FAILED;
                connections.hmacFailures[c]++;
                return Verdict.JOIN_BAD_ACK_HMAC;
            }
            if (subflows.joinState[slot] == SubflowTable.JOIN_SYNACK_OK)
            {
                subflows.joinState[slot] = SubflowTable.JOIN_OK;
            }
        }
        return Verdict.OK;
    }

    private int connectionLevel(final int c, final int slot, final boolean senderIsA, final ParsedPacket p,
        final MemorySegment s, final long frame, final MptcpOptions m)
    {
        int reason = Verdict.OK;
        final int direction = senderIsA ? 0 : 1;
        if (m.has(Mptcp.DSS) && (m.dssFlags & Mptcp.DSS_FLAG_ACK) != 0)
        {
            // A DATA_ACK acknowledges the other side's data (RFC 8684 3.3.2).
            final int acked = 2 * c + (1 - direction);
            final long reference = connections.dataAcked[acked] != 0 ? connections.dataAcked[acked] :
                (direction == 0 ? connections.idsnB[c] : connections.idsnA[c]) + 1;
            final long dataAck = (m.dssFlags & Mptcp.DSS_FLAG_ACK64) != 0 ? m.dataAck :
                DataSequence.expand(reference, (int)m.dataAck);
            if (dataAck - reference > 0 || connections.dataAcked[acked] == 0)
            {
                connections.dataAcked[acked] = dataAck;
            }
        }
        if (m.has(Mptcp.DSS) && (m.dssFlags & Mptcp.DSS_FLAG_MAP) != 0 && m.dataLevelLength == 0)
        {
            // Infinite mapping (RFC 8684 3.7): the connection falls back to plain TCP.
            connections.fallback[c] = true;
            reason = first(reason, Verdict.FALLBACK);
        }
        else if (m.has(Mptcp.DSS) && (m.dssFlags & Mptcp.DSS_FLAG_MAP) != 0)
        {
            final long reference = connections.mappedEnd[2 * c + direction];
            final long dsn = (m.dssFlags & Mptcp.DSS_FLAG_DSN64) != 0 ? m.dsn :
                DataSequence.expand(reference, (int)m.dsn);
            final long acked = connections.dataAcked[2 * c + direction];
            if (acked != 0 && (dsn - acked > DSN_WINDOW || acked - (dsn + m.dataLevelLength) > DSN_WINDOW))
            {
                connections.mappingAnomalies[c]++;
                reason = first(reason, Verdict.DSN_OUT_OF_WINDOW);
            }
            reason = first(reason, mapping(c, slot, direction, dsn, m.ssn, m.dataLevelLength,
                (m.dssFlags & Mptcp.DSS_FLAG_DATA_FIN) != 0));
            if (m.dssHasChecksum && connections.checksum[c])
            {
                reason = first(reason, checksum(c, p, s, frame, dsn, m.ssn, m.dataLevelLength, m.dssChecksum,
                    (m.dssFlags & Mptcp.DSS_FLAG_DATA_FIN) != 0));
            }
        }
        if (m.has(Mptcp.MP_CAPABLE) && m.mpcHasDataLength)
        {
            // MP_CAPABLE with data: DSN = sender's IDSN + 1, SSN 1 (RFC 8684 3.1).
            final long dsn = (senderIsA ? connections.idsnA[c] : connections.idsnB[c]) + 1;
            reason = first(reason, mapping(c, slot, direction, dsn, 1, m.mpcDataLength, false));
            if (m.mpcHasChecksum)
            {
                reason = first(reason, checksum(c, p, s, frame, dsn, 1, m.mpcDataLength, m.mpcChecksum, false));
            }
        }
        if (m.has(Mptcp.ADD_ADDR) && m.addAddrHasHmac && connections.version[c] != 0)
        {
            final int length;
            if (m.addAddrIpVersion == 4)
            {
                Bytes.put32(scratch, 0, m.addAddrV4);
                length = AddAddrHmac.IPV4_LENGTH;
            }
            else
            {
                Bytes.put64(scratch, 0, m.addAddrV6High);
                Bytes.put64(scratch, 8, m.addAddrV6Low);
                length = AddAddrHmac.IPV6_LENGTH;
            }
            final int port = m.addAddrHasPort ? m.addAddrPort : AddAddrHmac.NO_PORT;
            if (addAddrHmac.verify(keys256, 2 * c + direction, m.addAddrId, scratch, 0, length, port, m.addAddrHmac) !=
                CryptoResult.VALID)
            {
                connections.hmacFailures[c]++;
                reason = first(reason, Verdict.ADD_ADDR_BAD_HMAC);
            }
        }
        if (m.has(Mptcp.MP_FAIL))
        {
            connections.fallback[c] = true;
            reason = first(reason, Verdict.FALLBACK);
        }
        if (m.has(Mptcp.ADD_ADDR) && !m.addAddrEcho && reason != Verdict.ADD_ADDR_BAD_HMAC)
        {
            announce(c, direction, m);
        }
        if (m.has(Mptcp.REMOVE_ADDR))
        {
            for (int i = 0; i < m.removeAddrCount; i++)
            {
                withdraw(c, direction, Bytes.u8(s, frame + m.removeAddrOffset + i));
            }
        }
        if (m.has(Mptcp.MP_PRIO))
        {
            subflows.backup[slot] = m.prioBackup;
        }
        if (m.has(Mptcp.MP_TCPRST))
        {
            subflows.resetReason[slot] = m.tcprstReason;
        }
        if (m.has(Mptcp.MP_FASTCLOSE))
        {
            // The option carries the receiver's key (RFC 8684 3.5).
            final long receiverKey = senderIsA ? connections.keyB[c] : connections.keyA[c];
            if (m.fastcloseKey != receiverKey)
            {
                reason = first(reason, Verdict.FASTCLOSE_BAD_KEY);
            }
            else
            {
                connections.end[c] = ConnectionTable.END_FASTCLOSE;
            }
        }
        return reason;
    }

    private int mapping(final int c, final int slot, final int direction, final long dsn, final int ssn,
        final int length, final boolean dataFin)
    {
        final int dataLength = length - (dataFin ? 1 : 0);
        final int d = 2 * c + direction;
        final long end = dsn + dataLength;
        if (dataLength > 0)
        {
            // The same DSN on the same subflow bytes is the same mapping announced again (one mapping over
            // several segments, a subflow retransmission, or DATA_FIN attached to its last segment): only
            // the same data on other subflow bytes is a reinjection.
            final int index = 2 * slot + direction;
            final boolean again = subflows.lastMapDsn[index] == dsn && subflows.lastMapSsn[index] == ssn;
            subflows.lastMapDsn[index] = dsn;
            subflows.lastMapSsn[index] = ssn;
            final long overlap = addMapped(c, d, dsn, end);
            if (!again)
            {
                connections.reinjectedBytes[c] += overlap;
            }
        }
        if (end > connections.mappedEnd[d])
        {
            connections.mappedEnd[d] = end;
        }
        if (dataFin)
        {
            connections.dataFinDsn[d] = end;
            if (connections.dataFinDsn[2 * c] != 0 && connections.dataFinDsn[2 * c + 1] != 0 &&
                connections.end[c] == ConnectionTable.END_OPEN)
            {
                connections.end[c] = ConnectionTable.END_DATA_FIN;
            }
        }
        return Verdict.OK;
    }

    /**
     * Adds [start, end) to the direction's mapped data: a gap-free prefix plus a few islands.
     *
     * @return bytes of [start, end) that were mapped before (a reinjection).
     */
    private long addMapped(final int c, final int d, final long start, final long end)
    {
        final ConnectionTable t = connections;
        final int base = d * ConnectionTable.ISLANDS;
        long overlap = Math.max(0, Math.min(end, t.contiguousEnd[d]) - start);
        for (int i = 0; i < t.islands[d]; i++)
        {
            overlap += Math.max(0, Math.min(end, t.islandEnd[base + i]) - Math.max(start, t.islandStart[base + i]));
        }
        long s = start;
        long e = end;
        // Merge every island that touches [s, e) into it.
        for (int i = 0; i < t.islands[d]; )
        {
            if (t.islandStart[base + i] <= e && t.islandEnd[base + i] >= s)
            {
                s = Math.min(s, t.islandStart[base + i]);
                e = Math.max(e, t.islandEnd[base + i]);
                final int last = --t.islands[d];
                t.islandStart[base + i] = t.islandStart[base + last];
                t.islandEnd[base + i] = t.islandEnd[base + last];
            }
            else
            {
                i++;
            }
        }
        if (s <= t.contiguousEnd[d])
        {
            t.contiguousEnd[d] = Math.max(t.contiguousEnd[d], e);
        }
        else if (t.islands[d] < ConnectionTable.ISLANDS)
        {
            t.islandStart[base + t.islands[d]] = s;
            t.islandEnd[base + t.islands[d]] = e;
            t.islands[d]++;
        }
        else
        {
            t.mappingOverflow[c] = true;
        }
        return overlap;
    }

    private int checksum(final int c, final ParsedPacket p, final MemorySegment s, final long frame, final long dsn,
        final int ssn, final int dll, final int checksum, final boolean dataFin)
    {
        final int payload = dll - (dataFin ? 1 : 0);
        if (payload != p.payloadLength)
        {
            return Verdict.OK; // the mapping spans several segments: checked when reassembly exists
        }
        if (DssChecksum.verify(dsn, ssn, dll, checksum, s, frame + p.payloadOffset, payload) != CryptoResult.VALID)
        {
            connections.checksumFailures[c]++;
            return Verdict.BAD_DSS_CHECKSUM;
        }
        return Verdict.OK;
    }

    /** How far a DSN may stray from the peer's DATA_ACK before it is flagged (1 GiB). */
    static final long DSN_WINDOW = 1L << 30;

    /**
     * Subflow-level checks: records the segment's mapping (RFC 8684 3.3.1) and flags payload that no
     * mapping covers or a mapping that contradicts the one before it.
     */
    private int subflowLevel(final int c, final int slot, final int sdir, final ParsedPacket p, final MptcpOptions m)
    {
        final int i = 2 * slot + sdir;
        int reason = Verdict.OK;
        if (m.has(Mptcp.DSS) && (m.dssFlags & Mptcp.DSS_FLAG_MAP) != 0 && m.dataLevelLength > 0)
        {
            final boolean dataFinOnly = (m.dssFlags & Mptcp.DSS_FLAG_DATA_FIN) != 0 && m.dataLevelLength == 1 &&
                m.ssn == 0;
            if (!dataFinOnly)
            {
                reason = newMapping(c, i, m.ssn, m.dataLevelLength, m.dsn);
            }
        }
        else if (m.has(Mptcp.MP_CAPABLE) && m.mpcHasDataLength)
        {
            reason = newMapping(c, i, 1, m.mpcDataLength, 0);
        }
        if (p.payloadLength > 0 && subflows.hasIsn[i] && !connections.fallback[c] && reason == Verdict.OK)
        {
            final int relative = p.seq - subflows.isn[i];
            if (!covers(subflows.mapSsn[i], subflows.mapLength[i], relative, p.payloadLength, subflows.hasMap[i]) &&
                !covers(subflows.previousMapSsn[i], subflows.previousMapLength[i], relative, p.payloadLength,
                    subflows.hasMap[i]))
            {
                connections.mappingAnomalies[c]++;
                reason = Verdict.MISSING_MAPPING;
            }
        }
        return reason;
    }

    private static boolean covers(final int ssn, final int length, final int relative, final int payload,
        final boolean hasMap)
    {
        return hasMap && Integer.toUnsignedLong(relative - ssn) + payload <= length;
    }

    private int newMapping(final int c, final int i, final int ssn, final int length, final long dsnWire)
    {
        if (subflows.hasMap[i])
        {
            final int curSsn = subflows.mapSsn[i];
            final int curLength = subflows.mapLength[i];
            if (ssn == curSsn && length >= curLength - 1 && length <= curLength + 1 && dsnWire == subflows.mapDsn[i])
            {
                subflows.mapLength[i] = Math.max(length, curLength); // the same mapping again (DATA_FIN may add 1)
                return Verdict.OK;
            }
            final long overlapStart = Math.max(Integer.toUnsignedLong(ssn), Integer.toUnsignedLong(curSsn));
            final long overlapEnd = Math.min(Integer.toUnsignedLong(ssn) + length,
                Integer.toUnsignedLong(curSsn) + curLength);
            if (overlapStart < overlapEnd && dsnWire - subflows.mapDsn[i] != (long)(ssn - curSsn))
            {
                connections.mappingAnomalies[c]++;
                return Verdict.INCONSISTENT_MAPPING;
            }
            subflows.previousMapSsn[i] = curSsn;
            subflows.previousMapLength[i] = curLength;
            subflows.previousMapDsn[i] = subflows.mapDsn[i];
        }
        subflows.mapSsn[i] = ssn;
        subflows.mapLength[i] = length;
        subflows.mapDsn[i] = dsnWire;
        subflows.hasMap[i] = true;
        return Verdict.OK;
    }

    private void announce(final int c, final int side, final MptcpOptions m)
    {
        final int d = 2 * c + side;
        final int base = d * ConnectionTable.ADDRESSES;
        int i = 0;
        while (i < connections.addressCount[d] && connections.addressId[base + i] != m.addAddrId)
        {
            i++;
        }
        if (i == ConnectionTable.ADDRESSES)
        {
            return;
        }
        if (i == connections.addressCount[d])
        {
            connections.addressCount[d]++;
        }
        connections.addressId[base + i] = m.addAddrId;
        connections.addressVersion[base + i] = m.addAddrIpVersion;
        connections.addressHigh[base + i] = m.addAddrIpVersion == 4 ? 0 : m.addAddrV6High;
        connections.addressLow[base + i] = m.addAddrIpVersion == 4 ? Integer.toUnsignedLong(m.addAddrV4) :
            m.addAddrV6Low;
        connections.addressPort[base + i] = m.addAddrPort;
        connections.addressRemoved[base + i] = false;
    }

    private void withdraw(final int c, final int side, final int id)
    {
        final int d = 2 * c + side;
        final int base = d * ConnectionTable.ADDRESSES;
        for (int i = 0; i < connections.addressCount[d]; i++)
        {
            if (connections.addressId[base + i] == id)
            {
                connections.addressRemoved[base + i] = true;
            }
        }
    }

    /**
     * @param c connection slot.
     * @param direction 0 client to server, 1 server to client.
     * @return data-level bytes mapped in that direction (excluding DATA_FIN).
     */
    public long dataBytes(final int c, final int direction)
    {
        final long start = (direction == 0 ? connections.idsnA[c] : connections.idsnB[c]) + 1;
        return connections.mappedEnd[2 * c + direction] - start;
    }

    /**
     * @param c         connection slot.
     * @param direction 0 client to server, 1 server to client.
     * @return the highest DATA_ACK received for that direction's data, or 0 before any.
     */
    public long dataAcked(final int c, final int direction)
    {
        return connections.dataAcked[2 * c + direction];
    }

    @Override
    public void close()
    {
        arena.close();
    }
}
