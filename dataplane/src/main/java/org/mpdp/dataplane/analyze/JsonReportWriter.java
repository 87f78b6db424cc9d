package org.mpdp.dataplane.analyze;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;

import org.mpdp.dataplane.track.SubflowView;

/**
 * The analyzer's JSON report ({@code mpdp analyze --json}), streamed with Jackson's {@link JsonGenerator}:
 * one method per object, field names as constants, so a new field is one line here and one row in the
 * README's schema table. The layout is compact JSON with each connection on its own line.
 *
 * <p>Schema (documented field by field in the README, "JSON report"):
 * <pre>
 * {"packets":N,"mptcp_packets":N,"malformed":N,"connections":[
 *   {"version":1,"client_key":"0x...",...,"subflows":[{...},...],...,"announced":["..."]},
 *   ...]}
 * </pre>
 */
public final class JsonReportWriter
{
    /** Totals. */
    static final String PACKETS = "packets";
    static final String MPTCP_PACKETS = "mptcp_packets";
    static final String MALFORMED = "malformed";
    static final String CONNECTIONS = "connections";
    /** Connection. */
    static final String VERSION = "version";
    static final String CLIENT_KEY = "client_key";
    static final String SERVER_KEY = "server_key";
    static final String CLIENT_TOKEN = "client_token";
    static final String SERVER_TOKEN = "server_token";
    static final String CLIENT_IDSN = "client_idsn";
    static final String SERVER_IDSN = "server_idsn";
    static final String CHECKSUM = "checksum";
    static final String SUBFLOWS = "subflows";
    static final String DATA_BYTES_TO_SERVER = "data_bytes_to_server";
    static final String DATA_BYTES_TO_CLIENT = "data_bytes_to_client";
    static final String REINJECTED_BYTES = "reinjected_bytes";
    static final String HMAC_FAILURES = "hmac_failures";
    static final String CHECKSUM_FAILURES = "checksum_failures";
    static final String END = "end";
    static final String MAPPING_ANOMALIES = "mapping_anomalies";
    static final String FALLBACK = "fallback";
    static final String ANNOUNCED = "announced";
    /** Subflow. */
    static final String CLIENT = "client";
    static final String SERVER = "server";
    static final String ROLE = "role";
    static final String BACKUP = "backup";
    static final String JOIN_HMAC_OK = "join_hmac_ok";
    static final String SUBFLOW_PACKETS = "packets";
    static final String PAYLOAD_BYTES = "payload_bytes";
    static final String STATE = "state";
    /** Flagged traffic. */
    static final String REASONS = "reasons";
    static final String FLAGS = "flags";
    static final String UNATTACHED = "unattached";
    static final String EXAMPLES = "examples";
    static final String MID_STREAM = "mid_stream_subflows";
    static final String EVENTS = "events";
    static final String FRAME = "frame";
    static final String TIME_NS = "time_ns";
    static final String REASON = "reason";
    static final String CONNECTION = "connection";
    static final String SOURCE = "source";
    static final String DESTINATION = "destination";

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final char[] hex = new char[18];

    /**
     * Writes the whole report and a final newline; flushes, does not close {@code out}.
     *
     * @param totals      totals over the capture.
     * @param connections connections in capture order.
     * @param out         where the UTF-8 JSON goes.
     * @throws IOException if {@code out} fails.
     */
    public void write(final OfflineAnalyzer.Totals totals, final List<ConnectionReport> connections,
        final OutputStream out) throws IOException
    {
        write(new AnalysisReport(totals, connections, Map.of(), Map.of(), List.of(), List.of(), null), out);
    }

