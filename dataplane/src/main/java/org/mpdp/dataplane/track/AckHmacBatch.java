package org.mpdp.dataplane.track;

import java.lang.foreign.MemorySegment;

import org.mpdp.dataplane.crypto.CryptoResult;
import org.mpdp.dataplane.crypto.HmacSha256;
import org.mpdp.dataplane.crypto.JoinHmac;
import org.mpdp.dataplane.crypto.JoinHmacBatch;
import org.mpdp.dataplane.wire.Bytes;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptions;
import org.mpdp.dataplane.wire.ParsedPacket;

/**
 * The v1 third-ACK HMACs of one burst, computed together by the Vector API verifier
 * ({@link JoinHmacBatch}, 16 lanes with AVX-512) instead of one HMAC-SHA256 at a time.
 *
 * <p>Before a burst is tracked, {@link #offer} looks at each packet: an MP_JOIN ACK with the 20-byte
 * HMAC, from the client of a join whose SYN/ACK verified, on a v1 connection, becomes an entry (key
 * slot, nonces, and the connection's allocation number so a slot freed and reused meanwhile cannot
 * match). {@link #compute} hashes the entries when there are at least {@link #MIN_BATCH} (fewer are
 * cheaper on the scalar path). While the burst is then tracked packet by packet, {@link Joins} asks
 * {@link #verify} for the result and falls back to the scalar HMAC when no entry matches (state that changed inside the
 * burst, a SYN/ACK in the same burst, more than {@link #CAPACITY} candidates). The comparison with
 * the received bytes is made at {@link #verify}, in constant time, so the result is exactly the
 * scalar one.
 */
final class AckHmacBatch
{
    /** Most entries per burst. */
    static final int CAPACITY = JoinHmacBatch.MAX_MASK_COUNT;
    private static final int HMAC_INTS = 5;

    private final TrackState st;
    private final int[] slots = new int[CAPACITY];
    private final long[] messages = new long[CAPACITY];
    private final int[] generations = new int[CAPACITY];
    private final boolean[] used = new boolean[CAPACITY];
    private final int[] digests = new int[CAPACITY * HmacSha256.DIGEST_INTS];
    private JoinHmacBatch batch;
    private int count;
    private boolean computed;
    private long batched;
    private long batches;

    AckHmacBatch(final TrackState state)
    {
        st = state;
    }

    /** Forgets the last burst's entries. */
    void clear()
    {
        count = 0;
        computed = false;
    }

    /** Takes the packet's third-ACK HMAC into the batch if its join is ready for it. */
    void offer(final ParsedPacket p)
    {
        final MptcpOptions m = p.mptcp;
        if (count == CAPACITY || p.status != ParsedPacket.TCP || !m.has(Mptcp.MP_JOIN) ||
            m.joinLength != Mptcp.JOIN_ACK_LENGTH || (p.tcpFlags & Mptcp.TCP_SYN) != 0)
        {
            return;
        }
        final SubflowTable t = st.subflows;
        final boolean v4 = p.ipVersion == 4;
        final int found = t.find(p.ipVersion, v4 ? 0 : p.srcV6High, v4 ? Integer.toUnsignedLong(p.srcV4) : p.srcV6Low,
            p.srcPort, v4 ? 0 : p.dstV6High, v4 ? Integer.toUnsignedLong(p.dstV4) : p.dstV6Low, p.dstPort);
        if (found < 0 || (found & SubflowTable.FROM_SERVER) != 0)
        {
            return;
        }
        final int slot = found;
        final int c = t.connection(slot);
        if (t.role(slot) != SubflowTable.ROLE_JOIN || c < 0 || t.joinState[slot] != SubflowTable.JOIN_SYNACK_OK ||
            st.connections.version[c] == 0)
        {
            return;
        }
        slots[count] = 2 * c + (t.clientIsA(slot) ? 0 : 1);
        messages[count] = JoinHmac.message(t.clientNonce[slot], t.serverNonce[slot]);
        generations[count] = st.connections.order[c];
        used[count] = false;
        count++;
    }

    /**
     * Fewest entries worth a batch: its spare lanes cost as much as filled ones. JMH HmacBenchmark here
     * (AVX-512, 16 lanes): a batch of 2 is 645 ns per verification, of 4 348 ns, a full one 88 ns, so a
     * batch costs about 1.4 us whatever it holds. One scalar check cost 233 ns on the JDK's SHA-NI path,
     * so batches paid from about 6-7 entries; with the native SHA-NI path ({@link HmacSha256#singlePath()}
     * {@code native}: 100 ns per check, 2026-12-03) they pay only from about 14. Not measured here with
     * AVX2 (8 lanes, two groups per batch).
     */
    static final int MIN_BATCH = "native".equals(HmacSha256.singlePath()) ? 14 : 7;

    /** Hashes the entries offered since {@link #clear}, when there are at least {@link #MIN_BATCH}. */
    void compute()
    {
        if (count < MIN_BATCH)
        {
            count = 0;
            return;
        }
        if (batch == null)
        {
            batch = new JoinHmacBatch(); // the Vector API is loaded only where bursts are batched
        }
        batch.hmac(st.keys256, slots, messages, 0, count, digests, 0);
        computed = true;
        batched += count;
        batches++;
    }

    /**
     * @return {@link CryptoResult#VALID} or {@link CryptoResult#HMAC_MISMATCH} from the batch, or -1
     *         when the batch holds no entry for these keys and nonces (check it on the scalar path).
     */
    int verify(final int slotAB, final int c, final int nonceA, final int nonceB, final MemorySegment s,
        final long hmacOffset)
    {
        if (!computed)
        {
            return -1;
        }
        final long message = JoinHmac.message(nonceA, nonceB);
        final int generation = st.connections.order[c];
        for (int i = 0; i < count; i++)
        {
            if (!used[i] && slots[i] == slotAB && messages[i] == message && generations[i] == generation)
            {
                used[i] = true;
                final int d = i * HmacSha256.DIGEST_INTS;
                int diff = 0;
                for (int w = 0; w < HMAC_INTS; w++)
                {
                    diff |= digests[d + w] ^ Bytes.u32(s, hmacOffset + 4L * w);
                }
                return diff == 0 ? CryptoResult.VALID : CryptoResult.HMAC_MISMATCH;
            }
        }
        return -1;
    }

    /** @return third-ACK HMACs computed in batches so far. */
    long batched()
    {
        return batched;
    }

    /** @return batches computed so far. */
    long batches()
    {
        return batches;
    }
}
