package org.mpdp.dataplane.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.analyze.ConnectionReport;
import org.mpdp.dataplane.analyze.OfflineAnalyzer;
import org.mpdp.dataplane.capture.PcapReader;
import org.mpdp.dataplane.crypto.HmacSha256Keys;
import org.mpdp.dataplane.crypto.JoinHmac;
import org.mpdp.dataplane.crypto.KeyDerivation;
import org.mpdp.dataplane.mirror.PcapWriter;
import org.mpdp.dataplane.testing.MptcpTestbed;
import org.mpdp.dataplane.testing.MptcpTestbed.Family;
import org.mpdp.dataplane.testing.MptcpTraffic;
import org.mpdp.dataplane.track.SubflowView;
import org.mpdp.dataplane.track.Tracker;
import org.mpdp.dataplane.track.Reason;

/**
 * Attacks built with mpdp's own encoders and injected into a real Linux MPTCP capture: each one is
 * detected with its own reason and the default policy drops it, and no legitimate packet or subflow
 * is flagged.
 */
final class AttackIT
{
    private static final int SERVER_PORT = 48300;
    private static final int FLOOD = 1000;
    /** Attacker ports below Linux's ephemeral range (32768-60999), so no attack reuses a real 4-tuple. */
    private static final int ATTACKER_PORT = 2000;

    @Test
    void shouldDetectEveryAttackAndFlagNothingLegitimate() throws IOException
    {
        final Path dir = Path.of("target", "attack").toAbsolutePath();
        Files.createDirectories(dir);
        final Path legit;
        try (MptcpTestbed bed = MptcpTestbed.create(MptcpTestbed.Config.twoPaths(Family.IPV4)))
        {
            legit = MptcpTraffic.run(bed, MptcpTraffic.Spec.single(SERVER_PORT, 64 * 1024), dir).capture().merged();
        }
        final OfflineAnalyzer clean = new OfflineAnalyzer(64, 256);
        clean.analyze(legit);
        assertEquals(0, flagged(clean.tracker()), "the kernel capture alone must raise nothing");
        final ConnectionReport c = clean.connections().get(0);
        final byte[] legitJoinAck = firstJoinAckHmac(legit);

        final List<byte[]> frames = readFrames(legit);
        final List<byte[]> attacks = new ArrayList<>();
        final Random random = new Random(7);
        final KeyDerivation derive = new KeyDerivation();
        final int serverToken = derive.tokenV1(c.serverKey());
        final HmacSha256Keys keys = new HmacSha256Keys(2);
        keys.setKey(0, c.clientKey(), c.serverKey());
        keys.setKey(1, c.serverKey(), c.clientKey());
        final JoinHmac join = new JoinHmac();
        final int client = 0xC6120201; // 198.18.2.1, the client's second path
        final int server = 0xC6120102; // 198.18.1.2

        // 1. MP_JOIN SYNs with random tokens: a flood.
        for (int i = 0; i < FLOOD; i++)
        {
            final int token = random.nextInt();
            attacks.add(TcpFrames.ipv4(client, ATTACKER_PORT + i, server, SERVER_PORT, Mptcp.TCP_SYN, o -> MptcpOptionWriter.mpJoinSyn(o,
                0, false, 2, token == serverToken ? token + 1 : token, random.nextInt())));
        }
        // 2. Right token, then a third ACK whose HMAC is wrong.
        attacks.addAll(joinWith(client, ATTACKER_PORT + FLOOD, server, serverToken, keys, join, random, randomHmac(random)));
        // 3. Right token, then the third-ACK HMAC of the real join replayed on new nonces.
        attacks.addAll(joinWith(client, ATTACKER_PORT + FLOOD + 1, server, serverToken, keys, join, random, legitJoinAck));
        // 4. A new connection whose third ACK echoes a server key other than the SYN/ACK's.
        attacks.add(TcpFrames.ipv4(client, ATTACKER_PORT + FLOOD + 2, server, SERVER_PORT, Mptcp.TCP_SYN, o -> MptcpOptionWriter.mpCapable(o, 0, 4, 1,
            0x01, 0, 0, 0, 0)));
        attacks.add(TcpFrames.ipv4(server, SERVER_PORT, client, ATTACKER_PORT + FLOOD + 2, Mptcp.TCP_SYN | Mptcp.TCP_ACK, o ->
            MptcpOptionWriter.mpCapable(o, 0, 12, 1, 0x01, 0x1111111111111111L, 0, 0, 0)));
        attacks.add(TcpFrames.ipv4(client, ATTACKER_PORT + FLOOD + 2, server, SERVER_PORT, Mptcp.TCP_ACK, o -> MptcpOptionWriter.mpCapable(o, 0, 20, 1,
            0x01, 0x2222222222222222L, 0x3333333333333333L, 0, 0)));
        // 5. ADD_ADDR with a bad HMAC on the real initial subflow, server to client.
        final SubflowView initial = c.subflows().get(0);
        final String[] cl = initial.client().split(":");
        attacks.add(TcpFrames.ipv4(ip(initial.server().split(":")[0]), SERVER_PORT, ip(cl[0]), Integer.parseInt(cl[1]),
            Mptcp.TCP_ACK, o -> MptcpOptionWriter.addAddr(o, 0, false, 9, new byte[] {(byte)198, 18, 3, 3}, -1,
            random.nextLong())));

        // Legit frames first half, attacks, legit second half: attacks land mid-connection.
        final Path mixed = dir.resolve("mixed.pcap");
        try (PcapWriter writer = new PcapWriter(mixed, 65535))
        {
            long t = 1_700_000_000_000_000L;
            final int half = frames.size() / 2;
            for (int i = 0; i < frames.size(); i++)
            {
                if (i == half)
                {
                    for (final byte[] a : attacks)
                    {
                        writer.write(a, t++);
                    }
                }
                writer.write(frames.get(i), t++);
            }
        }
        final OfflineAnalyzer analyzer = new OfflineAnalyzer(64, 256);
        analyzer.analyze(mixed);
        final Tracker tracker = analyzer.tracker();
        assertEquals(FLOOD, tracker.reasonCount(Reason.JOIN_UNKNOWN_TOKEN), "random-token MP_JOIN SYNs");
        assertEquals(2, tracker.reasonCount(Reason.JOIN_BAD_ACK_HMAC), "wrong and replayed third-ACK HMACs");
        assertEquals(1, tracker.reasonCount(Reason.KEY_MISMATCH), "key change in the third ACK");
        assertEquals(1, tracker.reasonCount(Reason.ADD_ADDR_BAD_HMAC), "ADD_ADDR with a bad HMAC");
        assertEquals(FLOOD + 4, flagged(tracker), "nothing else, in particular nothing legitimate, is flagged");
        // The flood took no table slot; the real connection and its joins are intact and authenticated.
        final ConnectionReport after = analyzer.connections().get(0);
        assertEquals(c.subflows().size() + 2, after.subflows().size(), "only the two right-token joins were admitted");
        for (final SubflowView s : after.subflows())
        {
            final boolean attacker = s.client().endsWith(":" + (ATTACKER_PORT + FLOOD)) ||
                s.client().endsWith(":" + (ATTACKER_PORT + FLOOD + 1));
            assertEquals(!attacker, !s.role().equals("join") || Boolean.TRUE.equals(s.joinHmacOk()), s.toString());
        }
        assertEquals(c.toServer(), after.toServer());
        assertEquals(c.toClient(), after.toClient());
        assertEquals("data_fin", after.end());
        assertTrue(org.mpdp.dataplane.track.Action.DROP ==
            org.mpdp.dataplane.track.VerdictPolicy.defaults().action(Reason.JOIN_UNKNOWN_TOKEN));
    }

