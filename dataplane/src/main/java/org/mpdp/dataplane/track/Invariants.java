package org.mpdp.dataplane.track;

/**
 * The tracker's structural invariants, checked by walking every table: for tests and the tracker
 * fuzz target, never the packet path. Each check names what broke.
 */
final class Invariants
{
    private Invariants()
    {
    }

    static String check(final TrackState st)
    {
        final String c = connections(st.connections);
        if (c != null)
        {
            return c;
        }
        final String s = subflows(st);
        return s != null ? s : halfOpen(st);
    }

    private static String connections(final ConnectionTable ct)
    {
        int used = 0;
        for (int c = 0; c < ct.capacity; c++)
        {
            used += ct.inUse[c] ? 1 : 0;
        }
        if (used != ct.count() || used + ct.freeCount() != ct.capacity)
        {
            return "connections: " + used + " in use, count " + ct.count() + ", free " + ct.freeCount() + ", capacity " +
                ct.capacity;
        }
        final TokenIndex index = ct.tokenIndex();
        int entries = 0;
        for (int i = 0; i < index.slots(); i++)
        {
            final int v = index.valueAt(i);
            if (v < 0)
            {
                continue;
            }
            entries++;
            final int slot = v >> 1;
            if (slot >= ct.capacity || !ct.inUse[slot])
            {
                return "token index entry " + i + " points to free connection slot " + slot;
            }
            final int token = (v & 1) == 0 ? ct.tokenA[slot] : ct.tokenB[slot];
            if (token != index.tokenAt(i))
            {
                return "token index entry " + i + " holds token " + index.tokenAt(i) + " but connection " + slot +
                    " has " + token;
            }
        }
        if (entries != index.size() || entries > 2 * used)
        {
            return "token index: " + entries + " entries, size " + index.size() + ", connections " + used;
        }
        for (int c = 0; c < ct.capacity; c++)
        {
            if (ct.inUse[c] && ct.tokenIndexRefusals() == 0 && (!holds(ct, ct.tokenA[c], 2 * c) ||
                !holds(ct, ct.tokenB[c], 2 * c + 1)))
            {
                return "connection " + c + " is not reachable by its tokens";
            }
        }
        return null;
    }

    private static boolean holds(final ConnectionTable ct, final int token, final int value)
    {
        for (int p = ct.firstByToken(token); p != TokenIndex.END; p = ct.nextByToken(token, p))
        {
            if (ct.candidate(p) == value)
            {
                return true;
            }
        }
        return false;
    }

    private static String subflows(final TrackState st)
    {
        final SubflowTable t = st.subflows;
        final ConnectionTable ct = st.connections;
        int used = 0;
        int bound = 0;
        for (int i = 0; i < t.count(); i++)
        {
            if (!t.inUse(i))
            {
                continue;
            }
            used++;
            final int c = t.connection(i);
            if (c >= 0)
            {
                bound++;
                if (c >= ct.capacity || !ct.inUse[c])
                {
                    return "subflow " + i + " bound to free connection " + c;
                }
            }
            final int found = t.find(t.ipVersion[i], t.clientHigh[i], t.clientLow[i], t.clientPort[i], t.serverHigh[i],
                t.serverLow[i], t.serverPort[i]);
            if (found != i)
            {
                return "subflow " + i + " is not found by its 4-tuple (find gave " + found + ")";
            }
        }
        if (used != t.live() || used + t.freeCount() != t.count())
        {
            return "subflows: " + used + " in use, live " + t.live() + ", free " + t.freeCount() + ", high water " +
                t.count();
        }
        int indexed = 0;
        for (int i = 0; i < t.indexSize(); i++)
        {
            final int slot = t.indexSlotAt(i);
            if (slot >= 0)
            {
                indexed++;
                if (slot >= t.count() || !t.inUse(slot))
                {
                    return "subflow index position " + i + " points to free slot " + slot;
                }
            }
        }
        if (indexed != used)
        {
            return "subflow index holds " + indexed + " entries for " + used + " subflows";
        }
        int listed = 0;
        for (int c = 0; c < ct.capacity; c++)
        {
            if (!ct.inUse[c])
            {
                continue;
            }
            int n = 0;
            int prev = SubflowTable.NONE;
            for (int s = ct.firstSubflow[c]; s != SubflowTable.NONE; s = t.nextInConnection[s])
            {
                if (++n > t.capacity || !t.inUse(s) || t.connection(s) != c || t.prevInConnection[s] != prev)
                {
                    return "connection " + c + ": subflow list broken at subflow " + s;
                }
                prev = s;
            }
            if (n != ct.subflows[c])
            {
                return "connection " + c + " lists " + n + " subflows but counts " + ct.subflows[c];
            }
            listed += n;
        }
        return listed != bound ? listed + " subflows listed under connections, " + bound + " bound" : null;
    }

    private static String halfOpen(final TrackState st)
    {
        final SubflowTable t = st.subflows;
        int embryonic = 0;
        for (int i = 0; i < t.count(); i++)
        {
            if (t.embryonic[i])
            {
                if (!t.inUse(i))
                {
                    return "free subflow " + i + " marked half-open";
                }
                embryonic++;
            }
        }
        if (embryonic != st.halfOpen.live() || embryonic > st.halfOpen.budget())
        {
            return embryonic + " half-open subflows, budget counts " + st.halfOpen.live() + " of " +
                st.halfOpen.budget();
        }
        return null;
    }
}
