package org.mpdp.dataplane.track;

import java.nio.ByteBuffer;

/**
 * One group of a {@link TrackerSnapshot} body being loaded: read whole (a connection or none, and its
 * subflows), routed, then restored into a tracker's tables. Reused from group to group; its subflow
 * arrays grow with the largest group.
 */
final class SnapshotGroup
{
    private static final int CONNECTION_INTS = 10;
    private static final int CONNECTION_LONGS = 6;
    private static final int SUBFLOW_INTS = 11;
    private static final int SUBFLOW_LONGS = 6;
    private static final int SUBFLOW_BOOLEANS = 7;
    /** Where last seen is in the copied hot state (after the 4-tuple: packets, payload, last seen). */
    private static final int SUBFLOW_LAST_SEEN = 2;
    private static final int CONNECTION_LAST_SEEN = 0;

    boolean hasConnection;
    int subflowCount;
    // Connection: order, flags, version, tokenA, tokenB, hmacFailures, checksumFailures, end, resetSubflows,
    // mappingAnomalies; keyA, keyB, idsnA, idsnB, dataFinDsn x2.
    private final int[] ci = new int[CONNECTION_INTS];
    private final long[] cl = new long[CONNECTION_LONGS];
    private final long[] islandStart = new long[2 * ConnectionTable.ISLANDS];
    private final long[] islandEnd = new long[2 * ConnectionTable.ISLANDS];
    private boolean mappingOverflow;
    private final int[] addressCount = new int[2];
    private final int[] addressId = new int[2 * ConnectionTable.ADDRESSES];
    private final int[] addressVersion = new int[2 * ConnectionTable.ADDRESSES];
    private final long[] addressHigh = new long[2 * ConnectionTable.ADDRESSES];
    private final long[] addressLow = new long[2 * ConnectionTable.ADDRESSES];
    private final int[] addressPort = new int[2 * ConnectionTable.ADDRESSES];
    private final boolean[] addressRemoved = new boolean[2 * ConnectionTable.ADDRESSES];
    private final long[] connectionHot = new long[ConnectionTable.HOT_STATE_LONGS];
    // Subflows, in list order: ints order, ipVersion, clientPort, serverPort, joinState, joinToken, clientNonce,
    // serverNonce, joinHmacsSeen, resetReason, (spare); longs clientHigh, clientLow, serverHigh, serverLow, synKey,
    // synAckKey; booleans backup, hasSynKey, hasSynAckKey, answered, refused, reset, embryonic.
    private int[] si = new int[0];
    private long[] sl = new long[0];
    private boolean[] sb = new boolean[0];
    private long[] subflowHot = new long[0];

    /** Reads the next group. */
    void read(final ByteBuffer b)
    {
        final int kind = b.get();
        if (kind != 0 && kind != 1)
        {
            throw new SnapshotException("corrupt: group kind " + kind);
        }
        hasConnection = kind == 1;
        if (hasConnection)
        {
            readConnection(b);
        }
        subflowCount = b.getInt();
        if (subflowCount < 0 || subflowCount > b.remaining() / 100 + 1 || !hasConnection && subflowCount != 1)
        {
            throw new SnapshotException("corrupt: group of " + subflowCount + " subflows");
        }
        grow(subflowCount);
        for (int s = 0; s < subflowCount; s++)
        {
            readSubflow(b, s);
        }
    }

    private void readConnection(final ByteBuffer b)
    {
        ci[0] = b.getInt();
        ci[1] = b.getInt();
        ci[2] = b.getInt();
        cl[0] = b.getLong();
        cl[1] = b.getLong();
        ci[3] = b.getInt();
        ci[4] = b.getInt();
        cl[2] = b.getLong();
        cl[3] = b.getLong();
        for (int i = 0; i < islandStart.length; i++)
        {
            islandStart[i] = b.getLong();
            islandEnd[i] = b.getLong();
        }
        mappingOverflow = bool(b);
        cl[4] = b.getLong();
        cl[5] = b.getLong();
        for (int i = 5; i < CONNECTION_INTS; i++)
        {
            ci[i] = b.getInt();
        }
        if (ci[7] < ConnectionTable.END_OPEN || ci[7] > ConnectionTable.END_RST)
        {
            throw new SnapshotException("corrupt: connection end " + ci[7]);
        }
        for (int side = 0; side < 2; side++)
        {
            addressCount[side] = b.getInt();
            if (addressCount[side] < 0 || addressCount[side] > ConnectionTable.ADDRESSES)
            {
                throw new SnapshotException("corrupt: " + addressCount[side] + " announced addresses");
            }
            for (int a = side * ConnectionTable.ADDRESSES; a < (side + 1) * ConnectionTable.ADDRESSES; a++)
            {
                addressId[a] = b.getInt();
                addressVersion[a] = b.getInt();
                addressHigh[a] = b.getLong();
                addressLow[a] = b.getLong();
                addressPort[a] = b.getInt();
                addressRemoved[a] = bool(b);
            }
        }
        for (int i = 0; i < connectionHot.length; i++)
        {
            connectionHot[i] = b.getLong();
        }
    }

