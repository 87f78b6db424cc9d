package org.mpdp.dataplane.agent;

import org.mpdp.dpdk.Affinity;
import org.mpdp.dpdk.Eal;

/** What every packet thread does first and last: an EAL lcore id (a mempool cache) and its CPU. */
final class PacketThreads
{
    private PacketThreads()
    {
    }

    /**
     * Registers the calling thread with EAL (without an lcore id every alloc/free hits the pool ring)
     * and pins it.
     *
     * @param cpu CPU, or -1 to leave the thread unpinned.
     * @return the lcore id, for {@link #leave}.
     */
    static int enter(final int cpu)
    {
        final int lcore = Eal.registerThread();
        if (cpu >= 0)
        {
            Affinity.pin(cpu);
        }
        return lcore;
    }

    /** Gives the lcore id back, if {@link #enter} got one. */
    static void leave(final int lcore)
    {
        if (lcore >= 0)
        {
            Eal.unregisterThread();
        }
    }
}
