package org.mpdp.dataplane.analyze;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.mpdp.dataplane.capture.PcapReader;
import org.mpdp.dataplane.track.ConnectionTable;
import org.mpdp.dataplane.track.Reason;
import org.mpdp.dataplane.track.SubflowTable;
import org.mpdp.dataplane.track.SubflowView;
import org.mpdp.dataplane.track.Tracker;
import org.mpdp.dataplane.track.VerdictPolicy;
import org.mpdp.dataplane.wire.LinkLayer;
import org.mpdp.dataplane.wire.PacketParser;
import org.mpdp.dataplane.wire.ParsedPacket;

/**
 * Runs the live packet path's parser and tracker over a capture and reports each MPTCP connection:
 * keys, tokens, IDSNs, checksum use, subflows, data-level bytes each way, reinjections, HMAC and
 * checksum failures, and how it ended; every verdict reason, for the capture and per connection;
 * packets that belong to no connection by reason, with examples; subflows picked up mid-stream; and,
 * on request, one event per flagged packet.
 */
public final class OfflineAnalyzer
{
    /** Totals over the capture. */
    public record Totals(long packets, long mptcpPackets, long malformed)
    {
    }

    /** First table sizes of a {@link #growing} analyzer: about 20 MB, enough for most captures. */
    static final int FIRST_CONNECTIONS = 8192;
    /** Subflows for {@link #FIRST_CONNECTIONS}. */
    static final int FIRST_SUBFLOWS = 32768;

    private final int maxConnections;
    private final int maxSubflows;
    private final boolean grow;
    private int connectionCapacity;
    private int subflowCapacity;
    private Tracker tracker;
    private int passes;
    private final PacketParser parser = new PacketParser();
    private final ParsedPacket packet = new ParsedPacket();
    private final List<ConnectionReport> evictedReports = new ArrayList<>();
    private final List<SubflowView> evictedMidStream = new ArrayList<>();
    private final Tracker.EvictionListener keepReport = new Tracker.EvictionListener()
    {
        @Override
        public void onEvict(final int connection)
        {
            evictedReports.add(ConnectionReport.of(tracker, connection, log));
        }

        @Override
        public void onEvictSubflow(final int subflow)
        {
            if (tracker.subflows().midStream(subflow))
            {
                evictedMidStream.add(SubflowView.of(tracker, subflow));
            }
        }
    };
    private boolean keepEvents;
    private FlagLog log;
    private long frame;
    private long idleNanos = 3_600_000_000_000L;
    private long closedNanos = 60_000_000_000L;
    private long packets;
    private long mptcpPackets;
    private long malformed;

    /**
     * An analyzer with fixed tables: when one fills, later connections are refused (and counted).
     *
     * @param maxConnections connection table capacity.
     * @param maxSubflows    subflow table capacity.
     */
    public OfflineAnalyzer(final int maxConnections, final int maxSubflows)
    {
        this(maxConnections, maxSubflows, maxConnections, maxSubflows, false);
    }

    private OfflineAnalyzer(final int connections, final int subflows, final int maxConnections,
        final int maxSubflows, final boolean grow)
    {
        this.maxConnections = maxConnections;
        this.maxSubflows = maxSubflows;
        this.grow = grow;
        connectionCapacity = connections;
        subflowCapacity = subflows;
        tracker = newTracker();
    }

    /**
     * Offline nothing is recycled to make room: the half-open budget is the whole subflow table, so
     * a capture's half-open and mid-stream subflows are all kept (or the tables grow).
     */
    private Tracker newTracker()
    {
        final Tracker t = new Tracker(connectionCapacity, subflowCapacity, subflowCapacity, VerdictPolicy.defaults());
        log = new FlagLog(t, keepEvents);
        return t.listener(log);
    }

    /**
     * @param keep whether to keep one event per flagged packet ({@link #events()}, {@code --events}).
     * @return this.
     */
    public OfflineAnalyzer keepEvents(final boolean keep)
    {
        keepEvents = keep;
        tracker = newTracker();
        return this;
    }

