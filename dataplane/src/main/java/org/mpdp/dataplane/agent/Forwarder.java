package org.mpdp.dataplane.agent;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.mpdp.dataplane.counters.CounterType;
import org.mpdp.dataplane.counters.Counters;
import org.mpdp.dataplane.port.MbufPool;
import org.mpdp.dataplane.port.MbufPools;
import org.mpdp.dataplane.port.Port;
import org.mpdp.dataplane.port.PortConfig;
import org.mpdp.dataplane.port.PortStats;

/**
 * Brings ports up, pairs them like l2fwd (0 with 1, 2 with 3, ...; a single port forwards to itself),
 * runs one {@link ForwardingAgent} on its own thread, and tears everything down in order:
 * loop stopped, ports stopped and closed (drivers return their mbufs), pools checked for leaks, pools freed.
 */
public final class Forwarder implements AutoCloseable
{
    private final List<Port> ports = new ArrayList<>();
    private final MbufPools pools;
    private final Counters counters;
    private PortCounters portCounters;
    private final List<ForwardingAgent.Route> routes = new ArrayList<>();
    private final Agent agent;
    private final List<ImpairingAgent.ImpairCounters> impairCounters = new ArrayList<>();
    private final IdleStrategy idle;
    private AgentRunner runner;
    private boolean closed;

    /**
     * Opens the ports; does not start forwarding.
     *
     * @param portIds   ports to use, paired in order.
     * @param config    configuration for every port.
     * @param burstSize packets per burst.
     * @param cpu       CPU for the loop thread, or -1.
     * @param idle      what the loop does after an empty pass.
     * @param dataRoom  mbuf data room, headroom included.
     */
    public Forwarder(final List<Integer> portIds, final PortConfig config, final int burstSize, final int cpu,
        final IdleStrategy idle, final int dataRoom)
    {
        this(portIds, config, burstSize, cpu, idle, dataRoom, new Counters(256));
    }

    /**
     * Opens the ports with counters in a given place, e.g. a {@code CountersFile} that {@code mpdp stat}
     * reads; does not start forwarding.
     *
     * @param portIds   ports to use, paired in order.
     * @param config    configuration for every port.
     * @param burstSize packets per burst.
     * @param cpu       CPU for the loop thread, or -1.
     * @param idle      what the loop does after an empty pass.
     * @param dataRoom  mbuf data room, headroom included.
     * @param counters  where to allocate the loop's and the ports' counters.
     */
    public Forwarder(final List<Integer> portIds, final PortConfig config, final int burstSize, final int cpu,
        final IdleStrategy idle, final int dataRoom, final Counters counters)
    {
        this(portIds, config, burstSize, cpu, idle, dataRoom, counters, 0);
    }

    /**
     * As {@link #Forwarder(List, PortConfig, int, int, IdleStrategy, int, Counters)}, with a pool size.
     *
     * @param portIds   ports to forward between.
     * @param config    queues and descriptors of every port.
     * @param burstSize packets per burst.
     * @param cpu       CPU of the forwarding thread.
     * @param idle      idle strategy after an empty poll.
     * @param dataRoom  mbuf data room.
     * @param counters  where to allocate the loop's and the ports' counters.
     * @param poolSize  mbufs per pool, 0 = enough for every descriptor, burst and cache (at least 8192); a
     *                  net_pcap {@code infinite_rx} port holds its whole capture in mbufs on top of that.
     */
    public Forwarder(final List<Integer> portIds, final PortConfig config, final int burstSize, final int cpu,
        final IdleStrategy idle, final int dataRoom, final Counters counters, final int poolSize)
    {
        this(portIds, config, burstSize, cpu, idle, dataRoom, counters, poolSize, null);
    }

    /**
     * @param portIds    ports, paired 0 with 1, 2 with 3 (a lone last port forwards to itself).
     * @param config     queues and descriptors of every port.
     * @param burstSize  packets per burst.
     * @param cpu        CPU of the loop thread, or -1.
     * @param idle       what an empty pass costs.
     * @param dataRoom   mbuf data room.
     * @param counters   where the route counters go.
     * @param poolSize   mbufs, or 0 for enough (plus every delay line's capacity when impaired).
     * @param impairment delay and loss on every route (an {@link ImpairingAgent}), or null to forward plainly.
     */
    public Forwarder(final List<Integer> portIds, final PortConfig config, final int burstSize, final int cpu,
        final IdleStrategy idle, final int dataRoom, final Counters counters, final int poolSize,
        final ImpairingAgent.Impairment impairment)
    {
        this.counters = counters;
        if (portIds.isEmpty())
        {
            throw new IllegalArgumentException("no ports to forward between (give vdevs or PCI devices)");
        }
        this.idle = idle;
        final int waiting = impairment == null ? 0 : portIds.size() * config.rxQueues() * impairment.queueCapacity();
        final int mbufs = poolSize > 0 ? poolSize : MbufPools.size(portIds.size(), config.rxDesc() *
            config.rxQueues(), config.txDesc() * config.txQueues(), burstSize, 2) + waiting;
        pools = new MbufPools(mbufs, MbufPool.DEFAULT_CACHE, dataRoom);
        try
        {
            for (final int id : portIds)
            {
                ports.add(Port.open(id, config, pools));
            }
        }
        catch (final RuntimeException ex)
        {
            ports.forEach(Port::close);
            pools.close();
            throw ex;
        }
        for (int i = 0; i < ports.size(); i++)
        {
            final Port rx = ports.get(i);
            final int peer = i ^ 1;
            final Port tx = ports.get(peer < ports.size() ? peer : i);
            for (int q = 0; q < config.rxQueues(); q++)
            {
                final String label = "port " + rx.id() + " " + rx.name() + " q" + q + " -> port " + tx.id() + " ";
                routes.add(new ForwardingAgent.Route(rx.id(), q, tx.id(), q % config.txQueues(),
                    counters.newCounter(CounterType.PORT_QUEUE, rx.id(), q, "rx", label + "rx"),
                    counters.newCounter(CounterType.PORT_QUEUE, rx.id(), q, "tx", label + "tx"),
                    counters.newCounter(CounterType.PORT_QUEUE, rx.id(), q, "tx-dropped", label + "tx-dropped")));
                if (impairment != null)
                {
                    impairCounters.add(new ImpairingAgent.ImpairCounters(
                        counters.newCounter(CounterType.PORT_QUEUE, rx.id(), q, "impair-lost", label + "impair-lost"),
                        counters.newCounter(CounterType.PORT_QUEUE, rx.id(), q, "impair-queue-full",
                            label + "impair-queue-full (delay line full)"),
                        counters.newCounter(CounterType.PORT_QUEUE, rx.id(), q, "impair-freed-at-stop",
                            label + "impair-freed-at-stop (still delayed at stop)")));
                }
            }
        }
        portCounters = new PortCounters(ports, counters);
        agent = impairment == null ? new ForwardingAgent(routes, burstSize, cpu) :
            new ImpairingAgent(routes, impairCounters, impairment, burstSize, cpu, System.nanoTime());
    }

