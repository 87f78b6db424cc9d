package org.mpdp.dataplane.steer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;

/** A consumer parked in the control thread's backoff (here a 60 s park) is woken by its producer at once. */
final class WakeupTest
{
    @Test
    void shouldEndTheBoundThreadsBackoffPark() throws InterruptedException
    {
        final Wakeup wakeup = new Wakeup();
        final CountDownLatch bound = new CountDownLatch(1);
        final AtomicBoolean stop = new AtomicBoolean();
        final CountDownLatch idled = new CountDownLatch(1);
        final Thread consumer = new Thread(() ->
        {
            wakeup.bind();
            bound.countDown();
            // No spins, no yields: every idle() is one park of 60 s, as after a long quiet spell.
            final BackoffIdleStrategy idle = new BackoffIdleStrategy(0, 0, 60_000_000_000L, 60_000_000_000L);
            while (!stop.get())
            {
                idle.idle();
                idled.countDown();
            }
            wakeup.unbind();
        });
        consumer.start();
        assertTrue(bound.await(10, TimeUnit.SECONDS));
        // Only once it is parked (TIMED_WAITING in parkNanos): otherwise it could see stop before its first park.
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (consumer.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline)
        {
            Thread.onSpinWait();
        }
        assertTrue(consumer.getState() == Thread.State.TIMED_WAITING, "the consumer never parked");
        stop.set(true);
        wakeup.wake();
        consumer.join(20_000);
        assertFalse(consumer.isAlive(), "the 60 s park did not end on wake()");
        assertTrue(idled.getCount() == 0);
    }
}
