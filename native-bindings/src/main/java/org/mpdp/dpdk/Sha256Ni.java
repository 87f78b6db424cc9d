package org.mpdp.dpdk;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import org.mpdp.dpdk.ffi.shim_h;

/**
 * HMAC-SHA256 of short messages from precomputed midstates on the CPU's SHA extensions, in
 * mpdp_sha256.c (two SHA-NI compressions per HMAC; the JDK's SHA-NI path needs four plus the digest
 * bookkeeping, and cannot start from a midstate).
 *
 * <p>The downcalls are critical and may take heap segments ({@code Linker.Option.critical(true)}):
 * the callers pass {@code MemorySegment.ofArray} views of their own int arrays, created once, so a
 * call copies nothing and allocates nothing. Words are the big-endian words' values, as Java ints.
 *
 * <p>{@link #AVAILABLE} is false when the CPU lacks the SHA extensions or the shim cannot be loaded
 * (no DPDK libraries on the machine); callers then keep their Java paths. {@code -Dmpdp.crypto.native=false}
 * turns it off (benchmarks compare both).
 */
public final class Sha256Ni
{
    private static final Linker.Option CRITICAL_HEAP = Linker.Option.critical(true);

    /** Whether the functions here may be called. */
    public static final boolean AVAILABLE = probe();

    private static final MethodHandle HMAC_U64 = AVAILABLE ? link(shim_h.mpdp_hmac_sha256_u64$address(),
        shim_h.mpdp_hmac_sha256_u64$descriptor()) : null;
    private static final MethodHandle HMAC = AVAILABLE ? link(shim_h.mpdp_hmac_sha256$address(),
        shim_h.mpdp_hmac_sha256$descriptor()) : null;
    private static final MethodHandle HMAC_U64_BATCH = AVAILABLE ? link(shim_h.mpdp_hmac_sha256_u64_batch$address(),
        shim_h.mpdp_hmac_sha256_u64_batch$descriptor()) : null;
    private static final MethodHandle HASH_U64 = AVAILABLE ? link(shim_h.mpdp_sha256_u64$address(),
        shim_h.mpdp_sha256_u64$descriptor()) : null;
    private static final MethodHandle MIDSTATES = AVAILABLE ? link(shim_h.mpdp_sha256_midstates$address(),
        shim_h.mpdp_sha256_midstates$descriptor()) : null;

    /** Longest message {@link #hmac} takes: one padded block after the key block. */
    public static final int MAX_MESSAGE_LENGTH = 55;

    private Sha256Ni()
    {
    }

    private static boolean probe()
    {
        if (!Boolean.parseBoolean(System.getProperty("mpdp.crypto.native", "true")))
        {
            return false;
        }
        try
        {
            return shim_h.mpdp_sha_ni() == 1;
        }
        catch (final LinkageError | IllegalArgumentException ex)
        {
            // No shim on this machine (its DPDK libraries are missing): the Java paths serve.
            return false;
        }
    }

    /** The native code trusts its indexes: each one is checked against its segment here. */
    private static void check(final MemorySegment words, final int offset, final int count)
    {
        if (offset < 0 || 4L * offset + 4L * count > words.byteSize())
        {
            throw new IndexOutOfBoundsException("words " + offset + ".." + (offset + count) + " of " + words.byteSize() / 4);
        }
    }

    private static MethodHandle link(final MemorySegment address, final FunctionDescriptor d)
    {
        return Linker.nativeLinker().downcallHandle(address, d, CRITICAL_HEAP);
    }

    /**
     * HMAC of an 8-byte message.
     *
     * @param midstates records of 16 words (inner state, outer state), e.g. a heap view of an int[].
     * @param offset    index in words of the record.
     * @param message   the 8 message bytes as a big-endian long.
     * @param out       destination of 8 words.
     * @param outOffset index in words of word 0.
     */
    public static void hmac8(final MemorySegment midstates, final int offset, final long message,
        final MemorySegment out, final int outOffset)
    {
        check(midstates, offset, 16);
        check(out, outOffset, 8);
        try
        {
            if ((int)HMAC_U64.invokeExact(midstates, offset, message, out, outOffset) != 0)
            {
                throw new IllegalStateException("mpdp_hmac_sha256_u64 failed");
            }
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("should not reach here", ex);
        }
    }

    /**
     * HMAC of {@code length} bytes at the start of {@code message}.
     *
     * @param midstates records of 16 words.
     * @param offset    index in words of the record.
     * @param message   the message bytes from index 0.
     * @param length    0..{@link #MAX_MESSAGE_LENGTH}.
     * @param out       destination of 8 words.
     * @param outOffset index in words of word 0.
     */
    public static void hmac(final MemorySegment midstates, final int offset, final MemorySegment message,
        final int length, final MemorySegment out, final int outOffset)
    {
        if (length < 0 || length > MAX_MESSAGE_LENGTH || length > message.byteSize())
        {
            throw new IllegalArgumentException("message length=" + length);
        }
        check(midstates, offset, 16);
        check(out, outOffset, 8);
        try
        {
            if ((int)HMAC.invokeExact(midstates, offset, message, length, out, outOffset) != 0)
            {
                throw new IllegalStateException("mpdp_hmac_sha256 failed");
            }
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("should not reach here", ex);
        }
    }

    /**
     * HMACs of {@code count} 8-byte messages, each with its own record.
     *
     * @param midstates records of 16 words.
     * @param offsets   {@code count} word indexes of records.
     * @param messages  {@code count} messages as big-endian longs.
     * @param count     how many.
     * @param out       destination of {@code 8 * count} words.
     */
    public static void hmac8Batch(final MemorySegment midstates, final MemorySegment offsets,
        final MemorySegment messages, final int count, final MemorySegment out)
    {
        if (count < 0 || offsets.byteSize() < 4L * count || messages.byteSize() < 8L * count ||
            out.byteSize() < 32L * count)
        {
            throw new IllegalArgumentException("count=" + count);
        }
        for (int i = 0; i < count; i++)
        {
            check(midstates, offsets.getAtIndex(ValueLayout.JAVA_INT, i), 16);
        }
        try
        {
            HMAC_U64_BATCH.invokeExact(midstates, offsets, messages, count, out);
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("should not reach here", ex);
        }
    }

    /**
     * Precomputes the record for the key {@code be64(key1) ‖ be64(key2)}: SHA256(K ^ ipad) and
     * SHA256(K ^ opad), one compression each.
     *
     * @param key1      first 8 key bytes, big-endian.
     * @param key2      last 8 key bytes.
     * @param midstates destination of the 16-word record.
     * @param offset    index in words of the record.
     */
    public static void midstates(final long key1, final long key2, final MemorySegment midstates, final int offset)
    {
        check(midstates, offset, 16);
        try
        {
            MIDSTATES.invokeExact(key1, key2, midstates, offset);
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("should not reach here", ex);
        }
    }

    /**
     * SHA-256 of one 8-byte message (an MPTCP key, for its token and IDSN): one compression.
     *
     * @param message   the 8 bytes as a big-endian long.
     * @param out       destination of 8 words.
     * @param outOffset index in words of word 0.
     */
    public static void sha256(final long message, final MemorySegment out, final int outOffset)
    {
        check(out, outOffset, 8);
        try
        {
            HASH_U64.invokeExact(message, out, outOffset);
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("should not reach here", ex);
        }
    }
}
