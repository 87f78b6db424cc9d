package org.mpdp.dataplane.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mpdp.dataplane.analyze.ConnectionReport;
import org.mpdp.dataplane.analyze.OfflineAnalyzer;
import org.mpdp.dataplane.testing.Tshark;

/**
 * On the public captures, the analyzer's connections, keys, tokens and IDSNs equal tshark's MPTCP
 * analysis ({@code mptcp.expected_token}, {@code mptcp.expected_idsn} for each key it saw).
 */
final class SharedCapturesAnalyzerIT
{
    private static final Path CAPTURES = Path.of(System.getProperty("mpdp.captures", "../shared/captures"))
        .toAbsolutePath().normalize();

    @TestFactory
    Stream<DynamicTest> shouldAgreeWithTsharksMptcpAnalysis() throws IOException
    {
        if (!Files.isDirectory(CAPTURES))
        {
            return Stream.of(dynamicTest("shared captures", () -> assumeTrue(false, "no captures at " + CAPTURES)));
        }
        try (Stream<Path> files = Files.walk(CAPTURES))
        {
            return files.filter(p -> p.toString().endsWith(".pcap")).sorted().toList().stream()
                .map(pcap -> dynamicTest(CAPTURES.relativize(pcap).toString(), () -> compare(pcap)));
        }
    }

    private static void compare(final Path pcap) throws IOException
    {
        final List<Tshark.Frame> frames = Tshark.read(pcap, "-o", "mptcp.analyze_mptcp:TRUE");
        // Key pairs of MP_CAPABLE third ACKs (or v0 SYN + SYN/ACK pairs, which tshark also turns into
        // expected tokens): the connections mpdp must find.
        final Set<String> pairs = new TreeSet<>();
        final Map<Long, long[]> expected = new HashMap<>();
        for (final Tshark.Frame f : frames)
        {
            final List<Long> send = f.longs("tcp.options.mptcp.sendkey");
            final List<Long> recv = f.longs("tcp.options.mptcp.recvkey");
            if (!f.syn() && f.hasSubtype(Tshark.MP_CAPABLE) && send.size() == 1 && recv.size() == 1)
            {
                pairs.add(Long.toHexString(send.get(0)) + "/" + Long.toHexString(recv.get(0)));
            }
            if (send.size() == 1 && f.has("mptcp.expected_token") && f.has("mptcp.expected_idsn"))
            {
                expected.put(send.get(0), new long[] {f.firstLong("mptcp.expected_token", 0),
                    f.firstLong("mptcp.expected_idsn", 0)});
            }
        }
        final OfflineAnalyzer analyzer = new OfflineAnalyzer(64, 256);
        analyzer.analyze(pcap);
        final List<ConnectionReport> ours = analyzer.connections();
        final Set<String> ourPairs = new TreeSet<>();
        int checked = 0;
        for (final ConnectionReport c : ours)
        {
            ourPairs.add(Long.toHexString(c.clientKey()) + "/" + Long.toHexString(c.serverKey()));
            checked += check(expected, c.clientKey(), c.clientToken(), c.clientIdsn(), pcap);
            checked += check(expected, c.serverKey(), c.serverToken(), c.serverIdsn(), pcap);
            assertEquals(0, c.hmacFailures() - (pcap.endsWith("mptcp-aa-v1.pcap") ? 1 : 0),
                "HMAC failures (mptcp-aa-v1 has one pre-RFC ADD_ADDR HMAC): " + c);
            assertEquals(0, c.checksumFailures(), c.toString());
        }
        assertEquals(pairs, ourPairs, pcap + ": connections (client/server keys) vs tshark");
        System.out.println("SharedCapturesAnalyzerIT " + pcap.getFileName() + ": " + ours.size() + " connections, " +
            checked + " token/IDSN pairs equal to tshark's");
        if (!pairs.isEmpty())
        {
            assertTrue(checked > 0, "no token/IDSN compared in " + pcap);
        }
    }

    private static int check(final Map<Long, long[]> expected, final long key, final int token, final long idsn,
        final Path pcap)
    {
        final long[] t = expected.get(key);
        if (t == null)
        {
            return 0;
        }
        assertEquals(t[0], Integer.toUnsignedLong(token), pcap + ": token of key 0x" + Long.toHexString(key));
        assertEquals(t[1], idsn, pcap + ": IDSN of key 0x" + Long.toHexString(key));
        return 1;
    }
}
