package org.mpdp.dataplane.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mpdp.dataplane.testing.Tshark.ADD_ADDR;
import static org.mpdp.dataplane.testing.Tshark.DSS;
import static org.mpdp.dataplane.testing.Tshark.MP_CAPABLE;
import static org.mpdp.dataplane.testing.Tshark.MP_FASTCLOSE;
import static org.mpdp.dataplane.testing.Tshark.MP_JOIN;
import static org.mpdp.dataplane.testing.Tshark.MP_PRIO;
import static org.mpdp.dataplane.testing.Tshark.MP_TCPRST;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.testing.MptcpTestbed;
import org.mpdp.dataplane.testing.MptcpTestbed.Family;
import org.mpdp.dataplane.testing.MptcpTraffic;
import org.mpdp.dataplane.testing.MptcpTraffic.Close;
import org.mpdp.dataplane.testing.MptcpTraffic.Spec;
import org.mpdp.dataplane.testing.Tshark;
import org.mpdp.dataplane.testing.Tshark.Frame;

/**
 * What the Linux MPTCP stack puts on the wire, read by tshark: the reference captures mpdp's wire and
 * track code is checked against. Each test builds an {@link MptcpTestbed} (two namespaces, two paths),
 * runs real MPTCP sockets across it while tcpdump captures both paths, and asserts from tshark's
 * reading alone that the capture holds what the scenario is for, and that the data-level bytes it maps
 * equal what the sockets say they sent. The captures stay in {@code target/kernel-mptcp-captures/NAME/}
 * with a {@code report.txt}.
 */
final class KernelMptcpCaptureIT
{
    private static final int PORT = 48123;
    private static final int BYTES = 200 * 1024;
    private static final Path CAPTURES = Path.of("target", "kernel-mptcp-captures");
    /** A v1 MP_JOIN third ACK carries the full 160-bit HMAC (RFC 8684 section 3.2): 40 hex digits. */
    private static final int JOIN_HMAC_HEX_DIGITS = 40;

    @Test
    void shouldCaptureMpCapableJoinAddAddrDssAndDataFinOverTwoIpv4Paths() throws IOException
    {
        final Scenario s = Scenario.run("a-ipv4-two-paths", MptcpTestbed.Config.twoPaths(Family.IPV4),
            Spec.single(PORT, BYTES));

        s.assertMpCapableHandshakes(false);
        final List<Integer> joins = s.assertJoins();
        s.assertAddAddr(MptcpTestbed.ipv4(false, 2), "tcp.options.mptcp.ipv4");
        s.assertDssMappingsAndDataAcks(false);
        s.assertDataFins(true, true);
        s.assertDataLevelBytes();
        // Path 2 really was used: some join subflow runs between path-2 addresses.
        assertTrue(joins.stream().anyMatch(t -> s.subflowBetween(t, MptcpTestbed.ipv4(true, 2),
            MptcpTestbed.ipv4(false, 2))), "no MP_JOIN subflow 198.18.2.1 <-> 198.18.2.2\n" + s.report);
    }

    @Test
    void shouldCaptureDssChecksumsWhenChecksumsAreEnabled() throws IOException
    {
        final Scenario s = Scenario.run("b-checksum", MptcpTestbed.Config.twoPaths(Family.IPV4).withChecksum(),
            Spec.single(PORT, 64 * 1024));

        s.assertMpCapableHandshakes(true);
        s.assertJoins();
        s.assertDssMappingsAndDataAcks(true);
        s.assertDataFins(true, true);
        s.assertDataLevelBytes();
    }

