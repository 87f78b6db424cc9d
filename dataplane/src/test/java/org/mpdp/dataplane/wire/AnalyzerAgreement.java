package org.mpdp.dataplane.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.mpdp.dataplane.analyze.ConnectionReport;
import org.mpdp.dataplane.analyze.OfflineAnalyzer;
import org.mpdp.dataplane.testing.MptcpTraffic;
import org.mpdp.dataplane.testing.Tshark;
import org.mpdp.dataplane.track.SubflowView;

/**
 * The offline analyzer's view of a kernel capture agrees with tshark (connections, keys, tokens,
 * subflow grouping) and with the sockets (data-level bytes each way), and every join authenticates.
 */
final class AnalyzerAgreement
{
    private AnalyzerAgreement()
    {
    }

    static void assertAgrees(final Path pcap, final List<Tshark.Frame> frames, final MptcpTraffic.Spec spec)
        throws IOException
    {
        final OfflineAnalyzer analyzer = new OfflineAnalyzer(1024, 4096);
        final OfflineAnalyzer.Totals totals = analyzer.analyze(pcap);
        final List<ConnectionReport> connections = analyzer.connections();
        final String context = pcap + " " + totals + " " + connections;

        // Connections: one per tshark mptcp.stream, with the keys of tshark's MP_CAPABLE third ACKs.
        final Set<String> tsharkStreams = frames.stream().filter(f -> f.has("mptcp.stream"))
            .map(f -> f.first("mptcp.stream")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(tsharkStreams.size(), connections.size(), "connections vs tshark's mptcp.stream count: " + context);
        final Set<String> tsharkKeys = frames.stream().filter(f -> !f.syn() && f.longs("tcp.options.mptcp.recvkey")
            .size() == 1 && f.longs("tcp.options.mptcp.sendkey").size() == 1 && f.hasSubtype(Tshark.MP_CAPABLE))
            .map(f -> Long.toHexString(f.firstLong("tcp.options.mptcp.sendkey", 0)) + "/" +
                Long.toHexString(f.firstLong("tcp.options.mptcp.recvkey", 0)))
            .collect(Collectors.toCollection(TreeSet::new));
        final Set<String> ourKeys = connections.stream().map(c -> Long.toHexString(c.clientKey()) + "/" +
            Long.toHexString(c.serverKey())).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(tsharkKeys, ourKeys, "client/server keys vs tshark: " + context);

        // Every MP_JOIN SYN's token (tshark) is the server token of a connection mpdp derived.
        final Set<Long> serverTokens = connections.stream().map(c -> Integer.toUnsignedLong(c.serverToken()))
            .collect(Collectors.toSet());
        frames.stream().filter(f -> f.syn() && !f.synAck() && f.hasSubtype(Tshark.MP_JOIN))
            .forEach(f -> assertTrue(serverTokens.contains(f.firstLong("tcp.options.mptcp.recvtok", -1)),
                "join token of frame " + f.number() + " is no connection's token: " + context));

        // Subflows: as many as tshark's TCP streams; every join authenticated; nothing failed.
        final long tcpStreams = frames.stream().filter(f -> f.tcpStream() >= 0).map(Tshark.Frame::tcpStream)
            .distinct().count();
        assertEquals(tcpStreams, connections.stream().mapToLong(c -> c.subflows().size()).sum(),
            "subflows vs tshark's tcp.stream count: " + context);
        // Reinjections: tshark's inter-subflow analysis and mpdp's agree on whether any happened.
        final long tsharkReinjections = frames.stream().filter(f -> f.has("mptcp.reinjection_of")).count();
        final long ourReinjected = connections.stream().mapToLong(ConnectionReport::reinjected).sum();
        assertEquals(tsharkReinjections == 0, ourReinjected == 0, "reinjections: tshark frames " + tsharkReinjections +
            ", mpdp bytes " + ourReinjected + ": " + context);
        for (final ConnectionReport c : connections)
        {
            assertEquals(0, c.hmacFailures(), context);
            assertEquals(0, c.checksumFailures(), context);
            assertEquals(0, c.mappingAnomalies(), "DSS mapping anomalies on kernel traffic: " + c);
            assertTrue(!c.fallback(), c.toString());
            for (final SubflowView s : c.subflows())
            {
                assertTrue(!s.role().equals("join") || s.joinHmacOk(), "join not authenticated: " + s);
            }
            if (spec.close() == MptcpTraffic.Close.CLEAN)
            {
                // The sockets sent spec.bytes each way (the server echoes); data-level counts must say so.
                assertEquals(spec.bytes(), c.toServer(), "data bytes to server: " + c);
                assertEquals(spec.bytes(), c.toClient(), "data bytes to client: " + c);
                assertEquals("data_fin", c.end(), "end: " + c);
            }
            else
            {
                assertEquals("fastclose", c.end(), "end: " + c);
            }
        }
        System.out.println("AnalyzerAgreement " + pcap.getParent().getFileName() + ": " + connections.size() +
            " connections, " + tcpStreams + " subflows agree with tshark and the sockets");
    }
}
