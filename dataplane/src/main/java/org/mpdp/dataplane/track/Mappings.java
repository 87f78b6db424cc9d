package org.mpdp.dataplane.track;

import java.lang.foreign.MemorySegment;

import org.mpdp.dataplane.crypto.CryptoResult;
import org.mpdp.dataplane.crypto.DssChecksum;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptions;
import org.mpdp.dataplane.wire.ParsedPacket;

/**
 * Data sequence mappings (RFC 8684 3.3): DATA_ACKs and DSNs expanded to 64 bits before anything is
 * compared (a 32-bit DSN across a wrap, or mixed 32- and 64-bit mappings, are the same data), the
 * mapped-data scoreboard per direction (gap-free prefix plus islands) that tells reinjections, DSS
 * checksums, fallback (infinite mapping, MP_FAIL), DATA_FIN, and the subflow-level checks: payload
 * that no mapping covers, and a mapping that contradicts the one before it.
 */
final class Mappings
{
    /** How far a DSN may stray from the peer's DATA_ACK before it is flagged (1 GiB). */
    static final long DSN_WINDOW = 1L << 30;

    private final TrackState st;
    private long checksumsSpanning;

    Mappings(final TrackState state)
    {
        st = state;
    }

    /**
     * DSS and MP_CAPABLE-with-data of one segment on a subflow of connection {@code c}.
     *
     * @param direction data-level direction: 0 from Key-A's holder, 1 from Key-B's.
     * @param sdir      subflow direction: 0 client to server, 1 server to client.
     */
    void onSegment(final int c, final int slot, final int direction, final int sdir, final ParsedPacket p,
        final MemorySegment s, final long frame, final MptcpOptions m)
    {
        final ConnectionTable ct = st.connections;
        final boolean dss = m.has(Mptcp.DSS);
        if (dss && (m.dssFlags & Mptcp.DSS_FLAG_ACK) != 0)
        {
            dataAck(c, direction, m);
        }
        boolean mapped = false;
        int ssn = 0;
        int length = 0;
        long dsn = 0;
        if (dss && (m.dssFlags & Mptcp.DSS_FLAG_MAP) != 0 && m.dataLevelLength == 0)
        {
            // Infinite mapping (RFC 8684 3.7): the connection falls back to plain TCP.
            ct.fallBack(c);
            st.findings.add(Reason.FALLBACK);
        }
        else if (dss && (m.dssFlags & Mptcp.DSS_FLAG_MAP) != 0)
        {
            final boolean dataFin = (m.dssFlags & Mptcp.DSS_FLAG_DATA_FIN) != 0;
            dsn = (m.dssFlags & Mptcp.DSS_FLAG_DSN64) != 0 ? m.dsn :
                DataSequence.expand(ct.mappedEnd(2 * c + direction), (int)m.dsn);
            final long acked = ct.dataAcked(2 * c + direction);
            if (acked != 0 && (dsn - acked > DSN_WINDOW || acked - (dsn + m.dataLevelLength) > DSN_WINDOW))
            {
                ct.mappingAnomalies[c]++;
                st.findings.add(Reason.DSN_OUT_OF_WINDOW);
            }
            record(c, slot, direction, dsn, m.ssn, m.dataLevelLength, dataFin);
            if (m.dssHasChecksum && ct.checksum(c))
            {
                checksum(c, p, s, frame, dsn, m.ssn, m.dataLevelLength, m.dssChecksum, dataFin);
            }
            // The DATA_FIN takes a DSN but no subflow byte (RFC 8684 3.3.3): the mapping covers one subflow
            // byte fewer than its data-level length, and a DATA_FIN alone (length 1, SSN 0) maps none.
            mapped = !(dataFin && m.dataLevelLength == 1 && m.ssn == 0);
            ssn = m.ssn;
            length = m.dataLevelLength - (dataFin ? 1 : 0);
        }
        else if (m.has(Mptcp.MP_CAPABLE) && m.mpcHasDataLength)
        {
            // MP_CAPABLE with data: DSN = sender's IDSN + 1, SSN 1 (RFC 8684 3.1).
            dsn = (direction == 0 ? ct.idsnA[c] : ct.idsnB[c]) + 1;
            record(c, slot, direction, dsn, 1, m.mpcDataLength, false);
            if (m.mpcHasChecksum)
            {
                checksum(c, p, s, frame, dsn, 1, m.mpcDataLength, m.mpcChecksum, false);
            }
            mapped = true;
            ssn = 1;
            length = m.mpcDataLength;
        }
        if (m.has(Mptcp.MP_FAIL))
        {
            ct.fallBack(c);
            st.findings.add(Reason.FALLBACK);
        }
        subflowLevel(c, 2 * slot + sdir, p, mapped, ssn, length, dsn);
    }

    /** A DATA_ACK acknowledges the other side's data (RFC 8684 3.3.2). */
    private void dataAck(final int c, final int direction, final MptcpOptions m)
    {
        final ConnectionTable ct = st.connections;
        final int acked = 2 * c + (1 - direction);
        final long before = ct.dataAcked(acked);
        final long reference = before != 0 ? before :
            (direction == 0 ? ct.idsnB[c] : ct.idsnA[c]) + 1;
        final long dataAck = (m.dssFlags & Mptcp.DSS_FLAG_ACK64) != 0 ? m.dataAck :
            DataSequence.expand(reference, (int)m.dataAck);
        if (dataAck - reference > 0 || before == 0)
        {
            ct.dataAcked(acked, dataAck);
        }
    }

