package org.mpdp.dataplane.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.mpdp.dataplane.capture.PcapReader;
import org.mpdp.dataplane.crypto.AddAddrHmac;
import org.mpdp.dataplane.crypto.HmacSha1Keys;
import org.mpdp.dataplane.crypto.HmacSha256Keys;
import org.mpdp.dataplane.crypto.JoinHmac;
import org.mpdp.dataplane.crypto.KeyDerivation;
import org.mpdp.dataplane.wire.LinkLayer;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptionWriter;
import org.mpdp.dataplane.wire.PacketParser;
import org.mpdp.dataplane.wire.ParsedPacket;

/**
 * Coverage-guided fuzzing of the connection tracker with Jazzer. Each input drives one small tracker
 * (8 connections, 32 subflows, half-open budget 8, so eviction, recycling and table-full paths are hit
 * all the time) through a sequence of steps chosen by the fuzz data: frames from the public captures,
 * those frames mutated or replayed out of order, frames built by the project's encoders (MP_CAPABLE
 * with keys from a small set, so handshakes complete and tokens collide; MP_JOIN with correct or wrong
 * HMACs; DSS with 32- and 64-bit DSNs near a 2^32 wrap; ADD_ADDR v0/v1, REMOVE_ADDR, MP_PRIO, MP_FAIL,
 * MP_FASTCLOSE, MP_TCPRST, RST, FIN) between a few 4-tuples, clock steps and evictions with small budgets.
 *
 * <p>After every packet and every eviction nothing may throw and {@link Tracker#checkInvariants()} must
 * hold; at the end, with the clock far ahead, eviction must empty every table (nothing leaks). Frames sit
 * in heap segments of exactly their size, so a read past a frame throws and is a finding.
 *
 * <p>Plain {@code mvn test} replays the inputs in
 * src/test/resources/org/mpdp/dataplane/track/TrackerFuzzTestInputs/fuzz/ (regression mode);
 * {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration} ({@code scripts/mpdp fuzz N tracker} repeats that).
 */
final class TrackerFuzzTest
{
    private static final int MAX_CONNECTIONS = 8;
    private static final int MAX_SUBFLOWS = 32;
    private static final int HALF_OPEN = 8;
    private static final int MAX_STEPS = 96;
    private static final int HISTORY = 16;
    private static final long SECOND = 1_000_000_000L;

