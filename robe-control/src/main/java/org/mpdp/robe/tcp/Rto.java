package org.mpdp.robe.tcp;

/**
 * The retransmission timer of RFC 6298: initial RTO 1 s (§2.1), SRTT/RTTVAR from the first sample (§2.2) and
 * then with alpha 1/8 and beta 1/4 (§2.3), RTO = SRTT + max(G, 4 RTTVAR) with a 200 ms floor (Linux's
 * TCP_RTO_MIN rather than the RFC's 1 s: the RFC allows a lower bound, §2.4), at most 60 s, doubled on each
 * expiry (§5.5). Karn's rule (§3) is the caller's: only segments sent once are sampled.
 */
public final class Rto
{
    /** Initial RTO (RFC 6298 §2.1). */
    public static final long INITIAL_NANOS = 1_000_000_000L;
    /** Lower bound. */
    public static final long MIN_NANOS = 200_000_000L;
    /** Upper bound (§2.5 allows 60 s). */
    public static final long MAX_NANOS = 60_000_000_000L;
    /** Clock granularity G. */
    private static final long GRANULARITY_NANOS = 1_000_000L;

    private long srtt;
    private long rttvar;
    private long rto = INITIAL_NANOS;
    private boolean sampled;

    /**
     * A round-trip sample.
     *
     * @param rttNanos measured RTT.
     */
    public void sample(final long rttNanos)
    {
        final long r = Math.max(1, rttNanos);
        if (!sampled)
        {
            srtt = r;
            rttvar = r / 2;
            sampled = true;
        }
        else
        {
            rttvar = (3 * rttvar + Math.abs(srtt - r)) / 4;
            srtt = (7 * srtt + r) / 8;
        }
        rto = Math.min(MAX_NANOS, Math.max(MIN_NANOS, srtt + Math.max(GRANULARITY_NANOS, 4 * rttvar)));
    }

    /** The timer expired: back off (§5.5). */
    public void backOff()
    {
        rto = Math.min(MAX_NANOS, rto * 2);
    }

    /** @return the current RTO. */
    public long rtoNanos()
    {
        return rto;
    }

    /** @return SRTT, or 0 before a sample. */
    public long srttNanos()
    {
        return srtt;
    }

    /** @return whether a sample was taken. */
    public boolean sampled()
    {
        return sampled;
    }
}
