package org.mpdp.dataplane.crypto;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Oracles and helpers for the crypto tests: javax.crypto HMACs over the same bytes, ASCII keys as two be64
 * halves, and a thread allocation probe for the zero-allocation checks.
 */
final class CryptoTesting
{
    private CryptoTesting()
    {
    }

    static byte[] key16(final long key1, final long key2)
    {
        return ByteBuffer.allocate(16).putLong(key1).putLong(key2).array();
    }

    static byte[] be64(final long value)
    {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    /** The be64 value of 8 ASCII characters (KUnit feeds the characters, not hex-decoded bytes). */
    static long ascii64(final String eight)
    {
        return ByteBuffer.wrap(eight.getBytes(StandardCharsets.US_ASCII)).getLong();
    }

    static byte[] jdkHmac(final String algorithm, final byte[] key, final byte[] message)
    {
        try
        {
            final Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(message);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    static byte[] bytes(final int[] words, final int offset, final int count)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(4 * count);
        for (int i = 0; i < count; i++)
        {
            buffer.putInt(words[offset + i]);
        }
        return buffer.array();
    }

    static String hex(final byte[] bytes)
    {
        return HexFormat.of().formatHex(bytes);
    }

    static long left64(final byte[] digest)
    {
        return ByteBuffer.wrap(digest).getLong(0);
    }

    static long right64(final byte[] digest)
    {
        return ByteBuffer.wrap(digest).getLong(digest.length - 8);
    }

    /**
     * Runs {@code action} in windows of {@code calls} until a window allocates nothing (the JIT has compiled
     * and, for the Vector API, intrinsified it), for at most {@code seconds}.
     *
     * @return bytes allocated by the last window: 0 on success.
     */
    static long allocatedAfterWarmUp(final Runnable action, final int calls, final int seconds)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long allocated;
        do
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < calls; i++)
            {
                action.run();
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        while (allocated != 0 && System.nanoTime() < deadline);
        return allocated;
    }
}
