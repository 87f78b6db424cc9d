package org.mpdp.dataplane.steer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.mpdp.dataplane.wire.ParsedPacket;

/**
 * Which worker owns which subflow and which token: shared by every thread, read lock-free by the
 * steering (RX) threads, written by the owning workers. Two fixed-capacity tables ({@link OwnerTable}):
 * <ul>
 * <li>subflow key -> owner. The key is a secret-keyed symmetric 64-bit hash of the 4-tuple (both
 *     directions give one key; {@link #subflowKey}); the full tuple is not stored. Two live subflows
 *     whose keys collide would share an entry: with n entries, a lookup of another tuple matches one of
 *     the at most 16 keys it compares with probability below 16 / 2^64 (one false match in about 365 years
 *     at 100 M lookups/s), and the keys are secret, so it cannot be provoked. The consequence is
 *     one subflow's packets reaching a worker that does not track it, which counts it as unknown;</li>
 * <li>token -> owner, the exact 32-bit token. Two connections may share a token (possibly on
 *     different workers): both entries are kept and {@link #tokenOwners} answers with the bitmask.</li>
 * </ul>
 *
 * <p>The rules the owners follow:
 * <ul>
 * <li>publish both tokens of a connection ({@link #publishToken}) as soon as its keys are known, and
 *     before forwarding the packet that revealed them, so a join that a peer can only send after seeing
 *     that packet finds its owner (publish-before-forward);</li>
 * <li>publish a subflow ({@link #publishSubflow}) when it admits a join subflow (an initial subflow may
 *     be published too, but need not: steering finds it by {@link #hashOwner} anyway);</li>
 * <li>remove what it published when it frees the subflow or evicts the connection; only the owner
 *     removes its own entries.</li>
 * </ul>
 * Publishing from a worker is a CAS on one slot plus two release stores; it never waits for readers.
 * A full table refuses the publish (counted by {@link #subflowFull()} / {@link #tokenFull()}); the
 * subflow or join is then steered by the 4-tuple hash, i.e. possibly to another worker, which counts
 * it as unknown.
 */
public final class OwnerDirectory
{
    /** Most workers: owners are reported as a 64-bit mask. */
    public static final int MAX_WORKERS = OwnerTable.MAX_OWNERS;

