package org.mpdp.dataplane.track;

import java.security.SecureRandom;

/**
 * Keyed hashes for the tracker's tables. The keys are secret and random per table, so an attacker
 * who picks 4-tuples or keys cannot aim them at one bucket (hash flooding); tests may fix them.
 * The 4-tuple hash is symmetric, so both directions of a subflow find the same entry.
 */
final class FlowHash
{
    private static final SecureRandom RANDOM = new SecureRandom();

    private final long k0;
    private final long k1;
    private final long k2;

    private FlowHash(final long k0, final long k1, final long k2)
    {
        this.k0 = k0;
        this.k1 = k1;
        this.k2 = k2;
    }

    /**
     * @return a hash with fresh random keys.
     */
    static FlowHash random()
    {
        return new FlowHash(RANDOM.nextLong(), RANDOM.nextLong(), RANDOM.nextLong());
    }

    /**
     * @param seed a fixed seed (tests and reproducible benchmarks only).
     * @return a hash whose keys derive from the seed.
     */
    static FlowHash seeded(final long seed)
    {
        return new FlowHash(fmix(seed), fmix(seed + 0x9E3779B97F4A7C15L), fmix(seed + 0x3C6EF372FE94F82AL));
    }

    /** MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
    static long fmix(final long value)
    {
        long h = value;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }

    private long endpoint(final long high, final long low, final int port)
    {
        return fmix((low ^ k0) * 0x9E3779B97F4A7C15L + Long.rotateLeft((high ^ k1) * 0xC2B2AE3D27D4EB4FL, 31) +
            (port + 1) * 0x165667B19E3779F9L);
    }

    /** The same value for both directions of a 4-tuple. */
    long tuple(final long aHigh, final long aLow, final int aPort, final long bHigh, final long bLow, final int bPort)
    {
        final long a = endpoint(aHigh, aLow, aPort);
        final long b = endpoint(bHigh, bLow, bPort);
        return fmix((a ^ b) + k2) ^ (a + b);
    }

    /** Hash of a 32-bit token. */
    int token(final int token)
    {
        return (int)fmix((token & 0xFFFF_FFFFL) ^ k0);
    }
}
