package org.mpdp.bench.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.mpdp.dataplane.crypto.CryptoResult;
import org.mpdp.dataplane.crypto.HmacSha256Keys;
import org.mpdp.dataplane.crypto.JoinHmac;
import org.mpdp.dataplane.crypto.JoinHmacBatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * MP_JOIN SYN/ACK truncated-HMAC verifications per second on one thread (RFC 8684 §3.2: leftmost 64 bits of
 * HMAC-SHA256(Key-B ‖ Key-A, R-B ‖ R-A)), every result checked:
 *
 * <ul>
 *   <li>{@code jdkMacFixedKey}: the baseline, one {@link Mac} keyed once, {@code update(8)} +
 *       {@code doFinal(out, 0)} (SHA-NI where the CPU has it). The kindest JDK case: a real verifier changes key
 *       per connection, which costs an {@code init} per check.</li>
 *   <li>{@code precomputedScalar}: {@link JoinHmac} from per-connection midstates, two pure-Java compressions.</li>
 *   <li>{@code batchedVector}: {@link JoinHmacBatch}, {@value #COUNT} checks per call, batches of 16 lanes.</li>
 *   <li>{@code batchedVector4}: the same with only 4 checks pending per call (a partial batch costs a full one).</li>
 * </ul>
 *
 * <p>Every benchmark walks {@value #CONNECTIONS} connections with random keys and nonces; scores are per
 * verification ({@code @OperationsPerInvocation}). Run: {@code scripts/mpdp bench jmh HmacBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class HmacBenchmark
{
    static final int CONNECTIONS = 1024;
    static final int COUNT = 256;

    private final HmacSha256Keys keys = new HmacSha256Keys(CONNECTIONS);
    private final JoinHmac joinHmac = new JoinHmac();
    private final JoinHmacBatch batch = new JoinHmacBatch();
    private final int[] slots = new int[CONNECTIONS];
    private final long[] messages = new long[CONNECTIONS];
    private final long[] thmacs = new long[CONNECTIONS];
    private final int[] results = new int[CONNECTIONS];
    private final byte[][] messageBytes = new byte[CONNECTIONS][];
    private final long[] fixedKeyThmacs = new long[CONNECTIONS];
    private final byte[] out = new byte[32];
    private Mac fixedKeyMac;
    private int next;

    /**
     * Random keys, nonces and the HMACs to expect, from javax.crypto.
     *
     * @throws GeneralSecurityException never (HmacSHA256 is always present).
     */
    @Setup
    public void setUp() throws GeneralSecurityException
    {
        final SplittableRandom random = new SplittableRandom(42);
        final Mac mac = Mac.getInstance("HmacSHA256");
        final byte[][] keyBytes = new byte[CONNECTIONS][];
        for (int c = 0; c < CONNECTIONS; c++)
        {
            final long keyB = random.nextLong();
            final long keyA = random.nextLong();
            keys.setKey(c, keyB, keyA);
            keyBytes[c] = ByteBuffer.allocate(16).putLong(keyB).putLong(keyA).array();
        }
        fixedKeyMac = Mac.getInstance("HmacSHA256");
        fixedKeyMac.init(new SecretKeySpec(keyBytes[0], "HmacSHA256"));
        for (int i = 0; i < CONNECTIONS; i++)
        {
            // Entry i checks a packet of a random connection, as packets arrive.
            slots[i] = random.nextInt(CONNECTIONS);
            messages[i] = JoinHmac.message(random.nextInt(), random.nextInt());
            messageBytes[i] = ByteBuffer.allocate(8).putLong(messages[i]).array();
            mac.init(new SecretKeySpec(keyBytes[slots[i]], "HmacSHA256"));
            thmacs[i] = ByteBuffer.wrap(mac.doFinal(messageBytes[i])).getLong();
            fixedKeyThmacs[i] = ByteBuffer.wrap(fixedKeyMac.doFinal(messageBytes[i])).getLong();
        }
        if (batch.verifySynAck(keys, slots, messages, thmacs, 0, CONNECTIONS, results) != CONNECTIONS)
        {
            throw new IllegalStateException("batched verifier disagrees with javax.crypto");
        }
    }

    /**
     * @return verifications that passed (all).
     */
    @Benchmark
    @OperationsPerInvocation(COUNT)
    public int jdkMacFixedKey()
    {
        final int from = advance();
        int valid = 0;
        for (int i = from; i < from + COUNT; i++)
        {
            fixedKeyMac.update(messageBytes[i]);
            try
            {
                fixedKeyMac.doFinal(out, 0);
            }
            catch (final javax.crypto.ShortBufferException ex)
            {
                throw new IllegalStateException(ex);
            }
            final long thmac = ((long)(out[0] & 0xFF) << 56) | ((long)(out[1] & 0xFF) << 48) |
                ((long)(out[2] & 0xFF) << 40) | ((long)(out[3] & 0xFF) << 32) | ((long)(out[4] & 0xFF) << 24) |
                ((out[5] & 0xFF) << 16) | ((out[6] & 0xFF) << 8) | (out[7] & 0xFF);
            valid += thmac == fixedKeyThmacs[i] ? 1 : 0;
        }
        return check(valid);
    }

    /**
     * @return verifications that passed (all).
     */
    @Benchmark
    @OperationsPerInvocation(COUNT)
    public int precomputedScalar()
    {
        final int from = advance();
        int valid = 0;
        for (int i = from; i < from + COUNT; i++)
        {
            final long m = messages[i];
            valid += joinHmac.verifySynAck(keys, slots[i], (int)(m >>> 32), (int)m, thmacs[i]) == CryptoResult.VALID ?
                1 : 0;
        }
        return check(valid);
    }

    /**
     * @return verifications that passed (all).
     */
    @Benchmark
    @OperationsPerInvocation(COUNT)
    public int batchedVector()
    {
        return check(batch.verifySynAck(keys, slots, messages, thmacs, advance(), COUNT, results));
    }

    /**
     * @return verifications that passed (all).
     */
    @Benchmark
    @OperationsPerInvocation(4)
    public long batchedVector4()
    {
        final long valid = batch.verifySynAck(keys, slots, messages, thmacs, advance(), 4);
        if (valid != 0xF)
        {
            throw new IllegalStateException("valid=" + Long.toBinaryString(valid));
        }
        return valid;
    }

    /**
     * Two pending checks, the usual share of a 32-packet burst in bench pipeline's trace: the spare lanes
     * cost as much as filled ones, so this is where a batch stops paying.
     *
     * @return the valid mask (both).
     */
    @Benchmark
    @OperationsPerInvocation(2)
    public long batchedVector2()
    {
        final long valid = batch.verifySynAck(keys, slots, messages, thmacs, advance(), 2);
        if (valid != 0x3)
        {
            throw new IllegalStateException("valid=" + Long.toBinaryString(valid));
        }
        return valid;
    }

    private int advance()
    {
        final int from = next;
        next = (from + COUNT) & (CONNECTIONS - 1);
        return from;
    }

    private static int check(final int valid)
    {
        if (valid != COUNT)
        {
            throw new IllegalStateException("valid=" + valid + " of " + COUNT);
        }
        return valid;
    }
}
