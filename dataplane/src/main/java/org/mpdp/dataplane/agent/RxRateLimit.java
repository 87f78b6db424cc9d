package org.mpdp.dataplane.agent;

import org.mpdp.dpdk.FastPath;

/**
 * A token bucket on one RX thread ({@code rx.max-pps}): how many packets the thread may take from its
 * queues now. It paces the pipeline when the source is as fast as it is polled (net_pcap with
 * {@code infinite_rx=1}, a benchmark's load): what RX does not take stays in the driver. Credit grows
 * with the TSC at {@code pps} packets per second, up to {@link #DEPTH} packets: what a NIC's RX ring of
 * that many descriptors would hold while the thread was not polling (descheduled on a shared machine,
 * say), taken afterwards a burst at a time, so a short stall does not lower the offered rate. No
 * allocation; one thread.
 */
final class RxRateLimit
{
    /** Most packets of credit: a 1024-descriptor RX ring. */
    static final int DEPTH = 1024;

    /** Unlimited: {@link #allowance} returns its argument and reads no clock. */
    static final RxRateLimit NONE = new RxRateLimit(0, 0, 1);

    private final long pps;
    private final long hz;
    private final long depthScaled;
    /** Credit in packets x hz, so adding elapsed ticks x pps needs no division. */
    private long credit;
    private long last;

    /**
     * @param pps   packets per second, 0 for no limit.
     * @param depth most packets taken at once after an idle time.
     * @param hz    TSC ticks per second (rte_get_tsc_hz).
     */
    RxRateLimit(final long pps, final int depth, final long hz)
    {
        this.pps = pps;
        this.hz = hz;
        depthScaled = depth * hz;
    }

    /**
     * @param pps   packets per second for this thread, 0 for no limit.
     * @param burst the RX burst; the bucket holds at least two.
     * @return a limit on the TSC (EAL must be running when pps is not 0).
     */
    static RxRateLimit of(final long pps, final int burst)
    {
        return pps <= 0 ? NONE : new RxRateLimit(pps, Math.max(DEPTH, 2 * burst), FastPath.tscHz());
    }

    /**
     * @param max most packets wanted (a burst).
     * @return how many may be taken now, 0..max.
     */
    int allowance(final int max)
    {
        if (pps == 0)
        {
            return max;
        }
        final long now = FastPath.rdtsc();
        // At most one second of credit per call, so elapsed x pps cannot overflow.
        final long elapsed = last == 0 ? 0 : Math.min(now - last, hz);
        last = now;
        credit = Math.min(depthScaled, credit + elapsed * pps);
        return (int)Math.min(max, credit / hz);
    }

    /**
     * @param n packets just taken (at most the last {@link #allowance}).
     */
    void took(final int n)
    {
        if (pps != 0)
        {
            credit -= n * hz;
        }
    }
}