    /**
     * Writes the whole report and a final newline; flushes, does not close {@code out}.
     *
     * @param report what the analyzer found.
     * @param out    where the UTF-8 JSON goes.
     * @throws IOException if {@code out} fails.
     */
    public void write(final AnalysisReport report, final OutputStream out) throws IOException
    {
        final OfflineAnalyzer.Totals totals = report.totals();
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8))
        {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(new OneConnectionPerLine());
            g.writeStartObject();
            g.writeNumberField(PACKETS, totals.packets());
            g.writeNumberField(MPTCP_PACKETS, totals.mptcpPackets());
            g.writeNumberField(MALFORMED, totals.malformed());
            g.writeArrayFieldStart(CONNECTIONS);
            for (final ConnectionReport c : report.connections())
            {
                writeConnection(g, c);
            }
            g.writeEndArray();
            writeCounts(g, REASONS, report.reasons());
            g.writeObjectFieldStart(UNATTACHED);
            writeCounts(g, REASONS, report.unattached());
            g.writeArrayFieldStart(EXAMPLES);
            for (final FlagLog.Example e : report.examples())
            {
                g.writeStartObject();
                g.writeNumberField(FRAME, e.frame());
                g.writeNumberField(TIME_NS, e.timeNanos());
                g.writeStringField(REASON, e.reason());
                g.writeStringField(SOURCE, e.source());
                g.writeStringField(DESTINATION, e.destination());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeArrayFieldStart(MID_STREAM);
            for (final SubflowView s : report.midStream())
            {
                writeSubflow(g, s);
            }
            g.writeEndArray();
            if (report.events() != null)
            {
                writeEvents(g, report.events());
            }
            g.writeEndObject();
            g.writeRaw('\n');
        }
        out.flush();
    }

    private void writeConnection(final JsonGenerator g, final ConnectionReport c) throws IOException
    {
        g.writeStartObject();
        g.writeNumberField(VERSION, c.version());
        writeHexField(g, CLIENT_KEY, c.clientKey(), 16);
        writeHexField(g, SERVER_KEY, c.serverKey(), 16);
        writeHexField(g, CLIENT_TOKEN, Integer.toUnsignedLong(c.clientToken()), 8);
        writeHexField(g, SERVER_TOKEN, Integer.toUnsignedLong(c.serverToken()), 8);
        writeHexField(g, CLIENT_IDSN, c.clientIdsn(), 16);
        writeHexField(g, SERVER_IDSN, c.serverIdsn(), 16);
        g.writeBooleanField(CHECKSUM, c.checksum());
        g.writeArrayFieldStart(SUBFLOWS);
        for (final SubflowView s : c.subflows())
        {
            writeSubflow(g, s);
        }
        g.writeEndArray();
        g.writeNumberField(DATA_BYTES_TO_SERVER, c.toServer());
        g.writeNumberField(DATA_BYTES_TO_CLIENT, c.toClient());
        g.writeNumberField(REINJECTED_BYTES, c.reinjected());
        g.writeNumberField(HMAC_FAILURES, c.hmacFailures());
        g.writeNumberField(CHECKSUM_FAILURES, c.checksumFailures());
        g.writeStringField(END, c.end());
        g.writeNumberField(MAPPING_ANOMALIES, c.mappingAnomalies());
        g.writeBooleanField(FALLBACK, c.fallback());
        g.writeArrayFieldStart(ANNOUNCED);
        for (final String a : c.announced())
        {
            g.writeString(a);
        }
        g.writeEndArray();
        g.writeArrayFieldStart(FLAGS);
        for (final String f : c.flags())
        {
            g.writeString(f);
        }
        g.writeEndArray();
        writeCounts(g, REASONS, c.reasons());
        g.writeEndObject();
    }

    private static void writeCounts(final JsonGenerator g, final String name, final Map<String, Long> counts)
        throws IOException
    {
        g.writeObjectFieldStart(name);
        for (final Map.Entry<String, Long> e : counts.entrySet())
        {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void writeEvents(final JsonGenerator g, final List<FlagLog.Event> events) throws IOException
    {
        g.writeArrayFieldStart(EVENTS);
        for (final FlagLog.Event e : events)
        {
            g.writeStartObject();
            g.writeNumberField(FRAME, e.frame());
            g.writeNumberField(TIME_NS, e.timeNanos());
            g.writeArrayFieldStart(REASONS);
            for (final String r : e.reasons())
            {
                g.writeString(r);
            }
            g.writeEndArray();
            g.writeFieldName(CONNECTION);
            if (e.connection() < 0)
            {
                g.writeNull();
            }
            else
            {
                g.writeNumber(e.connection() + 1);
            }
            g.writeStringField(SOURCE, e.source());
            g.writeStringField(DESTINATION, e.destination());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeSubflow(final JsonGenerator g, final SubflowView s) throws IOException
    {
        g.writeStartObject();
        g.writeStringField(CLIENT, s.client());
        g.writeStringField(SERVER, s.server());
        g.writeStringField(ROLE, s.role());
        g.writeBooleanField(BACKUP, s.backup());
        g.writeFieldName(JOIN_HMAC_OK);
        if (s.joinHmacOk() != null)
        {
            g.writeBoolean(s.joinHmacOk());
        }
        else
        {
            g.writeNull();
        }
        g.writeFieldName(STATE);
        if (s.joinState() != null)
        {
            g.writeString(s.joinState());
        }
        else
        {
            g.writeNull();
        }
        g.writeNumberField(SUBFLOW_PACKETS, s.packets());
        g.writeNumberField(PAYLOAD_BYTES, s.payloadBytes());
        g.writeEndObject();
    }

    /** {@code "0x"} and exactly {@code digits} lower-case hex digits, like {@code "0x%016x"}. */
    private void writeHexField(final JsonGenerator g, final String name, final long value, final int digits)
        throws IOException
    {
        hex[0] = '0';
        hex[1] = 'x';
        for (int i = 0; i < digits; i++)
        {
            hex[2 + i] = HEX[(int)(value >>> (4 * (digits - 1 - i))) & 0xF];
        }
        g.writeFieldName(name);
        g.writeString(hex, 0, 2 + digits);
    }

    /**
     * Compact JSON except that each element of the top-level object's arrays (the connections) starts
     * a line indented by two spaces.
     */
    private static final class OneConnectionPerLine implements PrettyPrinter
    {
        private int depth;
        /** Bit d set: the array opened at depth d breaks lines. */
        private long breaking;

        @Override
        public void writeRootValueSeparator(final JsonGenerator g)
        {
        }

        @Override
        public void writeStartObject(final JsonGenerator g) throws IOException
        {
            g.writeRaw('{');
            depth++;
        }

        @Override
        public void writeEndObject(final JsonGenerator g, final int entries) throws IOException
        {
            depth--;
            g.writeRaw('}');
        }

        @Override
        public void writeObjectEntrySeparator(final JsonGenerator g) throws IOException
        {
            g.writeRaw(',');
        }

        @Override
        public void writeObjectFieldValueSeparator(final JsonGenerator g) throws IOException
        {
            g.writeRaw(':');
        }

        @Override
        public void writeStartArray(final JsonGenerator g) throws IOException
        {
            g.writeRaw('[');
            if (depth == 1)
            {
                breaking |= 1L << depth;
            }
            depth++;
        }

        @Override
        public void writeEndArray(final JsonGenerator g, final int values) throws IOException
        {
            depth--;
            breaking &= ~(1L << depth);
            g.writeRaw(']');
        }

        @Override
        public void writeArrayValueSeparator(final JsonGenerator g) throws IOException
        {
            g.writeRaw(',');
            beforeArrayValues(g);
        }

        @Override
        public void beforeArrayValues(final JsonGenerator g) throws IOException
        {
            if ((breaking & 1L << (depth - 1)) != 0)
            {
                g.writeRaw("\n  ");
            }
        }

        @Override
        public void beforeObjectEntries(final JsonGenerator g)
        {
        }
    }
}
