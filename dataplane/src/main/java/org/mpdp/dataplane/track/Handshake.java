package org.mpdp.dataplane.track;

import org.mpdp.dataplane.crypto.KeyDerivation;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptions;

/**
 * MP_CAPABLE (RFC 8684 3.1, RFC 6824 3.1): keys from the SYN (v0), SYN/ACK and third ACK, a
 * connection with its tokens, IDSNs and HMAC midstates once both keys are known, and the check
 * that the third ACK echoes the keys the handshake exchanged. Nothing is allocated for a SYN beyond
 * its half-open subflow: the connection exists only after the client's third ACK (or first data),
 * which a spoofed SYN never produces.
 */
final class Handshake
{
    private final TrackState st;
    private final KeyDerivation derive = new KeyDerivation();

    Handshake(final TrackState state)
    {
        st = state;
    }

    /** An MP_CAPABLE option on an initial subflow. */
    void onMpCapable(final int slot, final boolean fromServer, final boolean syn, final MptcpOptions m)
    {
        final SubflowTable t = st.subflows;
        if (syn)
        {
            if (m.mpcHasSenderKey)
            {
                if (fromServer)
                {
                    t.synAckKey[slot] = m.mpcSenderKey;
                    t.hasSynAckKey[slot] = true;
                }
                else
                {
                    // v0: Key-A already in the SYN.
                    t.synKey[slot] = m.mpcSenderKey;
                    t.hasSynKey[slot] = true;
                }
            }
            return;
        }
        if (fromServer || !m.mpcHasReceiverKey)
        {
            return;
        }
        final int c = t.connection(slot);
        if (c >= 0)
        {
            // A retransmitted third ACK or MP_CAPABLE with data: it must carry the connection's keys.
            if (m.mpcSenderKey != st.connections.keyA[c] || m.mpcReceiverKey != st.connections.keyB[c])
            {
                keyMismatch(c);
            }
            return;
        }
        final boolean mismatch = t.hasSynKey[slot] && t.synKey[slot] != m.mpcSenderKey ||
            t.hasSynAckKey[slot] && t.synAckKey[slot] != m.mpcReceiverKey;
        // The handshake's own keys win over what the ACK echoes: they are what both hosts hold.
        final long keyA = t.hasSynKey[slot] ? t.synKey[slot] : m.mpcSenderKey;
        final long keyB = t.hasSynAckKey[slot] ? t.synAckKey[slot] : m.mpcReceiverKey;
        final int created = create(slot, m.mpcVersion, keyA, keyB, (m.mpcFlags & Mptcp.MPC_FLAG_A) != 0);
        if (created >= 0 && mismatch)
        {
            keyMismatch(created);
        }
    }

    /**
     * A non-SYN segment on an initial v0 subflow whose third ACK was not seen, with both keys known
     * from the SYN and SYN/ACK (RFC 6824 carries them there): the connection is created from those.
     */
    void onV0WithoutAck(final int slot)
    {
        final SubflowTable t = st.subflows;
        if (t.connection(slot) < 0 && t.hasSynKey[slot] && t.hasSynAckKey[slot])
        {
            create(slot, 0, t.synKey[slot], t.synAckKey[slot], false);
        }
    }

    private void keyMismatch(final int c)
    {
        st.connections.flags[c] |= ConnectionTable.FLAG_KEY_MISMATCH;
        st.findings.add(Reason.KEY_MISMATCH);
    }

    private int create(final int slot, final int version, final long keyA, final long keyB, final boolean checksum)
    {
        final ConnectionTable ct = st.connections;
        final int c = ct.allocate();
        if (c < 0)
        {
            st.findings.add(Reason.TABLE_FULL);
            return -1;
        }
        ct.version[c] = version;
        ct.checksum(c, checksum);
        ct.keyA[c] = keyA;
        ct.keyB[c] = keyB;
        if (version == 0)
        {
            ct.tokenA[c] = derive.deriveV0(keyA).token();
            ct.idsnA[c] = derive.idsn();
            ct.tokenB[c] = derive.deriveV0(keyB).token();
            ct.idsnB[c] = derive.idsn();
            st.keys160.setKey(2 * c, keyA, keyB);
            st.keys160.setKey(2 * c + 1, keyB, keyA);
        }
        else
        {
            ct.tokenA[c] = derive.deriveV1(keyA).token();
            ct.idsnA[c] = derive.idsn();
            ct.tokenB[c] = derive.deriveV1(keyB).token();
            ct.idsnB[c] = derive.idsn();
            st.keys256.setKey(2 * c, keyA, keyB);
            st.keys256.setKey(2 * c + 1, keyB, keyA);
        }
        for (int d = 0; d < 2; d++)
        {
            final long start = (d == 0 ? ct.idsnA[c] : ct.idsnB[c]) + 1;
            ct.mappedEnd(2 * c + d, start);
            ct.contiguousEnd(2 * c + d, start);
        }
        ct.indexTokens(c);
        ct.lastSeen(c, st.now);
        st.halfOpen.leave(st.subflows, slot);
        st.subflows.link(slot, c, ct);
        return c;
    }
}