    @Test
    void shouldCaptureTheBackupFlagInMpJoinAndMpPrioWhenTheEndpointChanges() throws IOException
    {
        final String change = "ip mptcp endpoint change id " + MptcpTestbed.ENDPOINT_ID + " nobackup";
        final Scenario s = Scenario.run("c-backup", MptcpTestbed.Config.twoPaths(Family.IPV4).withBackup(),
            new Spec(PORT, 1, BYTES, Close.CLEAN, change));

        s.assertMpCapableHandshakes(false);
        final List<Integer> joins = s.assertJoins();
        final String backupAddress = MptcpTestbed.ipv4(true, 2);
        final List<Frame> joinSyns = joins.stream().map(t -> s.first(t, f -> f.syn() && f.hasSubtype(MP_JOIN)))
            .filter(f -> backupAddress.equals(f.source())).toList();
        assertFalse(joinSyns.isEmpty(), "no MP_JOIN SYN from the backup endpoint " + backupAddress + "\n" + s.report);
        joinSyns.forEach(f -> assertEquals(List.of("1"), f.values("tcp.options.mptcp.backup.flag"),
            "backup flag of the MP_JOIN SYN in frame " + f.number()));
        final List<Frame> prios = s.toServer().filter(f -> f.hasSubtype(MP_PRIO)).toList();
        assertFalse(prios.isEmpty(), "no MP_PRIO after '" + change + "'\n" + s.report);
        prios.forEach(f -> assertEquals(List.of("0"), f.values("tcp.options.mptcp.backup.flag"),
            "backup flag of the MP_PRIO in frame " + f.number()));
        s.assertDataFins(true, true);
        s.assertDataLevelBytes();
    }

    @Test
    void shouldCaptureAnIpv6ConnectionThatAnnouncesAndJoinsIpv6Addresses() throws IOException
    {
        final Scenario s = Scenario.run("d-ipv6", MptcpTestbed.Config.twoPaths(Family.IPV6), Spec.single(PORT, BYTES));

        assertTrue(s.tcp().allMatch(f -> f.has("ipv6.src") && !f.has("ip.src")), "a TCP frame is not IPv6");
        s.assertMpCapableHandshakes(false);
        s.assertJoins();
        s.assertAddAddr(MptcpTestbed.ipv6(false, 2), "tcp.options.mptcp.ipv6");
        s.assertDssMappingsAndDataAcks(false);
        s.assertDataFins(true, true);
        s.assertDataLevelBytes();
    }

    @Test
    void shouldCaptureTwelveParallelConnectionsAsTwelveMptcpStreams() throws IOException
    {
        final int connections = 12;
        final Scenario s = Scenario.run("e-parallel", MptcpTestbed.Config.twoPaths(Family.IPV4),
            new Spec(PORT, connections, 32 * 1024, Close.CLEAN, null));

        assertEquals(connections, s.mptcpStreams().size(), "distinct mptcp.stream values\n" + s.report);
        s.assertMpCapableHandshakes(false);
        s.assertDataFins(true, true);
        s.assertDataLevelBytes();
    }

    @Test
    void shouldCaptureMpFastcloseAndMpTcprstOnAnAbortiveClose() throws IOException
    {
        final Scenario s = Scenario.run("f-abort", MptcpTestbed.Config.twoPaths(Family.IPV4),
            new Spec(PORT, 1, 64 * 1024, Close.ABORT, null));

        // The client closed with half the echo unread; the server's socket saw the reset.
        assertEquals(32 * 1024, s.result.client().get(0).received(), "bytes the client read before closing");
        assertEquals("ConnectionResetError", s.result.server().get(0).error(), "how the server's connection ended");
        s.assertMpCapableHandshakes(false);
        // Linux turns a close with unread data (and SO_LINGER 0) into MP_FASTCLOSE: a RST on every subflow
        // carrying MP_FASTCLOSE with the peer's key, plus MP_TCPRST (RFC 8684 sections 3.5 and 3.6).
        final List<Frame> resets = s.toServer().filter(Frame::rst).toList();
        assertFalse(resets.isEmpty(), "no RST from the client\n" + s.report);
        final String serverKey = s.fromServer().filter(f -> f.synAck() && f.hasSubtype(MP_CAPABLE))
            .map(f -> f.first("tcp.options.mptcp.sendkey")).findFirst().orElseThrow();
        final Set<Integer> subflows = s.tcp().filter(f -> f.hasSubtype(MP_CAPABLE) || f.hasSubtype(MP_JOIN))
            .map(Frame::tcpStream).collect(Collectors.toCollection(TreeSet::new));
        final Set<Integer> fastclosed = new TreeSet<>();
        for (final Frame rst : resets)
        {
            assertTrue(rst.hasSubtype(MP_FASTCLOSE), "RST without MP_FASTCLOSE in frame " + rst.number());
            assertTrue(rst.hasSubtype(MP_TCPRST), "RST without MP_TCPRST in frame " + rst.number());
            assertEquals(List.of(serverKey), rst.values("tcp.options.mptcp.recvkey"),
                "MP_FASTCLOSE key (the server's) in frame " + rst.number());
            assertNotNull(rst.first("tcp.options.mptcp.rst_reason"), "MP_TCPRST reason in frame " + rst.number());
            fastclosed.add(rst.tcpStream());
        }
        assertEquals(subflows, fastclosed, "subflows reset with MP_FASTCLOSE\n" + s.report);
        assertTrue(s.fromServer().noneMatch(f -> f.hasSubtype(MP_FASTCLOSE)), "server sent MP_FASTCLOSE");
        s.assertDataFins(false, false);
        s.assertDataLevelBytes();
        // The server echoed the last bytes after receiving them, and its echo carries the DATA_ACK of all.
        assertEquals(1 + 64 * 1024, s.highestDataAck(s.mptcpStreams().iterator().next(), true),
            "server's DATA_ACK of the client's data");
    }

