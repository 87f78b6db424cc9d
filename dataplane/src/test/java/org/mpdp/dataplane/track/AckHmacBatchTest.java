package org.mpdp.dataplane.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.analyze.TraceGenerator;
import org.mpdp.dataplane.capture.PcapReader;
import org.mpdp.dataplane.wire.LinkLayer;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.PacketParser;
import org.mpdp.dataplane.wire.ParsedPacket;

/**
 * Third-ACK HMACs verified in bursts (Vector API batches) give exactly the per-packet results: a
 * generated trace with many joins in flight at once, every fifth third ACK forged (one HMAC byte
 * flipped), fed to one tracker packet by packet and to another in bursts of 32 (offer all, verify,
 * then track in order). Every packet's action and reasons must agree, the forged ACKs must all be
 * refused by both, and most third ACKs must have gone through the batch.
 */
final class AckHmacBatchTest
{
    private static final int BURST = 32;

    @Test
    void shouldGiveThePerPacketResultsWhenThirdAckHmacsAreVerifiedInBursts() throws IOException
    {
        final List<byte[]> frames = new ArrayList<>();
        final Path trace = Files.createTempFile("mpdp-ack-batch-", ".pcap");
        int linkType;
        try
        {
            // 2,000 connections with 3 joins each, all open at once: a burst holds many joins' third ACKs (batches pay from AckHmacBatch.MIN_BATCH).
            TraceGenerator.generate(new TraceGenerator.Config(2_000, 3, 2_000, 500, 11, 0.2, 2_000), trace);
            try (PcapReader reader = new PcapReader(trace))
            {
                linkType = reader.linkType();
                while (reader.next())
                {
                    final byte[] f = new byte[reader.capturedLength()];
                    MemorySegment.copy(reader.segment(), reader.frameOffset(), MemorySegment.ofArray(f), 0, f.length);
                    frames.add(f);
                }
            }
        }
        finally
        {
            Files.deleteIfExists(trace);
        }
        final PacketParser parser = new PacketParser();
        final ParsedPacket p = new ParsedPacket();
        int thirdAcks = 0;
        int forged = 0;
        for (final byte[] f : frames)
        {
            final MemorySegment s = MemorySegment.ofArray(f);
            LinkLayer.parse(parser, linkType, s, 0, f.length, p);
            if (p.mptcp.has(Mptcp.MP_JOIN) && p.mptcp.joinLength == Mptcp.JOIN_ACK_LENGTH &&
                (p.tcpFlags & Mptcp.TCP_SYN) == 0 && thirdAcks++ % 5 == 0)
            {
                f[p.mptcp.joinHmacOffset + 7] ^= 0x40;
                forged++;
            }
        }
        assertEquals(6_000, thirdAcks, "one third ACK per join");

        final Tracker single = new Tracker(4_096, 16_384);
        final Tracker bursts = new Tracker(4_096, 16_384);
        final ParsedPacket[] burst = new ParsedPacket[BURST];
        for (int i = 0; i < BURST; i++)
        {
            burst[i] = new ParsedPacket();
        }
        for (int from = 0; from < frames.size(); from += BURST)
        {
            final int n = Math.min(BURST, frames.size() - from);
            bursts.beginBurst();
            for (int i = 0; i < n; i++)
            {
                final byte[] f = frames.get(from + i);
                LinkLayer.parse(parser, linkType, MemorySegment.ofArray(f), 0, f.length, burst[i]);
                bursts.offer(burst[i]);
            }
            bursts.verifyOffered();
            for (int i = 0; i < n; i++)
            {
                final byte[] f = frames.get(from + i);
                final MemorySegment s = MemorySegment.ofArray(f);
                LinkLayer.parse(parser, linkType, s, 0, f.length, p);
                final Action expected = single.onPacket(p, s, 0);
                final long expectedReasons = single.lastReasons();
                final Action actual = bursts.onPacket(burst[i], s, 0);
                assertEquals(expected, actual, "action of frame " + (from + i + 1));
                assertEquals(expectedReasons, bursts.lastReasons(), "reasons of frame " + (from + i + 1));
            }
        }
        assertEquals(forged, single.reasonCount(Reason.JOIN_BAD_ACK_HMAC), "every forged third ACK refused");
        assertEquals(forged, bursts.reasonCount(Reason.JOIN_BAD_ACK_HMAC), "every forged third ACK refused in bursts");
        assertTrue(bursts.batchedAckHmacs() > thirdAcks / 2,
            "most third ACKs verified in batches: " + bursts.batchedAckHmacs() + " of " + thirdAcks);
        assertEquals(0, single.batchedAckHmacs());
        single.close();
        bursts.close();
    }
}
