package org.mpdp.robe.tcp;

/**
 * Repeats a bare segment (no options, no payload) that closes something at the peer and that nothing will
 * acknowledge: the RST that answers a stray segment (one for no subflow we hold: typically a server's
 * retransmitted FIN from LAST-ACK after the session had already ended), and the last ACK of a subflow we
 * closed actively on a lossy path (the ACK of the server's FIN, which takes it out of LAST-ACK).
 * The server retransmits its FIN only with its RTO doubling, and that RTO is 3 s after a retransmitted SYN/ACK
 * (Linux's TCP_TIMEOUT_FALLBACK, RFC 6298 §5.7: 3, 9, 21 s), so a lost last ACK or RST costs a whole round,
 * and a process that stops lingering before the next round leaves the socket at the server for minutes.
 * Copies 50, 150, 350 ... ms after the first (the gap doubling): with 2 more a round's RST arrives with
 * probability 1 - 0.3^3 = 97.3% on a path losing 30% of its packets; with 4 more the last ACK 99.8%. A
 * segment for a connection the server has already dropped gets at most a RST back, which we ignore
 * (RFC 9293 §3.10.7.1).
 *
 * <p>What is kept is the RST's fields, not the frame: fixed capacity, nothing allocated. Control thread only.
 */
public final class StrayResets
{
    /** Gap before the first repeat; the next gap doubles. */
    public static final long FIRST_GAP_NANOS = 50_000_000L;
    /** Repeats after the first RST answering a stray segment. */
    public static final int RST_REPEATS = 2;
    /** Repeats after the first last ACK of a lossy active close. */
    public static final int LAST_ACK_REPEATS = 4;

    /** Sends one bare segment with the fields it was added with. */
    @FunctionalInterface
    public interface Sender
    {
        /**
         * @param port   port id.
         * @param dstMac the peer's (next hop's) MAC.
         * @param src    our address.
         * @param dst    the peer's address.
         * @param sport  our port.
         * @param dport  the peer's port.
         * @param seq    sequence number.
         * @param ack    acknowledgement number.
         * @param flags  TCP flags.
         */
        void send(int port, long dstMac, int src, int dst, int sport, int dport, int seq, int ack, int flags);
    }

    private final int[] port;
    private final long[] dstMac;
    private final int[] src;
    private final int[] dst;
    private final int[] sport;
    private final int[] dport;
    private final int[] seq;
    private final int[] ack;
    private final int[] flags;
    private final long[] dueAt;
    private final int[] sent;
    private final int[] repeats;
    private int size;

    /** @param capacity most RSTs repeating at once (more are counted by the caller and sent once). */
    public StrayResets(final int capacity)
    {
        port = new int[capacity];
        dstMac = new long[capacity];
        src = new int[capacity];
        dst = new int[capacity];
        sport = new int[capacity];
        dport = new int[capacity];
        seq = new int[capacity];
        ack = new int[capacity];
        flags = new int[capacity];
        dueAt = new long[capacity];
        sent = new int[capacity];
        repeats = new int[capacity];
    }

    /**
     * Starts repeating a segment that has just been sent once (arguments as {@link Sender#send}).
     *
     * @param repeats copies still to send ({@link #RST_REPEATS}, {@link #LAST_ACK_REPEATS}).
     * @param now     nanoTime.
     * @return false when full.
     */
    public boolean add(final int port, final long dstMac, final int src, final int dst, final int sport,
        final int dport, final int seq, final int ack, final int flags, final int repeats, final long now)
    {
        if (size == this.port.length)
        {
            return false;
        }
        final int i = size++;
        this.port[i] = port;
        this.dstMac[i] = dstMac;
        this.src[i] = src;
        this.dst[i] = dst;
        this.sport[i] = sport;
        this.dport[i] = dport;
        this.seq[i] = seq;
        this.ack[i] = ack;
        this.flags[i] = flags;
        dueAt[i] = now + FIRST_GAP_NANOS;
        sent[i] = 0;
        this.repeats[i] = repeats;
        return true;
    }

    /** @return segments with repeats still to send. */
    public int size()
    {
        return size;
    }

    /**
     * Sends the repeats that are due.
     *
     * @param now    nanoTime.
     * @param sender sends one.
     * @return segments sent.
     */
    public int poll(final long now, final Sender sender)
    {
        int work = 0;
        for (int i = 0; i < size; )
        {
            if (now < dueAt[i])
            {
                i++;
                continue;
            }
            sender.send(port[i], dstMac[i], src[i], dst[i], sport[i], dport[i], seq[i], ack[i], flags[i]);
            work++;
            if (++sent[i] < repeats[i])
            {
                dueAt[i] = now + (FIRST_GAP_NANOS << sent[i]);
                i++;
                continue;
            }
            moveLast(i);
        }
        return work;
    }

    private void moveLast(final int i)
    {
        final int last = --size;
        port[i] = port[last];
        dstMac[i] = dstMac[last];
        src[i] = src[last];
        dst[i] = dst[last];
        sport[i] = sport[last];
        dport[i] = dport[last];
        seq[i] = seq[last];
        ack[i] = ack[last];
        flags[i] = flags[last];
        dueAt[i] = dueAt[last];
        sent[i] = sent[last];
        repeats[i] = repeats[last];
    }
}
