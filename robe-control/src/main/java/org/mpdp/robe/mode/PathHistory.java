package org.mpdp.robe.mode;

/**
 * What IPS knows of each path, across the sessions of one process: an EWMA of handshake RTTs (SYN to SYN/ACK of
 * MP_CAPABLE and MP_JOIN subflows, alpha 1/4) and an EWMA of the outcome of each handshake try (1 answered; 0 for
 * each SYN its RTO found unanswered, and for an attempt still unanswered when its session ended; alpha 1/4).
 *
 * <p>Score (lower is better): {@code rtt / max(success, 0.05)}, the expected time to a SYN/ACK if each try
 * took one RTT and tries repeated until one succeeds (a geometric number of tries with mean 1/success). A path
 * with no history scores {@link #UNKNOWN_SCORE_NANOS} (one initial RTO, what a first try costs when it is
 * lost): it ranks after any path that answers within a second, and before one that keeps failing. With no
 * history at all the order is the config's (ties keep it), so paths[0] is the default. Joins on every path after each establishment give
 * every path samples, so IPS does not need to gamble to learn.
 */
public final class PathHistory
{
    private static final double ALPHA = 0.25;
    private static final double FLOOR = 0.05;
    /** Score of a path without history: 1 s, the initial RTO. */
    public static final double UNKNOWN_SCORE_NANOS = 1e9;

    private final double[] rttNanos;
    private final double[] success;
    private final int[] samples;

    /** @param paths number of paths. */
    public PathHistory(final int paths)
    {
        rttNanos = new double[paths];
        success = new double[paths];
        samples = new int[paths];
    }

    /** Forgets everything learnt (after a warm-up, so measured sessions start as on a fresh box). */
    public void forget()
    {
        java.util.Arrays.fill(rttNanos, 0);
        java.util.Arrays.fill(success, 0);
        java.util.Arrays.fill(samples, 0);
    }

    /**
     * A handshake on a path was answered.
     *
     * @param path     path index.
     * @param rttNanos first SYN sent to its SYN/ACK.
     */
    public void answered(final int path, final long rttNanos)
    {
        if (samples[path] == 0)
        {
            this.rttNanos[path] = rttNanos;
            success[path] = 1;
        }
        else
        {
            this.rttNanos[path] += ALPHA * (rttNanos - this.rttNanos[path]);
            success[path] += ALPHA * (1 - success[path]);
        }
        samples[path]++;
    }

    /**
     * A handshake on a path was never answered.
     *
     * @param path path index.
     */
    public void unanswered(final int path)
    {
        if (samples[path] == 0)
        {
            // No RTT known: a failure costs what one RTO (1 s) would.
            rttNanos[path] = 1e9;
            success[path] = 0;
        }
        else
        {
            success[path] += ALPHA * (0 - success[path]);
        }
        samples[path]++;
    }

    /** @return whether every path has at least one sample. */
    public boolean complete()
    {
        for (final int s : samples)
        {
            if (s == 0)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param path path index.
     * @return its score (lower is better), {@link #UNKNOWN_SCORE_NANOS} without history.
     */
    public double score(final int path)
    {
        return samples[path] == 0 ? UNKNOWN_SCORE_NANOS : rttNanos[path] / Math.max(success[path], FLOOR);
    }

    /** @return path indexes, best first (stable: ties and unknowns keep config order). */
    public int[] order()
    {
        final Integer[] order = new Integer[rttNanos.length];
        for (int i = 0; i < order.length; i++)
        {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(score(a), score(b)));
        final int[] result = new int[order.length];
        for (int i = 0; i < order.length; i++)
        {
            result[i] = order[i];
        }
        return result;
    }
}
