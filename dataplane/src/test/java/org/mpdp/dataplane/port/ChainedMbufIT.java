package org.mpdp.dataplane.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.dataplane.mirror.PcapWriter;
import org.mpdp.dataplane.testing.Vdevs;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptionWriter;
import org.mpdp.dataplane.wire.PacketParser;
import org.mpdp.dataplane.wire.ParsedPacket;
import org.mpdp.dataplane.wire.Truncation;
import org.mpdp.dpdk.Eal;
import org.mpdp.dpdk.EalOptions;
import org.mpdp.dpdk.ffi.dpdk_h;

/**
 * 9000-byte MPTCP frames replayed by a real net_pcap device into mbufs too small for them, so
 * net_pcap chains them: {@link MbufParser} parses every one as TCP with its MPTCP options and the
 * whole payload length, in place when the first segment holds the headers and from a linearised copy
 * when it does not, and every mbuf goes back to the pool.
 */
final class ChainedMbufIT
{
    private static final int FRAMES = 40;
    private static final int FRAME_LENGTH = 9000;
    private static final int TCP_OPTIONS_LENGTH = 20 + 20;
    private static final long QUIET_MS = 500;
    private static final long MAX_MS = 30_000;
    private static final AtomicInteger NEXT_DEVICE = new AtomicInteger();

    @TempDir
    static Path dir;

    private static Eal eal;
    private static Path pcap;
    private static final List<byte[]> SENT = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException
    {
        eal = Eal.start(EalOptions.defaults(List.of()).withMemoryMb(256).withHugepages(EalOptions.Hugepages.OFF));
        pcap = dir.resolve("jumbo.pcap");
        try (PcapWriter writer = new PcapWriter(pcap, 65535))
        {
            for (int i = 0; i < FRAMES; i++)
            {
                final byte[] frame = mptcpFrame(i % 2 == 1, i);
                SENT.add(frame);
                writer.write(frame, i);
            }
        }
    }

    @AfterAll
    static void stop()
    {
        if (eal != null)
        {
            eal.close();
        }
    }

    @Test
    void shouldParseChainsInPlaceWhenTheFirstSegmentHoldsTheHeaders()
    {
        // 2048-byte data room: 5 segments per frame, all headers in the first.
        assertEquals(FRAMES, replayAndParse(2048, false));
    }

    @Test
    void shouldLineariseChainsWhoseFirstSegmentIsShorterThanTheHeaders()
    {
        // 64-byte data room: the first segment ends inside the IPv6 or TCP header; 141 segments per frame.
        assertEquals(FRAMES, replayAndParse(64, true));
    }

    private static int replayAndParse(final int dataRoom, final boolean expectCopies)
    {
        final int id = Vdevs.probe("net_pcap" + NEXT_DEVICE.getAndIncrement() + ",rx_pcap=" + pcap);
        final PacketParser parser = new PacketParser();
        final ParsedPacket p = new ParsedPacket();
        int parsed = 0;
        try (MbufPools pools = new MbufPools(16383, 0, dataRoom + dpdk_h.RTE_PKTMBUF_HEADROOM());
            Arena arena = Arena.ofConfined())
        {
            final MbufParser mbufs = new MbufParser(arena);
            final Port port = Port.open(id, PortConfig.defaults(1), pools);
            final MbufPool pool = pools.forSocket(port.socket());
            try
            {
                final Burst burst = new Burst(Burst.DEFAULT_SIZE, arena);
                final long start = System.nanoTime();
                long last = start;
                while (System.nanoTime() - last < QUIET_MS * 1_000_000L && System.nanoTime() - start < MAX_MS * 1_000_000L)
                {
                    if (burst.receive(id, 0) == 0)
                    {
                        Thread.onSpinWait();
                        continue;
                    }
                    last = System.nanoTime();
                    for (int i = 0; i < burst.count(); i++)
                    {
                        check(mbufs, parser, p, burst.mbuf(i), parsed++, expectCopies);
                    }
                    burst.freeAll();
                }
                assertEquals(expectCopies ? FRAMES : 0, mbufs.copies(), "linearised packets");
                assertEquals(0, pool.inUse(), "mbufs in use after every chain was freed");
            }
            finally
            {
                port.close();
            }
            assertEquals(0, pool.inUse(), "mbufs in use after the port closed");
        }
        return parsed;
    }