    /**
     * Starts the loop on its own thread.
     */
    public void start()
    {
        runner = new AgentRunner(idle, Throwable::printStackTrace, null, agent);
        AgentRunner.startOnThread(runner);
    }

    /**
     * Stops the loop and waits for its thread to finish its pass.
     */
    public void stopLoop()
    {
        if (runner != null)
        {
            runner.close();
            runner = null;
        }
    }

    /**
     * @return the opened ports.
     */
    public List<Port> ports()
    {
        return ports;
    }

    /**
     * @return the forwarding routes with their counters.
     */
    public List<ForwardingAgent.Route> routes()
    {
        return routes;
    }

    /**
     * @return the mbuf pools.
     */
    public MbufPools pools()
    {
        return pools;
    }

    /**
     * @return packets sent by the loop so far, over all routes.
     */
    public long forwarded()
    {
        long sum = 0;
        for (final ForwardingAgent.Route route : routes)
        {
            sum += route.tx().get();
        }
        return sum;
    }

    /**
     * @return packets freed because a TX queue was full, over all routes.
     */
    public long txDropped()
    {
        long sum = 0;
        for (final ForwardingAgent.Route route : routes)
        {
            sum += route.txDropped().get();
        }
        return sum;
    }

    /**
     * Copies every port's driver counters (rte_eth_stats) into the per-port counters. Call from one
     * thread, e.g. the one that heartbeats the counters file, about once a second; not on the loop thread.
     */
    public void publishPortStats()
    {
        if (closed)
        {
            return;
        }
        portCounters.publish();
    }

    /**
     * Prints one line per route (loop counters) and per port (driver counters).
     *
     * @param out where to print.
     */
    public void printCounters(final PrintStream out)
    {
        for (int i = 0; i < routes.size(); i++)
        {
            final ForwardingAgent.Route r = routes.get(i);
            out.printf("  route port %d q%d -> port %d q%d: rx %,d  tx %,d  tx-dropped %,d", r.rxPort(), r.rxQueue(),
                r.txPort(), r.txQueue(), r.rx().get(), r.tx().get(), r.txDropped().get());
            if (!impairCounters.isEmpty())
            {
                final ImpairingAgent.ImpairCounters c = impairCounters.get(i);
                out.printf("  impair-lost %,d  impair-queue-full %,d  impair-freed-at-stop %,d", c.lost().get(),
                    c.queueFull().get(), c.freedAtStop().get());
            }
            out.println();
        }
        for (final Port port : ports)
        {
            final PortStats s = port.stats();
            out.printf("  port %d %-12s ipackets %,d  opackets %,d  ibytes %,d  obytes %,d  imissed %,d  ierrors %,d" +
                "  oerrors %,d  rx_nombuf %,d  link %s%n", port.id(), port.name(), s.ipackets(), s.opackets(),
                s.ibytes(), s.obytes(), s.imissed(), s.ierrors(), s.oerrors(), s.rxNombuf(), port.link());
        }
    }

    /**
     * Stops the loop, stops and closes the ports, then reports mbufs still out of the pools. Closing
     * matters: a stopped port may keep mbufs (net_pcap's infinite_rx holds the whole capture in
     * mbufs until its queue is released), a closed one holds none, so any count left is a leak.
     *
     * @return mbufs in use after every port closed.
     */
    public int closePortsAndCountLeaks()
    {
        stopLoop();
        ports.forEach(Port::close);
        return pools.inUse();
    }

    /**
     * Stops everything and frees ports and pools.
     */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            stopLoop();
            ports.forEach(Port::close);
            pools.close();
            for (final ForwardingAgent.Route r : routes)
            {
                r.rx().close();
                r.tx().close();
                r.txDropped().close();
            }
            for (final ImpairingAgent.ImpairCounters c : impairCounters)
            {
                c.lost().close();
                c.queueFull().close();
                c.freedAtStop().close();
            }
            portCounters.close();
        }
    }
}
