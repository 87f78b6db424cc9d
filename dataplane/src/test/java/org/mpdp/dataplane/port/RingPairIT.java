package org.mpdp.dataplane.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.BusySpinIdleStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.agent.Forwarder;
import org.mpdp.dataplane.testing.Frames;
import org.mpdp.dpdk.DpdkException;
import org.mpdp.dpdk.Eal;
import org.mpdp.dpdk.EalOptions;
import org.mpdp.dpdk.FastPath;

/**
 * Real net_ring ports wired back to back: bytes sent arrive unchanged, the forwarding loop moves
 * every packet, and every mbuf returns to its pool.
 */
final class RingPairIT
{
    private static Eal eal;

    @BeforeAll
    static void startEal()
    {
        eal = Eal.start(EalOptions.defaults(List.of()).withMemoryMb(256).withHugepages(EalOptions.Hugepages.OFF));
    }

    @AfterAll
    static void stopEal()
    {
        eal.close();
    }

    @Test
    void shouldDeliverFramesByteIdenticalAndReturnEveryMbuf()
    {
        final RingPair pair = RingPair.create("rp1", 1024, 0);
        try (MbufPools pools = new MbufPools(4095, 0, MbufPool.DEFAULT_DATA_ROOM);
            Arena arena = Arena.ofConfined())
        {
            final Port a = Port.open(pair.portA(), PortConfig.defaults(1), pools);
            final Port b = Port.open(pair.portB(), PortConfig.defaults(1), pools);
            final MbufPool pool = pools.forSocket(0);
            final int before = pool.inUse();

            final List<byte[]> sent = new ArrayList<>();
            final Burst burst = new Burst(Burst.DEFAULT_SIZE, arena);
            for (int round = 0; round < 10; round++)
            {
                final List<byte[]> frames = new ArrayList<>();
                for (int i = 0; i < Burst.DEFAULT_SIZE; i++)
                {
                    final int seq = round * Burst.DEFAULT_SIZE + i;
                    frames.add(Frames.udp(seq, 60 + (seq * 37) % 1455));
                }
                Frames.load(pool, frames, burst);
                assertEquals(Burst.DEFAULT_SIZE, burst.sendAll(a.id(), 0));
                sent.addAll(frames);
            }
            final List<byte[]> received = Frames.receive(b.id(), 0, sent.size(), 5_000);
            assertEquals(sent.size(), received.size());
            for (int i = 0; i < sent.size(); i++)
            {
                assertArrayEquals(sent.get(i), received.get(i), "frame " + i);
            }
            assertEquals(before, pool.inUse(), "mbufs not returned to the pool");
            assertEquals(sent.size(), a.stats().opackets());
            assertEquals(sent.size(), b.stats().ipackets());
            a.close();
            b.close();
            assertEquals(0, pool.inUse());
            assertEquals(pool.capacity(), pool.available());
        }
    }

    @Test
    void shouldForwardEveryPacketThroughTheLoopWithoutLeaking()
    {
        // x -> a, forwarder a <-> b, b -> y: the test injects on x and collects on y.
        final RingPair in = RingPair.create("fin", 4096, 0);
        final RingPair out = RingPair.create("fout", 4096, 0);
        try (MbufPools testPools = new MbufPools(8191, 0, MbufPool.DEFAULT_DATA_ROOM);
            Arena arena = Arena.ofConfined())
        {
            final Port x = Port.open(in.portA(), PortConfig.defaults(1), testPools);
            final Port y = Port.open(out.portB(), PortConfig.defaults(1), testPools);
            final MbufPool pool = testPools.forSocket(0);
            final int total = 3_200;
            final List<byte[]> sent = new ArrayList<>();
            try (Forwarder forwarder = new Forwarder(List.of(in.portB(), out.portA()), PortConfig.defaults(1),
                Burst.DEFAULT_SIZE, -1, new BusySpinIdleStrategy(), MbufPool.DEFAULT_DATA_ROOM))
            {
                forwarder.start();
                final Burst burst = new Burst(Burst.DEFAULT_SIZE, arena);
                for (int seq = 0; seq < total; seq += Burst.DEFAULT_SIZE)
                {
                    final List<byte[]> frames = new ArrayList<>();
                    for (int i = 0; i < Burst.DEFAULT_SIZE; i++)
                    {
                        frames.add(Frames.udp(seq + i, 64 + i));
                    }
                    Frames.load(pool, frames, burst);
                    final int n = burst.sendAll(x.id(), 0);
                    assertEquals(Burst.DEFAULT_SIZE, n, "x tx ring full");
                    sent.addAll(frames);
                }
                final List<byte[]> received = Frames.receive(y.id(), 0, total, 10_000);
                assertEquals(total, received.size());
                for (int i = 0; i < total; i++)
                {
                    assertArrayEquals(sent.get(i), received.get(i), "frame " + i);
                }
                assertEquals(total, forwarder.forwarded());
                assertEquals(0, forwarder.txDropped());
                assertEquals(0, forwarder.closePortsAndCountLeaks(), "forwarder's pool leaked mbufs");
            }
            x.close();
            y.close();
            assertEquals(0, pool.inUse(), "test pool leaked mbufs");
        }
    }