    /**
     * Keys the handshakes use: a few arbitrary ones, a pair whose v1 tokens collide, and two whose v1
     * IDSN + 1 sits a little below a 2^32 boundary (so a few data segments cross the 32-bit wrap).
     */
    static final long[] KEYS;
    /** Subflow ISNs the built frames count from (one just below a 2^32 wrap). */
    private static final int[] ISNS = {100, 500, 7000, 9000, 0xFFFF_FF00};
    private static final int[] NONCES = {1, 2, 0xDEAD_BEEF, 0x0102_0304};
    private static final long[] TIME_STEPS = {0, 1_000, 1_000_000, SECOND, 30 * SECOND, 301 * SECOND};
    private static final long[] TIMEOUTS = {0, SECOND, 30 * SECOND, 300 * SECOND};
    private static final int V4_CLIENTS_COUNT = 2;
    private static final int V4_SERVERS_COUNT = 2;
    private static final byte[][] V4_CLIENTS = {{(byte)198, 18, 0, 1}, {(byte)198, 18, 0, 2}};
    private static final byte[][] V4_SERVERS = {{(byte)198, 18, 1, 1}, {(byte)198, 18, 1, 2}};
    private static final byte[] V6_CLIENT = {0x20, 0x01, 0x0d, (byte)0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    private static final byte[] V6_SERVER = {0x20, 0x01, 0x0d, (byte)0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
    private static final int[] CLIENT_PORTS = {40000, 40001, 40002, 40003, 40004, 40005};

    private static final int[] SERVER_PORTS = {5201, 80};
    /** 4-tuples the sessions use: 48 IPv4 and 6 IPv6, more than the subflow table holds. */
    private static final int TUPLES = V4_CLIENTS_COUNT * V4_SERVERS_COUNT * 6 * 2 + 6;

    /** Frames read once from the public captures (or built here when they are absent): link type, bytes. */
    private static final List<Frame> CAPTURED;

    record Frame(int linkType, byte[] bytes)
    {
    }

    static
    {
        KEYS = keys();
        CAPTURED = captured();
    }

    private final PacketParser parser = new PacketParser();
    private final ParsedPacket packet = new ParsedPacket();
    private final KeyDerivation derive = new KeyDerivation();
    private final JoinHmac joinHmac = new JoinHmac();
    private final AddAddrHmac addAddrHmac = new AddAddrHmac();
    private final HmacSha256Keys keys256 = new HmacSha256Keys(2);
    private final HmacSha1Keys keys160 = new HmacSha1Keys(2);
    private final MemorySegment options = MemorySegment.ofArray(new byte[80]);

    // The sessions the input has opened, per 4-tuple: which connection (tuple of its initial subflow) and
    // keys, and the next subflow and data sequence numbers each way, so data lands in (and near) the window.
    private final int[] sessionOf = new int[TUPLES];
    private final int[] version = new int[TUPLES];
    private final long[] keyA = new long[TUPLES];
    private final long[] keyB = new long[TUPLES];
    private final int[] seqNext = new int[2 * TUPLES];
    private final long[] dsnNext = new long[2 * TUPLES];
    private final int[] ssnNext = new int[2 * TUPLES];
    private final int[] open = new int[TUPLES];
    private int opened;

    @FuzzTest(maxDuration = "30s")
    void fuzz(final FuzzedDataProvider data)
    {
        final Frame[] history = new Frame[HISTORY];
        Arrays.fill(sessionOf, -1);
        opened = 0;
        int sent = 0;
        long now = 0;
        try (Tracker tracker = new Tracker(MAX_CONNECTIONS, MAX_SUBFLOWS, HALF_OPEN, VerdictPolicy.defaults(),
            FlowHash.seeded(1)))
        {
            tracker.listener((reason, connection, subflow) ->
            {
                assertNotNull(reason);
                assertTrue(connection >= -1 && connection < MAX_CONNECTIONS, "connection slot " + connection);
                assertTrue(subflow >= -1 && subflow < MAX_SUBFLOWS, "subflow slot " + subflow);
            });
            final Tracker.EvictionListener report = new Reporter(tracker);
            for (int step = 0; step < MAX_STEPS && data.remainingBytes() > 0; step++)
            {
                final int op = data.consumeInt(0, 20);
                if (op >= 16)
                {
                    for (final byte[] b : session(data, op - 16))
                    {
                        Frame f = new Frame(PcapReader.LINKTYPE_ETHERNET, b);
                        final int fate = data.consumeInt(0, 31);
                        if (fate == 0)
                        {
                            continue; // lost
                        }
                        if (fate == 1)
                        {
                            f = mutate(data, f);
                        }
                        history[sent++ % HISTORY] = f;
                        feed(tracker, f);
                    }
                }
                else if (op == 0)
                {
                    now += data.pickValue(TIME_STEPS) + data.consumeInt(0, 1000);
                    tracker.tick(now);
                }
                else if (op == 1)
                {
                    final int budget = data.consumeInt(0, 2 * MAX_SUBFLOWS);
                    tracker.evict(data.pickValue(TIMEOUTS), data.pickValue(TIMEOUTS), report, budget);
                    check(tracker, "evict");
                }
                else
                {
                    Frame f;
                    if (op <= 4)
                    {
                        f = CAPTURED.get(data.consumeInt(0, CAPTURED.size() - 1));
                    }
                    else if (op == 5 && sent > 0)
                    {
                        f = history[data.consumeInt(0, Math.min(sent, HISTORY) - 1)];
                    }
                    else
                    {
                        f = new Frame(PcapReader.LINKTYPE_ETHERNET, build(data));
                    }
                    if (data.consumeInt(0, 7) == 0)
                    {
                        f = mutate(data, f);
                    }
                    history[sent++ % HISTORY] = f;
                    feed(tracker, f);
                }
            }
            drain(tracker, now);
        }
    }

    private void feed(final Tracker tracker, final Frame f)
    {
        // An exact copy: a read past the frame is out of the segment's bounds.
        final byte[] bytes = Arrays.copyOf(f.bytes(), f.bytes().length);
        final MemorySegment s = MemorySegment.ofArray(bytes);
        LinkLayer.parse(parser, f.linkType(), s, 0, bytes.length, packet);
        final Action action = tracker.onPacket(packet, s, 0);
        assertNotNull(action);
        assertTrue(tracker.lastConnection() >= -1 && tracker.lastConnection() < MAX_CONNECTIONS);
        assertTrue(tracker.lastSubflow() >= -1 && tracker.lastSubflow() < MAX_SUBFLOWS);
        check(tracker, "packet");
    }

    private static void check(final Tracker tracker, final String after)
    {
        final String broken = tracker.checkInvariants();
        if (broken != null)
        {
            fail("after " + after + ": " + broken);
        }
    }

    /** Far in the future every entry has timed out: eviction must free everything, in a few calls. */
    private static void drain(final Tracker tracker, final long now)
    {
        tracker.tick(now + 1_000_000 * SECOND);
        for (int i = 0; i < 8 && (tracker.connections().count() > 0 || tracker.subflows().live() > 0 ||
            tracker.halfOpen() > 0); i++)
        {
            tracker.evict(SECOND, SECOND, null, Tracker.DEFAULT_EVICT_BUDGET);
            check(tracker, "final evict");
        }
        assertEquals(0, tracker.connections().count(), "connections left after the final eviction");
        assertEquals(0, tracker.subflows().live(), "subflows left after the final eviction");
        assertEquals(0, tracker.halfOpen(), "half-open subflows left after the final eviction");
    }

    /** Reads what a report reads of each evicted connection and subflow. */
    private record Reporter(Tracker tracker) implements Tracker.EvictionListener
    {
        @Override
        public void onEvict(final int connection)
        {
            assertNotNull(ConnectionView.of(tracker, connection));
            tracker.dataBytes(connection, 0);
            tracker.dataBytes(connection, 1);
            final SubflowTable t = tracker.subflows();
            for (int s = tracker.connections().firstSubflow[connection]; s != SubflowTable.NONE;
                s = t.nextInConnection[s])
            {
                assertNotNull(SubflowView.of(tracker, s));
            }
        }

        @Override
        public void onEvictSubflow(final int subflow)
        {
            assertTrue(tracker.subflows().inUse(subflow), "evicting free subflow " + subflow);
            assertNotNull(SubflowView.of(tracker, subflow));
        }
    }

    // ---- sessions: whole handshakes, joins and in-window data -------------------------------------

    private static byte[] clientOf(final int tuple)
    {
        return tuple >= TUPLES - 6 ? V6_CLIENT : V4_CLIENTS[tuple % V4_CLIENTS_COUNT];
    }

    private static byte[] serverOf(final int tuple)
    {
        return tuple >= TUPLES - 6 ? V6_SERVER : V4_SERVERS[tuple / V4_CLIENTS_COUNT % V4_SERVERS_COUNT];
    }

    private static int clientPortOf(final int tuple)
    {
        return CLIENT_PORTS[tuple >= TUPLES - 6 ? tuple - (TUPLES - 6) :
            tuple / (V4_CLIENTS_COUNT * V4_SERVERS_COUNT) % CLIENT_PORTS.length];
    }

    private static int serverPortOf(final int tuple)
    {
        return tuple >= TUPLES - 6 ? SERVER_PORTS[0] : SERVER_PORTS[tuple / (V4_CLIENTS_COUNT * V4_SERVERS_COUNT *
            CLIENT_PORTS.length)];
    }

    private byte[] segment(final int tuple, final int dir, final int flags, final int payload, final byte[] opts)
    {
        final int seq = seqNext[2 * tuple + dir];
        final int ack = seqNext[2 * tuple + 1 - dir];
        seqNext[2 * tuple + dir] += payload + ((flags & (Mptcp.TCP_SYN | Mptcp.TCP_FIN)) != 0 ? 1 : 0);
        return dir == 0 ?
            tcp(clientOf(tuple), clientPortOf(tuple), serverOf(tuple), serverPortOf(tuple), flags, seq, ack, opts,
                payload, null) :
            tcp(serverOf(tuple), serverPortOf(tuple), clientOf(tuple), clientPortOf(tuple), flags, seq, ack, opts,
                payload, null);
    }

    private byte[] written(final int length)
    {
        return options.asSlice(0, length).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    /**
     * A whole exchange: 0 an MP_CAPABLE handshake, 1 a join, 2 data, 3 a close, 4 a burst of handshakes
     * (enough to fill the connection table).
     */
    private List<byte[]> session(final FuzzedDataProvider data, final int kind)
    {
        final List<byte[]> out = new ArrayList<>(4);
        if (kind == 4)
        {
            final int first = data.consumeInt(0, TUPLES - 1);
            final int n = data.consumeInt(1, 2 * MAX_CONNECTIONS);
            for (int i = 0; i < n; i++)
            {
                handshake(data, (first + 7 * i) % TUPLES, out);
            }
            return out;
        }
        if (kind == 0 || opened == 0)
        {
            final int t = data.consumeInt(0, TUPLES - 1);
            handshake(data, t, out);
            return out;
        }
        final int base = sessionOf[open[data.consumeInt(0, opened - 1)]];
        if (base < 0)
        {
            return out;
        }
        switch (kind)
        {
            case 1 -> join(data, base, data.consumeInt(0, TUPLES - 1), out);
            case 2 ->
            {
                // Any subflow of that connection.
                int t = base;
                for (int i = 0, pick = data.consumeInt(0, 3); i < TUPLES && pick > 0; i++)
                {
                    if (sessionOf[i] == base && i != t)
                    {
                        t = i;
                        pick--;
                    }
                }
                final int n = data.consumeInt(1, 4);
                for (int i = 0; i < n; i++)
                {
                    out.add(dataSegment(data, t, base));
                }
            }
            default -> close(data, base, out);
        }
        return out;
    }

    private void start(final int t, final int base, final FuzzedDataProvider data)
    {
        if (sessionOf[t] < 0)
        {
            open[opened++] = t;
        }
        sessionOf[t] = base;
        seqNext[2 * t] = data.pickValue(ISNS);
        seqNext[2 * t + 1] = data.pickValue(ISNS);
        ssnNext[2 * t] = 1;
        ssnNext[2 * t + 1] = 1;
    }

    private void handshake(final FuzzedDataProvider data, final int t, final List<byte[]> out)
    {
        start(t, t, data);
        final int v = version(data);
        final long a = data.pickValue(KEYS);
        final long b = data.pickValue(KEYS);
        version[t] = v;
        keyA[t] = a;
        keyB[t] = b;
        dsnNext[2 * t] = (v == 0 ? derive.idsnV0(a) : derive.idsnV1(a)) + 1;
        dsnNext[2 * t + 1] = (v == 0 ? derive.idsnV0(b) : derive.idsnV1(b)) + 1;
        final int flags = Mptcp.MPC_FLAG_H | (data.consumeInt(0, 7) == 0 ? Mptcp.MPC_FLAG_A : 0);
        out.add(segment(t, 0, Mptcp.TCP_SYN, 0, written(v == 0 ?
            MptcpOptionWriter.mpCapable(options, 0, Mptcp.MPC_ONE_KEY_LENGTH, 0, flags, a, 0, 0, 0) :
            MptcpOptionWriter.mpCapable(options, 0, Mptcp.MPC_SYN_V1_LENGTH, 1, flags, 0, 0, 0, 0))));
        out.add(segment(t, 1, Mptcp.TCP_SYN | Mptcp.TCP_ACK, 0,
            written(MptcpOptionWriter.mpCapable(options, 0, Mptcp.MPC_ONE_KEY_LENGTH, v, flags, b, 0, 0, 0))));
        out.add(segment(t, 0, Mptcp.TCP_ACK, 0,
            written(MptcpOptionWriter.mpCapable(options, 0, Mptcp.MPC_ACK_LENGTH, v, flags, a, b, 0, 0))));
    }

    private void join(final FuzzedDataProvider data, final int base, final int t, final List<byte[]> out)
    {
        if (sessionOf[t] == base && t == base)
        {
            return;
        }
        start(t, base, data);
        final int v = version[base];
        final long a = keyA[base];
        final long b = keyB[base];
        final int nonceA = data.pickValue(NONCES);
        final int nonceB = data.pickValue(NONCES);
        final boolean wrong = data.consumeInt(0, 15) == 0;
        final long thmac;
        final int[] words = new int[JoinHmac.HMAC_INTS];
        if (v == 0)
        {
            keys160.setKey(0, a, b);
            keys160.setKey(1, b, a);
            thmac = joinHmac.synAckThmacV0(keys160, 1, nonceB, nonceA);
            joinHmac.ackHmacV0(keys160, 0, nonceA, nonceB, words, 0);
        }
        else
        {
            keys256.setKey(0, a, b);
            keys256.setKey(1, b, a);
            thmac = joinHmac.synAckThmac(keys256, 1, nonceB, nonceA);
            joinHmac.ackHmac(keys256, 0, nonceA, nonceB, words, 0);
        }
        final ByteBuffer hmac = ByteBuffer.allocate(JoinHmac.HMAC_LENGTH);
        for (final int w : words)
        {
            hmac.putInt(wrong ? ~w : w);
        }
        final int token = v == 0 ? derive.tokenV0(b) : derive.tokenV1(b);
        out.add(segment(t, 0, Mptcp.TCP_SYN, 0,
            written(MptcpOptionWriter.mpJoinSyn(options, 0, data.consumeBoolean(), 2, token, nonceA))));
        out.add(segment(t, 1, Mptcp.TCP_SYN | Mptcp.TCP_ACK, 0,
            written(MptcpOptionWriter.mpJoinSynAck(options, 0, false, 0, wrong ? ~thmac : thmac, nonceB))));
        out.add(segment(t, 0, Mptcp.TCP_ACK, 0, written(MptcpOptionWriter.mpJoinAck(options, 0, hmac.array()))));
    }

    /** Data in the window (sometimes retransmitted or ahead), with 32- or 64-bit DSN and DATA_ACK. */
    private byte[] dataSegment(final FuzzedDataProvider data, final int t, final int base)
    {
        final int dir = data.consumeBoolean() ? 1 : 0;
        final int payload = data.consumeInt(0, 1400);
        final int jitter = data.consumeInt(0, 15);
        final long dsn = dsnNext[2 * base + dir] + (jitter == 0 ? -data.consumeInt(1, 3000) :
            jitter == 1 ? data.consumeInt(1, 3000) : 0);
        final boolean fin = data.consumeInt(0, 15) == 0;
        final int dll = payload + (fin ? 1 : 0);
        int flags = Mptcp.DSS_FLAG_ACK | Mptcp.DSS_FLAG_MAP | (fin ? Mptcp.DSS_FLAG_DATA_FIN : 0);
        flags |= data.consumeBoolean() ? Mptcp.DSS_FLAG_DSN64 : 0;
        flags |= data.consumeBoolean() ? Mptcp.DSS_FLAG_ACK64 : 0;
        final int ssn = ssnNext[2 * t + dir];
        if (jitter > 1)
        {
            dsnNext[2 * base + dir] += dll;
            ssnNext[2 * t + dir] += payload;
        }
        final int length = MptcpOptionWriter.dss(options, 0, flags, dsnNext[2 * base + 1 - dir], dsn, ssn, dll,
            false, 0);
        return segment(t, dir, Mptcp.TCP_ACK | (data.consumeInt(0, 15) == 0 ? Mptcp.TCP_FIN : 0), payload,
            written(length));
    }

    private void close(final FuzzedDataProvider data, final int base, final List<byte[]> out)
    {
        final int dir = data.consumeBoolean() ? 1 : 0;
        switch (data.consumeInt(0, 2))
        {
            case 0 -> out.add(segment(base, dir, Mptcp.TCP_ACK | Mptcp.TCP_RST, 0, new byte[0]));
            case 1 -> out.add(segment(base, dir, Mptcp.TCP_ACK | Mptcp.TCP_RST, 0,
                written(MptcpOptionWriter.mpFastclose(options, 0, dir == 0 ? keyB[base] : keyA[base]))));
            default ->
            {
                for (int d = 0; d < 2; d++)
                {
                    final int length = MptcpOptionWriter.dss(options, 0, Mptcp.DSS_FLAG_ACK | Mptcp.DSS_FLAG_ACK64 |
                        Mptcp.DSS_FLAG_MAP | Mptcp.DSS_FLAG_DSN64 | Mptcp.DSS_FLAG_DATA_FIN,
                        dsnNext[2 * base + 1 - d], dsnNext[2 * base + d], 0, 1, false, 0);
                    dsnNext[2 * base + d]++;
                    out.add(segment(base, d, Mptcp.TCP_ACK | Mptcp.TCP_FIN, 0, written(length)));
                }
            }
        }
    }

    private static Frame mutate(final FuzzedDataProvider data, final Frame f)
    {
        byte[] b = f.bytes().clone();
        final int flips = data.consumeInt(0, 4);
        for (int i = 0; i < flips && b.length > 0; i++)
        {
            b[data.consumeInt(0, b.length - 1)] ^= (byte)data.consumeInt(1, 255);
        }
        if (data.consumeBoolean())
        {
            b = Arrays.copyOf(b, data.consumeInt(0, b.length));
        }
        return new Frame(f.linkType(), b);
    }

    // ---- frames built by the encoders --------------------------------------------------------------

    /** One TCP segment between a fuzz-chosen pair of endpoints, with fuzz-chosen MPTCP options. */
    private byte[] build(final FuzzedDataProvider data)
    {
        final boolean v6 = data.consumeInt(0, 5) == 0;
        final byte[] client = v6 ? V6_CLIENT : data.pickValue(V4_CLIENTS);
        final byte[] server = v6 ? V6_SERVER : data.pickValue(V4_SERVERS);
        final int clientPort = data.pickValue(CLIENT_PORTS);
        final int serverPort = v6 ? SERVER_PORTS[0] : data.pickValue(SERVER_PORTS);
        final boolean fromServer = data.consumeBoolean();
        final int isn = data.pickValue(ISNS);
        final int seq = isn + (data.consumeBoolean() ? 0 : 1 + data.consumeInt(0, 3000));
        final int payload = data.consumeBoolean() ? 0 : data.consumeInt(1, 1400);
        int flags = Mptcp.TCP_ACK;
        int length = 0;
        final int kind = data.consumeInt(0, 15);
        switch (kind)
        {
            case 0 ->
            {
                flags = Mptcp.TCP_SYN;
                length = mpCapableSyn(data, 0);
            }
            case 1 ->
            {
                flags = Mptcp.TCP_SYN | Mptcp.TCP_ACK;
                length = mpCapableSynAck(data, 0);
            }
            case 2 -> length = mpCapableAck(data, 0, payload);
            case 3 ->
            {
                flags = Mptcp.TCP_SYN;
                length = joinSyn(data, 0);
            }
            case 4 ->
            {
                flags = Mptcp.TCP_SYN | Mptcp.TCP_ACK;
                length = joinSynAck(data, 0);
            }
            case 5 -> length = joinAck(data, 0);
            default ->
            {
                // An established subflow: up to three connection-level options.
                final int n = data.consumeInt(1, 3);
                for (int i = 0; i < n && length <= 40; i++)
                {
                    final int before = length;
                    length += connectionOption(data, length, payload);
                    if (length > 40)
                    {
                        length = before;
                        break;
                    }
                }
            }
        }
        if (data.consumeInt(0, 15) == 0)
        {
            // Raw bytes in the option space: other TCP options, or garbage.
            final byte[] raw = data.consumeBytes(40 - length);
            MemorySegment.copy(MemorySegment.ofArray(raw), 0, options, length, raw.length);
            length += raw.length;
        }
        final int extra = data.consumeInt(0, 15);
        flags |= extra == 0 ? Mptcp.TCP_RST : extra == 1 ? Mptcp.TCP_FIN : 0;
        final int ack = data.pickValue(ISNS) + 1 + (data.consumeBoolean() ? 0 : data.consumeInt(0, 3000));
        final byte[] opts = options.asSlice(0, length).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        return fromServer ?
            tcp(server, serverPort, client, clientPort, flags, seq, ack, opts, payload, data) :
            tcp(client, clientPort, server, serverPort, flags, seq, ack, opts, payload, data);
    }

    private long key(final FuzzedDataProvider data)
    {
        return data.consumeInt(0, 15) == 0 ? data.consumeLong() : data.pickValue(KEYS);
    }

    private int version(final FuzzedDataProvider data)
    {
        return data.consumeInt(0, 3) == 0 ? 0 : 1;
    }

    private int mpcFlags(final FuzzedDataProvider data)
    {
        return data.consumeInt(0, 3) == 0 ? data.consumeInt(0, 255) :
            Mptcp.MPC_FLAG_H | (data.consumeInt(0, 3) == 0 ? Mptcp.MPC_FLAG_A : 0);
    }

    private int mpCapableSyn(final FuzzedDataProvider data, final int o)
    {
        final int version = version(data);
        return version == 0 ?
            MptcpOptionWriter.mpCapable(options, o, Mptcp.MPC_ONE_KEY_LENGTH, 0, mpcFlags(data), key(data), 0, 0, 0) :
            MptcpOptionWriter.mpCapable(options, o, Mptcp.MPC_SYN_V1_LENGTH, 1, mpcFlags(data), 0, 0, 0, 0);
    }

    private int mpCapableSynAck(final FuzzedDataProvider data, final int o)
    {
        return MptcpOptionWriter.mpCapable(options, o, Mptcp.MPC_ONE_KEY_LENGTH, version(data), mpcFlags(data),
            key(data), 0, 0, 0);
    }

    private int mpCapableAck(final FuzzedDataProvider data, final int o, final int payload)
    {
        final int form = data.consumeInt(0, 2);
        final int length = form == 0 ? Mptcp.MPC_ACK_LENGTH : form == 1 ? Mptcp.MPC_ACK_DATA_LENGTH :
            Mptcp.MPC_ACK_DATA_CSUM_LENGTH;
        return MptcpOptionWriter.mpCapable(options, o, length, version(data), mpcFlags(data), key(data), key(data),
            data.consumeBoolean() ? payload : data.consumeInt(0, 0xFFFF), data.consumeInt(0, 0xFFFF));
    }

    private int token(final FuzzedDataProvider data, final int version, final long key)
    {
        return data.consumeInt(0, 15) == 0 ? data.consumeInt() :
            version == 0 ? derive.tokenV0(key) : derive.tokenV1(key);
    }

    private int joinSyn(final FuzzedDataProvider data, final int o)
    {
        final int version = version(data);
        return MptcpOptionWriter.mpJoinSyn(options, o, data.consumeBoolean(), data.consumeInt(0, 3),
            token(data, version, data.pickValue(KEYS)), data.pickValue(NONCES));
    }

    /** The server's thmac over (nonce-B, nonce-A) keyed (Key-B, Key-A), right or wrong. */
    private int joinSynAck(final FuzzedDataProvider data, final int o)
    {
        final long keyA = data.pickValue(KEYS);
        final long keyB = data.pickValue(KEYS);
        final int nonceA = data.pickValue(NONCES);
        final int nonceB = data.pickValue(NONCES);
        final int form = data.consumeInt(0, 3);
        final long thmac;
        if (form == 0)
        {
            thmac = data.consumeLong();
        }
        else if (form == 1)
        {
            keys160.setKey(1, keyB, keyA);
            thmac = joinHmac.synAckThmacV0(keys160, 1, nonceB, nonceA);
        }
        else
        {
            keys256.setKey(1, keyB, keyA);
            thmac = joinHmac.synAckThmac(keys256, 1, nonceB, nonceA);
        }
        return MptcpOptionWriter.mpJoinSynAck(options, o, data.consumeBoolean(), data.consumeInt(0, 3), thmac, nonceB);
    }

    /** The client's HMAC over (nonce-A, nonce-B) keyed (Key-A, Key-B), right or wrong. */
    private int joinAck(final FuzzedDataProvider data, final int o)
    {
        final long keyA = data.pickValue(KEYS);
        final long keyB = data.pickValue(KEYS);
        final int nonceA = data.pickValue(NONCES);
        final int nonceB = data.pickValue(NONCES);
        final int form = data.consumeInt(0, 3);
        final int[] words = new int[JoinHmac.HMAC_INTS];
        if (form == 0)
        {
            for (int i = 0; i < words.length; i++)
            {
                words[i] = data.consumeInt();
            }
        }
        else if (form == 1)
        {
            keys160.setKey(0, keyA, keyB);
            joinHmac.ackHmacV0(keys160, 0, nonceA, nonceB, words, 0);
        }
        else
        {
            keys256.setKey(0, keyA, keyB);
            joinHmac.ackHmac(keys256, 0, nonceA, nonceB, words, 0);
        }
        final ByteBuffer hmac = ByteBuffer.allocate(JoinHmac.HMAC_LENGTH);
        for (final int w : words)
        {
            hmac.putInt(w);
        }
        return MptcpOptionWriter.mpJoinAck(options, o, hmac.array());
    }

    private int connectionOption(final FuzzedDataProvider data, final int o, final int payload)
    {
        return switch (data.consumeInt(0, 11))
        {
            case 0 -> addAddr(data, o);
            case 1 -> MptcpOptionWriter.removeAddr(options, o, ids(data));
            case 2 -> MptcpOptionWriter.mpPrio(options, o, data.consumeBoolean(),
                data.consumeBoolean() ? -1 : data.consumeInt(0, 3));
            case 3 -> MptcpOptionWriter.mpFail(options, o, dsn(data));
            case 4 -> MptcpOptionWriter.mpFastclose(options, o, key(data));
            case 5 -> MptcpOptionWriter.mpTcprst(options, o, data.consumeInt(0, 15), data.consumeInt(0, 255));
            case 6 -> mpCapableAck(data, o, payload);
            default -> dss(data, o, payload);
        };
    }

    private static int[] ids(final FuzzedDataProvider data)
    {
        final int[] ids = new int[data.consumeInt(1, 3)];
        for (int i = 0; i < ids.length; i++)
        {
            ids[i] = data.consumeInt(0, 4);
        }
        return ids;
    }

    /**
     * A DSN near the start of a key's data (v0 or v1 IDSN), or near the next 2^32 wrap of its low 32
     * bits, or anywhere.
     */
    private long dsn(final FuzzedDataProvider data)
    {
        final long key = data.pickValue(KEYS);
        final long idsn = data.consumeBoolean() ? derive.idsnV1(key) : derive.idsnV0(key);
        final long start = idsn + 1;
        return switch (data.consumeInt(0, 3))
        {
            case 0 -> start + data.consumeInt(-100, 3000);
            case 1 -> start + (0x1_0000_0000L - (start & 0xFFFF_FFFFL)) + data.consumeInt(-3000, 3000);
            case 2 -> start + ((long)data.consumeInt(0, 3) << 32) + data.consumeInt(-3000, 3000);
            default -> data.consumeLong();
        };
    }

    private int dss(final FuzzedDataProvider data, final int o, final int payload)
    {
        int flags = 0;
        if (data.consumeInt(0, 3) != 0)
        {
            flags |= Mptcp.DSS_FLAG_ACK | (data.consumeBoolean() ? Mptcp.DSS_FLAG_ACK64 : 0);
        }
        if (data.consumeInt(0, 3) != 0)
        {
            flags |= Mptcp.DSS_FLAG_MAP | (data.consumeBoolean() ? Mptcp.DSS_FLAG_DSN64 : 0);
        }
        if (data.consumeInt(0, 7) == 0)
        {
            flags |= Mptcp.DSS_FLAG_DATA_FIN;
        }
        final int ssn = data.consumeBoolean() ? 1 + data.consumeInt(0, 3000) : data.consumeInt();
        final int dataLength = data.consumeBoolean() ? payload + ((flags & Mptcp.DSS_FLAG_DATA_FIN) != 0 ? 1 : 0) :
            data.consumeInt(0, 0xFFFF);
        return MptcpOptionWriter.dss(options, o, flags, dsn(data), dsn(data), ssn, dataLength, data.consumeBoolean(),
            data.consumeInt(0, 0xFFFF));
    }

    /** ADD_ADDR: v1 with a right or wrong HMAC keyed (sender, receiver), echo, or the v0 form. */
    private int addAddr(final FuzzedDataProvider data, final int o)
    {
        final byte[] address = data.consumeBoolean() ? data.pickValue(V4_SERVERS) :
            data.consumeBoolean() ? V6_SERVER : data.consumeBytes(data.consumeBoolean() ? 4 : 16);
        final byte[] exact = address.length == 4 || address.length == 16 ? address : Arrays.copyOf(address, 4);
        final int id = data.consumeInt(0, 4);
        final int port = data.consumeBoolean() ? -1 : data.pickValue(SERVER_PORTS);
        return switch (data.consumeInt(0, 3))
        {
            case 0 -> MptcpOptionWriter.addAddrV0(options, o, id, exact, port);
            case 1 -> MptcpOptionWriter.addAddr(options, o, true, id, exact, port, 0);
            case 2 -> MptcpOptionWriter.addAddr(options, o, false, id, exact, port, data.consumeLong());
            default ->
            {
                keys256.setKey(0, data.pickValue(KEYS), data.pickValue(KEYS));
                final long hmac = addAddrHmac.hmac(keys256, 0, id, MemorySegment.ofArray(exact), 0, exact.length,
                    port < 0 ? AddAddrHmac.NO_PORT : port);
                yield MptcpOptionWriter.addAddr(options, o, false, id, exact, port, hmac);
            }
        };
    }

    /** Ethernet / IPv4 or IPv6 / TCP with the given option bytes (NOP-padded) and payload. */
    private static byte[] tcp(final byte[] src, final int srcPort, final byte[] dst, final int dstPort,
        final int flags, final int seq, final int ack, final byte[] opts, final int payload,
        final FuzzedDataProvider data)
    {
        final boolean v6 = src.length == 16;
        final int optLength = (opts.length + 3) & ~3;
        final int tcpLength = 20 + optLength;
        final ByteBuffer b = ByteBuffer.allocate(14 + (v6 ? 40 : 20) + tcpLength + payload);
        b.put(new byte[] {0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1});
        if (v6)
        {
            b.putShort((short)0x86DD).putInt(0x6000_0000).putShort((short)(tcpLength + payload)).put((byte)6)
                .put((byte)64).put(src).put(dst);
        }
        else
        {
            b.putShort((short)0x0800).put((byte)0x45).put((byte)0).putShort((short)(20 + tcpLength + payload))
                .putInt(0x4000_4000).put((byte)64).put((byte)6).putShort((short)0).put(src).put(dst);
        }
        b.putShort((short)srcPort).putShort((short)dstPort).putInt(seq).putInt((flags & Mptcp.TCP_ACK) != 0 ? ack : 0)
            .put((byte)(tcpLength / 4 << 4)).put((byte)flags).putShort((short)65535).putInt(0);
        b.put(opts);
        for (int i = opts.length; i < optLength; i++)
        {
            b.put((byte)1);
        }
        if (payload > 0 && data != null && data.consumeInt(0, 7) == 0)
        {
            final byte[] bytes = data.consumeBytes(payload);
            b.put(bytes);
        }
        return b.array();
    }

    // ---- static set-up ----------------------------------------------------------------------------

    /**
     * Four arbitrary keys, then two distinct keys with the same v1 token and two whose v1 IDSN + 1 has
     * low 32 bits within 20,000 below 2^32. They were found once by search (a birthday search over
     * fmix(i * 0x9E3779B97F4A7C15) and a walk over fmix(i * 0xC2B2AE3D27D4EB4F)); the properties are
     * checked here, so a wrong constant fails at once instead of silently weakening the target.
     */
    private static long[] keys()
    {
        final KeyDerivation d = new KeyDerivation();
        final long[] collide = {0xFBC7_FC5C_2E96_93F4L, 0x98BA_E707_4D7F_908DL};
        final long[] nearWrap = {0xCFA0_957F_6967_2267L, 0x20A5_B137_0F32_7CC7L};
        if (d.tokenV1(collide[0]) != d.tokenV1(collide[1]))
        {
            throw new IllegalStateException("the colliding keys do not collide");
        }
        for (final long key : nearWrap)
        {
            if ((d.idsnV1(key) + 1 & 0xFFFF_FFFFL) <= (1L << 32) - 20_000)
            {
                throw new IllegalStateException("key " + Long.toHexString(key) + " is not near a wrap");
            }
        }
        return new long[] {0x0102_0304_0506_0708L, 0x1122_3344_5566_7788L, 0xA1B2_C3D4_E5F6_0718L,
            0xFFFF_FFFF_FFFF_FFFFL, collide[0], collide[1], nearWrap[0], nearWrap[1]};
    }

    private static List<Frame> captured()
    {
        final Path dir = Path.of(System.getProperty("mpdp.captures", "../shared/captures"));
        final List<Frame> frames = new ArrayList<>();
        if (Files.isDirectory(dir))
        {
            try (Stream<Path> files = Files.walk(dir))
            {
                for (final Path p : files.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng"))
                    .sorted().toList())
                {
                    read(p, frames);
                }
            }
            catch (final IOException e)
            {
                throw new IllegalStateException("captures=" + dir, e);
            }
        }
        if (frames.isEmpty())
        {
            frames.addAll(builtFallback());
        }
        return List.copyOf(frames);
    }

    private static void read(final Path pcap, final List<Frame> frames) throws IOException
    {
        try (PcapReader reader = new PcapReader(pcap))
        {
            while (reader.next())
            {
                if (!LinkLayer.supported(reader.linkType()))
                {
                    continue;
                }
                final byte[] bytes = reader.segment().asSlice(reader.frameOffset(), reader.capturedLength())
                    .toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
                frames.add(new Frame(reader.linkType(), bytes));
            }
        }
    }

    /** Without captures: a v1 connection with a join, data both ways and a DATA_FIN, from the encoders. */
    private static List<Frame> builtFallback()
    {
        final KeyDerivation d = new KeyDerivation();
        final long keyA = KEYS[0];
        final long keyB = KEYS[1];
        final HmacSha256Keys keys = new HmacSha256Keys(2);
        keys.setKey(0, keyA, keyB);
        keys.setKey(1, keyB, keyA);
        final JoinHmac joinHmac = new JoinHmac();
        final long thmac = joinHmac.synAckThmac(keys, 1, NONCES[1], NONCES[0]);
        final int[] words = new int[JoinHmac.HMAC_INTS];
        joinHmac.ackHmac(keys, 0, NONCES[0], NONCES[1], words, 0);
        final ByteBuffer hmac = ByteBuffer.allocate(JoinHmac.HMAC_LENGTH);
        for (final int w : words)
        {
            hmac.putInt(w);
        }
        final long dsnA = d.idsnV1(keyA) + 1;
        final long dsnB = d.idsnV1(keyB) + 1;
        final byte[] c = V4_CLIENTS[0];
        final byte[] s = V4_SERVERS[0];
        final byte[] c2 = V4_CLIENTS[1];
        final int cp = CLIENT_PORTS[0];
        final int sp = SERVER_PORTS[0];
        final int ack = Mptcp.TCP_ACK;
        final int syn = Mptcp.TCP_SYN;
        final List<byte[]> f = List.of(
            tcp(c, cp, s, sp, syn, 100, 0, opts(o -> MptcpOptionWriter.mpCapable(o, 0, Mptcp.MPC_SYN_V1_LENGTH, 1,
                Mptcp.MPC_FLAG_H, 0, 0, 0, 0)), 0, null),
            tcp(s, sp, c, cp, syn | ack, 500, 101, opts(o -> MptcpOptionWriter.mpCapable(o, 0,
                Mptcp.MPC_ONE_KEY_LENGTH, 1, Mptcp.MPC_FLAG_H, keyB, 0, 0, 0)), 0, null),
            tcp(c, cp, s, sp, ack, 101, 501, opts(o -> MptcpOptionWriter.mpCapable(o, 0, Mptcp.MPC_ACK_LENGTH, 1,
                Mptcp.MPC_FLAG_H, keyA, keyB, 0, 0)), 0, null),
            tcp(c, cp, s, sp, ack, 101, 501, opts(o -> MptcpOptionWriter.dss(o, 0, Mptcp.DSS_FLAG_ACK |
                Mptcp.DSS_FLAG_ACK64 | Mptcp.DSS_FLAG_MAP | Mptcp.DSS_FLAG_DSN64, dsnB, dsnA, 1, 100, false, 0)), 100,
                null),
            tcp(s, sp, c, cp, ack, 501, 201, opts(o -> MptcpOptionWriter.dss(o, 0, Mptcp.DSS_FLAG_ACK |
                Mptcp.DSS_FLAG_MAP, dsnA + 100, dsnB, 1, 50, false, 0)), 50, null),
            tcp(c2, cp, s, sp, syn, 7000, 0, opts(o -> MptcpOptionWriter.mpJoinSyn(o, 0, false, 2, d.tokenV1(keyB),
                NONCES[0])), 0, null),
            tcp(s, sp, c2, cp, syn | ack, 9000, 7001, opts(o -> MptcpOptionWriter.mpJoinSynAck(o, 0, false, 0, thmac,
                NONCES[1])), 0, null),
            tcp(c2, cp, s, sp, ack, 7001, 9001, opts(o -> MptcpOptionWriter.mpJoinAck(o, 0, hmac.array())), 0, null),
            tcp(c2, cp, s, sp, ack, 7001, 9001, opts(o -> MptcpOptionWriter.dss(o, 0, Mptcp.DSS_FLAG_ACK |
                Mptcp.DSS_FLAG_MAP | Mptcp.DSS_FLAG_DATA_FIN, dsnB + 50, dsnA + 100, 1, 101, false, 0)), 100, null),
            tcp(s, sp, c, cp, ack | Mptcp.TCP_FIN, 551, 201, opts(o -> MptcpOptionWriter.mpFastclose(o, 0, keyA)), 0,
                null));
        return f.stream().map(b -> new Frame(PcapReader.LINKTYPE_ETHERNET, b)).toList();
    }

    private static byte[] opts(final java.util.function.ToIntFunction<MemorySegment> writer)
    {
        final MemorySegment scratch = MemorySegment.ofArray(new byte[40]);
        return scratch.asSlice(0, writer.applyAsInt(scratch)).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }
}
