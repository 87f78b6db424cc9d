package org.mpdp.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mpdp.dataplane.analyze.AnalysisReport;
import org.mpdp.dataplane.analyze.ConnectionReport;
import org.mpdp.dataplane.analyze.JsonReportWriter;
import org.mpdp.dataplane.analyze.OfflineAnalyzer;
import org.mpdp.dataplane.track.SnapshotException;
import org.mpdp.dataplane.track.SubflowTable;
import org.mpdp.dataplane.track.SubflowView;
import org.mpdp.dataplane.track.Tracker;
import org.mpdp.dataplane.track.TrackerSnapshot;

/**
 * {@code mpdp stat --connections [--json]}: asks the running data plane for its connections (see
 * {@link ConnectionViewRequest}), loads the view it writes into a tracker of its own and prints every
 * connection (keys, tokens, subflows, data bytes each way) as a table, or as the {@code connections}
 * and {@code mid_stream} of {@code mpdp analyze --json}'s report (packet totals and reasons are 0 and
 * empty here: they are counters, see plain {@code mpdp stat}).
 */
final class ConnectionsStat
{
    private static final long ANSWER_TIMEOUT_NANOS = 10_000_000_000L;

    private ConnectionsStat()
    {
    }

    /**
     * @param directory the counters file's directory.
     * @return the exit code: 0, or 1 when the run did not answer or the view did not load.
     */
    static int print(final Path directory, final boolean json, final PrintStream out)
        throws IOException, InterruptedException
    {
        final Path request = directory.resolve(ConnectionViewRequest.REQUEST);
        final Path view = directory.resolve(ConnectionViewRequest.VIEW);
        Files.deleteIfExists(view);
        if (!Files.exists(request))
        {
            Files.createFile(request);
        }
        final long deadline = System.nanoTime() + ANSWER_TIMEOUT_NANOS;
        while (Files.exists(request))
        {
            if (System.nanoTime() > deadline)
            {
                Files.deleteIfExists(request);
                System.err.println("mpdp stat: no answer to " + request + " within 10 s: is mpdp run running there?");
                return 1;
            }
            Thread.sleep(20);
        }
        if (!Files.exists(view))
        {
            System.err.println("mpdp stat: the run wrote no " + view + " (a worker did not answer; see its output)");
            return 1;
        }
        final TrackerSnapshot.Loaded loaded;
        try
        {
            loaded = TrackerSnapshot.read(view);
        }
        catch (final SnapshotException ex)
        {
            System.err.println("mpdp stat: " + view + ": " + ex.getMessage());
            return 1;
        }
        final int connections = Math.max(16, loaded.connections());
        final int subflows = Math.max(connections, 2 * loaded.subflows() + 16);
        // Half-open budget = the table: none of the restored half-open or mid-stream subflows is recycled.
        try (Tracker tracker = new Tracker(connections, subflows, subflows, org.mpdp.dataplane.track.VerdictPolicy.defaults()))
        {
            loaded.restore(new Tracker[] {tracker}, (v, ch, cl, cp, sh, sl, sp) -> 0, 0);
            final AnalysisReport report = report(tracker);
            if (json)
            {
                new JsonReportWriter().write(report, out);
            }
            else
            {
                table(report, out);
            }
        }
        return 0;
    }

    private static AnalysisReport report(final Tracker tracker)
    {
        final List<ConnectionReport> list = new ArrayList<>();
        for (int c = 0; c < tracker.connections().capacity(); c++)
        {
            final ConnectionReport r = ConnectionReport.of(tracker, c, null);
            if (r != null)
            {
                list.add(r);
            }
        }
        list.sort(Comparator.comparingLong(ConnectionReport::clientKey).thenComparingLong(ConnectionReport::serverKey));
        final List<SubflowView> midStream = new ArrayList<>();
        final SubflowTable t = tracker.subflows();
        for (int s = 0; s < t.count(); s++)
        {
            if (t.inUse(s) && t.midStream(s))
            {
                midStream.add(SubflowView.of(tracker, s));
            }
        }
        return new AnalysisReport(new OfflineAnalyzer.Totals(0, 0, 0), list, Map.of(), Map.of(), List.of(), midStream,
            null);
    }

    private static void table(final AnalysisReport report, final PrintStream out)
    {
        out.printf(Locale.ROOT, "%d connection(s), %d subflow(s) picked up mid-stream%n", report.connections().size(),
            report.midStream().size());
        out.printf(Locale.ROOT, "%-3s %-2s %-16s %-16s %-8s %-8s %12s %12s  %-9s %s%n", "#", "v", "client key",
            "server key", "c-token", "s-token", "to server", "to client", "end", "subflows");
        int n = 0;
        for (final ConnectionReport c : report.connections())
        {
            out.printf(Locale.ROOT, "%-3d %-2d %016x %016x %08x %08x %12d %12d  %-9s %d%n", n++, c.version(),
                c.clientKey(), c.serverKey(), c.clientToken(), c.serverToken(), c.toServer(), c.toClient(), c.end(),
                c.subflows().size());
            for (final SubflowView s : c.subflows())
            {
                out.printf(Locale.ROOT, "      %-7s %s -> %s  packets %d, payload %d%s%s%n", s.role(), s.client(),
                    s.server(), s.packets(), s.payloadBytes(), s.joinState() == null ? "" : ", join " + s.joinState(),
                    s.backup() ? ", backup" : "");
            }
        }
        for (final SubflowView s : report.midStream())
        {
            out.printf(Locale.ROOT, "mid-stream %s -> %s  packets %d, payload %d%n", s.client(), s.server(),
                s.packets(), s.payloadBytes());
        }
    }
}