    private void record(final int c, final int slot, final int direction, final long dsn, final int ssn,
        final int length, final boolean dataFin)
    {
        final ConnectionTable ct = st.connections;
        final SubflowTable t = st.subflows;
        final int dataLength = length - (dataFin ? 1 : 0);
        final int d = 2 * c + direction;
        final long end = dsn + dataLength;
        if (dataLength > 0)
        {
            // The same DSN on the same subflow bytes is the same mapping announced again (one mapping over
            // several segments, a subflow retransmission, or DATA_FIN attached to its last segment): only
            // the same data on other subflow bytes is a reinjection.
            final boolean again = t.recordMapping(2 * slot + direction, dsn, ssn);
            final long overlap = Scoreboard.add(ct, c, d, dsn, end);
            if (!again)
            {
                ct.addReinjected(c, overlap);
            }
        }
        if (end - ct.mappedEnd(d) > 0)
        {
            ct.mappedEnd(d, end);
        }
        if (dataFin)
        {
            ct.dataFinDsn[d] = end;
            if (ct.dataFinDsn[2 * c] != 0 && ct.dataFinDsn[2 * c + 1] != 0 && ct.end[c] == ConnectionTable.END_OPEN)
            {
                ct.end[c] = ConnectionTable.END_DATA_FIN;
            }
        }
    }

    private void checksum(final int c, final ParsedPacket p, final MemorySegment s, final long frame, final long dsn,
        final int ssn, final int dll, final int checksum, final boolean dataFin)
    {
        final int payload = dll - (dataFin ? 1 : 0);
        if (payload != p.payloadLength)
        {
            checksumsSpanning++; // the mapping spans several segments: needs reassembly, not checked
            return;
        }
        if (present(p) < payload)
        {
            st.findings.add(Reason.CHECKSUM_UNVERIFIABLE);
            return;
        }
        if (DssChecksum.verify(dsn, ssn, dll, checksum, s, frame + p.payloadOffset, payload) != CryptoResult.VALID)
        {
            st.connections.checksumFailures[c]++;
            st.findings.add(Reason.BAD_DSS_CHECKSUM);
        }
    }

    /**
     * Records the segment's mapping on the subflow (RFC 8684 3.3.1) and flags payload that no mapping
     * covers or a mapping that contradicts the one before it. DSNs are 64-bit here.
     */
    private void subflowLevel(final int c, final int i, final ParsedPacket p, final boolean mapped, final int ssn,
        final int length, final long dsn)
    {
        final SubflowTable t = st.subflows;
        boolean consistent = true;
        if (mapped && length > 0)
        {
            consistent = newMapping(c, i, ssn, length, dsn);
        }
        if (p.payloadLength > 0 && t.hasIsn(i) && !st.connections.fallback(c) && consistent)
        {
            final int relative = p.seq - t.isn(i);
            final boolean hasMap = t.hasMap(i);
            if (!covers(t.mapSsn(i), t.mapLength(i), relative, p.payloadLength, hasMap) &&
                !covers(t.previousMapSsn(i), t.previousMapLength(i), relative, p.payloadLength, hasMap))
            {
                st.connections.mappingAnomalies[c]++;
                st.findings.add(Reason.MISSING_MAPPING);
            }
        }
    }

    private static boolean covers(final int ssn, final int length, final int relative, final int payload,
        final boolean hasMap)
    {
        return hasMap && Integer.toUnsignedLong(relative - ssn) + payload <= length;
    }

    private boolean newMapping(final int c, final int i, final int ssn, final int length, final long dsn)
    {
        final SubflowTable t = st.subflows;
        final boolean hasMap = t.hasMap(i);
        if (hasMap)
        {
            final int curSsn = t.mapSsn(i);
            final int curLength = t.mapLength(i);
            final long curDsn = t.mapDsn(i);
            if (ssn == curSsn && length >= curLength - 1 && length <= curLength + 1 && dsn == curDsn)
            {
                t.mapLength(i, Math.max(length, curLength)); // the same mapping again (a byte longer or shorter: tolerated)
                return true;
            }
            // Overlapping subflow bytes must map to the same data: DSN and SSN move together.
            final int delta = ssn - curSsn;
            final long overlapStart = Math.max(0, delta);
            final long overlapEnd = Math.min(curLength, (long)delta + length);
            if (overlapStart < overlapEnd && dsn - curDsn != delta)
            {
                st.connections.mappingAnomalies[c]++;
                st.findings.add(Reason.INCONSISTENT_MAPPING);
                return false;
            }
        }
        t.map(i, ssn, length, dsn, hasMap);
        return true;
    }

    /** Payload bytes present in the buffer (fewer than the segment's when a capture cut it). */
    private static int present(final ParsedPacket p)
    {
        return p.payloadCaptured;
    }

    /**
     * @return DSS checksums not checked because their mapping spans several segments.
     */
    long checksumsSpanning()
    {
        return checksumsSpanning;
    }
}
