package org.mpdp.dataplane.track;

import java.lang.foreign.MemorySegment;

import org.mpdp.dataplane.crypto.CryptoResult;
import org.mpdp.dataplane.crypto.JoinHmac;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptions;

/**
 * MP_JOIN (RFC 8684 3.2): the SYN's token names the connection, the SYN/ACK's truncated HMAC and the
 * third ACK's HMAC prove both ends hold its keys. A token may be held by two live connections (a
 * 32-bit collision): the join then stays unbound until the SYN/ACK, whose HMAC is tried against each
 * candidate, and binds to the one it verifies with. A join is half-open until its third ACK verifies.
 */
final class Joins
{
    private final TrackState st;
    private final JoinHmac joinHmac = new JoinHmac();
    private final AckHmacBatch batch;

    Joins(final TrackState state, final AckHmacBatch batch)
    {
        st = state;
        this.batch = batch;
    }

    /**
     * @return whether some live connection holds the token (a SYN with an unknown one takes no state).
     */
    boolean known(final int token)
    {
        return st.connections.firstByToken(token) != TokenIndex.END;
    }

    /** A join SYN on a new (half-open) subflow whose token is known. */
    void onSyn(final int slot, final MptcpOptions m)
    {
        final SubflowTable t = st.subflows;
        final ConnectionTable ct = st.connections;
        t.role(slot, SubflowTable.ROLE_JOIN);
        t.backup[slot] = m.joinBackup;
        t.clientNonce[slot] = m.joinNonce;
        t.joinToken[slot] = m.joinToken;
        t.joinState[slot] = SubflowTable.JOIN_SYN;
        final int first = ct.firstByToken(m.joinToken);
        if (ct.nextByToken(m.joinToken, first) == TokenIndex.END)
        {
            bind(slot, ct.candidate(first));
        }
    }

    private void bind(final int slot, final int side)
    {
        // The token names the receiver: if it is Key-B's, the joining client holds Key-A.
        st.subflows.clientIsA(slot, (side & 1) == 1);
        st.subflows.link(slot, side >> 1, st.connections);
    }

    /** MP_JOIN on a later segment of a subflow (SYN/ACK from the server, third ACK from the client). */
    void onLater(final int slot, final boolean fromServer, final boolean syn, final MemorySegment s, final long frame,
        final MptcpOptions m)
    {
        final SubflowTable t = st.subflows;
        if (t.role(slot) != SubflowTable.ROLE_JOIN)
        {
            st.findings.add(Reason.JOIN_WITHOUT_SYN);
            return;
        }
        if (syn && fromServer)
        {
            t.answered[slot] = true;
            t.serverNonce[slot] = m.joinNonce;
            t.joinHmacsSeen[slot] |= 1;
            if (t.connection(slot) >= 0 ? synAckVerifies(slot, 2 * t.connection(slot) + (t.clientIsA(slot) ? 1 : 0),
                m) : bindBySynAck(slot, m))
            {
                t.joinState[slot] = SubflowTable.JOIN_SYNACK_OK;
            }
            else
            {
                fail(slot, Reason.JOIN_BAD_SYNACK_HMAC);
            }
            return;
        }
        if (!fromServer && m.joinLength == Mptcp.JOIN_ACK_LENGTH)
        {
            t.joinHmacsSeen[slot] |= 2;
            final int c = t.connection(slot);
            if (c < 0)
            {
                fail(slot, Reason.JOIN_BAD_ACK_HMAC);
                return;
            }
            final int slotAB = 2 * c + (t.clientIsA(slot) ? 0 : 1);
            final int batched = st.connections.version[c] != 0 ?
                batch.verify(slotAB, c, t.clientNonce[slot], t.serverNonce[slot], s, frame + m.joinHmacOffset) : -1;
            final int ok = batched >= 0 ? batched : st.connections.version[c] != 0 ?
                joinHmac.verifyAck(st.keys256, slotAB, t.clientNonce[slot], t.serverNonce[slot], s,
                    frame + m.joinHmacOffset) :
                joinHmac.verifyAckV0(st.keys160, slotAB, t.clientNonce[slot], t.serverNonce[slot], s,
                    frame + m.joinHmacOffset);
            if (ok != CryptoResult.VALID)
            {
                fail(slot, Reason.JOIN_BAD_ACK_HMAC);
            }
            else if (t.joinState[slot] == SubflowTable.JOIN_SYNACK_OK)
            {
                t.joinState[slot] = SubflowTable.JOIN_OK;
                st.halfOpen.leave(t, slot);
            }
        }
    }

    /** The token is shared: the SYN/ACK's HMAC picks the connection (at most one verifies). */
    private boolean bindBySynAck(final int slot, final MptcpOptions m)
    {
        final ConnectionTable ct = st.connections;
        final int token = st.subflows.joinToken[slot];
        for (int p = ct.firstByToken(token); p != TokenIndex.END; p = ct.nextByToken(token, p))
        {
            final int side = ct.candidate(p);
            // Responder's key first: the responder holds the token's key.
            if (synAckVerifies(slot, side, m))
            {
                bind(slot, side);
                return true;
            }
        }
        return false;
    }

    private boolean synAckVerifies(final int slot, final int slotBA, final MptcpOptions m)
    {
        final int c = slotBA >> 1;
        final int nonceA = st.subflows.clientNonce[slot];
        final int ok = st.connections.version[c] != 0 ?
            joinHmac.verifySynAck(st.keys256, slotBA, m.joinNonce, nonceA, m.joinTruncatedHmac) :
            joinHmac.verifySynAckV0(st.keys160, slotBA, m.joinNonce, nonceA, m.joinTruncatedHmac);
        return ok == CryptoResult.VALID;
    }

    private void fail(final int slot, final Reason reason)
    {
        st.subflows.joinState[slot] = SubflowTable.JOIN_FAILED;
        final int c = st.subflows.connection(slot);
        if (c >= 0)
        {
            st.connections.hmacFailures[c]++;
        }
        st.findings.add(reason);
    }
}