    @Test
    void shouldCountAndFreeWhatTxRefuses()
    {
        // x -> forwarder -> a 64-slot ring nobody drains while the loop runs: it takes 63 packets; the
        // loop must count every other one as tx-dropped and free it, so only those 63 are out of the pool.
        final RingPair in = RingPair.create("tin", 4096, 0);
        final RingPair out = RingPair.create("tout", 64, 0);
        try (MbufPools testPools = new MbufPools(4095, 0, MbufPool.DEFAULT_DATA_ROOM);
            Arena arena = Arena.ofConfined())
        {
            final Port x = Port.open(in.portA(), PortConfig.defaults(1), testPools);
            final Port y = Port.open(out.portB(), PortConfig.defaults(1), testPools);
            final MbufPool pool = testPools.forSocket(0);
            final int total = 20 * Burst.DEFAULT_SIZE;
            final List<byte[]> sent = new ArrayList<>();
            try (Forwarder forwarder = new Forwarder(List.of(in.portB(), out.portA()), PortConfig.defaults(1),
                Burst.DEFAULT_SIZE, -1, new BusySpinIdleStrategy(), MbufPool.DEFAULT_DATA_ROOM))
            {
                forwarder.start();
                final Burst burst = new Burst(Burst.DEFAULT_SIZE, arena);
                for (int seq = 0; seq < total; seq += Burst.DEFAULT_SIZE)
                {
                    final List<byte[]> frames = new ArrayList<>();
                    for (int i = 0; i < Burst.DEFAULT_SIZE; i++)
                    {
                        frames.add(Frames.udp(seq + i, 100 + i));
                    }
                    Frames.load(pool, frames, burst);
                    assertEquals(Burst.DEFAULT_SIZE, burst.sendAll(x.id(), 0), "x tx ring full");
                    sent.addAll(frames);
                }
                final long deadline = System.nanoTime() + 10_000_000_000L;
                while (forwarder.forwarded() + forwarder.txDropped() < total && System.nanoTime() < deadline)
                {
                    Thread.onSpinWait();
                }
                assertEquals(63, forwarder.forwarded(), "what the ring took");
                assertEquals(total - 63, forwarder.txDropped(), "tx-dropped = what TX refused");
                assertEquals(63, pool.inUse(), "refused mbufs freed: only the 63 in the ring are out of the pool");
                assertEquals(63, forwarder.ports().stream().filter(p -> p.id() == out.portA()).findFirst()
                    .orElseThrow().stats().opackets(), "the driver's opackets");
                final List<byte[]> received = Frames.receive(y.id(), 0, 63, 2_000);
                assertEquals(63, received.size());
                for (int i = 0; i < received.size(); i++)
                {
                    assertArrayEquals(sent.get(i), received.get(i), "the ring keeps the first 63, frame " + i);
                }
                assertEquals(0, pool.inUse());
                assertEquals(0, forwarder.closePortsAndCountLeaks(), "forwarder's pool leaked mbufs");
            }
            x.close();
            y.close();
            assertEquals(pool.capacity(), pool.available());
        }
    }

    @Test
    void shouldMoveAFullMaxBurstInOneCallAndRefuseALargerOne()
    {
        final RingPair pair = RingPair.create("maxb", 1024, 0);
        try (MbufPools pools = new MbufPools(2047, 0, MbufPool.DEFAULT_DATA_ROOM);
            Arena arena = Arena.ofConfined())
        {
            final Port a = Port.open(pair.portA(), PortConfig.defaults(1), pools);
            final Port b = Port.open(pair.portB(), PortConfig.defaults(1), pools);
            final MbufPool pool = pools.forSocket(0);
            final Burst burst = new Burst(FastPath.MAX_BURST, arena);
            final List<byte[]> frames = new ArrayList<>();
            for (int i = 0; i < FastPath.MAX_BURST; i++)
            {
                frames.add(Frames.udp(i, 64));
            }
            Frames.load(pool, frames, burst);
            assertEquals(FastPath.MAX_BURST, burst.sendAll(a.id(), 0));
            assertEquals(FastPath.MAX_BURST, pool.inUse());
            assertEquals(FastPath.MAX_BURST, burst.receive(b.id(), 0), "one rx_burst call of MAX_BURST");
            assertEquals(FastPath.MAX_BURST, b.stats().ipackets());
            burst.freeAll();
            assertEquals(0, pool.inUse());
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> new Burst(FastPath.MAX_BURST + 1, arena));
            assertTrue(ex.getMessage().contains("must be in [1, " + FastPath.MAX_BURST + "]"), ex.getMessage());
            a.close();
            b.close();
        }
    }

    @Test
    void shouldNameTheProblemWhenEalIsStartedTwice()
    {
        final DpdkException ex = assertThrows(DpdkException.class,
            () -> Eal.start(EalOptions.defaults(List.of()).withHugepages(EalOptions.Hugepages.OFF)));
        assertTrue(ex.getMessage().contains("already initialised"), ex.getMessage());
    }

    @Test
    void shouldRefuseAPortThatDoesNotExist()
    {
        try (MbufPools pools = new MbufPools(1023, 0, MbufPool.DEFAULT_DATA_ROOM))
        {
            final int ports = org.mpdp.dpdk.EthDev.count();
            final DpdkException ex = assertThrows(DpdkException.class, () -> Port.open(31, PortConfig.defaults(1), pools));
            assertTrue(ex.getMessage().contains("port 31 does not exist"), ex.getMessage());
            // Refused before anything was set up: no port appeared and no mbuf left the pool.
            assertEquals(ports, org.mpdp.dpdk.EthDev.count());
            assertEquals(0, pools.inUse());
            assertEquals(pools.forSocket(0).capacity(), pools.forSocket(0).available());
        }
    }
}
