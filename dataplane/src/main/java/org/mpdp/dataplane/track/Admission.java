package org.mpdp.dataplane.track;

import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptions;
import org.mpdp.dataplane.wire.ParsedPacket;

/**
 * Which segments of unknown subflows take state, and what kind: the only place the tracker
 * allocates table entries for traffic it has not authenticated, so every entry it makes is
 * half-open and counts against {@link HalfOpen}'s budget.
 */
final class Admission
{
    private final TrackState st;
    private final Joins joins;

    Admission(final TrackState state, final Joins joins)
    {
        st = state;
        this.joins = joins;
    }

    /**
     * A segment of an unknown subflow: a SYN with MP_CAPABLE, or MP_JOIN with a known token, opens a
     * half-open subflow; other segments with MPTCP options are picked up mid-stream; plain TCP takes
     * no state. Returns the {@link SubflowTable#find}-style result, or -1.
     */
    int open(final ParsedPacket p, final MptcpOptions m, final boolean syn, final boolean ack,
        final long srcHigh, final long srcLow, final long dstHigh, final long dstLow)
    {
        final boolean mpc = m.has(Mptcp.MP_CAPABLE);
        final boolean join = m.has(Mptcp.MP_JOIN);
        final int role;
        if (syn && !ack && (mpc || join))
        {
            if (join && !joins.known(m.joinToken))
            {
                // Refused before it takes a slot, so a flood of random tokens cannot fill anything.
                st.findings.add(Reason.JOIN_UNKNOWN_TOKEN);
                return -1;
            }
            role = join ? SubflowTable.ROLE_JOIN : SubflowTable.ROLE_INITIAL;
        }
        else if (m.optionCount > 0)
        {
            st.findings.add(join ? Reason.JOIN_WITHOUT_SYN : mpc ? Reason.MPC_WITHOUT_SYN : Reason.MID_STREAM);
            role = SubflowTable.ROLE_MID_STREAM;
        }
        else
        {
            return -1;
        }
        if (!st.halfOpen.makeRoom(st.subflows, st.connections))
        {
            st.findings.add(Reason.TABLE_FULL);
            return -1;
        }
        // A SYN/ACK's sender is the server; otherwise the sender is taken as the client.
        final boolean reverse = syn && ack;
        final int slot = reverse ?
            st.subflows.add(p.ipVersion, dstHigh, dstLow, p.dstPort, srcHigh, srcLow, p.srcPort) :
            st.subflows.add(p.ipVersion, srcHigh, srcLow, p.srcPort, dstHigh, dstLow, p.dstPort);
        if (slot < 0)
        {
            st.findings.add(Reason.TABLE_FULL);
            return -1;
        }
        st.halfOpen.admit(st.subflows, slot);
        st.subflows.role(slot, role);
        if (role == SubflowTable.ROLE_JOIN)
        {
            joins.onSyn(slot, m);
            if (st.subflows.owners != null)
            {
                st.subflows.owners.joinAdmitted(slot);
            }
        }
        return reverse ? slot | SubflowTable.FROM_SERVER : slot;
    }

}
