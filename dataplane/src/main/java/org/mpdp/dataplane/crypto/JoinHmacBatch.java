package org.mpdp.dataplane.crypto;

import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.ROR;
import static jdk.incubator.vector.VectorOperators.XOR;

import java.lang.management.ManagementFactory;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Verifies many MP_JOIN SYN/ACK truncated HMACs (RFC 8684 §3.2: leftmost 64 bits of
 * HMAC-SHA256(Key-B ‖ Key-A, R-B ‖ R-A)) at once: multi-buffer SHA-256 with the Vector API, one HMAC per
 * {@code int} lane, from the precomputed midstates of an {@link HmacSha256Keys} table (two compressions per
 * HMAC). A batch is {@link #BATCH_SIZE} lanes; longer inputs loop, shorter ones pad the spare lanes, which cost
 * the same as filled ones.
 *
 * <p>Measured (JMH HmacBenchmark, one thread, AMD EPYC Zen 3, AVX2 so 8-lane vectors, 3.2 GHz): about 7-9 M
 * verifications/s in full batches against 3.7 M/s for a fixed-key SHA-NI {@code javax.crypto.Mac}, so about
 * 2x, and a batch beats the Mac only from about 8 pending checks. An 8-lane compression takes about 1300 cycles:
 * without AVX-512 a rotate is three instructions on the two shift pipes, and one lane group's round has a
 * dependency chain of about 10 cycles (S1 alone about 7.7). The 16-lane AVX-512 kernel (one-instruction rotates)
 * measured about 5x the Mac on the Intel machine of hmac-feasibility.md.
 *
 * <p>The species is chosen once per JVM, from the hardware: {@code SPECIES_512} (16 lanes, AVX-512) when the
 * preferred shape is at least 512 bits, else the preferred shape (256 bits, 8 lanes, on AVX2, processed as two
 * lane groups per batch). The system property {@code mpdp.crypto.vectorBits} overrides it for tests. One species
 * per JVM keeps the vector call sites monomorphic, which the intrinsics need (a mixed profile deoptimises them
 * into allocating fallbacks).
 *
 * <p>Lane buffers are structure-of-arrays, one row of {@link #LANES} ints per word, per lane group:
 *
 * <pre>
 *   wInner[g][t][lane]  inner block schedule: t = 0,1 message (R-B, R-A), 2..15 constant padding, 16..63 schedule
 *   wOuter[g][t][lane]  outer block schedule: t = 0..7 inner hash, 8..15 constant padding, 16..63 schedule
 *   state[g][j][lane]   chaining state, gathered from the key table (one index per lane: slot * 16)
 * </pre>
 *
 * <p>Not thread safe: one instance per thread. Nothing is allocated per batch.
 */
public final class JoinHmacBatch
{
    /** The vector species in use. */
    static final VectorSpecies<Integer> SPECIES = chooseSpecies();
    /** Lanes per vector. */
    public static final int LANES = SPECIES.length();
    /** HMACs per batch (at least 16). */
    public static final int BATCH_SIZE = Math.max(16, LANES);
    /** Most entries {@link #verifySynAck(HmacSha256Keys, int[], long[], long[], int, int)} takes in one call. */
    public static final int MAX_MASK_COUNT = 64;

    private static final int GROUPS = BATCH_SIZE / LANES;
    private static final int SCHEDULE_INTS = 64 * LANES;
    private static final int STATE_INTS = 8 * LANES;

    private final int[] index = new int[BATCH_SIZE];
    private final int[] wInner = new int[GROUPS * SCHEDULE_INTS];
    private final int[] wOuter = new int[GROUPS * SCHEDULE_INTS];
    private final int[] state = new int[GROUPS * STATE_INTS];
    private final int[] work = new int[GROUPS * STATE_INTS];
    private final int[] expected = new int[GROUPS * 2 * LANES];

    /**
     * Creates the lane buffers and writes their constant padding words.
     */
    public JoinHmacBatch()
    {
        for (int g = 0; g < GROUPS; g++)
        {
            final int base = g * SCHEDULE_INTS;
            for (int lane = 0; lane < LANES; lane++)
            {
                wInner[base + 2 * LANES + lane] = 0x8000_0000;
                wInner[base + 15 * LANES + lane] = HmacSha256.INNER_BITS_8;
                wOuter[base + 8 * LANES + lane] = 0x8000_0000;
                wOuter[base + 15 * LANES + lane] = HmacSha256.OUTER_BITS;
            }
        }
    }

    /**
     * Runs batches on throw-away keys until a chunk of them allocates nothing (C2 has compiled the kernel
     * and keeps every vector in registers) or the time is up. Until then every vector operation here is a
     * boxed object: about 80 KB per batch, enough to start young collections once a live worker meets its
     * first bursts of joins. A data plane calls this once before its packet threads start, so that cost is
     * paid then, not on the packet path. The test is the thread's allocation counter, not speed: on a
     * loaded machine C2 may take many seconds, and a timed test ended the warm-up too early.
     *
     * @param maxNanos most time to spend.
     * @return whether a chunk ran without allocating before the time was up.
     */
    public static boolean warmUp(final long maxNanos)
    {
        final HmacSha256Keys keys = new HmacSha256Keys(BATCH_SIZE);
        final int[] slots = new int[BATCH_SIZE];
        final long[] messages = new long[BATCH_SIZE];
        for (int i = 0; i < BATCH_SIZE; i++)
        {
            keys.setKey(i, 0x0123_4567_89AB_CDEFL * (i + 1), 0x7654_3210_FEDC_BA98L ^ i);
            slots[i] = i;
            messages[i] = i;
        }
        final int[] digests = new int[BATCH_SIZE * HmacSha256.DIGEST_INTS];
        final JoinHmacBatch batch = new JoinHmacBatch();
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long start = System.nanoTime();
        while (System.nanoTime() - start < maxNanos)
        {
            final long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 256; i++)
            {
                batch.hmac(keys, slots, messages, 0, BATCH_SIZE, digests, 0);
                messages[i & (BATCH_SIZE - 1)]++;
            }
            if (threads.getCurrentThreadAllocatedBytes() == allocatedBefore)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the vector shape in use, e.g. {@code S_256_BIT}.
     */
    public static String shape()
    {
        return SPECIES.vectorShape().toString();
    }

    /**
     * Verifies up to {@link #MAX_MASK_COUNT} SYN/ACK truncated HMACs.
     *
     * @param keys     key table.
     * @param slots    per entry, the slot keyed with {@code Key-B ‖ Key-A}.
     * @param messages per entry, {@code R-B ‖ R-A} ({@link JoinHmac#message(int, int)}).
     * @param thmacs   per entry, the 64 bits received.
     * @param offset   index of the first entry in the three arrays.
     * @param count    entries, 0..{@link #MAX_MASK_COUNT}.
     * @return bit i set if entry {@code offset + i} matched.
     */
    public long verifySynAck(final HmacSha256Keys keys, final int[] slots, final long[] messages,
        final long[] thmacs, final int offset, final int count)
    {
        if (count < 0 || count > MAX_MASK_COUNT)
        {
            throw new IllegalArgumentException("count=" + count);
        }
        long valid = 0;
        for (int done = 0; done < count; done += BATCH_SIZE)
        {
            final int n = Math.min(BATCH_SIZE, count - done);
            valid |= batch(keys, slots, messages, thmacs, offset + done, n) << done;
        }
        return valid;
    }

    /**
     * Verifies any number of SYN/ACK truncated HMACs.
     *
     * @param keys     key table.
     * @param slots    per entry, the slot keyed with {@code Key-B ‖ Key-A}.
     * @param messages per entry, {@code R-B ‖ R-A}.
     * @param thmacs   per entry, the 64 bits received.
     * @param offset   index of the first entry in the four arrays.
     * @param count    entries.
     * @param results  per entry, {@link CryptoResult#VALID} or {@link CryptoResult#HMAC_MISMATCH}.
     * @return the number of valid entries.
     */
    public int verifySynAck(final HmacSha256Keys keys, final int[] slots, final long[] messages,
        final long[] thmacs, final int offset, final int count, final int[] results)
    {
        int validCount = 0;
        for (int done = 0; done < count; done += BATCH_SIZE)
        {
            final int n = Math.min(BATCH_SIZE, count - done);
            final long valid = batch(keys, slots, messages, thmacs, offset + done, n);
            for (int i = 0; i < n; i++)
            {
                results[offset + done + i] = ((valid >>> i) & 1) != 0 ? CryptoResult.VALID : CryptoResult.HMAC_MISMATCH;
            }
            validCount += Long.bitCount(valid);
        }
        return validCount;
    }

    /**
     * Whole HMAC-SHA256 values of 8-byte messages, lane by lane (tests, diagnostics).
     *
     * @param keys         key table.
     * @param slots        per entry, the key's slot.
     * @param messages     per entry, the 8-byte message.
     * @param offset       index of the first entry.
     * @param count        entries.
     * @param digests      destination, {@link HmacSha256#DIGEST_INTS} ints per entry.
     * @param digestOffset index of the first entry's word 0.
     */
    public void hmac(final HmacSha256Keys keys, final int[] slots, final long[] messages, final int offset,
        final int count, final int[] digests, final int digestOffset)
    {
        for (int done = 0; done < count; done += BATCH_SIZE)
        {
            final int n = Math.min(BATCH_SIZE, count - done);
            fill(keys, slots, messages, null, offset + done, n);
            hmacAll(keys.midstates());
            for (int i = 0; i < n; i++)
            {
                final int g = i / LANES;
                final int lane = i % LANES;
                for (int j = 0; j < HmacSha256.DIGEST_INTS; j++)
                {
                    digests[digestOffset + (done + i) * HmacSha256.DIGEST_INTS + j] =
                        state[g * STATE_INTS + j * LANES + lane];
                }
            }
        }
    }

    private long batch(final HmacSha256Keys keys, final int[] slots, final long[] messages, final long[] thmacs,
        final int from, final int n)
    {
        fill(keys, slots, messages, thmacs, from, n);
        final int[] midstates = keys.midstates();
        long valid = 0;
        hmacAll(midstates);
        for (int g = 0; g < GROUPS; g++)
        {
            final int s = g * STATE_INTS;
            final int e = g * 2 * LANES;
            final VectorMask<Integer> eq = IntVector.fromArray(SPECIES, state, s)
                .compare(VectorOperators.EQ, IntVector.fromArray(SPECIES, expected, e))
                .and(IntVector.fromArray(SPECIES, state, s + LANES)
                    .compare(VectorOperators.EQ, IntVector.fromArray(SPECIES, expected, e + LANES)));
            valid |= eq.toLong() << (g * LANES);
        }
        return n == 64 ? valid : valid & ((1L << n) - 1);
    }

    /** Copies entries into the lane buffers; spare lanes read slot 0 and are masked off by the caller. */
    private void fill(final HmacSha256Keys keys, final int[] slots, final long[] messages, final long[] thmacs,
        final int from, final int n)
    {
        final int capacity = keys.capacity();
        for (int i = 0; i < BATCH_SIZE; i++)
        {
            final int g = i / LANES;
            final int lane = i % LANES;
            final int w = g * SCHEDULE_INTS + lane;
            if (i < n)
            {
                final int slot = slots[from + i];
                if (slot < 0 || slot >= capacity)
                {
                    throw new IndexOutOfBoundsException("slot=" + slot + " capacity=" + capacity);
                }
                index[i] = slot * HmacSha256Keys.SLOT_INTS;
                final long m = messages[from + i];
                wInner[w] = (int)(m >>> 32);
                wInner[w + LANES] = (int)m;
                if (thmacs != null)
                {
                    final long t = thmacs[from + i];
                    expected[g * 2 * LANES + lane] = (int)(t >>> 32);
                    expected[g * 2 * LANES + LANES + lane] = (int)t;
                }
            }
            else
            {
                index[i] = 0;
            }
        }
    }

    /** Inner then outer compression for all lane groups; the HMACs end up in state. */
    private void hmacAll(final int[] midstates)
    {
        gather(midstates, 0);
        compress(state, wInner, work, wOuter, SCHEDULE_INTS);
        gather(midstates, HmacSha256.OUTER_OFFSET);
        compress(state, wOuter, work, state, STATE_INTS);
    }

    /** Gathers each lane's inner (offset 0) or outer (offset 8) state from the key table into state. */
    private void gather(final int[] midstates, final int offset)
    {
        for (int g = 0; g < GROUPS; g++)
        {
            for (int j = 0; j < 8; j++)
            {
                IntVector.fromArray(SPECIES, midstates, offset + j, index, g * LANES)
                    .intoArray(state, g * STATE_INTS + j * LANES);
            }
        }
    }

    /**
     * One SHA-256 compression per lane of every group: out = in + rounds(in, w), with in and work laid out as
     * {@code state}, w as {@code wInner}, and group g's words in out at {@code g * outStride} ({@code in} may be
     * {@code out}).
     *
     * <p>The kernel is written for C2, which is fragile here in two ways, both of which make every vector
     * operation box and allocate (about 80 KB per batch) instead of becoming one instruction:
     * <ul>
     *   <li>No vector lives across a loop back-edge: the working variables go through {@code work} every four
     *       rounds. A loop-carried vector has the static type {@code IntVector}, so C2 can bind its calls only
     *       through a type profile, which code compiled at tier 2 does not collect. Vectors loaded inside the
     *       body have an exact type and need no profile.</li>
     *   <li>No helper methods (sigma, ch, maj are written out): C2 parses each Vector API call into hundreds of
     *       nodes before intrinsifying it, and after about 1.5 rounds stops inlining anything that is not
     *       {@code @ForceInline} (NodeCountInliningCutoff, 18000 nodes). The API's own methods are
     *       {@code @ForceInline}; ours cannot be.</li>
     * </ul>
     */
    static void compress(final int[] in, final int[] w, final int[] work, final int[] out, final int outStride)
    {
        final VectorSpecies<Integer> species = SPECIES;
        final int l = LANES;
        for (int g = 0; g < GROUPS; g++)
        {
            final int wOffset = g * SCHEDULE_INTS;
            for (int t = 16; t < 64; t++)
            {
                // W[t] = sigma1(W[t-2]) + W[t-7] + sigma0(W[t-15]) + W[t-16] (FIPS 180-4 §6.2.2 step 1)
                final IntVector x = IntVector.fromArray(species, w, wOffset + (t - 15) * l);
                final IntVector y = IntVector.fromArray(species, w, wOffset + (t - 2) * l);
                IntVector.fromArray(species, w, wOffset + (t - 16) * l)
                    .add(IntVector.fromArray(species, w, wOffset + (t - 7) * l))
                    .add(x.lanewise(ROR, 7).lanewise(XOR, x.lanewise(ROR, 18)).lanewise(XOR, x.lanewise(LSHR, 3)))
                    .add(y.lanewise(ROR, 17).lanewise(XOR, y.lanewise(ROR, 19)).lanewise(XOR, y.lanewise(LSHR, 10)))
                    .intoArray(w, wOffset + t * l);
            }
        }
        System.arraycopy(in, 0, work, 0, GROUPS * STATE_INTS);
        // Groups interleaved four rounds at a time: their dependency chains are independent, which gives the
        // out-of-order core something to do while one group's round waits on the previous one.
        for (int t = 0; t < 64; t += 8)
        {
            for (int g = 0; g < GROUPS; g++)
            {
                roundsLow(work, g * STATE_INTS, w, g * SCHEDULE_INTS + t * l, t);
            }
            for (int g = 0; g < GROUPS; g++)
            {
                roundsHigh(work, g * STATE_INTS, w, g * SCHEDULE_INTS + t * l, t);
            }
        }
        // Feed-forward; in may be out, so each row is read before it is written.
        for (int g = 0; g < GROUPS; g++)
        {
            for (int j = 0; j < 8; j++)
            {
                final int row = g * STATE_INTS + j * l;
                IntVector.fromArray(species, work, row).add(IntVector.fromArray(species, in, row))
                    .intoArray(out, g * outStride + j * l);
            }
        }
    }

    /**
     * Rounds t..t+3 of an eight-round pass (FIPS 180-4 §6.2.2 step 3), renaming the working variables as
     * Sha256.compress does: round t writes the new 'a' into h and the new 'e' into d.
     */
    private static void roundsLow(final int[] work, final int o, final int[] w, final int r, final int t)
    {
        final VectorSpecies<Integer> species = SPECIES;
        final int l = LANES;
        final int[] k = Sha256.K;
        IntVector a = IntVector.fromArray(species, work, o);
        IntVector b = IntVector.fromArray(species, work, o + l);
        IntVector c = IntVector.fromArray(species, work, o + 2 * l);
        IntVector d = IntVector.fromArray(species, work, o + 3 * l);
        IntVector e = IntVector.fromArray(species, work, o + 4 * l);
        IntVector f = IntVector.fromArray(species, work, o + 5 * l);
        IntVector g = IntVector.fromArray(species, work, o + 6 * l);
        IntVector h = IntVector.fromArray(species, work, o + 7 * l);
        IntVector s0;
        IntVector s1;
        s1 = e.lanewise(ROR, 6).lanewise(XOR, e.lanewise(ROR, 11)).lanewise(XOR, e.lanewise(ROR, 25));
        h = IntVector.fromArray(species, w, r).add(k[t]).add(h)
            .add(g.lanewise(XOR, e.and(f.lanewise(XOR, g)))).add(s1);
        d = d.add(h);
        s0 = a.lanewise(ROR, 2).lanewise(XOR, a.lanewise(ROR, 13)).lanewise(XOR, a.lanewise(ROR, 22));
        h = s0.add(a.and(b).or(c.and(a.or(b)))).add(h);
        s1 = d.lanewise(ROR, 6).lanewise(XOR, d.lanewise(ROR, 11)).lanewise(XOR, d.lanewise(ROR, 25));
        g = IntVector.fromArray(species, w, r + l).add(k[t + 1]).add(g)
            .add(f.lanewise(XOR, d.and(e.lanewise(XOR, f)))).add(s1);
        c = c.add(g);
        s0 = h.lanewise(ROR, 2).lanewise(XOR, h.lanewise(ROR, 13)).lanewise(XOR, h.lanewise(ROR, 22));
        g = s0.add(h.and(a).or(b.and(h.or(a)))).add(g);
        s1 = c.lanewise(ROR, 6).lanewise(XOR, c.lanewise(ROR, 11)).lanewise(XOR, c.lanewise(ROR, 25));
        f = IntVector.fromArray(species, w, r + 2 * l).add(k[t + 2]).add(f)
            .add(e.lanewise(XOR, c.and(d.lanewise(XOR, e)))).add(s1);
        b = b.add(f);
        s0 = g.lanewise(ROR, 2).lanewise(XOR, g.lanewise(ROR, 13)).lanewise(XOR, g.lanewise(ROR, 22));
        f = s0.add(g.and(h).or(a.and(g.or(h)))).add(f);
        s1 = b.lanewise(ROR, 6).lanewise(XOR, b.lanewise(ROR, 11)).lanewise(XOR, b.lanewise(ROR, 25));
        e = IntVector.fromArray(species, w, r + 3 * l).add(k[t + 3]).add(e)
            .add(d.lanewise(XOR, b.and(c.lanewise(XOR, d)))).add(s1);
        a = a.add(e);
        s0 = f.lanewise(ROR, 2).lanewise(XOR, f.lanewise(ROR, 13)).lanewise(XOR, f.lanewise(ROR, 22));
        e = s0.add(f.and(g).or(h.and(f.or(g)))).add(e);
        a.intoArray(work, o);
        b.intoArray(work, o + l);
        c.intoArray(work, o + 2 * l);
        d.intoArray(work, o + 3 * l);
        e.intoArray(work, o + 4 * l);
        f.intoArray(work, o + 5 * l);
        g.intoArray(work, o + 6 * l);
        h.intoArray(work, o + 7 * l);
    }

    /** Rounds t+4..t+7 of an eight-round pass; see {@link #roundsLow}. */
    private static void roundsHigh(final int[] work, final int o, final int[] w, final int r, final int t)
    {
        final VectorSpecies<Integer> species = SPECIES;
        final int l = LANES;
        final int[] k = Sha256.K;
        IntVector a = IntVector.fromArray(species, work, o);
        IntVector b = IntVector.fromArray(species, work, o + l);
        IntVector c = IntVector.fromArray(species, work, o + 2 * l);
        IntVector d = IntVector.fromArray(species, work, o + 3 * l);
        IntVector e = IntVector.fromArray(species, work, o + 4 * l);
        IntVector f = IntVector.fromArray(species, work, o + 5 * l);
        IntVector g = IntVector.fromArray(species, work, o + 6 * l);
        IntVector h = IntVector.fromArray(species, work, o + 7 * l);
        IntVector s0;
        IntVector s1;
        s1 = a.lanewise(ROR, 6).lanewise(XOR, a.lanewise(ROR, 11)).lanewise(XOR, a.lanewise(ROR, 25));
        d = IntVector.fromArray(species, w, r + 4 * l).add(k[t + 4]).add(d)
            .add(c.lanewise(XOR, a.and(b.lanewise(XOR, c)))).add(s1);
        h = h.add(d);
        s0 = e.lanewise(ROR, 2).lanewise(XOR, e.lanewise(ROR, 13)).lanewise(XOR, e.lanewise(ROR, 22));
        d = s0.add(e.and(f).or(g.and(e.or(f)))).add(d);
        s1 = h.lanewise(ROR, 6).lanewise(XOR, h.lanewise(ROR, 11)).lanewise(XOR, h.lanewise(ROR, 25));
        c = IntVector.fromArray(species, w, r + 5 * l).add(k[t + 5]).add(c)
            .add(b.lanewise(XOR, h.and(a.lanewise(XOR, b)))).add(s1);
        g = g.add(c);
        s0 = d.lanewise(ROR, 2).lanewise(XOR, d.lanewise(ROR, 13)).lanewise(XOR, d.lanewise(ROR, 22));
        c = s0.add(d.and(e).or(f.and(d.or(e)))).add(c);
        s1 = g.lanewise(ROR, 6).lanewise(XOR, g.lanewise(ROR, 11)).lanewise(XOR, g.lanewise(ROR, 25));
        b = IntVector.fromArray(species, w, r + 6 * l).add(k[t + 6]).add(b)
            .add(a.lanewise(XOR, g.and(h.lanewise(XOR, a)))).add(s1);
        f = f.add(b);
        s0 = c.lanewise(ROR, 2).lanewise(XOR, c.lanewise(ROR, 13)).lanewise(XOR, c.lanewise(ROR, 22));
        b = s0.add(c.and(d).or(e.and(c.or(d)))).add(b);
        s1 = f.lanewise(ROR, 6).lanewise(XOR, f.lanewise(ROR, 11)).lanewise(XOR, f.lanewise(ROR, 25));
        a = IntVector.fromArray(species, w, r + 7 * l).add(k[t + 7]).add(a)
            .add(h.lanewise(XOR, f.and(g.lanewise(XOR, h)))).add(s1);
        e = e.add(a);
        s0 = b.lanewise(ROR, 2).lanewise(XOR, b.lanewise(ROR, 13)).lanewise(XOR, b.lanewise(ROR, 22));
        a = s0.add(b.and(c).or(d.and(b.or(c)))).add(a);
        a.intoArray(work, o);
        b.intoArray(work, o + l);
        c.intoArray(work, o + 2 * l);
        d.intoArray(work, o + 3 * l);
        e.intoArray(work, o + 4 * l);
        f.intoArray(work, o + 5 * l);
        g.intoArray(work, o + 6 * l);
        h.intoArray(work, o + 7 * l);
    }

    private static VectorSpecies<Integer> chooseSpecies()
    {
        final String bits = System.getProperty("mpdp.crypto.vectorBits");
        if (bits != null)
        {
            return VectorSpecies.of(int.class, VectorShape.forBitSize(Integer.parseInt(bits)));
        }
        final VectorSpecies<Integer> preferred = IntVector.SPECIES_PREFERRED;
        if (preferred.vectorBitSize() >= 512)
        {
            return IntVector.SPECIES_512;
        }
        return preferred.vectorBitSize() >= 256 ? IntVector.SPECIES_256 : preferred;
    }
}