    /**
     * An analyzer whose tables start small and grow up to the limits, so a small capture does not pay
     * for zeroing tables sized for a million connections (seconds for 2 GB on this VM). Tables fill
     * only between two sweeps (entries are freed only by {@link Tracker#evict}), so the analyzer checks
     * before each sweep and at the end: if a table is full it may have refused an entry, and the pass
     * restarts with tables extrapolated from how far into the file it got. A capture whose tables never
     * fill is analysed exactly as with tables at the limits; one that fills them at the limits is
     * analysed as by {@link #OfflineAnalyzer(int, int)} at the limits.
     *
     * @param maxConnections connection table limit.
     * @param maxSubflows    subflow table limit.
     * @return the analyzer.
     */
    public static OfflineAnalyzer growing(final int maxConnections, final int maxSubflows)
    {
        return growing(FIRST_CONNECTIONS, FIRST_SUBFLOWS, maxConnections, maxSubflows);
    }

    static OfflineAnalyzer growing(final int firstConnections, final int firstSubflows, final int maxConnections,
        final int maxSubflows)
    {
        return new OfflineAnalyzer(Math.min(firstConnections, maxConnections), Math.min(firstSubflows, maxSubflows),
            maxConnections, maxSubflows, true);
    }

    private static PcapReader open(final Path pcap) throws IOException
    {
        final PcapReader reader = new PcapReader(pcap);
        if (!LinkLayer.supported(reader.linkType()))
        {
            reader.close();
            throw new IOException(pcap + ": link type " + reader.linkType() +
                " is not supported (Ethernet 1, raw IP 101, Linux SLL 113, SLL2 276)");
        }
        return reader;
    }

    /**
     * @param pcap a pcap or pcapng file (Ethernet, Linux SLL/SLL2 or raw IP).
     * @return totals.
     * @throws IOException if the file cannot be read or its link type is not supported.
     */
    public Totals analyze(final Path pcap) throws IOException
    {
        passes = 0;
        while (true)
        {
            passes++;
            try (PcapReader reader = open(pcap))
            {
                if (pass(reader))
                {
                    return new Totals(packets, mptcpPackets, malformed);
                }
                // A table filled: restart with larger ones.
                final double done = Math.max(1e-6, (double)reader.position() / reader.size());
                connectionCapacity = larger(connectionCapacity, maxConnections, done);
                subflowCapacity = larger(subflowCapacity, maxSubflows, done);
            }
            tracker.close();
            tracker = newTracker();
            evictedReports.clear();
            evictedMidStream.clear();
            packets = 0;
            mptcpPackets = 0;
            malformed = 0;
        }
    }

    /** @return true when the capture was read to the end, false when it stopped to grow the tables. */
    private boolean pass(final PcapReader reader)
    {
        long nextSweep = 0;
        frame = 0;
        while (reader.next())
        {
            packets++;
            frame++;
            tracker.tick(reader.timestampNanos());
            if (reader.timestampNanos() >= nextSweep)
            {
                if (mayHaveRefused())
                {
                    return false;
                }
                // Once a capture-second: free what ended or went idle, keeping its report.
                tracker.evict(idleNanos, closedNanos, keepReport, connectionCapacity);
                nextSweep = reader.timestampNanos() + 1_000_000_000L;
            }
            LinkLayer.parse(parser, reader.linkType(), reader.segment(), reader.frameOffset(),
                reader.capturedLength(), reader.originalLength(), packet);
            if (packet.isMptcp())
            {
                mptcpPackets++;
            }
            if (packet.firstMalformed() != 0)
            {
                malformed++;
            }
            log.current(frame, reader.timestampNanos(), packet);
            tracker.onPacket(packet, reader.segment(), reader.frameOffset());
        }
        return !mayHaveRefused();
    }

