package org.mpdp.robe.session;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.mpdp.dataplane.crypto.JoinHmac;
import org.mpdp.dataplane.crypto.KeyDerivation;
import org.mpdp.robe.Driver;
import org.mpdp.robe.RobePlane;
import org.mpdp.robe.mode.Mode;
import org.mpdp.robe.mode.Plan;

/**
 * {@code mpdp robe connect}'s driver: N independent sessions, C at a time and at least an interval apart, each
 * with its own request of pseudo-random bytes. Sessions start once every path's next hop is known (or after
 * {@link #RESOLVE_WAIT_NANOS}: a path that never answers ARP is simply a path whose SYNs go nowhere).
 * Control thread, except the progress getters (any thread) and {@link #results()} (after the pipeline stopped).
 */
public final class ConnectRun implements Driver
{
    /**
     * Warm-up sessions give up after this (or --timeout when shorter): they only exercise the code. Longer than
     * {@link Session}'s join wait, so a warm-up on a dead path still closes normally.
     */
    public static final long WARMUP_TIMEOUT_NANOS = 5_000_000_000L;

    /**
     * How long the plane keeps answering for ended sessions once the last one has ended and nothing more
     * arrives for them (a server retransmits a FIN or SYN/ACK after 200 ms to 1 s, doubling).
     */
    public static final long LINGER_NANOS = 2_000_000_000L;
    /** Longest linger while segments for ended sessions keep arriving (a lossy path). */
    public static final long LINGER_MAX_NANOS = 15_000_000_000L;

    /** Longest wait for ARP before the first session. */
    public static final long RESOLVE_WAIT_NANOS = 1_000_000_000L;

    private final Mode mode;
    private final int count;
    private final int warmup;
    private int warmupDone;
    private volatile int warmupEstablished;
    private volatile int warmupOk;
    private final int concurrency;
    private final long intervalNanos;
    private long lastStart = Long.MIN_VALUE;
    private final int requestBytes;
    private final long timeoutNanos;
    private final int serverPort;
    private final long seed;
    private final JoinHmac hmac = new JoinHmac();
    private final KeyDerivation derivation = new KeyDerivation();
    private final List<Session> active = new ArrayList<>();
    private final List<SessionResult> results = new ArrayList<>();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private long firstPoll = -1;
    private long lastEnded = -1;
    private long lastUnknownAt;
    private long unknownSeen = -1;
    private long lingerQuiet = LINGER_NANOS;
    private int started;
    private volatile boolean finished;

    /**
     * @param mode         mode of every session.
     * @param count        sessions.
     * @param warmup       sessions run first and not reported (the JIT compiles the stack meanwhile); the
     *                     measured ones start when all of them have ended, with the IPS history forgotten.
     * @param concurrency  at most this many at once.
     * @param intervalNanos least time between two session starts (0: start as many as concurrency allows at once).
     *                     Paced starts measure a session, not the queue behind a burst of them on a small box.
     * @param requestBytes request size.
     * @param timeoutNanos establishment (and data) timeout.
     * @param serverPort   the server's port.
     * @param seed         request contents.
     */
    public ConnectRun(final Mode mode, final int count, final int warmup, final int concurrency,
        final long intervalNanos, final int requestBytes, final long timeoutNanos, final int serverPort, final long seed)
    {
        if (intervalNanos < 0)
        {
            throw new IllegalArgumentException("interval must be >= 0");
        }
        this.intervalNanos = intervalNanos;
        this.mode = mode;
        this.count = count;
        this.warmup = warmup;
        this.concurrency = Math.max(1, concurrency);
        this.requestBytes = requestBytes;
        this.timeoutNanos = timeoutNanos;
        this.serverPort = serverPort;
        this.seed = seed;
    }

