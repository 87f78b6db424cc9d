package org.mpdp.dataplane.port;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One mbuf pool per NUMA socket, created when the first port on that socket needs it, so RX
 * buffers are always local to the NIC that fills them.
 */
public final class MbufPools implements AutoCloseable
{
    /** Pool names are process-wide in DPDK: each MbufPools gets its own number. */
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final int instance = INSTANCES.getAndIncrement();
    private final int mbufsPerPool;
    private final int cacheSize;
    private final int dataRoom;
    private final Map<Integer, MbufPool> pools = new TreeMap<>();

    /**
     * @param mbufsPerPool mbufs in each socket's pool.
     * @param cacheSize    per-lcore cache size.
     * @param dataRoom     data room per mbuf, headroom included.
     */
    public MbufPools(final int mbufsPerPool, final int cacheSize, final int dataRoom)
    {
        this.mbufsPerPool = mbufsPerPool;
        this.cacheSize = cacheSize;
        this.dataRoom = dataRoom;
    }

    /**
     * l2fwd's sizing: every RX and TX descriptor of every port can hold an mbuf, plus a burst and a
     * full cache per lcore, and never fewer than 8192.
     *
     * @param ports      ports sharing the pool.
     * @param rxDescs    RX descriptors per port (all queues).
     * @param txDescs    TX descriptors per port (all queues).
     * @param burst      burst size.
     * @param lcores     threads that take mbufs.
     * @return the number of mbufs.
     */
    public static int size(final int ports, final int rxDescs, final int txDescs, final int burst, final int lcores)
    {
        return Math.max(ports * (rxDescs + txDescs + burst + lcores * MbufPool.DEFAULT_CACHE), 8192);
    }

    /**
     * @param socket NUMA socket.
     * @return that socket's pool, created on first use.
     */
    public synchronized MbufPool forSocket(final int socket)
    {
        return pools.computeIfAbsent(socket,
            s -> MbufPool.create("mpdp_p" + instance + "_s" + s, mbufsPerPool, cacheSize, dataRoom, s));
    }

    /**
     * @return the pools created so far.
     */
    public synchronized List<MbufPool> all()
    {
        return new ArrayList<>(pools.values());
    }

    /**
     * @return mbufs out of every pool (after the ports closed, anything but 0 is a leak).
     */
    public synchronized int inUse()
    {
        int n = 0;
        for (final MbufPool pool : pools.values())
        {
            n += pool.inUse();
        }
        return n;
    }

    /**
     * Frees every pool; ports must be closed first.
     */
    @Override
    public synchronized void close()
    {
        pools.values().forEach(MbufPool::close);
        pools.clear();
    }
}