    private static final VarHandle SUBFLOW_FULL;
    private static final VarHandle TOKEN_FULL;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            SUBFLOW_FULL = lookup.findVarHandle(OwnerDirectory.class, "subflowFull", long.class);
            TOKEN_FULL = lookup.findVarHandle(OwnerDirectory.class, "tokenFull", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final int workers;
    private final SteerHash hash;
    private final OwnerTable subflows;
    private final OwnerTable tokens;
    @SuppressWarnings("unused")
    private volatile long subflowFull;
    @SuppressWarnings("unused")
    private volatile long tokenFull;

    /**
     * @param workers          worker count, 1..{@link #MAX_WORKERS}.
     * @param subflowCapacity  subflows that can be published at once (the tables take twice the slots).
     * @param tokenCapacity    tokens that can be published at once (two per connection).
     */
    public OwnerDirectory(final int workers, final int subflowCapacity, final int tokenCapacity)
    {
        this(workers, subflowCapacity, tokenCapacity, SteerHash.random());
    }

    /**
     * With hash keys derived from a seed: tests and reproducible benchmarks only (chosen tuples could
     * then be aimed at one bucket).
     */
    public static OwnerDirectory seeded(final int workers, final int subflowCapacity, final int tokenCapacity,
        final long seed)
    {
        return new OwnerDirectory(workers, subflowCapacity, tokenCapacity, SteerHash.seeded(seed));
    }

    private OwnerDirectory(final int workers, final int subflowCapacity, final int tokenCapacity,
        final SteerHash hash)
    {
        if (workers < 1 || workers > MAX_WORKERS)
        {
            throw new IllegalArgumentException("workers=" + workers + " must be in [1, " + MAX_WORKERS + "]");
        }
        this.workers = workers;
        this.hash = hash;
        this.subflows = new OwnerTable(subflowCapacity);
        this.tokens = new OwnerTable(tokenCapacity);
    }

    /** @return the worker count. */
    public int workers()
    {
        return workers;
    }

    /**
     * @param p a parsed packet with {@code ipVersion != 0}; its ports count when {@code tcpValid}, else 0.
     * @return the packet's subflow key: equal for both directions, never 0 or 1.
     */
    public long subflowKey(final ParsedPacket p)
    {
        final boolean v4 = p.ipVersion == 4;
        final int srcPort = p.tcpValid ? p.srcPort : 0;
        final int dstPort = p.tcpValid ? p.dstPort : 0;
        return subflowKey(p.ipVersion, v4 ? 0 : p.srcV6High, v4 ? Integer.toUnsignedLong(p.srcV4) : p.srcV6Low,
            srcPort, v4 ? 0 : p.dstV6High, v4 ? Integer.toUnsignedLong(p.dstV4) : p.dstV6Low, dstPort);
    }

    /**
     * The key of a 4-tuple given as the tracker holds it (IPv4: high 0, low the unsigned address).
     *
     * @return the subflow key: equal for both directions, never 0 or 1.
     */
    public long subflowKey(final int ipVersion, final long srcHigh, final long srcLow, final int srcPort,
        final long dstHigh, final long dstLow, final int dstPort)
    {
        final long key = hash.tuple(ipVersion, srcHigh, srcLow, srcPort, dstHigh, dstLow, dstPort);
        // 0 and 1 are the table's EMPTY and CLAIMED markers.
        return key >>> 1 == 0 ? key + 2 : key;
    }

    /**
     * @param subflowKey a {@link #subflowKey}.
     * @return the worker the 4-tuple hash gives (where unknown subflows and new connections go).
     */
    public int hashOwner(final long subflowKey)
    {
        // Multiply-shift on the high half: uniform over [0, workers) without a division.
        return (int)((subflowKey >>> 32) * workers >>> 32);
    }

    /**
     * Publishes that {@code worker} owns a subflow; publishing a subflow it already holds does nothing.
     *
     * @return false when the table is full (counted; the subflow is then steered by its hash).
     */
    public boolean publishSubflow(final long subflowKey, final int worker)
    {
        checkWorker(worker);
        if (subflows.holds(subflowKey, subflowKey, worker))
        {
            return true;
        }
        if (subflows.insert(subflowKey, subflowKey, worker))
        {
            return true;
        }
        SUBFLOW_FULL.getAndAdd(this, 1L);
        return false;
    }

    /**
     * Removes a subflow {@code worker} published (the worker's own thread only).
     *
     * @return whether it was there.
     */
    public boolean removeSubflow(final long subflowKey, final int worker)
    {
        return subflows.remove(subflowKey, subflowKey, worker);
    }

    /**
     * @return the owner of a published subflow (the lowest-numbered one if, after a hash collision,
     *         several hold the key), or -1.
     */
    public int subflowOwner(final long subflowKey)
    {
        final long mask = subflows.owners(subflowKey, subflowKey);
        return mask == 0 ? -1 : Long.numberOfTrailingZeros(mask);
    }

    /**
     * Publishes that {@code worker} holds a connection with this token. Each call adds an entry (two
     * connections of one worker with one token make two), and each {@link #removeToken} takes one.
     *
     * @return false when the table is full (counted; joins for the token then go to the 4-tuple hash owner).
     */
    public boolean publishToken(final int token, final int worker)
    {
        checkWorker(worker);
        if (tokens.insert(tokenKey(token), hash.token(token), worker))
        {
            return true;
        }
        TOKEN_FULL.getAndAdd(this, 1L);
        return false;
    }

    /**
     * Removes one token entry {@code worker} published (the worker's own thread only).
     *
     * @return whether it was there.
     */
    public boolean removeToken(final int token, final int worker)
    {
        return tokens.remove(tokenKey(token), hash.token(token), worker);
    }

    /**
     * @return bitmask of the workers holding a connection with this token (bit n = worker n), 0 when none.
     */
    public long tokenOwners(final int token)
    {
        return tokens.owners(tokenKey(token), hash.token(token));
    }

    /** @return subflow publishes refused because the table was full. */
    public long subflowFull()
    {
        return (long)SUBFLOW_FULL.getOpaque(this);
    }

    /** @return token publishes refused because the table was full. */
    public long tokenFull()
    {
        return (long)TOKEN_FULL.getOpaque(this);
    }

    /** @return subflow entries in use (walks the table: stats and tests, not the packet path). */
    public int subflowCount()
    {
        return subflows.size();
    }

    /** @return token entries in use (walks the table: stats and tests, not the packet path). */
    public int tokenCount()
    {
        return tokens.size();
    }

    private static long tokenKey(final int token)
    {
        // The exact token, lifted above the EMPTY and CLAIMED markers: token lookups never match falsely.
        return Integer.toUnsignedLong(token) | 1L << 32;
    }

    private void checkWorker(final int worker)
    {
        if (worker < 0 || worker >= workers)
        {
            throw new IllegalArgumentException("worker=" + worker + " must be in [0, " + workers + ")");
        }
    }
}
