package org.mpdp.dataplane.port;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.LinkedHashMap;
import java.util.Map;

import org.mpdp.dpdk.DpdkException;
import org.mpdp.dpdk.EthDev;
import org.mpdp.dpdk.LinkBits;
import org.mpdp.dpdk.ffi.dpdk_h;
import org.mpdp.dpdk.ffi.rte_eth_conf;
import org.mpdp.dpdk.ffi.rte_eth_dev_info;
import org.mpdp.dpdk.ffi.rte_eth_link;
import org.mpdp.dpdk.ffi.rte_eth_rss_conf;
import org.mpdp.dpdk.ffi.rte_eth_rxmode;
import org.mpdp.dpdk.ffi.rte_eth_stats;
import org.mpdp.dpdk.ffi.rte_eth_xstat;
import org.mpdp.dpdk.ffi.rte_eth_xstat_name;

/**
 * One ethdev port, brought up in l2fwd's order with a check and a named error after every call:
 * info, configure (RSS when more than one RX queue), RX and TX queue set-up on the port's NUMA socket,
 * start, promiscuous mode, link. Control-plane only: the packet path uses the port id and
 * {@link org.mpdp.dpdk.FastPath} directly.
 */
public final class Port implements AutoCloseable
{
    /** RSS hash types mpdp asks for, narrowed to what the driver offers. */
    private static final long WANTED_RSS = dpdk_h.RTE_ETH_RSS_IP() | dpdk_h.RTE_ETH_RSS_TCP() | dpdk_h.RTE_ETH_RSS_UDP();

    private final int id;
    private final String name;
    private final String driver;
    private final int socket;
    private final PortConfig config;
    private final MbufPool pool;
    private final boolean rss;
    private final boolean promiscuous;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment stats = rte_eth_stats.allocate(arena);
    private boolean started;
    private boolean closed;

    private Port(final int id, final String name, final String driver, final int socket, final PortConfig config,
        final MbufPool pool, final boolean rss, final boolean promiscuous)
    {
        this.id = id;
        this.name = name;
        this.driver = driver;
        this.socket = socket;
        this.config = config;
        this.pool = pool;
        this.rss = rss;
        this.promiscuous = promiscuous;
    }

