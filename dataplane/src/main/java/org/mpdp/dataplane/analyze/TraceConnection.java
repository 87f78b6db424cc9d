package org.mpdp.dataplane.analyze;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.mpdp.dataplane.crypto.AddAddrHmac;
import org.mpdp.dataplane.crypto.HmacSha256Keys;
import org.mpdp.dataplane.crypto.JoinHmac;
import org.mpdp.dataplane.crypto.KeyDerivation;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptionWriter;

/**
 * One synthetic MPTCP v1 connection: its keys, subflows and a script of packets (one int per packet),
 * emitted one packet at a time so that the generator can interleave connections. The script, built up front:
 *
 * <pre>
 *   MP_CAPABLE SYN, SYN/ACK, ACK                                                (RFC 8684 3.1)
 *   server: ACK + DSS DATA_ACK + ADD_ADDR with HMAC                             (3.4.1)
 *   client: first data + ADD_ADDR echo; server: first data; client: ACK
 *   per join: MP_JOIN SYN, SYN/ACK, ACK (3.2), then the responder's ACK with a DSS DATA_ACK (Linux's 4th ACK)
 *   rounds r = 1.. on subflow r % subflows: client data; server data (or ACK); client ACK of the server data
 *   on subflow 0: client's last data + DATA_FIN, server's last data + DATA_FIN, client ACK + DATA_ACK (3.3.3)
 *   per subflow: client FIN, server FIN, client ACK
 * </pre>
 *
 * Data segments carry a DSS with a 64-bit DATA_ACK and a 64-bit mapping (SSN relative, DLL = length, + 1 with
 * DATA_FIN); with {@link TraceGenerator.DsnWidth#DSN32} or {@code MIXED} some or all of them carry the low 32
 * bits instead. Pure ACKs and FINs sent after data on a subflow carry no MPTCP option: tshark 4.0's mapping
 * analysis flags any segment with an MPTCP option whose sequence number lies past the sender's last mapping on
 * the subflow ("No mapping available"), which would flag Linux's DATA_ACK-only ACKs. Every pure ACK
 * acknowledges new data (no duplicate ACKs); all data is delivered in order, so every ACK and DATA_ACK
 * acknowledges all the peer has sent. Not thread safe.
 */
final class TraceConnection
{
    static final int SERVER_PORT = 5201;
    static final int MAX_JOINS = 7;

    private static final int OP_MPC_SYN = 0;
    private static final int OP_MPC_SYNACK = 1;
    private static final int OP_MPC_ACK = 2;
    private static final int OP_JOIN_SYN = 3;
    private static final int OP_JOIN_SYNACK = 4;
    private static final int OP_JOIN_ACK = 5;
    private static final int OP_JOIN_ACK4 = 6;
    private static final int OP_DATA = 7;
    private static final int OP_ACK = 8;
    private static final int OP_ADD_ADDR = 9;
    private static final int OP_FIN = 11;
    private static final int OP_DATA_ECHO = 12;
    private static final int OP_PLAIN_ACK = 13;

    private static final int FROM_CLIENT = 1 << 5;
    private static final int SUB_SHIFT = 6;
    private static final int DATA_FIN = 1 << 10;
    private static final int LEN_SHIFT = 16;

    private static final int SYN_WINDOW = 64240;
    private static final int WINDOW = 65535;
    private static final int ANNOUNCED_ID = 1;
    private static final int CLIENT_SECOND_ID = 1;
    private static final int DSS_DATA = Mptcp.DSS_FLAG_ACK | Mptcp.DSS_FLAG_ACK64 | Mptcp.DSS_FLAG_MAP |
        Mptcp.DSS_FLAG_DSN64;
    private static final int DSS_MAP_ONLY = Mptcp.DSS_FLAG_MAP | Mptcp.DSS_FLAG_DSN64;
    private static final int DSS_ACK_ONLY = Mptcp.DSS_FLAG_ACK | Mptcp.DSS_FLAG_ACK64;

    final int index;
    final boolean v6;
    final byte[] client;
    final byte[] client2;
    final byte[] server;
    final byte[] announced;
    final int clientPort;
    final long keyA;
    final long keyB;
    final int tokenA;
    final int tokenB;
    final long idsnA;
    final long idsnB;
    final long bytesUp;
    final long bytesDown;
    final int subflows;
    final TraceGenerator.DsnWidth dsnWidth;
    int packets;