    /** One scenario's run, capture and tshark reading, with the checks the tests share. */
    private static final class Scenario
    {
        private final Spec spec;
        private final MptcpTraffic.Result result;
        private final List<Frame> frames;
        private final String report;

        private Scenario(final Spec spec, final MptcpTraffic.Result result, final List<Frame> frames,
            final String setup)
        {
            this.spec = spec;
            this.result = result;
            this.frames = frames;
            this.report = describe(setup);
        }

        static Scenario run(final String name, final MptcpTestbed.Config config, final Spec spec) throws IOException
        {
            final Path dir = CAPTURES.resolve(name).toAbsolutePath();
            if (Files.exists(dir))
            {
                try (Stream<Path> old = Files.list(dir))
                {
                    for (final Path file : old.toList())
                    {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(dir);
            try (MptcpTestbed bed = MptcpTestbed.create(config))
            {
                final String setup = bed.describe();
                final MptcpTraffic.Result result = MptcpTraffic.run(bed, spec, dir);
                final List<Frame> frames = Tshark.read(result.capture().merged(),
                    Tshark.decodeAsData(spec.port()).toArray(String[]::new));
                final Scenario s = new Scenario(spec, result, frames, setup);
                Files.writeString(dir.resolve("report.txt"), s.report);
                System.out.println("KernelMptcpCaptureIT " + name + "\n" + s.report);
                for (final MptcpTraffic.Counts c : result.client())
                {
                    assertEquals(spec.bytes(), c.sent(), "client sent, connection " + c.connection() + "\n" + s.report);
                    assertEquals("-", c.error(), "client error, connection " + c.connection());
                    if (spec.close() == Close.CLEAN)
                    {
                        assertEquals("true", c.echoed(), "echo equals what was sent, connection " + c.connection());
                    }
                }
                assertEquals(MptcpTraffic.Result.sent(result.client()), MptcpTraffic.Result.received(result.server()),
                    "bytes the client sockets sent vs. the server sockets received");
                // mpdp's own decode of every MPTCP option in the capture equals tshark's, field by field.
                final DecodeVsTshark.Summary decoded = DecodeVsTshark.assertAgree(result.capture().merged(),
                    Tshark.decodeAsData(spec.port()).toArray(String[]::new));
                System.out.println("KernelMptcpCaptureIT " + name + " mpdp vs tshark: " + decoded);
                assertTrue(decoded.mptcpFrames() > 0 && decoded.fieldsCompared() > 0, decoded.toString());
                AnalyzerAgreement.assertAgrees(result.capture().merged(), frames, spec);
                return s;
            }
        }

        Stream<Frame> tcp()
        {
            return frames.stream().filter(f -> f.tcpStream() >= 0);
        }

        Stream<Frame> toServer()
        {
            return tcp().filter(f -> f.destinationPort() == spec.port());
        }

        Stream<Frame> fromServer()
        {
            return tcp().filter(f -> f.sourcePort() == spec.port());
        }

        Set<Integer> mptcpStreams()
        {
            return tcp().map(Frame::mptcpStream).filter(m -> m >= 0).collect(Collectors.toCollection(TreeSet::new));
        }

        Frame first(final int tcpStream, final Predicate<Frame> what)
        {
            return tcp().filter(f -> f.tcpStream() == tcpStream).filter(what).findFirst().orElse(null);
        }

        boolean subflowBetween(final int tcpStream, final String a, final String b)
        {
            final Frame f = first(tcpStream, x -> true);
            return f != null && Set.of(a, b).equals(Set.of(f.source(), f.destination()));
        }

        /** RFC 8684 section 3.1: SYN, SYN/ACK and ACK each carry MP_CAPABLE v1 with HMAC-SHA256; keys as specified. */
        void assertMpCapableHandshakes(final boolean checksum)
        {
            final String flag = checksum ? "1" : "0";
            final List<Frame> syns = toServer().filter(f -> f.syn() && f.hasSubtype(MP_CAPABLE)).toList();
            assertEquals(spec.connections(), syns.size(), "MP_CAPABLE SYNs\n" + report);
            for (final Frame syn : syns)
            {
                final int t = syn.tcpStream();
                assertEquals(List.of("1"), syn.values("tcp.options.mptcp.version"), "SYN version " + syn.number());
                assertFalse(syn.has("tcp.options.mptcp.sendkey"), "a v1 SYN carries no key, frame " + syn.number());
                assertEquals(List.of("1"), syn.values("tcp.options.mptcp.sha256.flag"), "SYN H bit, " + syn.number());
                assertEquals(List.of(flag), syn.values("tcp.options.mptcp.checksumreq.flags"), "SYN A bit " +
                    syn.number());
                final Frame synAck = first(t, f -> f.synAck() && f.hasSubtype(MP_CAPABLE));
                assertNotNull(synAck, "no MP_CAPABLE SYN/ACK on tcp.stream " + t + "\n" + report);
                assertEquals(List.of("1"), synAck.values("tcp.options.mptcp.version"), "SYN/ACK version " +
                    synAck.number());
                assertEquals(List.of(flag), synAck.values("tcp.options.mptcp.checksumreq.flags"), "SYN/ACK A bit");
                final String serverKey = synAck.first("tcp.options.mptcp.sendkey");
                assertNotNull(serverKey, "SYN/ACK key, frame " + synAck.number());
                final Frame ack = first(t, f -> f.ackOnly() && f.destinationPort() == spec.port() &&
                    f.hasSubtype(MP_CAPABLE));
                assertNotNull(ack, "no MP_CAPABLE third ACK on tcp.stream " + t + "\n" + report);
                assertNotNull(ack.first("tcp.options.mptcp.sendkey"), "third ACK's own key, frame " + ack.number());
                assertEquals(List.of(serverKey), ack.values("tcp.options.mptcp.recvkey"),
                    "third ACK echoes the server's key, frame " + ack.number());
            }
        }

        /**
         * RFC 8684 section 3.2: SYN (token, nonce, address id), SYN/ACK (truncated HMAC, nonce), ACK (full HMAC).
         *
         * @return tcp.stream of every complete join.
         */
        List<Integer> assertJoins()
        {
            final Set<String> serverTokens = fromServer().filter(f -> f.hasSubtype(MP_CAPABLE))
                .flatMap(f -> f.values("mptcp.expected_token").stream()).collect(Collectors.toSet());
            final List<Integer> joins = new ArrayList<>();
            for (final Frame syn : toServer().filter(f -> f.syn() && f.hasSubtype(MP_JOIN)).toList())
            {
                final int t = syn.tcpStream();
                final String token = syn.first("tcp.options.mptcp.recvtok");
                assertTrue(serverTokens.contains(token), "MP_JOIN SYN token " + token + " in frame " + syn.number() +
                    " is not tshark's token of a server key " + serverTokens);
                assertNotNull(syn.first("tcp.options.mptcp.sendrand"), "SYN nonce, frame " + syn.number());
                assertNotNull(syn.first("tcp.options.mptcp.addrid"), "SYN address id, frame " + syn.number());
                final Frame synAck = first(t, f -> f.synAck() && f.hasSubtype(MP_JOIN));
                final Frame ack = first(t, f -> f.ackOnly() && f.destinationPort() == spec.port() &&
                    f.hasSubtype(MP_JOIN));
                if (synAck == null || ack == null)
                {
                    continue;
                }
                assertNotNull(synAck.first("tcp.options.mptcp.sendtrunchmac"), "SYN/ACK HMAC " + synAck.number());
                assertNotNull(synAck.first("tcp.options.mptcp.sendrand"), "SYN/ACK nonce " + synAck.number());
                final String hmac = ack.first("tcp.options.mptcp.sendhmac");
                assertNotNull(hmac, "ACK HMAC, frame " + ack.number());
                assertEquals(JOIN_HMAC_HEX_DIGITS, hmac.replace(":", "").length(), "ACK HMAC length " + hmac);
                joins.add(t);
            }
            assertFalse(joins.isEmpty(), "no complete MP_JOIN handshake\n" + report);
            return joins;
        }

        /**
         * RFC 8684 section 3.4.1: the server announces with a truncated HMAC, the client echoes without. A v1
         * ADD_ADDR has no IP version field (tshark's tcp.options.mptcp.ipver is v0 only): the length tells.
         */
        void assertAddAddr(final String address, final String field)
        {
            final int addressLength = "tcp.options.mptcp.ipv6".equals(field) ? 16 : 4;
            final List<Frame> announced = fromServer().filter(f -> f.hasSubtype(ADD_ADDR) &&
                "0".equals(f.first("tcp.options.mptcp.echo"))).toList();
            assertFalse(announced.isEmpty(), "no ADD_ADDR from the server\n" + report);
            for (final Frame f : announced)
            {
                assertEquals(List.of(address), f.values(field), "announced address, frame " + f.number());
                assertEquals(List.of(Integer.toString(MptcpTestbed.ENDPOINT_ID)), f.values("tcp.options.mptcp.addrid"),
                    "announced address id, frame " + f.number());
                assertNotNull(f.first("tcp.options.mptcp.addaddrtrunchmac"), "ADD_ADDR HMAC, frame " + f.number());
                assertEquals(4 + addressLength + 8, f.mptcpOptionLength(ADD_ADDR), "ADD_ADDR length, " + f.number());
            }
            final List<Frame> echoes = toServer().filter(f -> f.hasSubtype(ADD_ADDR) &&
                "1".equals(f.first("tcp.options.mptcp.echo"))).toList();
            assertFalse(echoes.isEmpty(), "no ADD_ADDR echo from the client\n" + report);
            for (final Frame f : echoes)
            {
                assertEquals(List.of(address), f.values(field), "echoed address, frame " + f.number());
                assertFalse(f.has("tcp.options.mptcp.addaddrtrunchmac"), "an echo carries no HMAC, " + f.number());
                assertEquals(4 + addressLength, f.mptcpOptionLength(ADD_ADDR), "ADD_ADDR echo length, " + f.number());
            }
        }

        /**
         * DSS mappings and DATA_ACKs both ways; a DSS checksum (2 bytes after the data-level length, RFC 8684
         * section 3.3) exactly when negotiated. tshark 4.0 never shows tcp.options.mptcp.checksum, so it is
         * told by the option length (also accepted: the field itself, for later tshark versions).
         */
        void assertDssMappingsAndDataAcks(final boolean checksum)
        {
            for (final boolean up : List.of(true, false))
            {
                final List<Frame> side = (up ? toServer() : fromServer()).filter(f -> f.hasSubtype(DSS)).toList();
                final String dir = up ? "client->server" : "server->client";
                assertTrue(side.stream().anyMatch(f -> f.firstLong("tcp.options.mptcp.datalvllen", 0) > 1),
                    "no DSS mapping " + dir + "\n" + report);
                assertTrue(side.stream().anyMatch(f -> "1".equals(f.first("tcp.options.mptcp.dataackpresent.flag"))),
                    "no DATA_ACK " + dir + "\n" + report);
                for (final Frame f : side)
                {
                    final boolean mapping = "1".equals(f.first("tcp.options.mptcp.dseqnpresent.flag"));
                    final int length = f.mptcpOptionLength(DSS);
                    final int expected = dssLength(f);
                    if (mapping)
                    {
                        assertEquals(checksum ? expected + 2 : expected, length, "DSS option length (checksum " +
                            checksum + ") in frame " + f.number() + " " + f.fields());
                    }
                    else
                    {
                        assertEquals(expected, length, "DSS without mapping, frame " + f.number());
                    }
                }
            }
        }

        /** RFC 8684 section 3.3: 4 + DATA_ACK (4 or 8) + mapping (DSN 4 or 8, SSN 4, length 2), without checksum. */
        private static int dssLength(final Frame f)
        {
            int length = 4;
            if ("1".equals(f.first("tcp.options.mptcp.dataackpresent.flag")))
            {
                length += "1".equals(f.first("tcp.options.mptcp.dataack8.flag")) ? 8 : 4;
            }
            if ("1".equals(f.first("tcp.options.mptcp.dseqnpresent.flag")))
            {
                length += ("1".equals(f.first("tcp.options.mptcp.dseqn8.flag")) ? 8 : 4) + 4 + 2;
            }
            return length;
        }

        void assertDataFins(final boolean fromClient, final boolean fromServer)
        {
            for (final int stream : mptcpStreams())
            {
                assertEquals(fromClient, dataFin(stream, true), "DATA_FIN from the client, mptcp.stream " + stream);
                assertEquals(fromServer, dataFin(stream, false), "DATA_FIN from the server, mptcp.stream " + stream);
            }
        }

        private boolean dataFin(final int stream, final boolean up)
        {
            return (up ? toServer() : fromServer()).filter(f -> f.mptcpStream() == stream && f.hasSubtype(DSS))
                .anyMatch(f -> "1".equals(f.first("tcp.options.mptcp.datafin.flag")));
        }

        /**
         * Per connection and direction: the union of all mapped data-sequence ranges (tshark's relative DSN,
         * 1 = first byte; an MP_CAPABLE with data maps from 1) is one range from 1, minus 1 for a DATA_FIN
         * it equals what the sockets sent, and, after a DATA_FIN, the highest DATA_ACK the other side sent
         * acknowledges all of it.
         */
        void assertDataLevelBytes()
        {
            final List<Long> up = new ArrayList<>();
            final List<Long> down = new ArrayList<>();
            for (final int stream : mptcpStreams())
            {
                up.add(dataLevelBytes(stream, true));
                down.add(dataLevelBytes(stream, false));
            }
            assertEquals(sorted(result.client().stream().map(MptcpTraffic.Counts::sent).toList()), sorted(up),
                "data-level bytes client->server per connection vs. client sockets' sent\n" + report);
            assertEquals(sorted(result.server().stream().map(MptcpTraffic.Counts::sent).toList()), sorted(down),
                "data-level bytes server->client per connection vs. server sockets' sent\n" + report);
        }

        private long dataLevelBytes(final int stream, final boolean up)
        {
            final TreeMap<Long, Long> ranges = new TreeMap<>();
            (up ? toServer() : fromServer()).filter(f -> f.mptcpStream() == stream).forEach(f ->
            {
                final long length = f.firstLong("tcp.options.mptcp.datalvllen", 0);
                if (length == 0)
                {
                    return;
                }
                final long start = f.hasSubtype(DSS) ? f.firstLong("mptcp.dss.dsn", -1) : 1;
                assertTrue(start > 0, "mapping without tshark's relative DSN, frame " + f.number());
                ranges.merge(start, start + length, Math::max);
            });
            long covered = 0;
            long end = 1;
            for (final Map.Entry<Long, Long> range : ranges.entrySet())
            {
                assertTrue(range.getKey() <= end, "gap in the data sequence before " + range.getKey() +
                    " on mptcp.stream " + stream + (up ? " up" : " down"));
                if (range.getValue() > end)
                {
                    covered += range.getValue() - end;
                    end = range.getValue();
                }
            }
            final boolean fin = dataFin(stream, up);
            final long acked = highestDataAck(stream, up);
            final String what = "highest DATA_ACK for mptcp.stream " + stream + (up ? " up" : " down");
            if (fin)
            {
                // A DATA_FIN is acknowledged before the connection closes: everything was.
                assertEquals(1 + covered, acked, what);
            }
            else
            {
                // An abortive close may beat the receiver's (delayed) ACK of the last data.
                assertTrue(acked <= 1 + covered, what + " " + acked + " beyond the data " + (1 + covered));
            }
            return covered - (fin ? 1 : 0);
        }

        /**
         * @param stream mptcp.stream.
         * @param up     client->server data, acknowledged by the server; else the reverse.
         * @return the highest relative DATA_ACK for that data (1 + bytes acknowledged), 0 when none.
         */
        long highestDataAck(final int stream, final boolean up)
        {
            return (up ? fromServer() : toServer()).filter(f -> f.mptcpStream() == stream)
                .flatMap(f -> f.longs("mptcp.ack").stream()).max(Comparator.naturalOrder()).orElse(0L);
        }

        private static List<Long> sorted(final List<Long> values)
        {
            return values.stream().sorted().toList();
        }

        private String describe(final String setup)
        {
            final StringBuilder b = new StringBuilder();
            b.append("setup: ").append(setup).append('\n');
            b.append("pcaps: ").append(result.capture().interfaces()).append(" merged ")
                .append(result.capture().merged()).append('\n');
            b.append("tcpdump: ").append(result.capture().stats()).append('\n');
            b.append("client sockets: ").append(result.client()).append('\n');
            b.append("server sockets: ").append(result.server()).append('\n');
            b.append("client ran ").append(result.elapsed().toMillis()).append(" ms; frames ").append(frames.size())
                .append(", tcp.streams ").append(tcp().map(Frame::tcpStream).distinct().count())
                .append(", mptcp.streams ").append(mptcpStreams().size()).append('\n');
            b.append("frames with subtype, client->server: ").append(subtypeCounts(toServer())).append('\n');
            b.append("frames with subtype, server->client: ").append(subtypeCounts(fromServer())).append('\n');
            b.append("subflows:\n  ").append(String.join("\n  ", subflows())).append('\n');
            b.append("RSTs: ").append(tcp().filter(Frame::rst).map(f -> f.number() + " " + f.source() + " subtypes " +
                f.subtypes() + " reason " + f.values("tcp.options.mptcp.rst_reason")).toList()).append('\n');
            return b.toString();
        }

        private static Map<String, Long> subtypeCounts(final Stream<Frame> side)
        {
            final String[] names = {"MP_CAPABLE", "MP_JOIN", "DSS", "ADD_ADDR", "REMOVE_ADDR", "MP_PRIO", "MP_FAIL",
                "MP_FASTCLOSE", "MP_TCPRST"};
            final Map<String, Long> counts = new TreeMap<>();
            side.forEach(f -> f.subtypes().stream().distinct().forEach(t ->
                counts.merge(t < names.length ? names[t] : "subtype " + t, 1L, Long::sum)));
            side.close();
            return counts;
        }

        private List<String> subflows()
        {
            final List<String> lines = new ArrayList<>();
            tcp().map(Frame::tcpStream).distinct().forEach(t ->
            {
                final Frame syn = first(t, Frame::syn);
                final Frame from = syn != null ? syn : first(t, f -> true);
                // tshark 4.0 gives the first SYN no mptcp.stream: take it from any frame that has one.
                final Frame inStream = first(t, f -> f.mptcpStream() >= 0);
                final List<Frame> data = tcp().filter(f -> f.tcpStream() == t && f.firstLong("tcp.len", 0) > 0)
                    .toList();
                lines.add("tcp.stream " + t + " mptcp.stream " + (inStream == null ? -1 : inStream.mptcpStream()) +
                    " " + from.source() + ":" + from.sourcePort() + "->" + from.destination() + ":" +
                    from.destinationPort() + (syn == null ? "" : " SYN " + syn.subtypes() + " backup " +
                    syn.values("tcp.options.mptcp.backup.flag")) + " frames " +
                    tcp().filter(f -> f.tcpStream() == t).count() + " (with data " + data.size() + ", " +
                    data.stream().mapToLong(f -> f.firstLong("tcp.len", 0)).sum() + " bytes)");
            });
            return lines;
        }
    }
}
