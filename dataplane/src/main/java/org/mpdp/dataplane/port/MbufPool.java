package org.mpdp.dataplane.port;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.mpdp.dpdk.DpdkException;
import org.mpdp.dpdk.ffi.dpdk_h;
import org.mpdp.dpdk.ffi.shim_h;

/**
 * A pool of packet buffers (rte_pktmbuf_pool_create) on one NUMA socket. Every mbuf taken from it
 * must come back: {@link #inUse()} is how tests and shutdown prove no mbuf leaked.
 */
public final class MbufPool implements AutoCloseable
{
    /** Default data room: 2048 bytes of packet plus the 128-byte headroom (RTE_MBUF_DEFAULT_BUF_SIZE). */
    public static final int DEFAULT_DATA_ROOM = dpdk_h.RTE_MBUF_DEFAULT_BUF_SIZE();
    /** Per-lcore cache; l2fwd's 256, within RTE_MEMPOOL_CACHE_MAX_SIZE. */
    public static final int DEFAULT_CACHE = 256;

    /** Linux errno ENOMEM. */
    private static final int ENOMEM = 12;

    private final String name;
    private final int capacity;
    private final int socket;
    private final int dataRoom;
    private MemorySegment pool;

    private MbufPool(final String name, final int capacity, final int socket, final int dataRoom, final MemorySegment pool)
    {
        this.name = name;
        this.capacity = capacity;
        this.socket = socket;
        this.dataRoom = dataRoom;
        this.pool = pool;
    }

    /**
     * Creates a pool.
     *
     * @param name      unique pool name (at most 26 characters: RTE_MEMPOOL_NAMESIZE less the "MP_" prefix).
     * @param capacity  number of mbufs; DPDK is most memory-efficient at 2^q - 1.
     * @param cacheSize per-lcore cache size.
     * @param dataRoom  bytes of data room per mbuf including headroom.
     * @param socket    NUMA socket to allocate on.
     * @return the pool.
     */
    public static MbufPool create(final String name, final int capacity, final int cacheSize, final int dataRoom,
        final int socket)
    {
        if (capacity < 1 || dataRoom < dpdk_h.RTE_PKTMBUF_HEADROOM() || dataRoom > 0xFFFF)
        {
            throw new IllegalArgumentException("mbuf pool " + name + ": capacity=" + capacity + " dataRoom=" + dataRoom +
                " (capacity >= 1, dataRoom in [" + dpdk_h.RTE_PKTMBUF_HEADROOM() + ", 65535])");
        }
        final MemorySegment pool;
        try (Arena arena = Arena.ofConfined())
        {
            pool = dpdk_h.rte_pktmbuf_pool_create(arena.allocateFrom(name), capacity, cacheSize, (short)0,
                (short)dataRoom, socket);
        }
        if (pool.equals(MemorySegment.NULL))
        {
            final int err = shim_h.mpdp_errno();
            throw new DpdkException("rte_pktmbuf_pool_create(name=" + name + ", n=" + capacity + ", cache=" + cacheSize +
                ", dataRoom=" + dataRoom + ", socket=" + socket + ") failed: " + DpdkException.strerror(err) +
                (err == ENOMEM ? " (EAL memory too small: raise memoryMb)" : ""), err);
        }
        return new MbufPool(name, capacity, socket, dataRoom, pool);
    }

    /**
     * @return the rte_mempool pointer.
     */
    public MemorySegment segment()
    {
        return pool;
    }

    /**
     * @return the rte_mempool address, for {@link org.mpdp.dpdk.FastPath#allocBulk}.
     */
    public long address()
    {
        return pool.address();
    }

    /**
     * @return the pool name.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return mbufs in the pool when none is taken.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * @return the NUMA socket the pool lives on.
     */
    public int socket()
    {
        return socket;
    }

    /**
     * @return data room per mbuf, including headroom.
     */
    public int dataRoom()
    {
        return dataRoom;
    }

    /**
     * @return free mbufs, counting those in per-lcore caches.
     */
    public int available()
    {
        return dpdk_h.rte_mempool_avail_count(pool);
    }

    /**
     * @return mbufs currently taken from the pool (by drivers' RX rings, by mpdp, or leaked).
     */
    public int inUse()
    {
        return dpdk_h.rte_mempool_in_use_count(pool);
    }

    /**
     * Frees the pool. Ports that use it must be closed first.
     */
    @Override
    public void close()
    {
        if (!pool.equals(MemorySegment.NULL))
        {
            dpdk_h.rte_mempool_free(pool);
            pool = MemorySegment.NULL;
        }
    }

    @Override
    public String toString()
    {
        return "MbufPool{name=" + name + ", socket=" + socket + ", capacity=" + capacity + ", dataRoom=" + dataRoom + "}";
    }
}
