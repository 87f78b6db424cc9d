package org.mpdp.dataplane.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.dataplane.testing.Frames;
import org.mpdp.dataplane.testing.Tcpdump;
import org.mpdp.dataplane.testing.Vdevs;
import org.mpdp.dpdk.Eal;
import org.mpdp.dpdk.EalOptions;
import org.mpdp.dpdk.ffi.dpdk_h;

/**
 * net_pcap against the real tcpdump: what mpdp sends to a tx_pcap is what tcpdump reads back, and
 * what an rx_pcap replays is, frame by frame and byte by byte, what tcpdump reads from the same file.
 * One EAL for the class; every test hot-plugs its own net_pcap device (rte_dev_probe).
 */
final class PcapIT
{
    /** How long an RX queue must stay empty before a replay counts as finished. */
    private static final long QUIET_MS = 500;
    /** Upper bound for one replay. */
    private static final long REPLAY_MAX_MS = 30_000;
    /** 9 KiB of data room (plus headroom), so jumbo frames fit one mbuf. */
    private static final int DATA_ROOM = 9216 + dpdk_h.RTE_PKTMBUF_HEADROOM();
    private static final AtomicInteger NEXT_DEVICE = new AtomicInteger();

    @TempDir
    static Path dir;

    private static Eal eal;

    @BeforeAll
    static void startEal()
    {
        eal = Eal.start(EalOptions.defaults(List.of()).withMemoryMb(256).withHugepages(EalOptions.Hugepages.OFF));
    }

    @AfterAll
    static void stopEal()
    {
        if (eal != null)
        {
            eal.close();
        }
    }

    @Test
    void shouldWriteEverySentFrameByteForByteToATxPcap()
    {
        final List<byte[]> frames = distinctFrames(75, 1);
        final Path out = dir.resolve("tx.pcap");

        writeWithTxPcap(out, frames);

        final List<byte[]> read = Tcpdump.read(out);
        assertEquals(frames.size(), read.size(), "frames tcpdump reads from " + out);
        for (int i = 0; i < frames.size(); i++)
        {
            final int index = i;
            assertArrayEquals(frames.get(i), read.get(i),
                () -> "frame " + index + ": " + Frames.difference(frames.get(index), read.get(index)));
        }
    }

    @Test
    void shouldReplayAPcapItWroteByteForByte()
    {
        final List<byte[]> frames = new ArrayList<>(distinctFrames(100, 2));
        // Jumbo frames too: they must come back whole, in one mbuf.
        frames.add(Frames.udp(2_000_100, 4_000));
        frames.add(Frames.udp(2_000_101, 9_014));
        frames.add(Frames.udp(2_000_102, 64));
        final Path pcap = dir.resolve("replay.pcap");
        writeWithTxPcap(pcap, frames);

        final List<byte[]> expected = Tcpdump.read(pcap);
        final List<byte[]> replayed = replay(pcap);

        assertEquals(frames.size(), expected.size(), "frames tcpdump reads from " + pcap);
        assertSameFrames(expected, replayed, pcap.toString());
        for (int i = 0; i < frames.size(); i++)
        {
            final int index = i;
            assertArrayEquals(frames.get(i), replayed.get(i),
                () -> "replayed frame " + index + " against the frame sent: " +
                    Frames.difference(frames.get(index), replayed.get(index)));
        }
    }

    @TestFactory
    Stream<DynamicTest> shouldReplayEachSharedEthernetCaptureAsTcpdumpReadsIt() throws IOException
    {
        final Path captures = Path.of(System.getProperty("mpdp.captures", "../shared/captures")).toAbsolutePath()
            .normalize();
        if (!Files.isDirectory(captures))
        {
            // A dynamic test, not an aborted factory, so the skip and its reason show in the reports.
            return Stream.of(dynamicTest("shared captures", () -> assumeTrue(false, "shared captures folder " +
                captures + " does not exist (set -Dmpdp.captures=DIR to point at shared/captures): public " +
                "captures not replayed")));
        }
        final List<Path> files = new ArrayList<>();
        final Path tcpdumpDir = captures.resolve("tcpdump");
        if (Files.isDirectory(tcpdumpDir))
        {
            try (Stream<Path> list = Files.list(tcpdumpDir))
            {
                list.filter(p -> p.getFileName().toString().endsWith(".pcap")).sorted().forEach(files::add);
            }
        }
        final Path ptcpdump = captures.resolve("ptcpdump/mptcp.pcap");
        if (Files.isRegularFile(ptcpdump))
        {
            files.add(ptcpdump);
        }
        if (files.isEmpty())
        {
            return Stream.of(dynamicTest("shared captures", () -> assumeTrue(false, "no tcpdump/*.pcap or " +
                "ptcpdump/mptcp.pcap in " + captures)));
        }
        return files.stream().map(file -> dynamicTest(captures.relativize(file).toString(), () ->
        {
            final int linkType = Tcpdump.linkType(file);
            if (linkType != Tcpdump.LINKTYPE_ETHERNET)
            {
                abort(file + " has link-type " + linkType + ", not Ethernet (1): net_pcap would pass its " +
                    "bytes on as if they were Ethernet frames");
            }
            final List<byte[]> expected = Tcpdump.read(file);
            final int longest = expected.stream().mapToInt(f -> f.length).max().orElse(0);
            if (longest > DATA_ROOM - dpdk_h.RTE_PKTMBUF_HEADROOM())
            {
                abort(file + " has a " + longest + "-byte frame, more than one " + DATA_ROOM + "-byte mbuf holds");
            }
            assertFalse(expected.isEmpty(), "tcpdump read no frame from " + file);
            assertSameFrames(expected, replay(file), file.toString());
        }));
    }