    private final int[] isnC;
    private final int[] isnS;
    private final int[] nxtC;
    private final int[] nxtS;
    private final int[] nonceA;
    private final int[] nonceB;
    private final long[] thmac;
    private final byte[][] hmac;
    private final long addAddrHmac;
    private long dsnA;
    private long dsnB;
    private int[] ops = new int[64];
    private int opCount;
    private int next;

    /** Shared crypto scratch of one generator. */
    static final class Crypto
    {
        final KeyDerivation derive = new KeyDerivation();
        final HmacSha256Keys keys = new HmacSha256Keys(2);
        final JoinHmac join = new JoinHmac();
        final AddAddrHmac addAddr = new AddAddrHmac();
        final int[] digest = new int[JoinHmac.HMAC_INTS];
    }

    TraceConnection(final int index, final boolean v6, final long keyA, final long keyB, final long bytesUp,
        final long bytesDown, final int joins, final int segmentSize, final SplittableRandom random,
        final Crypto crypto, final TraceGenerator.DsnWidth dsnWidth)
    {
        this.dsnWidth = dsnWidth;
        this.index = index;
        this.v6 = v6;
        this.keyA = keyA;
        this.keyB = keyB;
        this.bytesUp = bytesUp;
        this.bytesDown = bytesDown;
        this.subflows = 1 + joins;
        client = clientAddress(v6, index, 1);
        client2 = clientAddress(v6, index, 2);
        server = serverAddress(v6, 1);
        announced = serverAddress(v6, 2);
        clientPort = 33000 + (index / 25000 % 1000) * (MAX_JOINS + 1);
        tokenA = crypto.derive.deriveV1(keyA).token();
        idsnA = crypto.derive.idsn();
        tokenB = crypto.derive.deriveV1(keyB).token();
        idsnB = crypto.derive.idsn();
        dsnA = idsnA + 1;
        dsnB = idsnB + 1;
        isnC = new int[subflows];
        isnS = new int[subflows];
        nxtC = new int[subflows];
        nxtS = new int[subflows];
        nonceA = new int[subflows];
        nonceB = new int[subflows];
        thmac = new long[subflows];
        hmac = new byte[subflows][];
        // Slot 0 = Key-A ‖ Key-B, slot 1 = Key-B ‖ Key-A (RFC 8684 3.2, 3.4.1).
        crypto.keys.setKey(0, keyA, keyB);
        crypto.keys.setKey(1, keyB, keyA);
        for (int s = 0; s < subflows; s++)
        {
            isnC[s] = random.nextInt();
            isnS[s] = random.nextInt();
            if (s > 0)
            {
                nonceA[s] = random.nextInt();
                nonceB[s] = random.nextInt();
                thmac[s] = crypto.join.synAckThmac(crypto.keys, 1, nonceB[s], nonceA[s]);
                crypto.join.ackHmac(crypto.keys, 0, nonceA[s], nonceB[s], crypto.digest, 0);
                hmac[s] = new byte[JoinHmac.HMAC_LENGTH];
                for (int i = 0; i < JoinHmac.HMAC_INTS; i++)
                {
                    final int word = crypto.digest[i];
                    hmac[s][4 * i] = (byte)(word >>> 24);
                    hmac[s][4 * i + 1] = (byte)(word >>> 16);
                    hmac[s][4 * i + 2] = (byte)(word >>> 8);
                    hmac[s][4 * i + 3] = (byte)word;
                }
            }
        }
        addAddrHmac = crypto.addAddr.hmac(crypto.keys, 1, ANNOUNCED_ID, MemorySegment.ofArray(announced), 0,
            announced.length, AddAddrHmac.NO_PORT);
        script(joins, segmentSize, random);
    }

    static byte[] clientAddress(final boolean v6, final int index, final int which)
    {
        if (v6)
        {
            // fd00:198:18:W::<index + 1>
            final int host = index + 1;
            final byte[] a = {(byte)0xfd, 0, 0x01, (byte)0x98, 0, 0x18, 0, (byte)which, 0, 0, 0, 0, 0, 0, 0, 0};
            a[12] = (byte)(host >>> 24);
            a[13] = (byte)(host >>> 16);
            a[14] = (byte)(host >>> 8);
            a[15] = (byte)host;
            return a;
        }
        // 198.18.(1..100).(1..250) for the first address, 198.18.(101..200).(1..250) for the second.
        return new byte[] {(byte)198, 18, (byte)((which == 1 ? 1 : 101) + index / 250 % 100), (byte)(1 + index % 250)};
    }

