package org.mpdp.dataplane.analyze;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

import org.mpdp.dataplane.track.SubflowView;

/** The human-readable form of an {@link AnalysisReport}: totals, what was flagged, then each connection. */
final class TableReport
{
    private TableReport()
    {
    }

    static void print(final AnalysisReport report, final PrintStream out)
    {
        final OfflineAnalyzer.Totals totals = report.totals();
        out.printf(Locale.ROOT, "%,d packets, %,d with MPTCP options, %,d malformed, %d MPTCP connections%n",
            totals.packets(), totals.mptcpPackets(), totals.malformed(), report.connections().size());
        out.println("verdict reasons: " + counts(report.reasons()));
        if (!report.unattached().isEmpty())
        {
            out.println("packets in no connection: " + counts(report.unattached()));
            for (final FlagLog.Example e : report.examples())
            {
                out.printf(Locale.ROOT, "  frame %d  %s  %s -> %s  %s%n", e.frame(), seconds(e.timeNanos()),
                    e.source(), e.destination(), e.reason());
            }
        }
        if (!report.midStream().isEmpty())
        {
            out.printf(Locale.ROOT, "%d subflows picked up mid-stream (handshake not captured, keys unknown):%n",
                report.midStream().size());
            for (final SubflowView s : report.midStream())
            {
                out.printf(Locale.ROOT, "  %s -> %s  packets %,d  payload %,d%n", s.client(), s.server(), s.packets(),
                    s.payloadBytes());
            }
        }
        for (final ConnectionReport r : report.connections())
        {
            connection(r, out);
        }
        if (report.events() != null)
        {
            out.printf(Locale.ROOT, "%n%d flagged packets:%n", report.events().size());
            for (final FlagLog.Event e : report.events())
            {
                out.printf(Locale.ROOT, "  frame %d  %s  %s  %s  %s -> %s%n", e.frame(), seconds(e.timeNanos()),
                    String.join(",", e.reasons()), e.connection() < 0 ? "no connection" : "connection " +
                    (e.connection() + 1), e.source(), e.destination());
            }
        }
    }

    private static void connection(final ConnectionReport r, final PrintStream out)
    {
        out.printf(Locale.ROOT, "%nconnection %d: MPTCP v%d, checksum %s, ended %s%n", r.order() + 1, r.version(),
            r.checksum() ? "on" : "off", r.end());
        out.printf(Locale.ROOT, "  client key 0x%016x token 0x%08x idsn 0x%016x%n", r.clientKey(), r.clientToken(),
            r.clientIdsn());
        out.printf(Locale.ROOT, "  server key 0x%016x token 0x%08x idsn 0x%016x%n", r.serverKey(), r.serverToken(),
            r.serverIdsn());
        out.printf(Locale.ROOT, "  data bytes: %,d to server, %,d to client; reinjected %,d; HMAC failures %d; " +
            "checksum failures %d; mapping anomalies %d%s%n", r.toServer(), r.toClient(), r.reinjected(),
            r.hmacFailures(), r.checksumFailures(), r.mappingAnomalies(), r.fallback() ? "; FELL BACK to TCP" : "");
        if (!r.flags().isEmpty())
        {
            out.println("  FLAGS: " + String.join(", ", r.flags()));
        }
        if (!r.reasons().isEmpty())
        {
            out.println("  verdict reasons: " + counts(r.reasons()));
        }
        for (final String a : r.announced())
        {
            out.println("  announced: " + a);
        }
        for (final SubflowView s : r.subflows())
        {
            out.printf(Locale.ROOT, "  %-7s %s -> %s%s%s  packets %,d  payload %,d%n", s.role(), s.client(), s.server(),
                s.backup() ? "  backup" : "", s.joinState() != null ? "  join " + s.joinState() : "", s.packets(),
                s.payloadBytes());
        }
    }

    private static String counts(final Map<String, Long> counts)
    {
        if (counts.isEmpty())
        {
            return "none";
        }
        final StringBuilder b = new StringBuilder();
        counts.forEach((label, n) -> b.append(b.isEmpty() ? "" : ", ").append(label).append(' ')
            .append(String.format(Locale.ROOT, "%,d", n)));
        return b.toString();
    }

    private static String seconds(final long nanos)
    {
        return String.format(Locale.ROOT, "%d.%06d", nanos / 1_000_000_000L, nanos % 1_000_000_000L / 1000);
    }
}
