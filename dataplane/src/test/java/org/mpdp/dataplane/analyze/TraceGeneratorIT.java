package org.mpdp.dataplane.analyze;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.analyze.TraceGenerator.ConnectionTruth;
import org.mpdp.dataplane.testing.Cmd;
import org.mpdp.dataplane.testing.Tshark;
import org.mpdp.dataplane.testing.Tshark.Frame;
import org.mpdp.dataplane.wire.WireCryptoChecks;

/**
 * The synthetic trace is valid by three independent judges: tshark's TCP and MPTCP analysis (no expert
 * warnings or errors, checksums checked, one mptcp.stream per connection, the expected tokens and IDSNs),
 * mpdp's crypto (every MP_JOIN and ADD_ADDR HMAC recomputes), and the generator's own ground truth (data
 * bytes each way, from tshark's DSS mappings).
 */
final class TraceGeneratorIT
{
    private static final int CONNECTIONS = 20;
    private static final int JOINS = 2;
    private static final TraceGenerator.Config CONFIG =
        new TraceGenerator.Config(CONNECTIONS, JOINS, 30_000, 1400, 20251122L, 0.3, 8);

    private static Path trace;
    private static TraceGenerator.Result result;
    private static List<Frame> frames;

    @BeforeAll
    static void generate() throws IOException
    {
        final Path dir = Path.of("target", "trace-generator").toAbsolutePath();
        Files.createDirectories(dir);
        trace = dir.resolve("small.pcap");
        result = TraceGenerator.generate(CONFIG, trace);
        frames = Tshark.read(trace, Tshark.decodeAsData(TraceGenerator.SERVER_PORT).toArray(String[]::new));
    }

    @Test
    void shouldBeDeterministicFromTheSeed() throws IOException
    {
        final Path again = trace.resolveSibling("again.pcap");
        final TraceGenerator.Result second = TraceGenerator.generate(CONFIG, again);
        assertArrayEquals(Files.readAllBytes(trace), Files.readAllBytes(again));
        assertEquals(result.connections(), second.connections());
        Files.delete(again);
    }

    @Test
    void shouldHaveNoTsharkExpertWarningsOrErrors()
    {
        final List<String> command = List.of("tshark", "-r", trace.toString(), "-n",
            "-o", "mptcp.analyze_mptcp:TRUE", "-o", "mptcp.analyze_mappings:TRUE",
            "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-z", "expert,note", "-q");
        final String out = Cmd.run(Duration.ofSeconds(120), Map.of(), command).ok().stdout();
        System.out.println("TraceGeneratorIT tshark -z expert:\n" + out);
        // -z expert prints one section per severity present: "Errors (n)", "Warns (n)", "Notes (n)", "Chats (n)".
        assertFalse(out.contains("Errors ("), out);
        assertFalse(out.contains("Warns ("), out);
        assertFalse(out.contains("Malformed"), out);
        assertFalse(out.contains("mismatch"), out);
        assertEquals(result.packets(), frames.size(), "frames tshark read");
    }

    @Test
    void shouldGroupSubflowsIntoOneMptcpStreamPerConnectionWithTheExpectedTokens()
    {
        final Set<Integer> streams = new TreeSet<>();
        final Set<Integer> tcpStreams = new HashSet<>();
        final Set<Long> expectedTokens = new HashSet<>();
        final Set<Long> expectedIdsns = new HashSet<>();
        for (final Frame f : frames)
        {
            if (f.mptcpStream() >= 0)
            {
                streams.add(f.mptcpStream());
            }
            tcpStreams.add(f.tcpStream());
            f.longs("mptcp.expected_token").forEach(expectedTokens::add);
            f.longs("mptcp.expected_idsn").forEach(expectedIdsns::add);
        }
        assertEquals(CONNECTIONS, streams.size(), "mptcp.stream values " + streams);
        assertEquals(CONNECTIONS * (1 + JOINS), tcpStreams.size(), "tcp.stream values (subflows)");
        for (final ConnectionTruth c : result.connections())
        {
            assertTrue(expectedTokens.contains(c.clientToken() & 0xFFFF_FFFFL), "client token of " + c);
            assertTrue(expectedTokens.contains(c.serverToken() & 0xFFFF_FFFFL), "server token of " + c);
            assertTrue(expectedIdsns.contains(c.clientIdsn()) && expectedIdsns.contains(c.serverIdsn()), c.toString());
            assertEquals(1 + JOINS, c.subflows());
        }
        // Every MP_JOIN SYN carries the token of its connection's server key, and tshark puts it in that stream.
        final Map<Long, Integer> streamOfServerKey = streamOfServerKey();
        int joins = 0;
        for (final Frame f : frames)
        {
            if (f.syn() && f.has("tcp.options.mptcp.recvtok"))
            {
                joins++;
            }
        }
        assertEquals(CONNECTIONS * JOINS, joins, "MP_JOIN SYNs");
        assertEquals(CONNECTIONS, streamOfServerKey.size());
        assertTrue(result.connections().stream().filter(ConnectionTruth::ipv6).count() > 0, "some IPv6");
    }