    @Override
    public int poll(final long now, final RobePlane plane)
    {
        if (finished)
        {
            return 0;
        }
        if (firstPoll < 0)
        {
            firstPoll = now;
        }
        boolean resolved = true;
        for (int p = 0; p < plane.paths(); p++)
        {
            resolved &= plane.resolved(p);
        }
        if (!resolved && now - firstPoll < RESOLVE_WAIT_NANOS)
        {
            return 0;
        }
        int work = 0;
        // Warm-ups first; the measured sessions only once all of them have ended.
        while (active.size() < concurrency && started < warmup + count && (started < warmup || warmupDone == warmup) &&
            (lastStart == Long.MIN_VALUE || now - lastStart >= intervalNanos))
        {
            lastStart = now;
            if (started == warmup && warmup > 0)
            {
                plane.history().forget();
            }
            final boolean warm = started < warmup;
            final int index = warm ? started : started - warmup;
            final byte[] request = new byte[requestBytes];
            new SplittableRandom(seed + started).nextBytes(request);
            final Plan plan = Plan.of(mode, plane.paths(), plane.history(), plane.config().timerNanos());
            final Session s = new Session(index, mode, plan, plane, serverPort, request,
                warm ? Math.min(timeoutNanos, WARMUP_TIMEOUT_NANOS) : timeoutNanos, hmac, derivation);
            started++;
            active.add(s);
            s.start(now);
            work++;
        }
        for (int i = active.size() - 1; i >= 0; i--)
        {
            final Session s = active.get(i);
            if (s.poll(now))
            {
                active.remove(i);
                // Measured sessions start only once every warm-up has ended, so until then whatever ends is one.
                if (warmupDone < warmup)
                {
                    warmupDone++;
                    warmupEstablished += s.result().establishNanos() >= 0 ? 1 : 0;
                    warmupOk += s.result().outcome().equals(Session.OK) ? 1 : 0;
                    work++;
                    continue;
                }
                final SessionResult r = s.result();
                results.add(r);
                if (!r.outcome().equals(Session.OK))
                {
                    failed.incrementAndGet();
                }
                done.incrementAndGet();
                work++;
            }
        }
        if (started == warmup + count && active.isEmpty())
        {
            // Linger: the plane still answers what arrives for the ended subflows (a server's retransmitted FIN
            // after our last ACK was lost) with RST, so a lossy path leaves no socket behind at the server.
            // It lingers while such segments keep coming (up to LINGER_MAX_NANOS), and stops after a quiet of
            // LINGER_NANOS or more (below).
            // A server backs its retransmissions off (the gap doubles), so the quiet that ends the linger is at
            // least 6.5x the last gap between such segments: the next one is due about 2x that gap later, and
            // if that one is lost on the way, the one after it 4x later again (6x).
            final long unknown = plane.counters().segmentsUnknown.get() + plane.counters().lateSynAcks.get();
            if (lastEnded < 0 || unknown != unknownSeen)
            {
                if (lastEnded >= 0)
                {
                    lingerQuiet = Math.max(lingerQuiet, (now - lastUnknownAt) * 13 / 2);
                }
                lastEnded = lastEnded < 0 ? now : lastEnded;
                unknownSeen = unknown;
                lastUnknownAt = now;
            }
            // ... and at least until the last RST has been repeated (ResetRepeats).
            // ... and through the TIME-WAIT of the last subflow closed actively on a lossy path (RobePlane).
            finished = now - lastUnknownAt >= lingerQuiet && plane.resetsRepeating() == 0 &&
                now - plane.timeWaitUntil() >= 0 || now - lastEnded >= LINGER_MAX_NANOS;
        }
        return work;
    }

    @Override
    public boolean finished()
    {
        return finished;
    }

    /** @return warm-up sessions that were established (they reached the server too; any thread). */
    public int warmupEstablished()
    {
        return warmupEstablished;
    }

    /**
     * @return warm-up sessions that ended ok (echo whole: the server surely accepted them; one established but
     *     not ok may never have reached its accept, its third ACK and data lost; any thread).
     */
    public int warmupOk()
    {
        return warmupOk;
    }

    /** @return sessions done so far (any thread). */
    public int done()
    {
        return done.get();
    }

    /** @return sessions done that were not ok (any thread). */
    public int failed()
    {
        return failed.get();
    }

    /** @return the results in index order (after the control thread stopped). */
    public List<SessionResult> results()
    {
        final List<SessionResult> sorted = new ArrayList<>(results);
        sorted.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return sorted;
    }
}
