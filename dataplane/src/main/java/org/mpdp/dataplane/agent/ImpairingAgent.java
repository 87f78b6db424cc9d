package org.mpdp.dataplane.agent;

import java.lang.foreign.Arena;
import java.util.List;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.AtomicCounter;
import org.mpdp.dataplane.port.Burst;

/**
 * The forwarding loop with a path impairment on every route, a network emulator for test beds (this
 * kernel has no {@code tc netem}): each received packet is lost with a fixed probability, and the others
 * wait in a {@link DelayLine} for a fixed delay before they are sent. Loss 100% is a blackhole.
 *
 * <p>Ownership: a received mbuf is freed at once (lost, or the delay line full: both counted) or owned
 * by its route's delay line until it is sent or, at stop, freed and counted in {@link #onClose()}.
 */
public final class ImpairingAgent implements Agent
{
    /**
     * What each route does to its packets.
     *
     * @param delayNanos     one-way delay added to every packet.
     * @param lossPerMillion packets lost per million (1,000,000: all, a blackhole).
     * @param queueCapacity  most packets waiting per route; more are dropped and counted.
     */
    public record Impairment(long delayNanos, int lossPerMillion, int queueCapacity)
    {
        /** Validates. */
        public Impairment
        {
            if (delayNanos < 0 || delayNanos > 60_000_000_000L)
            {
                throw new IllegalArgumentException("delay must be 0..60 s, not " + delayNanos / 1e6 + " ms");
            }
            if (lossPerMillion < 0 || lossPerMillion > 1_000_000)
            {
                throw new IllegalArgumentException("loss must be 0..100 %, not " + lossPerMillion / 1e4 + " %");
            }
            if (queueCapacity < 1 || queueCapacity > 1 << 24)
            {
                throw new IllegalArgumentException("delay queue must hold 1..16777216 packets, not " + queueCapacity);
            }
        }

        @Override
        public String toString()
        {
            return lossPerMillion == 1_000_000 ? "blackhole (every packet lost)" : String.format(java.util.Locale.ROOT,
                "delay %.3f ms each way, loss %.4f %%, delay queue %d per route", delayNanos / 1e6,
                lossPerMillion / 1e4, queueCapacity);
        }
    }

    /**
     * A route's impairment counters, beside its {@link ForwardingAgent.Route} counters.
     *
     * @param lost      packets lost on purpose.
     * @param queueFull packets dropped because the delay line was full.
     * @param freedAtStop packets still waiting at stop, freed.
     */
    public record ImpairCounters(AtomicCounter lost, AtomicCounter queueFull, AtomicCounter freedAtStop)
    {
    }

    private final ForwardingAgent.Route[] routes;
    private final ImpairCounters[] impair;
    private final DelayLine[] lines;
    private final Impairment impairment;
    private final int cpu;
    private final Arena arena = Arena.ofShared();
    private final Burst rx;
    private final Burst tx;
    private final Burst drop;
    private long random;
    private int lcore = -1;

    /**
     * @param routes     what to forward.
     * @param counters   impairment counters, one per route, in the same order.
     * @param impairment what to do to the packets.
     * @param burstSize  packets per burst.
     * @param cpu        CPU to pin the loop's thread to, or -1.
     * @param seed       seed of the loss decisions.
     */
    public ImpairingAgent(final List<ForwardingAgent.Route> routes, final List<ImpairCounters> counters,
        final Impairment impairment, final int burstSize, final int cpu, final long seed)
    {
        this.routes = routes.toArray(new ForwardingAgent.Route[0]);
        this.impair = counters.toArray(new ImpairCounters[0]);
        this.impairment = impairment;
        this.cpu = cpu;
        lines = new DelayLine[this.routes.length];
        for (int i = 0; i < lines.length; i++)
        {
            lines[i] = new DelayLine(impairment.queueCapacity());
        }
        rx = new Burst(burstSize, arena);
        tx = new Burst(burstSize, arena);
        drop = new Burst(burstSize, arena);
        random = seed == 0 ? 0x9E37_79B9_7F4A_7C15L : seed;
    }

    @Override
    public void onStart()
    {
        lcore = PacketThreads.enter(cpu);
    }

    @Override
    public int doWork()
    {
        final long now = System.nanoTime();
        int work = 0;
        for (int r = 0; r < routes.length; r++)
        {
            work += receive(r, now);
            work += send(r, now);
        }
        return work;
    }

    private int receive(final int r, final long now)
    {
        final ForwardingAgent.Route route = routes[r];
        final int received = rx.receive(route.rxPort(), route.rxQueue());
        if (received == 0)
        {
            return 0;
        }
        route.rx().getAndAddRelease(received);
        final DelayLine line = lines[r];
        final long due = now + impairment.delayNanos();
        final int loss = impairment.lossPerMillion();
        int lost = 0;
        int full = 0;
        for (int i = 0; i < received; i++)
        {
            final long mbuf = rx.mbuf(i);
            if (loss > 0 && nextMillionth() < loss)
            {
                drop.mbuf(lost + full, mbuf);
                lost++;
            }
            else if (!line.offer(mbuf, due))
            {
                drop.mbuf(lost + full, mbuf);
                full++;
            }
        }
        rx.count(0);
        if (lost + full > 0)
        {
            drop.count(lost + full);
            drop.freeAll();
            impair[r].lost().getAndAddRelease(lost);
            impair[r].queueFull().getAndAddRelease(full);
        }
        return received;
    }

    private int send(final int r, final long now)
    {
        final DelayLine line = lines[r];
        final ForwardingAgent.Route route = routes[r];
        int work = 0;
        while (line.headDue(now))
        {
            int n = 0;
            while (n < tx.capacity() && line.headDue(now))
            {
                tx.mbuf(n++, line.poll());
            }
            tx.count(n);
            final int sent = tx.sendAll(route.txPort(), route.txQueue());
            route.tx().getAndAddRelease(sent);
            if (sent < n)
            {
                route.txDropped().getAndAddRelease(n - sent);
            }
            work += n;
        }
        return work;
    }

    /** xorshift64*, reduced to 0..999,999. */
    private int nextMillionth()
    {
        long x = random;
        x ^= x >>> 12;
        x ^= x << 25;
        x ^= x >>> 27;
        random = x;
        return (int)(((x * 0x2545_F491_4F6C_DD1DL) >>> 32) * 1_000_000L >>> 32);
    }

    @Override
    public void onClose()
    {
        // Packets still waiting are this agent's: free them, counted, so the pool is full again.
        for (int r = 0; r < lines.length; r++)
        {
            final DelayLine line = lines[r];
            final int waiting = line.size();
            while (line.size() > 0)
            {
                int n = 0;
                while (n < drop.capacity() && line.size() > 0)
                {
                    drop.mbuf(n++, line.poll());
                }
                drop.count(n);
                drop.freeAll();
            }
            impair[r].freedAtStop().getAndAddRelease(waiting);
        }
        PacketThreads.leave(lcore);
        arena.close();
    }

    @Override
    public String roleName()
    {
        return "mpdp-impair";
    }

    /** @return packets waiting in every delay line (approximate from another thread). */
    public int waiting()
    {
        int n = 0;
        for (final DelayLine line : lines)
        {
            n += line.size();
        }
        return n;
    }
}
