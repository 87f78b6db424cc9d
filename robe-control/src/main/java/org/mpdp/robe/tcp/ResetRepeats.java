package org.mpdp.robe.tcp;

/**
 * Repeats the RST of a subflow we gave up on: a losing attempt (RobE_SIM/TIMER: an MP_CAPABLE SYN that lost the
 * race, or its late SYN/ACK), a rejected join, a session aborted with RST + MP_FASTCLOSE. TCP never acknowledges
 * a RST, so a lost one leaves the server holding state: a request socket in SYN-RECV until its SYN/ACK
 * retransmissions give up about a minute later (the "no half-open leftovers from losing SIM paths"), or
 * an MPTCP connection. The only cure is to send it again: at 50, 150, 350, 750 and 1550 ms after the first (the
 * gap doubling), six in all, which a path losing 30% of its packets loses all of with probability 0.3^6 = 0.07%.
 * A server that already dropped the state ignores a RST for a 4-tuple it does not know (RFC 9293 §3.10.7.1), so
 * the repeats are harmless; the local port stays reserved until the last one, so no new subflow is hit by them.
 *
 * <p>Fixed capacity, nothing allocated per subflow. Control thread only.
 */
public final class ResetRepeats
{
    /** Gap before the first repeat; each later gap doubles. */
    public static final long FIRST_GAP_NANOS = 50_000_000L;
    /** Repeats after the first RST. */
    public static final int REPEATS = 5;

    private final Subflow[] subflows;
    private final long[] dueAt;
    private final int[] sent;
    private int size;

    /** @param capacity most subflows repeating at once (more are counted by the caller and not repeated). */
    public ResetRepeats(final int capacity)
    {
        subflows = new Subflow[capacity];
        dueAt = new long[capacity];
        sent = new int[capacity];
    }

    /**
     * Starts repeating a subflow's last RST (it has just sent it).
     *
     * @param subflow the subflow.
     * @param now     nanoTime.
     * @return false when full (the subflow gets its one RST only).
     */
    public boolean add(final Subflow subflow, final long now)
    {
        if (size == subflows.length)
        {
            return false;
        }
        subflows[size] = subflow;
        dueAt[size] = now + FIRST_GAP_NANOS;
        sent[size] = 0;
        size++;
        return true;
    }

    /** @return whether {@code subflow} still has repeats to send (its port must stay reserved). */
    public boolean contains(final Subflow subflow)
    {
        for (int i = 0; i < size; i++)
        {
            if (subflows[i] == subflow)
            {
                return true;
            }
        }
        return false;
    }

    /** @return subflows with repeats still to send. */
    public int size()
    {
        return size;
    }

    /**
     * Sends the repeats that are due.
     *
     * @param now  nanoTime.
     * @param done told of each subflow after its last repeat (to free its port).
     * @return RSTs sent.
     */
    public int poll(final long now, final java.util.function.Consumer<Subflow> done)
    {
        int work = 0;
        for (int i = 0; i < size; )
        {
            if (now < dueAt[i])
            {
                i++;
                continue;
            }
            final Subflow s = subflows[i];
            s.repeatReset();
            work++;
            if (++sent[i] < REPEATS)
            {
                dueAt[i] = now + (FIRST_GAP_NANOS << sent[i]);
                i++;
                continue;
            }
            size--;
            subflows[i] = subflows[size];
            dueAt[i] = dueAt[size];
            sent[i] = sent[size];
            subflows[size] = null;
            done.accept(s);
        }
        return work;
    }
}