    private static void check(final MbufParser mbufs, final PacketParser parser, final ParsedPacket p, final long mbuf,
        final int index, final boolean expectCopies)
    {
        final String what = "frame " + index;
        final byte[] sent = SENT.get(index);
        assertTrue(Mbuf.segments(mbuf) > 1, what + ": " + Mbuf.segments(mbuf) + " segment(s)");
        assertEquals(sent.length, Mbuf.packetLength(mbuf), what);
        // What the first segment alone, taken as the whole frame, gave before: a bad IP length.
        assertEquals(ParsedPacket.MALFORMED, parser.parseEthernet(Mbuf.MEMORY, Mbuf.dataAddress(mbuf),
            Mbuf.dataLength(mbuf), p), what + " parsed from its first segment only");
        assertEquals(ParsedPacket.TCP, mbufs.parse(parser, mbuf, p), what + " status");
        assertEquals(expectCopies, mbufs.copied(), what);
        final boolean v6 = index % 2 == 1;
        final int payload = sent.length - 14 - (v6 ? 40 : 20) - 20 - TCP_OPTIONS_LENGTH;
        assertEquals(v6 ? 6 : 4, p.ipVersion, what);
        assertEquals(payload, p.payloadLength, what + " payload over all segments");
        assertTrue(p.payloadCaptured < p.payloadLength, what + " payload present " + p.payloadCaptured);
        assertTrue(p.truncated, what);
        assertEquals(Truncation.PAYLOAD, p.truncation, what);
        assertEquals(1000 + index, p.seq, what);
        assertTrue(p.mptcp.has(Mptcp.DSS), what);
        assertEquals(0x100000000L + index * 8960L, p.mptcp.dsn, what);
        assertEquals(payload, p.mptcp.dataLevelLength, what);
        assertTrue(p.mptcp.has(Mptcp.ADD_ADDR), what);
        assertEquals(index, p.mptcp.addAddrId, what);
        // The payload bytes present are the frame's, where the parse says they are.
        final MemorySegment s = mbufs.segment();
        for (int k = 0; k < p.payloadCaptured; k++)
        {
            assertEquals(sent[p.payloadOffset + k], s.get(java.lang.foreign.ValueLayout.JAVA_BYTE,
                mbufs.frame() + p.payloadOffset + k), what + " payload byte " + k);
        }
    }

    /** Ethernet / IPv4 or IPv6 / TCP with DSS (64-bit DSN, mapping) and ADD_ADDR echo, 9000 bytes in all. */
    private static byte[] mptcpFrame(final boolean v6, final int index)
    {
        final int ipHeader = v6 ? 40 : 20;
        final int tcpLength = 20 + TCP_OPTIONS_LENGTH;
        final int payload = FRAME_LENGTH - 14 - ipHeader - tcpLength;
        final ByteBuffer b = ByteBuffer.allocate(FRAME_LENGTH);
        b.put(new byte[] {0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1});
        if (v6)
        {
            b.putShort((short)0x86DD).putInt(0x60000000).putShort((short)(tcpLength + payload)).put((byte)6)
                .put((byte)64).putLong(0xfd00019800180001L).putLong(1).putLong(0xfd00019800180001L).putLong(2);
        }
        else
        {
            b.putShort((short)0x0800).put((byte)0x45).put((byte)0).putShort((short)(FRAME_LENGTH - 14))
                .putInt(0x00004000).put((byte)64).put((byte)6).putShort((short)0).putInt(0xC6120101).putInt(0xC6120102);
        }
        b.putShort((short)40000).putShort((short)5201).putInt(1000 + index).putInt(1)
            .put((byte)(tcpLength / 4 << 4)).put((byte)Mptcp.TCP_ACK).putShort((short)65535).putInt(0);
        final byte[] frame = b.array();
        final MemorySegment s = MemorySegment.ofArray(frame);
        final int options = b.position();
        // DSS: A + M + m = 4 + 4 + 8 + 6 = 22 bytes, then ADD_ADDR echo IPv4 = 8 bytes: 30, NOP-padded to 40.
        int o = options;
        o += MptcpOptionWriter.dss(s, o, Mptcp.DSS_FLAG_ACK | Mptcp.DSS_FLAG_MAP | Mptcp.DSS_FLAG_DSN64, 5,
            0x100000000L + index * 8960L, 1 + index * 8960, payload, false, 0);
        o += MptcpOptionWriter.addAddr(s, o, true, index, new byte[] {(byte)198, 18, 0, 9}, -1, 0);
        while (o < options + TCP_OPTIONS_LENGTH)
        {
            frame[o++] = 1;
        }
        for (int i = o; i < frame.length; i++)
        {
            frame[i] = (byte)(i * 7 + index);
        }
        return frame;
    }
}
