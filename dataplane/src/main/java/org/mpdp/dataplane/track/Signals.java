package org.mpdp.dataplane.track;

import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptions;

/**
 * How subflows change and end: MP_PRIO (RFC 8684 3.3.8) sets the backup flag, MP_TCPRST (3.6) the
 * reset reason, MP_FASTCLOSE (3.5) ends the connection if it carries the receiver's key, and a RST
 * on every subflow ends it too. A RST from the server before any SYN/ACK means it refused the subflow.
 */
final class Signals
{
    private final TrackState st;

    Signals(final TrackState state)
    {
        st = state;
    }

    /**
     * @param direction 0 when Key-A's holder sent the segment, 1 Key-B's.
     */
    void onOptions(final int c, final int slot, final int direction, final MptcpOptions m)
    {
        final ConnectionTable ct = st.connections;
        if (m.has(Mptcp.MP_PRIO))
        {
            st.subflows.backup[slot] = m.prioBackup;
        }
        if (m.has(Mptcp.MP_TCPRST))
        {
            st.subflows.resetReason[slot] = m.tcprstReason;
        }
        if (m.has(Mptcp.MP_FASTCLOSE))
        {
            // The option carries the receiver's key (RFC 8684 3.5).
            if (m.fastcloseKey != (direction == 0 ? ct.keyB[c] : ct.keyA[c]))
            {
                ct.flags[c] |= ConnectionTable.FLAG_FASTCLOSE_BAD_KEY;
                st.findings.add(Reason.FASTCLOSE_BAD_KEY);
            }
            else
            {
                ct.end[c] = ConnectionTable.END_FASTCLOSE;
            }
        }
    }

    /** A RST on a subflow (c is -1 when it belongs to no connection). */
    void onReset(final int slot, final int c, final boolean fromServer)
    {
        final SubflowTable t = st.subflows;
        if (t.reset[slot])
        {
            return;
        }
        t.reset[slot] = true;
        if (t.owners != null && t.role(slot) == SubflowTable.ROLE_JOIN)
        {
            t.owners.joinReset(slot);
        }
        if (fromServer && !t.answered[slot])
        {
            t.refused[slot] = true;
        }
        final ConnectionTable ct = st.connections;
        if (c >= 0 && ++ct.resetSubflows[c] == ct.subflows[c] && ct.end[c] == ConnectionTable.END_OPEN)
        {
            ct.end[c] = ConnectionTable.END_RST;
        }
    }
}