    /**
     * Configures and starts a port.
     *
     * @param id     port id.
     * @param config queues, descriptors, MTU, promiscuous.
     * @param pools  where RX mbufs come from; the pool on the port's socket is used.
     * @return the started port.
     */
    public static Port open(final int id, final PortConfig config, final MbufPools pools)
    {
        if (!EthDev.valid(id))
        {
            throw new DpdkException("port " + id + " does not exist (" + EthDev.count() + " ports available)");
        }
        final String name = EthDev.name(id);
        final int socket = EthDev.socket(id);
        final MbufPool pool = pools.forSocket(socket);
        final short port = (short)id;
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment info = rte_eth_dev_info.allocate(arena);
            DpdkException.check(dpdk_h.rte_eth_dev_info_get(port, info), "rte_eth_dev_info_get(port=" + id + ")");
            final String driver = rte_eth_dev_info.driver_name(info).reinterpret(64).getString(0);
            checkLimits(id, name, config, info);

            final MemorySegment conf = rte_eth_conf.allocate(arena).fill((byte)0);
            final MemorySegment rxmode = rte_eth_conf.rxmode(conf);
            final long rssHf = WANTED_RSS & rte_eth_dev_info.flow_type_rss_offloads(info);
            final boolean rss = config.rxQueues() > 1 && rssHf != 0;
            if (config.rxQueues() > 1 && !rss)
            {
                System.err.println("mpdp: port " + id + " (" + name + ", driver " + driver + ") offers no RSS hash " +
                    "types; " + config.rxQueues() + " RX queues will not be hashed");
            }
            if (rss)
            {
                rte_eth_rxmode.mq_mode(rxmode, dpdk_h.RTE_ETH_MQ_RX_RSS());
                final MemorySegment rssConf = rte_eth_conf.rss_conf(conf);
                rte_eth_rss_conf.rss_key(rssConf, MemorySegment.NULL);
                rte_eth_rss_conf.rss_hf(rssConf, rssHf);
            }
            if (config.mtu() > 0)
            {
                rte_eth_rxmode.mtu(rxmode, config.mtu());
            }
            final String where = "(port=" + id + " " + name + ", rxq=" + config.rxQueues() + ", txq=" +
                config.txQueues() + ")";
            DpdkException.check(dpdk_h.rte_eth_dev_configure(port, (short)config.rxQueues(), (short)config.txQueues(),
                conf), "rte_eth_dev_configure" + where);
            for (int q = 0; q < config.rxQueues(); q++)
            {
                DpdkException.check(dpdk_h.rte_eth_rx_queue_setup(port, (short)q, (short)config.rxDesc(), socket,
                    MemorySegment.NULL, pool.segment()), "rte_eth_rx_queue_setup(port=" + id + ", queue=" + q +
                    ", desc=" + config.rxDesc() + ", pool=" + pool.name() + ")");
            }
            for (int q = 0; q < config.txQueues(); q++)
            {
                DpdkException.check(dpdk_h.rte_eth_tx_queue_setup(port, (short)q, (short)config.txDesc(), socket,
                    MemorySegment.NULL), "rte_eth_tx_queue_setup(port=" + id + ", queue=" + q + ", desc=" +
                    config.txDesc() + ")");
            }
            DpdkException.check(dpdk_h.rte_eth_dev_start(port), "rte_eth_dev_start(port=" + id + " " + name + ")");
            boolean promiscuous = false;
            if (config.promiscuous())
            {
                final int rc = dpdk_h.rte_eth_promiscuous_enable(port);
                promiscuous = rc == 0;
                if (rc != 0)
                {
                    System.err.println("mpdp: port " + id + " (" + name + "): promiscuous mode not enabled: " +
                        DpdkException.strerror(-rc));
                }
            }
            final Port opened = new Port(id, name, driver, socket, config, pool, rss, promiscuous);
            opened.started = true;
            return opened;
        }
    }

    private static void checkLimits(final int id, final String name, final PortConfig config, final MemorySegment info)
    {
        final int maxRx = Short.toUnsignedInt(rte_eth_dev_info.max_rx_queues(info));
        final int maxTx = Short.toUnsignedInt(rte_eth_dev_info.max_tx_queues(info));
        if (config.rxQueues() > maxRx || config.txQueues() > maxTx)
        {
            throw new DpdkException("port " + id + " (" + name + ") supports at most " + maxRx + " RX and " + maxTx +
                " TX queues; asked for rxQueues=" + config.rxQueues() + " txQueues=" + config.txQueues());
        }
        final int minMtu = Short.toUnsignedInt(rte_eth_dev_info.min_mtu(info));
        final int maxMtu = Short.toUnsignedInt(rte_eth_dev_info.max_mtu(info));
        if (config.mtu() > 0 && (config.mtu() < minMtu || config.mtu() > maxMtu))
        {
            throw new DpdkException("port " + id + " (" + name + "): mtu=" + config.mtu() + " outside the driver's [" +
                minMtu + ", " + maxMtu + "]");
        }
    }

    /**
     * @return port id.
     */
    public int id()
    {
        return id;
    }

    /**
     * @return device name, e.g. net_null0.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return driver name.
     */
    public String driver()
    {
        return driver;
    }

    /**
     * @return NUMA socket.
     */
    public int socket()
    {
        return socket;
    }

    /**
     * @return the configuration the port was opened with.
     */
    public PortConfig config()
    {
        return config;
    }

    /**
     * @return the pool RX mbufs come from.
     */
    public MbufPool pool()
    {
        return pool;
    }

    /**
     * @return whether RSS spreads RX over the queues.
     */
    public boolean rss()
    {
        return rss;
    }

    /**
     * @return whether promiscuous mode is on.
     */
    public boolean promiscuous()
    {
        return promiscuous;
    }

    /**
     * @return the port's MAC address, the 6 bytes in wire order in the low 48 bits (first byte highest).
     */
    public long mac()
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment mac = arena.allocate(6);
            DpdkException.check(dpdk_h.rte_eth_macaddr_get((short)id, mac), "rte_eth_macaddr_get(port=" + id + ")");
            long value = 0;
            for (int i = 0; i < 6; i++)
            {
                value = value << 8 | Byte.toUnsignedLong(mac.get(ValueLayout.JAVA_BYTE, i));
            }
            return value;
        }
    }

    /**
     * @return the MTU the driver reports.
     */
    public int mtu()
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment mtu = arena.allocate(ValueLayout.JAVA_SHORT);
            DpdkException.check(dpdk_h.rte_eth_dev_get_mtu((short)id, mtu), "rte_eth_dev_get_mtu(port=" + id + ")");
            return Short.toUnsignedInt(mtu.get(ValueLayout.JAVA_SHORT, 0));
        }
    }

    /**
     * @return link state without waiting.
     */
    public Link link()
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment link = rte_eth_link.allocate(arena);
            DpdkException.check(dpdk_h.rte_eth_link_get_nowait((short)id, link), "rte_eth_link_get_nowait(port=" + id + ")");
            final int bits = LinkBits.word(link);
            return new Link((bits & LinkBits.STATUS_MASK) != 0, rte_eth_link.link_speed(link),
                (bits & LinkBits.DUPLEX_MASK) != 0);
        }
    }

    /**
     * Link state.
     *
     * @param up         link up.
     * @param speedMbps  speed in Mbit/s (0 when unknown).
     * @param fullDuplex full duplex.
     */
    public record Link(boolean up, int speedMbps, boolean fullDuplex)
    {
        @Override
        public String toString()
        {
            return up ? "up " + speedMbps + " Mbps " + (fullDuplex ? "full-duplex" : "half-duplex") : "down";
        }
    }

    /**
     * @return basic counters (rte_eth_stats_get). Call from one control thread.
     */
    public synchronized PortStats stats()
    {
        DpdkException.check(dpdk_h.rte_eth_stats_get((short)id, stats), "rte_eth_stats_get(port=" + id + ")");
        return new PortStats(rte_eth_stats.ipackets(stats), rte_eth_stats.opackets(stats), rte_eth_stats.ibytes(stats),
            rte_eth_stats.obytes(stats), rte_eth_stats.imissed(stats), rte_eth_stats.ierrors(stats),
            rte_eth_stats.oerrors(stats), rte_eth_stats.rx_nombuf(stats));
    }

    /**
     * @return extended counters by name (rte_eth_xstats_get_names / rte_eth_xstats_get).
     */
    public Map<String, Long> xstats()
    {
        final short port = (short)id;
        final int count = DpdkException.check(dpdk_h.rte_eth_xstats_get_names(port, MemorySegment.NULL, 0),
            "rte_eth_xstats_get_names(port=" + id + ")");
        final Map<String, Long> result = new LinkedHashMap<>();
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment names = rte_eth_xstat_name.allocateArray(count, arena);
            final MemorySegment values = rte_eth_xstat.allocateArray(count, arena);
            final int n = Math.min(count, DpdkException.check(dpdk_h.rte_eth_xstats_get_names(port, names, count),
                "rte_eth_xstats_get_names(port=" + id + ")"));
            final int m = Math.min(n, DpdkException.check(dpdk_h.rte_eth_xstats_get(port, values, count),
                "rte_eth_xstats_get(port=" + id + ")"));
            for (int i = 0; i < m; i++)
            {
                final MemorySegment value = rte_eth_xstat.asSlice(values, i);
                final long nameIndex = rte_eth_xstat.id(value);
                result.put(rte_eth_xstat_name.asSlice(names, nameIndex).getString(0), rte_eth_xstat.value(value));
            }
        }
        return result;
    }

    /**
     * Zeroes the basic counters.
     */
    public void resetStats()
    {
        DpdkException.check(dpdk_h.rte_eth_stats_reset((short)id), "rte_eth_stats_reset(port=" + id + ")");
    }

    /**
     * Receives and frees what every RX queue still holds, at most {@code perQueue} packets each (a
     * source that never runs dry, like net_null, would never end), while the port is started and no
     * packet thread polls it any more (at stop). Drivers give back their descriptors' mbufs when
     * stopped, but net_ring's rings are not emptied when it is closed: what sat in them would leak.
     *
     * @param perQueue most packets to take from one queue.
     * @return packets freed.
     */
    public long drainRx(final int perQueue)
    {
        if (!started)
        {
            return 0;
        }
        long freed = 0;
        try (Arena scratch = Arena.ofConfined())
        {
            final Burst burst = new Burst(Burst.DEFAULT_SIZE, scratch);
            for (int q = 0; q < config.rxQueues(); q++)
            {
                int n;
                long taken = 0;
                while (taken < perQueue && (n = burst.receive(id, q)) > 0)
                {
                    burst.freeAll();
                    taken += n;
                }
                freed += taken;
            }
        }
        return freed;
    }

    /**
     * rte_eth_dev_stop: the driver returns the mbufs it holds in its rings to the pool.
     */
    public void stop()
    {
        if (started)
        {
            started = false;
            DpdkException.check(dpdk_h.rte_eth_dev_stop((short)id), "rte_eth_dev_stop(port=" + id + " " + name + ")");
        }
    }

    /**
     * Stops the port if needed, then rte_eth_dev_close.
     */
    @Override
    public void close()
    {
        if (!closed)
        {
            stop();
            closed = true;
            DpdkException.check(dpdk_h.rte_eth_dev_close((short)id), "rte_eth_dev_close(port=" + id + " " + name + ")");
            arena.close();
        }
    }

    @Override
    public String toString()
    {
        return "port " + id + " " + name + " (driver " + driver + ", socket " + socket + ", rxq " + config.rxQueues() +
            ", txq " + config.txQueues() + (rss ? ", rss" : "") + (promiscuous ? ", promiscuous" : "") + ")";
    }
}
