package org.mpdp.dataplane.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.dataplane.testing.Cmd;
import org.mpdp.dataplane.testing.Frames;
import org.mpdp.dataplane.testing.Tcpdump;
import org.mpdp.dataplane.testing.VethNamespace;
import org.mpdp.dpdk.Eal;
import org.mpdp.dpdk.EalOptions;
import org.mpdp.dpdk.EthDev;

/**
 * net_af_packet on one end of a veth pair whose other end lives in a network namespace with a real
 * Linux IP stack: datagrams from a socket in the namespace arrive in mpdp, and frames mpdp sends
 * are seen by tcpdump there and accepted by the namespace's UDP stack.
 */
final class AfPacketIT
{
    private static final byte[] ROOT_IP = {(byte)198, 18, 10, 1};
    private static final byte[] NS_IP = {(byte)198, 18, 10, 2};
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String DEVICE = "net_af_packet0";

    @TempDir
    static Path dir;

    private static VethNamespace veth;
    private static Eal eal;
    private static MbufPools pools;
    private static MbufPool pool;
    private static Port port;

    /** JUnit runs {@link #tearDown()} even when this fails half-way, so whatever was created is removed. */
    @BeforeAll
    static void setUp()
    {
        veth = VethNamespace.create(ROOT_IP, NS_IP);
        eal = Eal.start(EalOptions.defaults(List.of(DEVICE + ",iface=" + veth.rootInterface())).withMemoryMb(256)
            .withHugepages(EalOptions.Hugepages.OFF));
        pools = new MbufPools(1023, 0, MbufPool.DEFAULT_DATA_ROOM);
        port = Port.open(EthDev.portByName(DEVICE), PortConfig.defaults(1), pools);
        pool = port.pool();
    }

    @AfterAll
    static void tearDown()
    {
        try
        {
            if (port != null)
            {
                port.close();
                assertEquals(0, pool.inUse(), "mbufs in use after the af_packet port closed");
            }
        }
        finally
        {
            try
            {
                if (pools != null)
                {
                    pools.close();
                }
                if (eal != null)
                {
                    eal.close();
                }
            }
            finally
            {
                if (veth != null)
                {
                    veth.close();
                }
            }
        }
    }

    @Test
    void shouldReceiveADatagramSentFromASocketInTheNamespace()
    {
        final byte[] payload = ("mpdp af_packet rx " + System.nanoTime()).getBytes(StandardCharsets.US_ASCII);
        veth.inNamespace("python3", "-c", """
            import socket, sys
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind((sys.argv[1], 40001))
            s.sendto(sys.argv[3].encode("ascii"), (sys.argv[2], 9999))
            """, VethNamespace.ipv4(NS_IP), VethNamespace.ipv4(ROOT_IP), new String(payload, StandardCharsets.US_ASCII));

        final byte[] frame = receiveFirst(f -> udpDestinationPort(f) == 9999, "a UDP datagram to port 9999");

        final ByteBuffer b = ByteBuffer.wrap(frame);
        assertEquals(14 + 20 + 8 + payload.length, frame.length, "frame length");
        assertArrayEquals(veth.rootMac(), Arrays.copyOfRange(frame, 0, 6), "destination MAC");
        assertArrayEquals(veth.namespaceMac(), Arrays.copyOfRange(frame, 6, 12), "source MAC");
        assertEquals(0x0800, Short.toUnsignedInt(b.getShort(12)), "ethertype");
        assertEquals(0x45, frame[14], "IPv4 version and header length");
        assertEquals(20 + 8 + payload.length, Short.toUnsignedInt(b.getShort(16)), "IPv4 total length");
        assertEquals(17, frame[23], "IPv4 protocol");
        assertEquals(0, Frames.checksum(frame, 14, 20, 0), "IPv4 header checksum");
        // The UDP checksum is not checked: veth offers checksum offload, so the kernel hands the frame
        // over with only the pseudo-header sum in it (CHECKSUM_PARTIAL), and net_af_packet passes that on.
        assertArrayEquals(NS_IP, Arrays.copyOfRange(frame, 26, 30), "source IP");
        assertArrayEquals(ROOT_IP, Arrays.copyOfRange(frame, 30, 34), "destination IP");
        assertEquals(40001, Short.toUnsignedInt(b.getShort(34)), "UDP source port");
        assertEquals(9999, Short.toUnsignedInt(b.getShort(36)), "UDP destination port");
        assertEquals(8 + payload.length, Short.toUnsignedInt(b.getShort(38)), "UDP length");
        assertArrayEquals(payload, Arrays.copyOfRange(frame, 42, frame.length), "UDP payload");
        assertEquals(0, pool.inUse(), "mbufs in use after every received frame was freed");
    }

