package org.mpdp.dataplane.steer;

import java.security.SecureRandom;

/**
 * Keyed hashes for steering, the same construction as the tracker's {@code FlowHash} (MurmurHash3's
 * finaliser over keyed endpoint mixes) with its own secret random keys, so chosen 4-tuples or tokens
 * cannot be aimed at one directory bucket or one worker. The 4-tuple hash is symmetric: both
 * directions of a subflow give the same value.
 */
final class SteerHash
{
    private static final SecureRandom RANDOM = new SecureRandom();

    private final long k0;
    private final long k1;
    private final long k2;
    private final long k3;

    private SteerHash(final long k0, final long k1, final long k2, final long k3)
    {
        this.k0 = k0;
        this.k1 = k1;
        this.k2 = k2;
        this.k3 = k3;
    }

    static SteerHash random()
    {
        return new SteerHash(RANDOM.nextLong(), RANDOM.nextLong(), RANDOM.nextLong(), RANDOM.nextLong());
    }

    static SteerHash seeded(final long seed)
    {
        return new SteerHash(fmix(seed), fmix(seed + 0x9E3779B97F4A7C15L), fmix(seed + 0x3C6EF372FE94F82AL),
            fmix(seed + 0xDAA66D2C7DDF743FL));
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

    /**
     * @return the same value for both directions of a 4-tuple; the IP version is mixed in so an IPv4
     *         tuple and an IPv6 tuple with the same numbers differ.
     */
    long tuple(final int version, final long aHigh, final long aLow, final int aPort, final long bHigh,
        final long bLow, final int bPort)
    {
        final long a = endpoint(aHigh, aLow, aPort);
        final long b = endpoint(bHigh, bLow, bPort);
        return fmix((a ^ b) + k2 + version) ^ (a + b);
    }

    /** Keyed 64-bit hash of a 32-bit token (picks its directory buckets). */
    long token(final int token)
    {
        return fmix(fmix((token & 0xFFFF_FFFFL) ^ k3) + k0);
    }
}