    private void readSubflow(final ByteBuffer b, final int s)
    {
        final int i = SUBFLOW_INTS * s;
        final int l = SUBFLOW_LONGS * s;
        final int z = SUBFLOW_BOOLEANS * s;
        si[i] = b.getInt();
        si[i + 1] = b.getInt();
        if (si[i + 1] != 4 && si[i + 1] != 6)
        {
            throw new SnapshotException("corrupt: IP version " + si[i + 1]);
        }
        sl[l] = b.getLong();
        sl[l + 1] = b.getLong();
        si[i + 2] = b.getInt();
        sl[l + 2] = b.getLong();
        sl[l + 3] = b.getLong();
        si[i + 3] = b.getInt();
        sb[z] = bool(b);
        for (int k = 4; k < 9; k++)
        {
            si[i + k] = b.getInt();
        }
        sl[l + 4] = b.getLong();
        sl[l + 5] = b.getLong();
        for (int k = 1; k < 6; k++)
        {
            sb[z + k] = bool(b);
        }
        si[i + 9] = b.getInt();
        sb[z + 6] = bool(b);
        for (int k = 0; k < SubflowTable.HOT_STATE_LONGS; k++)
        {
            subflowHot[SubflowTable.HOT_STATE_LONGS * s + k] = b.getLong();
        }
        final int role = (int)(subflowHot[SubflowTable.HOT_STATE_LONGS * s + 3] >>> 32) & 0xFF;
        if (role > SubflowTable.ROLE_MID_STREAM)
        {
            throw new SnapshotException("corrupt: subflow role " + role);
        }
    }

    private static boolean bool(final ByteBuffer b)
    {
        final int v = b.get();
        if (v != 0 && v != 1)
        {
            throw new SnapshotException("corrupt: boolean " + v);
        }
        return v == 1;
    }

    private void grow(final int n)
    {
        if (si.length < SUBFLOW_INTS * n)
        {
            si = new int[SUBFLOW_INTS * n];
            sl = new long[SUBFLOW_LONGS * n];
            sb = new boolean[SUBFLOW_BOOLEANS * n];
            subflowHot = new long[SubflowTable.HOT_STATE_LONGS * n];
        }
    }

    private int role(final int s)
    {
        // The meta long (connection, role, client-is-A) is the fourth of the copied hot state.
        return (int)(subflowHot[SubflowTable.HOT_STATE_LONGS * s + 3] >>> 32) & 0xFF;
    }

    /** @return the worker for this group: by its initial subflow (whose hash steers it), else its first. */
    int route(final TrackerSnapshot.Router router)
    {
        int r = 0;
        for (int s = 0; s < subflowCount; s++)
        {
            if (role(s) == SubflowTable.ROLE_INITIAL)
            {
                r = s;
                break;
            }
        }
        if (subflowCount == 0)
        {
            return 0;
        }
        final int i = SUBFLOW_INTS * r;
        final int l = SUBFLOW_LONGS * r;
        return router.worker(si[i + 1], sl[l], sl[l + 1], si[i + 2], sl[l + 2], sl[l + 3], si[i + 3]);
    }

