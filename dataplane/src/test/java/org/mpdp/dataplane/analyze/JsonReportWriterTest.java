package org.mpdp.dataplane.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.dataplane.track.SubflowView;

/**
 * The JSON report of a generated trace (IPv4 and IPv6): every field of the documented schema, in
 * order, with the documented value formats, equal to the analyzer's reports; one connection per line.
 */
final class JsonReportWriterTest
{
    private static final List<String> CONNECTION_FIELDS = List.of("version", "client_key", "server_key",
        "client_token", "server_token", "client_idsn", "server_idsn", "checksum", "subflows", "data_bytes_to_server",
        "data_bytes_to_client", "reinjected_bytes", "hmac_failures", "checksum_failures", "end", "mapping_anomalies",
        "fallback", "announced", "flags", "reasons");
    private static final List<String> SUBFLOW_FIELDS = List.of("client", "server", "role", "backup", "join_hmac_ok", "state",
        "packets", "payload_bytes");

    @TempDir
    Path dir;

    private static List<String> names(final JsonNode node)
    {
        final List<String> out = new ArrayList<>();
        for (final Iterator<String> i = node.fieldNames(); i.hasNext(); )
        {
            out.add(i.next());
        }
        return out;
    }

    @Test
    void shouldWriteEveryFieldInItsDocumentedFormat() throws IOException
    {
        final Path trace = dir.resolve("trace.pcap");
        TraceGenerator.generate(TraceGenerator.Config.of(40, 2, 5_000, 3, 0.5), trace);
        final OfflineAnalyzer analyzer = new OfflineAnalyzer(64, 256);
        final OfflineAnalyzer.Totals totals = analyzer.analyze(trace);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        analyzer.printJson(totals, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        final String text = bytes.toString(StandardCharsets.UTF_8);

        final List<ConnectionReport> reports = analyzer.connections();
        final String[] lines = text.split("\n", -1);
        assertEquals(reports.size() + 2, lines.length, "a first line, one line per connection, a final newline");
        assertEquals("{\"packets\":" + totals.packets() + ",\"mptcp_packets\":" + totals.mptcpPackets() +
            ",\"malformed\":" + totals.malformed() + ",\"connections\":[", lines[0]);
        assertTrue(text.endsWith("\"mid_stream_subflows\":[]}\n"), text.substring(text.length() - 40));

        final JsonNode root = new ObjectMapper().readTree(text);
        assertEquals(List.of("packets", "mptcp_packets", "malformed", "connections", "reasons", "unattached",
            "mid_stream_subflows"), names(root));
        assertEquals(reports.size(), root.get("connections").size());
        boolean sawV6 = false;
        for (int i = 0; i < reports.size(); i++)
        {
            final ConnectionReport r = reports.get(i);
            final JsonNode c = root.get("connections").get(i);
            assertTrue(lines[i + 1].startsWith("  {\"version\":"), lines[i + 1]);
            assertEquals(CONNECTION_FIELDS, names(c));
            assertEquals(r.version(), c.get("version").intValue());
            assertEquals(String.format(Locale.ROOT, "0x%016x", r.clientKey()), c.get("client_key").textValue());
            assertEquals(String.format(Locale.ROOT, "0x%016x", r.serverKey()), c.get("server_key").textValue());
            assertEquals(String.format(Locale.ROOT, "0x%08x", r.clientToken()), c.get("client_token").textValue());
            assertEquals(String.format(Locale.ROOT, "0x%08x", r.serverToken()), c.get("server_token").textValue());
            assertEquals(String.format(Locale.ROOT, "0x%016x", r.clientIdsn()), c.get("client_idsn").textValue());
            assertEquals(String.format(Locale.ROOT, "0x%016x", r.serverIdsn()), c.get("server_idsn").textValue());
            assertEquals(r.checksum(), c.get("checksum").booleanValue());
            assertEquals(r.toServer(), c.get("data_bytes_to_server").longValue());
            assertEquals(r.toClient(), c.get("data_bytes_to_client").longValue());
            assertEquals(r.reinjected(), c.get("reinjected_bytes").longValue());
            assertEquals(r.hmacFailures(), c.get("hmac_failures").intValue());
            assertEquals(r.checksumFailures(), c.get("checksum_failures").intValue());
            assertEquals(r.end(), c.get("end").textValue());
            assertEquals(r.mappingAnomalies(), c.get("mapping_anomalies").intValue());
            assertEquals(r.fallback(), c.get("fallback").booleanValue());
            assertEquals(r.announced().size(), c.get("announced").size());
            for (int a = 0; a < r.announced().size(); a++)
            {
                assertEquals(r.announced().get(a), c.get("announced").get(a).textValue());
            }
            assertEquals(r.subflows().size(), c.get("subflows").size());
            for (int k = 0; k < r.subflows().size(); k++)
            {
                final SubflowView s = r.subflows().get(k);
                final JsonNode j = c.get("subflows").get(k);
                assertEquals(SUBFLOW_FIELDS, names(j));
                assertEquals(s.client(), j.get("client").textValue());
                assertEquals(s.server(), j.get("server").textValue());
                assertEquals(s.role(), j.get("role").textValue());
                assertEquals(s.backup(), j.get("backup").booleanValue());
                if (s.role().equals("join"))
                {
                    assertEquals(s.joinHmacOk(), j.get("join_hmac_ok").isNull() ? null :
                        j.get("join_hmac_ok").booleanValue());
                    assertEquals(s.joinState(), j.get("state").textValue());
                }
                else
                {
                    assertTrue(j.get("join_hmac_ok").isNull(), "join_hmac_ok of an initial subflow is null");
                    assertTrue(j.get("state").isNull(), "state of an initial subflow is null");
                }
                assertEquals(s.packets(), j.get("packets").longValue());
                assertEquals(s.payloadBytes(), j.get("payload_bytes").longValue());
                if (s.client().startsWith("["))
                {
                    sawV6 = true;
                    // RFC 5952: the generator's fd00:198:18:1:0:0:0:N prints compressed.
                    assertTrue(s.client().matches("\\[fd00:198:18:[12]::[0-9a-f]+\\]:\\d+"), s.client());
                    assertTrue(s.server().matches("\\[fd00:198:18::[12]\\]:5201"), s.server());
                }
            }
        }
        assertTrue(sawV6, "the trace has IPv6 connections");
    }

    @Test
    void shouldWriteAnEmptyConnectionList() throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JsonReportWriter().write(new OfflineAnalyzer.Totals(3, 0, 1), List.of(), bytes);
        assertEquals("{\"packets\":3,\"mptcp_packets\":0,\"malformed\":1,\"connections\":[],\"reasons\":{}," +
            "\"unattached\":{\"reasons\":{},\"examples\":[]},\"mid_stream_subflows\":[]}\n",
            bytes.toString(StandardCharsets.UTF_8));
    }
}