    private static long flagged(final Tracker tracker)
    {
        long n = 0;
        for (final Reason r : Reason.values())
        {
            n += r == Reason.OK ? 0 : tracker.reasonCount(r);
        }
        return n;
    }

    private static List<byte[]> joinWith(final int client, final int port, final int server, final int token,
        final HmacSha256Keys keys, final JoinHmac join, final Random random, final byte[] ackHmac)
    {
        final int nonceA = random.nextInt();
        final int nonceB = random.nextInt();
        final long thmac = join.synAckThmac(keys, 1, nonceB, nonceA); // what the real server would send
        final List<byte[]> out = new ArrayList<>();
        out.add(TcpFrames.ipv4(client, port, server, SERVER_PORT, Mptcp.TCP_SYN, o -> MptcpOptionWriter.mpJoinSyn(o, 0, false, 2,
            token, nonceA)));
        out.add(TcpFrames.ipv4(server, SERVER_PORT, client, port, Mptcp.TCP_SYN | Mptcp.TCP_ACK, o ->
            MptcpOptionWriter.mpJoinSynAck(o, 0, false, 0, thmac, nonceB)));
        out.add(TcpFrames.ipv4(client, port, server, SERVER_PORT, Mptcp.TCP_ACK, o -> MptcpOptionWriter.mpJoinAck(o, 0, ackHmac)));
        return out;
    }

    private static byte[] randomHmac(final Random random)
    {
        final byte[] b = new byte[20];
        random.nextBytes(b);
        return b;
    }

    private static int ip(final String dotted)
    {
        final String[] p = dotted.split("\\.");
        return Integer.parseInt(p[0]) << 24 | Integer.parseInt(p[1]) << 16 | Integer.parseInt(p[2]) << 8 |
            Integer.parseInt(p[3]);
    }

        private static List<byte[]> readFrames(final Path pcap) throws IOException
    {
        final List<byte[]> frames = new ArrayList<>();
        try (PcapReader reader = new PcapReader(pcap))
        {
            while (reader.next())
            {
                frames.add(reader.segment().asSlice(reader.frameOffset(), reader.capturedLength())
                    .toArray(ValueLayout.JAVA_BYTE));
            }
        }
        return frames;
    }

    private static byte[] firstJoinAckHmac(final Path pcap) throws IOException
    {
        final PacketParser parser = new PacketParser();
        final ParsedPacket p = new ParsedPacket();
        try (PcapReader reader = new PcapReader(pcap))
        {
            while (reader.next())
            {
                parser.parseEthernet(reader.segment(), reader.frameOffset(), reader.capturedLength(), p);
                if (p.mptcp.has(Mptcp.MP_JOIN) && p.mptcp.joinLength == Mptcp.JOIN_ACK_LENGTH)
                {
                    return reader.segment().asSlice(reader.frameOffset() + p.mptcp.joinHmacOffset, 20)
                        .toArray(ValueLayout.JAVA_BYTE);
                }
            }
        }
        throw new IllegalStateException("no MP_JOIN third ACK in " + pcap);
    }
}