    @Test
    void shouldVerifyEveryHmacWithMpdpCrypto() throws IOException
    {
        final WireCryptoChecks.Summary s = WireCryptoChecks.check(trace);
        System.out.println("TraceGeneratorIT WireCryptoCheck: " + s);
        assertEquals(List.of(), s.failures(), s.toString());
        assertEquals(CONNECTIONS, s.connections());
        assertEquals(CONNECTIONS * JOINS, s.joinTokens());
        assertEquals(0, s.unknownTokens());
        assertEquals(CONNECTIONS * JOINS, s.synAckOk(), "SYN/ACK truncated HMACs");
        assertEquals(CONNECTIONS * JOINS, s.ackOk(), "third-ACK HMACs");
        assertEquals(CONNECTIONS, s.addAddrOk(), "ADD_ADDR HMACs");
        assertEquals(0, s.synAckBad() + s.ackBad() + s.addAddrBad() + s.checksumBad());
    }

    @Test
    void shouldCarryTheGroundTruthBytesEachWayAccordingToTshark()
    {
        // Sum of DSS data-level lengths minus DATA_FIN, per direction per mptcp.stream.
        final Map<Integer, long[]> bytes = new HashMap<>();
        final Map<Integer, int[]> dataFins = new HashMap<>();
        for (final Frame f : frames)
        {
            if (f.mptcpStream() < 0 || !f.has("tcp.options.mptcp.datalvllen"))
            {
                continue;
            }
            final int up = f.destinationPort() == TraceGenerator.SERVER_PORT ? 0 : 1;
            final boolean fin = "1".equals(f.first("tcp.options.mptcp.datafin.flag"));
            final long dll = f.firstLong("tcp.options.mptcp.datalvllen", 0);
            assertEquals(f.firstLong("tcp.len", -1) + (fin ? 1 : 0), dll, "DLL of frame " + f.number());
            bytes.computeIfAbsent(f.mptcpStream(), k -> new long[2])[up] += dll - (fin ? 1 : 0);
            if (fin)
            {
                dataFins.computeIfAbsent(f.mptcpStream(), k -> new int[2])[up]++;
            }
        }
        final Map<Long, Integer> streamOfServerKey = streamOfServerKey();
        for (final ConnectionTruth c : result.connections())
        {
            final int stream = streamOfServerKey.get(c.serverKey());
            assertEquals(c.bytesUp(), bytes.get(stream)[0], "bytes up, mptcp.stream " + stream + " " + c);
            assertEquals(c.bytesDown(), bytes.get(stream)[1], "bytes down, mptcp.stream " + stream + " " + c);
            assertArrayEquals(new int[] {1, 1}, dataFins.get(stream), "one DATA_FIN each way, stream " + stream);
        }
        assertEquals(result.packets(), result.connections().stream().mapToLong(ConnectionTruth::packets).sum());
    }

    @Test
    void shouldAckEachDataFinWithItsDsnPlusOne()
    {
        // The highest DATA_ACK each way is the peer's last DSN + 1: IDSN + 1 + bytes + 1 (the DATA_FIN).
        final Map<Long, Integer> streamOfServerKey = streamOfServerKey();
        final Map<Integer, long[]> highestAck = new HashMap<>(); // the last, and so highest, DATA_ACK each way
        for (final Frame f : frames)
        {
            if (f.mptcpStream() >= 0 && f.has("tcp.options.mptcp.rawdataack"))
            {
                final int fromClient = f.destinationPort() == TraceGenerator.SERVER_PORT ? 0 : 1;
                final long[] acks = highestAck.computeIfAbsent(f.mptcpStream(), k -> new long[2]);
                final long ack = f.firstLong("tcp.options.mptcp.rawdataack", 0);
                // Unsigned 64-bit values: DATA_ACKs only grow, wrapping included, so compare the distance.
                assertTrue(acks[fromClient] == 0 || ack - acks[fromClient] >= 0, "DATA_ACK went back in frame " +
                    f.number());
                acks[fromClient] = ack;
            }
        }
        for (final ConnectionTruth c : result.connections())
        {
            final long[] acks = highestAck.get(streamOfServerKey.get(c.serverKey()));
            assertEquals(c.serverIdsn() + 1 + c.bytesDown() + 1, acks[0], "client's last DATA_ACK, " + c);
            assertEquals(c.clientIdsn() + 1 + c.bytesUp() + 1, acks[1], "server's last DATA_ACK, " + c);
        }
    }

    /** mptcp.stream of each connection, from the SYN/ACK carrying its server key. */
    private static Map<Long, Integer> streamOfServerKey()
    {
        final Map<Long, Integer> map = new HashMap<>();
        for (final Frame f : frames)
        {
            if (f.synAck() && f.has("tcp.options.mptcp.sendkey"))
            {
                map.put(f.firstLong("tcp.options.mptcp.sendkey", 0), f.mptcpStream());
            }
        }
        return map;
    }
}
