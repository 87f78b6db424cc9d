package org.mpdp.robe.net;

/**
 * Writes TCP options (RFC 9293 §3.2) and the MPTCP v1 options (RFC 8684 §3, kind 30) this client sends, into a
 * reusable buffer padded with NOPs to a multiple of 4 bytes. Reset with {@link #clear()} before each segment.
 *
 * <pre>
 *  MP_CAPABLE  30 len 0x01 flags [key-A/B 8] [key-B 8] [data-level length 2]   SYN 4, SYN/ACK 12, ACK 20, data 22
 *  MP_JOIN     30 len 0x1B id  ...   SYN 12: token-B, nonce-A;  SYN/ACK 16: thmac 8, nonce-B;  ACK 24: hmac 20
 *  DSS         30 len 0x20 flags [DATA_ACK 8] [DSN 8, subflow seq 4, data-level length 2]
 *  MP_FASTCLOSE 30 12 0x70 0 [receiver's key 8]   on the RST that aborts a session
 *  MP_TCPRST   30 8 0x8. flags reason   (not sent)
 * </pre>
 */
public final class Options
{
    /** TCP option kind of MPTCP. */
    public static final int KIND_MPTCP = 30;
    /** MP_CAPABLE v1 flag H: HMAC-SHA256 (RFC 8684 §3.1); no A (checksum), as Linux by default. */
    public static final int MPC_FLAG_H = 0x01;
    /** DSS flags (RFC 8684 §3.3). */
    public static final int DSS_DATA_ACK = 0x01;
    /** 8-byte DATA_ACK. */
    public static final int DSS_DATA_ACK8 = 0x02;
    /** Mapping present. */
    public static final int DSS_MAP = 0x04;
    /** 8-byte DSN. */
    public static final int DSS_DSN8 = 0x08;
    /** DATA_FIN. */
    public static final int DSS_FIN = 0x10;

    private static final int KIND_NOP = 1;
    private static final int KIND_MSS = 2;

    private final byte[] bytes = new byte[40];
    private int length;

    /** Empties the buffer. */
    public void clear()
    {
        length = 0;
    }

    /** @return option bytes (valid up to {@link #length()} after {@link #pad()}). */
    public byte[] bytes()
    {
        return bytes;
    }

    /** @return bytes written so far. */
    public int length()
    {
        return length;
    }

    /**
     * @param mss maximum segment size.
     * @return this.
     */
    public Options mss(final int mss)
    {
        put(KIND_MSS);
        put(4);
        put16(mss);
        return this;
    }

    /**
     * MP_CAPABLE, v1, flag H.
     *
     * @param keyCount 0 (SYN), 1 (SYN/ACK: the sender's key), 2 (third ACK and first data: Key-A, Key-B).
     * @param key1     first key.
     * @param key2     second key.
     * @param dataLength data-level length (first data packet), or -1 for none.
     * @return this.
     */
    public Options mpCapable(final int keyCount, final long key1, final long key2, final int dataLength)
    {
        put(KIND_MPTCP);
        put(4 + 8 * keyCount + (dataLength >= 0 ? 2 : 0));
        put(0x01);
        put(MPC_FLAG_H);
        if (keyCount > 0)
        {
            put64(key1);
        }
        if (keyCount > 1)
        {
            put64(key2);
        }
        if (dataLength >= 0)
        {
            put16(dataLength);
        }
        return this;
    }

    /**
     * MP_FASTCLOSE (RFC 8684 §3.5): sent on a RST, it closes the whole MPTCP connection at the peer. A plain
     * subflow RST does not: Linux keeps the connection (it could still be joined) until its application closes.
     *
     * @param receiverKey the peer's key.
     * @return this.
     */
    public Options fastClose(final long receiverKey)
    {
        put(KIND_MPTCP);
        put(12);
        put(0x70);
        put(0);
        put64(receiverKey);
        return this;
    }

    /**
     * MP_JOIN SYN (RFC 8684 §3.2).
     *
     * @param addressId the sender's address id.
     * @param token     the receiver's token.
     * @param nonce     R-A.
     * @return this.
     */
    public Options joinSyn(final int addressId, final int token, final int nonce)
    {
        put(KIND_MPTCP);
        put(12);
        put(0x10);
        put(addressId);
        put32(token);
        put32(nonce);
        return this;
    }

    /**
     * MP_JOIN SYN/ACK (for a passive side).
     *
     * @param addressId the sender's address id.
     * @param thmac     truncated HMAC.
     * @param nonce     R-B.
     * @return this.
     */
    public Options joinSynAck(final int addressId, final long thmac, final int nonce)
    {
        put(KIND_MPTCP);
        put(16);
        put(0x10);
        put(addressId);
        put64(thmac);
        put32(nonce);
        return this;
    }

    /**
     * MP_JOIN third ACK.
     *
     * @param hmac the {@code HMAC_INTS} words of the full HMAC.
     * @return this.
     */
    public Options joinAck(final int[] hmac)
    {
        put(KIND_MPTCP);
        put(24);
        put(0x10);
        put(0);
        for (int i = 0; i < 5; i++)
        {
            put32(hmac[i]);
        }
        return this;
    }

    /**
     * DSS with an 8-byte DATA_ACK and optionally an 8-byte mapping (no checksum: not negotiated).
     *
     * @param dataAck    the DATA_ACK, or -1 for none... (always sent after establishment).
     * @param mapped     whether a mapping follows.
     * @param dsn        mapping's data sequence number.
     * @param ssn        subflow sequence number relative to the subflow's ISN (0 for a DATA_FIN alone).
     * @param dataLength data-level length (includes the DATA_FIN).
     * @param fin        DATA_FIN.
     * @return this.
     */
    public Options dss(final long dataAck, final boolean mapped, final long dsn, final int ssn, final int dataLength,
        final boolean fin)
    {
        put(KIND_MPTCP);
        put(4 + 8 + (mapped ? 14 : 0));
        put(0x20);
        put(DSS_DATA_ACK | DSS_DATA_ACK8 | (mapped ? DSS_MAP | DSS_DSN8 : 0) | (fin ? DSS_FIN : 0));
        put64(dataAck);
        if (mapped)
        {
            put64(dsn);
            put32(ssn);
            put16(dataLength);
        }
        return this;
    }

    /**
     * Counts bytes another writer put into {@link #bytes()} at {@link #length()} (org.mpdp.robe.esim's options).
     *
     * @param n bytes written.
     * @return this.
     */
    public Options appended(final int n)
    {
        if (length + n > bytes.length)
        {
            throw new IllegalStateException("TCP options overflow: length=" + length + " + " + n);
        }
        length += n;
        return this;
    }

    /** Pads with NOPs to a multiple of 4; call once, last. */
    public void pad()
    {
        while ((length & 3) != 0)
        {
            put(KIND_NOP);
        }
    }

    private void put(final int b)
    {
        bytes[length++] = (byte)b;
    }

    private void put16(final int v)
    {
        put(v >>> 8);
        put(v);
    }

    private void put32(final int v)
    {
        put16(v >>> 16);
        put16(v & 0xFFFF);
    }

    private void put64(final long v)
    {
        put32((int)(v >>> 32));
        put32((int)v);
    }
}