    /** Something was refused or recycled for want of room: only asked when the tables can still grow. */
    private boolean mayHaveRefused()
    {
        final boolean canGrow = connectionCapacity < maxConnections || subflowCapacity < maxSubflows;
        return grow && canGrow && (tracker.reasonCount(Reason.TABLE_FULL) > 0 || tracker.halfOpenRecycled() > 0 ||
            tracker.connections().tokenIndexRefusals() > 0);
    }

    private static int larger(final int capacity, final int limit, final double done)
    {
        final double wanted = Math.max(2.0 * capacity, 1.25 * capacity / done);
        return (int)Math.min(limit, Math.ceil(wanted));
    }

    /**
     * @return passes over the capture the last {@link #analyze} made (more than one when tables grew).
     */
    public int passes()
    {
        return passes;
    }

    /**
     * @return connection and subflow table capacities now.
     */
    public int[] capacities()
    {
        return new int[] {connectionCapacity, subflowCapacity};
    }

    /**
     * @return the tracker, for its tables and counters.
     */
    public Tracker tracker()
    {
        return tracker;
    }

    /**
     * @return one report per connection, in the order they were seen.
     */
    public List<ConnectionReport> connections()
    {
        final ConnectionTable t = tracker.connections();
        final List<ConnectionReport> out = new ArrayList<>(evictedReports);
        for (int c = 0; c < t.capacity(); c++)
        {
            final ConnectionReport r = ConnectionReport.of(tracker, c, log);
            if (r != null)
            {
                out.add(r);
            }
        }
        out.sort(java.util.Comparator.comparingInt(ConnectionReport::order));
        return out;
    }

    /**
     * Sets when connections leave the tables (their reports are kept).
     *
     * @param idleNanos   idle timeout in capture time.
     * @param closedNanos linger after DATA_FIN, FASTCLOSE or RST.
     * @return this.
     */
    public OfflineAnalyzer evictAfter(final long idleNanos, final long closedNanos)
    {
        this.idleNanos = idleNanos;
        this.closedNanos = closedNanos;
        return this;
    }

    /**
     * @return subflows picked up mid-stream (MPTCP options, handshake not in the capture; keys unknown),
     *         in the order they were seen.
     */
    public List<SubflowView> midStreamSubflows()
    {
        final SubflowTable t = tracker.subflows();
        final List<SubflowView> out = new ArrayList<>(evictedMidStream);
        for (int i = 0; i < t.count(); i++)
        {
            if (t.inUse(i) && t.midStream(i))
            {
                out.add(SubflowView.of(tracker, i));
            }
        }
        out.sort(java.util.Comparator.comparingInt(SubflowView::order));
        return out;
    }

    /**
     * @param totals totals from {@link #analyze}.
     * @return everything the analyzer reports, as one value.
     */
    public AnalysisReport report(final Totals totals)
    {
        final java.util.Map<String, Long> reasons = new java.util.LinkedHashMap<>();
        for (final Reason r : Reason.values())
        {
            if (r != Reason.OK && tracker.reasonCount(r) > 0)
            {
                reasons.put(r.label(), tracker.reasonCount(r));
            }
        }
        return new AnalysisReport(totals, connections(), reasons, ConnectionReport.labels(log.unattached()),
            log.examples(), midStreamSubflows(), keepEvents ? log.events() : null);
    }

    /**
     * Prints the JSON report.
     *
     * @param totals totals from {@link #analyze}.
     * @param out    where to print.
     */
    public void printJson(final Totals totals, final PrintStream out)
    {
        try
        {
            new JsonReportWriter().write(report(totals), out);
        }
        catch (final IOException ex)
        {
            // PrintStream does not throw; this is only reached if Jackson's own writing fails.
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /**
     * Prints a human-readable table.
     *
     * @param totals totals from {@link #analyze}.
     * @param out    where to print.
     */
    public void printTable(final Totals totals, final PrintStream out)
    {
        TableReport.print(report(totals), out);
    }
}
