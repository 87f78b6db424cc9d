package org.mpdp.dataplane.steer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.wire.ParsedPacket;

final class ParkedJoinsTest
{
    private static final int WORKERS = 2;
    private static final int TOKEN = 0x0BADCAFE;
    private static final long THIRD_ACK_MBUF = 0x1000;
    private static final long JOIN_MBUF = 0x2000;
    private static final long FOLLOWER_MBUF = 0x3000;

    private final SteerFrames frames = new SteerFrames();
    private final OwnerDirectory directory = OwnerDirectory.seeded(WORKERS, 256, 256, 5);
    private final BurstRing[] rings = {new BurstRing(65536, 32), new BurstRing(65536, 32)};

    private final long[] releasedMbuf = new long[8];
    private final int[] releasedOwner = new int[8];
    private int releasedCount;
    private final ReleaseHandler record = (mbuf, stamp, port, queue, owner) ->
    {
        releasedMbuf[releasedCount] = mbuf;
        releasedOwner[releasedCount++] = owner;
    };

    /**
     * A pcap replay: the connection's third ACK (which reveals the keys, so its owner publishes the
     * token) is steered and enqueued, and the join SYN right after it, before the owner, a real thread
     * that is slow on purpose, has handled the ACK. The join is parked, and released to the token's
     * owner once the owner has passed the ring position recorded at park time.
     */
    @Test
    void shouldReleaseAJoinParkedBeforeItsTokenWasPublishedToTheTokenOwner() throws Exception
    {
        final ParkedJoins parked = new ParkedJoins(16, rings, directory, 10_000_000_000L);
        final Steerer steerer = new Steerer(directory, new ControlTraffic(), parked, 0);
        final ParsedPacket ack = frames.parse(SteerFrames.mpcAck(SteerFrames.CLIENT, 40000, SteerFrames.SERVER, 443,
            1, 2));
        final int owner = steerer.steer(ack);
        // A join whose 4-tuple hash points at the other worker, so a wrong release would show.
        int port = 50000;
        ParsedPacket join;
        while (true)
        {
            join = frames.parse(SteerFrames.joinSyn(SteerFrames.CLIENT2, port, SteerFrames.SERVER, 443, TOKEN));
            if (directory.hashOwner(directory.subflowKey(join)) != owner)
            {
                break;
            }
            port++;
        }
        final AtomicBoolean stop = new AtomicBoolean();
        final Thread[] workers = new Thread[WORKERS];
        for (int w = 0; w < WORKERS; w++)
        {
            final int worker = w;
            final BurstHandler handler = burst ->
            {
                for (int i = 0; i < burst.count(); i++)
                {
                    if (burst.mbuf(i) == THIRD_ACK_MBUF)
                    {
                        sleep(200);
                        // Publish-before-forward: the owner publishes while it handles the packet.
                        directory.publishToken(TOKEN, worker);
                    }
                }
            };
            workers[w] = new Thread(() ->
            {
                while (!stop.get())
                {
                    if (rings[worker].drain(handler, 4) == 0)
                    {
                        Thread.onSpinWait();
                    }
                }
            }, "worker-" + w);
            workers[w].start();
        }
        // One RX burst: the third ACK, then the join, then the join's retransmission (a follower).
        assertEquals(1, rings[owner].offer(new long[] {THIRD_ACK_MBUF}, new long[1], new int[1], new int[1], 1));
        assertEquals(Steerer.PARK, steerer.steer(join));
        assertTrue(parked.park(JOIN_MBUF, 7, 0, 1, steerer, System.nanoTime()));
        assertEquals(Steerer.PARK, steerer.steer(join), "a packet of a parked subflow waits behind it");
        assertTrue(parked.park(FOLLOWER_MBUF, 8, 0, 1, steerer, System.nanoTime()));
        assertEquals(1, steerer.parkedFollowers());
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (releasedCount < 2 && System.nanoTime() < deadline)
        {
            parked.poll(System.nanoTime(), record);
        }
        stop.set(true);
        for (final Thread t : workers)
        {
            t.join();
        }
        assertEquals(2, releasedCount);
        assertEquals(JOIN_MBUF, releasedMbuf[0]);
        assertEquals(owner, releasedOwner[0]);
        assertEquals(FOLLOWER_MBUF, releasedMbuf[1]);
        assertEquals(owner, releasedOwner[1]);
        assertEquals(1, parked.releasedByToken());
        assertEquals(0, parked.timedOut());
        assertEquals(0, parked.size());
    }

    @Test
    void shouldHoldAJoinWhoseTokenStaysUnknownUntilItsTimeThenReleaseItToItsHashOwner()
    {
        // Everything ahead of it processed and still no token: another queue's third ACK may lag, so the
        // join waits until maxParkNanos (here 1,000 ns) before it goes to its 4-tuple's hash owner.
        final ParkedJoins parked = new ParkedJoins(4, rings, directory, 1_000);
        final Steerer steerer = new Steerer(directory, new ControlTraffic(), parked, 0);
        final ParsedPacket join = frames.parse(SteerFrames.joinSyn(SteerFrames.CLIENT2, 50000, SteerFrames.SERVER,
            443, 0x77777777));
        assertEquals(1, rings[1].offer(new long[] {1}, new long[1], new int[1], new int[1], 1));
        assertEquals(Steerer.PARK, steerer.steer(join));
        assertTrue(parked.park(JOIN_MBUF, 0, 0, 0, steerer, 0));
        assertEquals(0, parked.poll(0, record), "worker 1 has not passed its position");
        rings[1].drain(b -> { }, 10);
        assertEquals(0, parked.poll(500, record), "positions passed, token unknown, still young: held");
        assertEquals(1, parked.poll(2_000, record), "too old: released");
        assertEquals(directory.hashOwner(directory.subflowKey(join)), releasedOwner[0]);
        assertEquals(1, parked.releasedUnknown());
    }

    @Test
    void shouldCountOverflowAndReleaseOnTimeWhenAWorkerStalls()
    {
        final ParkedJoins parked = new ParkedJoins(2, rings, directory, 1000);
        final Steerer steerer = new Steerer(directory, new ControlTraffic(), parked, 0);
        assertEquals(1, rings[0].offer(new long[] {1}, new long[1], new int[1], new int[1], 1));
        for (int i = 0; i < 3; i++)
        {
            final ParsedPacket join = frames.parse(SteerFrames.joinSyn(SteerFrames.CLIENT2, 51000 + i,
                SteerFrames.SERVER, 443, 0x66666666));
            assertEquals(Steerer.PARK, steerer.steer(join));
            final boolean taken = parked.park(JOIN_MBUF + i, 0, 0, 0, steerer, 100);
            assertEquals(i < 2, taken);
            if (!taken)
            {
                assertEquals(directory.hashOwner(directory.subflowKey(join)), steerer.lastHashOwner());
            }
        }
        assertEquals(1, parked.overflow());
        assertEquals(0, parked.poll(1099, record), "worker 0 never drains: not due yet");
        assertEquals(2, parked.poll(1100, record));
        assertEquals(2, parked.timedOut());
        assertFalse(parked.holds(steerer.lastSubflowKey()));
        assertNotEquals(0, parked.parked());
    }

    private static void sleep(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