    /** Frames of many lengths, 46 bytes (below Ethernet's minimum: nothing may pad it) to 1514. */
    private static List<byte[]> distinctFrames(final int count, final int seed)
    {
        final List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final int length = switch (i)
            {
                case 0 -> 46;
                case 1 -> 60;
                case 2 -> 1514;
                default -> 46 + (i * 173 + seed * 31) % (1514 - 46 + 1);
            };
            frames.add(Frames.udp(seed * 100_000 + i, length));
        }
        return frames;
    }

    /** Sends the frames to a fresh tx_pcap device and closes it, which closes (flushes) the file. */
    private static void writeWithTxPcap(final Path file, final List<byte[]> frames)
    {
        final int id = Vdevs.probe(nextDevice() + ",tx_pcap=" + file);
        try (MbufPools pools = new MbufPools(1023, 0, DATA_ROOM);
            Arena arena = Arena.ofConfined())
        {
            final Port port = Port.open(id, PortConfig.defaults(1), pools);
            final MbufPool pool = pools.forSocket(port.socket());
            try
            {
                final Burst burst = new Burst(Burst.DEFAULT_SIZE, arena);
                int sent = 0;
                for (int from = 0; from < frames.size(); from += Burst.DEFAULT_SIZE)
                {
                    Frames.load(pool, frames.subList(from, Math.min(frames.size(), from + Burst.DEFAULT_SIZE)), burst);
                    sent += burst.sendAll(id, 0);
                }
                assertEquals(frames.size(), sent, "frames net_pcap took");
                assertEquals(frames.size(), port.stats().opackets(), "opackets");
                assertEquals(0, pool.inUse(), "net_pcap must free every mbuf it wrote");
            }
            finally
            {
                port.close();
            }
            assertEquals(0, pool.inUse(), "mbufs in use after the port closed");
        }
    }

    /** Replays a file once through a fresh rx_pcap device and returns what arrived. */
    private static List<byte[]> replay(final Path file)
    {
        final int id = Vdevs.probe(nextDevice() + ",rx_pcap=" + file);
        try (MbufPools pools = new MbufPools(1023, 0, DATA_ROOM))
        {
            final Port port = Port.open(id, PortConfig.defaults(1), pools);
            final MbufPool pool = pools.forSocket(port.socket());
            final List<byte[]> received;
            try
            {
                received = Frames.receiveUntilQuiet(id, 0, QUIET_MS, REPLAY_MAX_MS);
                assertEquals(received.size(), port.stats().ipackets(), "ipackets");
                assertEquals(0, pool.inUse(), "mbufs in use after every received frame was freed");
            }
            finally
            {
                port.close();
            }
            assertEquals(0, pool.inUse(), "mbufs in use after the port closed");
            return received;
        }
    }

    private static void assertSameFrames(final List<byte[]> expected, final List<byte[]> actual, final String what)
    {
        assertEquals(expected.size(), actual.size(), "frames replayed from " + what);
        for (int i = 0; i < expected.size(); i++)
        {
            final int index = i;
            assertArrayEquals(expected.get(i), actual.get(i),
                () -> "frame " + index + " of " + what + ": " + Frames.difference(expected.get(index), actual.get(index)));
        }
    }

    private static String nextDevice()
    {
        return "net_pcap" + NEXT_DEVICE.getAndIncrement();
    }
}