    static byte[] serverAddress(final boolean v6, final int host)
    {
        return v6 ? new byte[] {(byte)0xfd, 0, 0x01, (byte)0x98, 0, 0x18, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte)host} :
            new byte[] {(byte)198, 18, 0, (byte)host};
    }

    private void script(final int joins, final int segmentSize, final SplittableRandom random)
    {
        final int[] up = split(bytesUp, segmentSize, random);
        final int[] down = split(bytesDown, segmentSize, random);
        add(OP_MPC_SYN | FROM_CLIENT);
        add(OP_MPC_SYNACK);
        add(OP_MPC_ACK | FROM_CLIENT);
        add(OP_ADD_ADDR);
        add(OP_DATA_ECHO | FROM_CLIENT | up[0] << LEN_SHIFT);
        add(OP_DATA | down[0] << LEN_SHIFT);
        add(OP_PLAIN_ACK | FROM_CLIENT);
        for (int s = 1; s <= joins; s++)
        {
            add(OP_JOIN_SYN | FROM_CLIENT | s << SUB_SHIFT);
            add(OP_JOIN_SYNACK | s << SUB_SHIFT);
            add(OP_JOIN_ACK | FROM_CLIENT | s << SUB_SHIFT);
            add(OP_ACK | s << SUB_SHIFT);
        }
        // Every segment but the first and the last of each direction, round-robin over the subflows.
        int u = 1;
        int d = 1;
        for (int round = 1; u < up.length - 1 || d < down.length - 1; round++)
        {
            final int s = round % subflows;
            final boolean clientSent = u < up.length - 1;
            if (clientSent)
            {
                add(OP_DATA | FROM_CLIENT | s << SUB_SHIFT | up[u++] << LEN_SHIFT);
            }
            if (d < down.length - 1)
            {
                add(OP_DATA | s << SUB_SHIFT | down[d++] << LEN_SHIFT);
                add(OP_PLAIN_ACK | FROM_CLIENT | s << SUB_SHIFT);
            }
            else if (clientSent)
            {
                add(OP_PLAIN_ACK | s << SUB_SHIFT);
            }
        }
        // Data-level close on subflow 0: both last segments carry DATA_FIN, the client acks the server's.
        add(OP_DATA | FROM_CLIENT | DATA_FIN | up[up.length - 1] << LEN_SHIFT);
        add(OP_DATA | DATA_FIN | down[down.length - 1] << LEN_SHIFT);
        add(OP_ACK | FROM_CLIENT);
        for (int s = 0; s < subflows; s++)
        {
            add(OP_FIN | FROM_CLIENT | s << SUB_SHIFT);
            add(OP_FIN | s << SUB_SHIFT);
            add(OP_PLAIN_ACK | FROM_CLIENT | s << SUB_SHIFT);
        }
    }

    /** Segment lengths of 0.75..1 x segmentSize adding up to bytes; at least two segments. */
    private static int[] split(final long bytes, final int segmentSize, final SplittableRandom random)
    {
        final int[] lengths = new int[(int)Math.min(Integer.MAX_VALUE - 8, bytes / (segmentSize * 3L / 4) + 2)];
        int n = 0;
        long left = bytes;
        while (left > 0)
        {
            final int length = (int)Math.min(left, segmentSize - random.nextInt(segmentSize / 4 + 1));
            lengths[n++] = length;
            left -= length;
        }
        if (n == 1)
        {
            lengths[1] = lengths[0] - lengths[0] / 2;
            lengths[0] /= 2;
            n = 2;
        }
        return Arrays.copyOf(lengths, n);
    }

    private void add(final int op)
    {
        if (opCount == ops.length)
        {
            ops = Arrays.copyOf(ops, ops.length * 2);
        }
        ops[opCount++] = op;
    }

    /**
     * @return whether every packet has been emitted.
     */
    boolean done()
    {
        return next == opCount;
    }

    /**
     * Emits the next packet of the script.
     *
     * @param fb              frame builder.
     * @param timestampMicros capture time.
     * @param ipId            IPv4 identification.
     * @throws IOException if the output fails.
     */
    void emit(final FrameBuilder fb, final long timestampMicros, final int ipId) throws IOException
    {
        final int op = ops[next++];
        final int type = op & 0x1F;
        final boolean c2s = (op & FROM_CLIENT) != 0;
        final int s = op >>> SUB_SHIFT & 0xF;
        final int length = op >>> LEN_SHIFT;
        final byte[] clientAddr = s == 0 ? client : client2;
        // Odd joins go to the address the server announced, even joins to its first address.
        final byte[] serverAddr = s % 2 == 1 ? announced : server;
        final byte[] src = c2s ? clientAddr : serverAddr;
        final byte[] dst = c2s ? serverAddr : clientAddr;
        final int srcPort = c2s ? clientPort + s : SERVER_PORT;
        final int dstPort = c2s ? SERVER_PORT : clientPort + s;
        final int seq = c2s ? isnC[s] + nxtC[s] : isnS[s] + nxtS[s];
        final int ack = c2s ? isnS[s] + nxtS[s] : isnC[s] + nxtC[s];
        final MemorySegment m = fb.segment();
        final int mss = v6 ? 1440 : 1460;
        final long dataAck = c2s ? dsnB : dsnA;
        packets++;
        int o;
        int w;
        switch (type)
        {
            case OP_MPC_SYN ->
            {
                o = fb.begin(timestampMicros, v6, src, dst, srcPort, dstPort, seq, 0, Mptcp.TCP_SYN, SYN_WINDOW, 8,
                    0, ipId, true);
                w = mss(m, o, mss);
                w += MptcpOptionWriter.mpCapable(m, o + w, Mptcp.MPC_SYN_V1_LENGTH, 1, Mptcp.MPC_FLAG_H, 0, 0, 0, 0);
                nxtC[s] = 1;
            }
            case OP_MPC_SYNACK ->
            {
                o = fb.begin(timestampMicros, v6, src, dst, srcPort, dstPort, seq, ack, Mptcp.TCP_SYN | Mptcp.TCP_ACK,
                    SYN_WINDOW, 16, 0, ipId, false);
                w = mss(m, o, mss);
                w += MptcpOptionWriter.mpCapable(m, o + w, Mptcp.MPC_ONE_KEY_LENGTH, 1, Mptcp.MPC_FLAG_H, keyB, 0, 0,
                    0);
                nxtS[s] = 1;
            }
            case OP_MPC_ACK ->
            {
                o = fb.begin(timestampMicros, v6, src, dst, srcPort, dstPort, seq, ack, Mptcp.TCP_ACK, WINDOW, 20, 0,
                    ipId, true);
                w = MptcpOptionWriter.mpCapable(m, o, Mptcp.MPC_ACK_LENGTH, 1, Mptcp.MPC_FLAG_H, keyA, keyB, 0, 0);
            }
            case OP_JOIN_SYN ->
            {
                o = fb.begin(timestampMicros, v6, src, dst, srcPort, dstPort, seq, 0, Mptcp.TCP_SYN, SYN_WINDOW, 16,
                    0, ipId, true);
                w = mss(m, o, mss);
                w += MptcpOptionWriter.mpJoinSyn(m, o + w, false, CLIENT_SECOND_ID, tokenB, nonceA[s]);
                nxtC[s] = 1;
            }
            case OP_JOIN_SYNACK ->
            {
                o = fb.begin(timestampMicros, v6, src, dst, srcPort, dstPort, seq, ack, Mptcp.TCP_SYN | Mptcp.TCP_ACK,
                    SYN_WINDOW, 20, 0, ipId, false);
                w = mss(m, o, mss);
                w += MptcpOptionWriter.mpJoinSynAck(m, o + w, false, s % 2 == 1 ? ANNOUNCED_ID : 0, thmac[s],
                    nonceB[s]);
                nxtS[s] = 1;
            }
            case OP_JOIN_ACK ->
            {
                o = fb.begin(timestampMicros, v6, src, dst, srcPort, dstPort, seq, ack, Mptcp.TCP_ACK, WINDOW, 24, 0,
                    ipId, true);
                w = MptcpOptionWriter.mpJoinAck(m, o, hmac[s]);
            }
            case OP_DATA, OP_DATA_ECHO ->
            {
                data(fb, op, timestampMicros, ipId, src, dst, srcPort, dstPort, seq, ack);
                return;
            }
            case OP_ADD_ADDR ->
            {
                final int flags = width(DSS_ACK_ONLY);
                o = fb.begin(timestampMicros, v6, src, dst, srcPort, dstPort, seq, ack, Mptcp.TCP_ACK, WINDOW,
                    pad(dssLength(flags) + Mptcp.ADD_ADDR_BASE_LENGTH + announced.length + Mptcp.ADD_ADDR_HMAC_LENGTH),
                    0, ipId, false);
                w = MptcpOptionWriter.dss(m, o, flags, dataAck, 0, 0, 0, false, 0);
                w += MptcpOptionWriter.addAddr(m, o + w, false, ANNOUNCED_ID, announced, -1, addAddrHmac);
            }
            case OP_FIN, OP_PLAIN_ACK ->
            {
                // No MPTCP option: tshark 4.0 reports "No mapping available" for any segment with an MPTCP
                // option whose sequence number lies past the sender's last mapping on the subflow.
                final boolean fin = type == OP_FIN;
                fb.begin(timestampMicros, v6, src, dst, srcPort, dstPort, seq, ack,
                    (fin ? Mptcp.TCP_FIN : 0) | Mptcp.TCP_ACK, WINDOW, 0, 0, ipId, c2s);
                if (fin && c2s)
                {
                    nxtC[s]++;
                }
                else if (fin)
                {
                    nxtS[s]++;
                }
                w = 0;
            }
            default -> // OP_ACK and OP_JOIN_ACK4: an ACK carrying a DSS DATA_ACK
            {
                final int flags = width(DSS_ACK_ONLY);
                o = fb.begin(timestampMicros, v6, src, dst, srcPort, dstPort, seq, ack, Mptcp.TCP_ACK, WINDOW,
                    pad(dssLength(flags)), 0, ipId, c2s);
                w = MptcpOptionWriter.dss(m, o, flags, dataAck, 0, 0, 0, false, 0);
            }
        }
        fb.end(w, 0, 0);
    }

    /** @return whether this connection's next packet is a join's third ACK (its SYN/ACK was just emitted). */
    boolean awaitingJoinAck()
    {
        return next < opCount && (ops[next] & 0x1F) == OP_JOIN_ACK;
    }

    /**
     * A forged third ACK for the join whose third ACK is next ({@link #awaitingJoinAck}): the same 4-tuple,
     * sequence and acknowledgement numbers as the real one, an HMAC that is not the right one. Not counted
     * in {@link #packets}.
     */
    void emitForgedJoinAck(final FrameBuilder fb, final long timestampMicros, final int ipId,
        final SplittableRandom random) throws IOException
    {
        final int s = ops[next] >>> SUB_SHIFT & 0xF;
        final byte[] serverAddr = s % 2 == 1 ? announced : server;
        final byte[] wrong = hmac[s].clone();
        wrong[random.nextInt(wrong.length)] ^= (byte)(1 + random.nextInt(255));
        final int o = fb.begin(timestampMicros, v6, client2, serverAddr, clientPort + s, SERVER_PORT,
            isnC[s] + nxtC[s], isnS[s] + nxtS[s], Mptcp.TCP_ACK, WINDOW, 24, 0, ipId, true);
        fb.end(MptcpOptionWriter.mpJoinAck(fb.segment(), o, wrong), 0, 0);
    }

    /**
     * A forged MP_JOIN SYN to the server's first address from a random client in 198.19.0.0/16 (or
     * fd00:198:19::/48), with a token no connection has (RFC 8684 3.2: the receiver finds no connection).
     */
    static void emitForgedJoinSyn(final FrameBuilder fb, final long timestampMicros, final int ipId,
        final boolean v6, final int token, final SplittableRandom random) throws IOException
    {
        final byte[] src = v6 ? new byte[] {(byte)0xfd, 0, 0x01, (byte)0x98, 0, 0x19, 0, 0, 0, 0, 0, 0,
            (byte)random.nextInt(), (byte)random.nextInt(), (byte)random.nextInt(), (byte)random.nextInt()} :
            new byte[] {(byte)198, 19, (byte)random.nextInt(256), (byte)(1 + random.nextInt(254))};
        final int o = fb.begin(timestampMicros, v6, src, serverAddress(v6, 1), 1024 + random.nextInt(64512),
            SERVER_PORT, random.nextInt(), 0, Mptcp.TCP_SYN, SYN_WINDOW, 16, 0, ipId, true);
        final MemorySegment m = fb.segment();
        int w = mss(m, o, v6 ? 1440 : 1460);
        w += MptcpOptionWriter.mpJoinSyn(m, o + w, false, CLIENT_SECOND_ID, token, random.nextInt());
        fb.end(w, 0, 0);
    }

    /** A data segment: DSS with DATA_ACK and a 64-bit mapping (+ DATA_FIN), or the client's first with the echo. */
    private void data(final FrameBuilder fb, final int op, final long timestampMicros, final int ipId,
        final byte[] src, final byte[] dst, final int srcPort, final int dstPort, final int seq, final int ack)
        throws IOException
    {
        final boolean c2s = (op & FROM_CLIENT) != 0;
        final boolean echo = (op & 0x1F) == OP_DATA_ECHO;
        final boolean fin = (op & DATA_FIN) != 0;
        final int s = op >>> SUB_SHIFT & 0xF;
        final int length = op >>> LEN_SHIFT;
        final MemorySegment m = fb.segment();
        // The IPv6 echo (20 bytes) leaves room for the mapping only, not the DATA_ACK (40 bytes of options).
        final int flags = width(echo && v6 ? DSS_MAP_ONLY : DSS_DATA) | (fin ? Mptcp.DSS_FLAG_DATA_FIN : 0);
        final int optionBytes = pad(dssLength(flags) + (echo ? Mptcp.ADD_ADDR_BASE_LENGTH + announced.length : 0));
        final int o = fb.begin(timestampMicros, v6, src, dst, srcPort, dstPort, seq, ack,
            Mptcp.TCP_PSH | Mptcp.TCP_ACK, WINDOW, optionBytes, length, ipId, c2s);
        final long dsn = c2s ? dsnA : dsnB;
        final int ssn = c2s ? nxtC[s] : nxtS[s];
        final int dll = length + (fin ? 1 : 0);
        int w = MptcpOptionWriter.dss(m, o, flags, c2s ? dsnB : dsnA, dsn, ssn, dll, false, 0);
        if (echo)
        {
            w += MptcpOptionWriter.addAddr(m, o + w, true, ANNOUNCED_ID, announced, -1, 0);
        }
        if (c2s)
        {
            dsnA += dll;
            nxtC[s] += length;
        }
        else
        {
            dsnB += dll;
            nxtS[s] += length;
        }
        fb.end(w, length, (int)(dsn * 7));
    }

    /**
     * The DSS flags with this connection's DSN and DATA_ACK widths for the packet being emitted: 64-bit,
     * 32-bit, or mixed (the mapping 32-bit on odd packets, the DATA_ACK 32-bit on every third).
     */
    private int width(final int flags)
    {
        final boolean map32;
        final boolean ack32;
        switch (dsnWidth)
        {
            case DSN32 ->
            {
                map32 = true;
                ack32 = true;
            }
            case MIXED ->
            {
                map32 = (packets & 1) == 1;
                ack32 = packets % 3 == 0;
            }
            default ->
            {
                map32 = false;
                ack32 = false;
            }
        }
        return flags & ~((map32 ? Mptcp.DSS_FLAG_DSN64 : 0) | (ack32 ? Mptcp.DSS_FLAG_ACK64 : 0));
    }

    /** Bytes of a DSS option without checksum with these flags (RFC 8684 3.3). */
    private static int dssLength(final int flags)
    {
        int length = Mptcp.DSS_BASE_LENGTH;
        if ((flags & Mptcp.DSS_FLAG_ACK) != 0)
        {
            length += (flags & Mptcp.DSS_FLAG_ACK64) != 0 ? 8 : 4;
        }
        if ((flags & Mptcp.DSS_FLAG_MAP) != 0)
        {
            length += ((flags & Mptcp.DSS_FLAG_DSN64) != 0 ? 8 : 4) + Mptcp.DSS_MAP_TAIL_LENGTH;
        }
        return length;
    }

    private static int pad(final int optionBytes)
    {
        return optionBytes + 3 & ~3;
    }

    private static int mss(final MemorySegment m, final int o, final int mss)
    {
        m.set(ValueLayout.JAVA_BYTE, o, (byte)2);
        m.set(ValueLayout.JAVA_BYTE, o + 1, (byte)4);
        m.set(ValueLayout.JAVA_BYTE, o + 2, (byte)(mss >>> 8));
        m.set(ValueLayout.JAVA_BYTE, o + 3, (byte)mss);
        return 4;
    }
}