    @Test
    void shouldSendAFrameTcpdumpInTheNamespaceCapturesByteForByte() throws IOException
    {
        final byte[] frame = Frames.udp4(veth.namespaceMac(), veth.rootMac(), ROOT_IP, NS_IP, 40002, 7777,
            ("mpdp af_packet tx " + System.nanoTime()).getBytes(StandardCharsets.US_ASCII));
        final Path pcap = dir.resolve("ns.pcap");
        try (Cmd.Background capture = Cmd.Background.start(Map.of(), veth.inNamespaceCommand("tcpdump", "-i",
            veth.namespaceInterface(), "-nn", "-U", "-c", "1", "-w", "-", "udp and dst port 7777")))
        {
            assertTrue(capture.awaitStderr("listening on", WAIT), "tcpdump did not start: " + capture.stderr());
            sendUntilDone(frame, capture::alive);
            assertEquals(0, capture.waitFor(WAIT), "tcpdump exit code; stderr: " + capture.stderr());
            Files.write(pcap, capture.stdoutBytes());
        }
        final List<byte[]> captured = Tcpdump.read(pcap);
        assertEquals(1, captured.size(), "frames tcpdump captured");
        assertArrayEquals(frame, captured.get(0), () -> Frames.difference(frame, captured.get(0)));
        assertEquals(0, pool.inUse(), "af_packet must free every mbuf it sent");
    }

    @Test
    void shouldSendADatagramTheNamespaceStackDeliversToASocket()
    {
        final byte[] payload = ("mpdp af_packet to socket " + System.nanoTime()).getBytes(StandardCharsets.US_ASCII);
        final byte[] frame = Frames.udp4(veth.namespaceMac(), veth.rootMac(), ROOT_IP, NS_IP, 40003, 7778, payload);
        try (Cmd.Background receiver = Cmd.Background.start(Map.of(), veth.inNamespaceCommand("python3", "-c", """
            import socket, sys
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind((sys.argv[1], 7778))
            s.settimeout(10)
            print("ready", file=sys.stderr, flush=True)
            data, (host, port) = s.recvfrom(65535)
            print(data.hex(), host, port)
            """, VethNamespace.ipv4(NS_IP))))
        {
            assertTrue(receiver.awaitStderr("ready", WAIT), "receiver did not start: " + receiver.stderr());
            sendUntilDone(frame, receiver::alive);
            assertEquals(0, receiver.waitFor(WAIT), "receiver exit code (checksums wrong?): " + receiver.stderr());
            assertEquals(HexFormat.of().formatHex(payload) + " " + VethNamespace.ipv4(ROOT_IP) + " 40003",
                receiver.stdout().strip(), "what the socket in the namespace received");
        }
        assertEquals(0, pool.inUse(), "af_packet must free every mbuf it sent");
    }

    /**
     * Sends the frame, and again every 500 ms while {@code waiting} holds (a frame can be lost to
     * nothing here, but a repeat costs nothing: the receivers stop at the first).
     */
    private static void sendUntilDone(final byte[] frame, final BooleanSupplier waiting)
    {
        try (Arena arena = Arena.ofConfined())
        {
            final Burst burst = new Burst(1, arena);
            final long deadline = System.nanoTime() + WAIT.toNanos();
            do
            {
                Frames.load(pool, List.of(frame), burst);
                assertEquals(1, burst.sendAll(port.id(), 0), "af_packet took the frame");
                final long next = System.nanoTime() + 500_000_000L;
                while (waiting.getAsBoolean() && System.nanoTime() < next)
                {
                    Cmd.sleep(5);
                }
            }
            while (waiting.getAsBoolean() && System.nanoTime() < deadline);
        }
    }

    /** Receives until a frame matches; frees everything it reads. */
    private static byte[] receiveFirst(final Predicate<byte[]> wanted, final String what)
    {
        final List<String> others = new ArrayList<>();
        try (Arena arena = Arena.ofConfined())
        {
            final Burst burst = new Burst(Burst.DEFAULT_SIZE, arena);
            final long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline)
            {
                if (burst.receive(port.id(), 0) == 0)
                {
                    Thread.onSpinWait();
                    continue;
                }
                final List<byte[]> frames = Frames.read(burst);
                burst.freeAll();
                for (final byte[] frame : frames)
                {
                    if (wanted.test(frame))
                    {
                        return frame;
                    }
                    others.add(HexFormat.of().formatHex(frame, 0, Math.min(frame.length, 42)));
                }
            }
        }
        throw new AssertionError("no " + what + " arrived within " + WAIT + "; other frames (first 42 bytes): " +
            others);
    }

    /** @return the UDP destination port of an Ethernet/IPv4 (no options)/UDP frame, or -1. */
    private static int udpDestinationPort(final byte[] frame)
    {
        if (frame.length < 42 || frame[12] != 0x08 || frame[13] != 0x00 || frame[14] != 0x45 || frame[23] != 17)
        {
            return -1;
        }
        return (frame[36] & 0xFF) << 8 | frame[37] & 0xFF;
    }
}