    /**
     * Puts the group in a tracker's tables: the connection (tokens indexed and published, HMAC midstates
     * derived from the keys) and its subflows (joins published), half-open ones back in the budget.
     *
     * @return false when the tables had no room (nothing of the group is kept).
     */
    boolean restoreInto(final TrackState st, final long nowNanos)
    {
        final ConnectionTable ct = st.connections;
        final SubflowTable t = st.subflows;
        if (hasConnection && ct.freeCount() == 0 || t.live() + subflowCount > t.capacity)
        {
            return false;
        }
        connectionHot[CONNECTION_LAST_SEEN] = nowNanos;
        final int c = hasConnection ? restoreConnection(st) : -1;
        // The list is rebuilt by linking at its head: last first keeps the order.
        for (int s = subflowCount - 1; s >= 0; s--)
        {
            final int i = SUBFLOW_INTS * s;
            final int l = SUBFLOW_LONGS * s;
            final int z = SUBFLOW_BOOLEANS * s;
            final int slot = t.add(si[i + 1], sl[l], sl[l + 1], si[i + 2], sl[l + 2], sl[l + 3], si[i + 3]);
            if (slot < 0)
            {
                // A probe limit on this table's hash: the rest of the group meets an unknown state.
                continue;
            }
            // Last seen is on the old process's clock: restart the idle timers now.
            subflowHot[SubflowTable.HOT_STATE_LONGS * s + SUBFLOW_LAST_SEEN] = nowNanos;
            t.restoreHotState(slot, subflowHot, SubflowTable.HOT_STATE_LONGS * s);
            t.restoreOrder(slot, si[i]);
            t.backup[slot] = sb[z];
            t.joinState[slot] = si[i + 4];
            t.joinToken[slot] = si[i + 5];
            t.clientNonce[slot] = si[i + 6];
            t.serverNonce[slot] = si[i + 7];
            t.joinHmacsSeen[slot] = si[i + 8];
            t.synKey[slot] = sl[l + 4];
            t.synAckKey[slot] = sl[l + 5];
            t.hasSynKey[slot] = sb[z + 1];
            t.hasSynAckKey[slot] = sb[z + 2];
            t.answered[slot] = sb[z + 3];
            t.refused[slot] = sb[z + 4];
            t.reset[slot] = sb[z + 5];
            t.resetReason[slot] = si[i + 9];
            if (c >= 0)
            {
                t.link(slot, c, ct);
            }
            if (sb[z + 6] && st.halfOpen.makeRoom(t, ct))
            {
                st.halfOpen.admit(t, slot);
            }
            // A reset join is no longer routed here (its tuple may be reused): see OwnershipListener#joinReset.
            if (t.role(slot) == SubflowTable.ROLE_JOIN && t.owners != null && !t.reset[slot])
            {
                t.owners.joinAdmitted(slot);
            }
        }
        return true;
    }

    private int restoreConnection(final TrackState st)
    {
        final ConnectionTable ct = st.connections;
        final int c = ct.allocate();
        ct.restoreOrder(c, ci[0]);
        ct.flags[c] = ci[1];
        ct.version[c] = ci[2];
        ct.keyA[c] = cl[0];
        ct.keyB[c] = cl[1];
        ct.tokenA[c] = ci[3];
        ct.tokenB[c] = ci[4];
        ct.idsnA[c] = cl[2];
        ct.idsnB[c] = cl[3];
        System.arraycopy(islandStart, 0, ct.islandStart, 2 * ConnectionTable.ISLANDS * c, islandStart.length);
        System.arraycopy(islandEnd, 0, ct.islandEnd, 2 * ConnectionTable.ISLANDS * c, islandEnd.length);
        ct.mappingOverflow[c] = mappingOverflow;
        ct.dataFinDsn[2 * c] = cl[4];
        ct.dataFinDsn[2 * c + 1] = cl[5];
        ct.hmacFailures[c] = ci[5];
        ct.checksumFailures[c] = ci[6];
        ct.end[c] = ci[7];
        ct.resetSubflows[c] = ci[8];
        ct.mappingAnomalies[c] = ci[9];
        final int a0 = 2 * c * ConnectionTable.ADDRESSES;
        ct.addressCount[2 * c] = addressCount[0];
        ct.addressCount[2 * c + 1] = addressCount[1];
        System.arraycopy(addressId, 0, ct.addressId, a0, addressId.length);
        System.arraycopy(addressVersion, 0, ct.addressVersion, a0, addressVersion.length);
        System.arraycopy(addressHigh, 0, ct.addressHigh, a0, addressHigh.length);
        System.arraycopy(addressLow, 0, ct.addressLow, a0, addressLow.length);
        System.arraycopy(addressPort, 0, ct.addressPort, a0, addressPort.length);
        System.arraycopy(addressRemoved, 0, ct.addressRemoved, a0, addressRemoved.length);
        ct.restoreHotState(c, connectionHot, 0);
        // The join HMAC midstates are derived from the keys, as Handshake does when it creates the connection.
        if (ct.version[c] == 0)
        {
            st.keys160.setKey(2 * c, ct.keyA[c], ct.keyB[c]);
            st.keys160.setKey(2 * c + 1, ct.keyB[c], ct.keyA[c]);
        }
        else
        {
            st.keys256.setKey(2 * c, ct.keyA[c], ct.keyB[c]);
            st.keys256.setKey(2 * c + 1, ct.keyB[c], ct.keyA[c]);
        }
        ct.indexTokens(c);
        return c;
    }
}
