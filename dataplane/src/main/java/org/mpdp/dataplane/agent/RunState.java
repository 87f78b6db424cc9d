package org.mpdp.dataplane.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.agrona.concurrent.status.AtomicCounter;
import org.mpdp.dataplane.config.RunConfig;
import org.mpdp.dataplane.counters.CounterType;
import org.mpdp.dataplane.counters.Counters;
import org.mpdp.dataplane.counters.CountersFileDescriptor;
import org.mpdp.dataplane.steer.OwnerDirectory;
import org.mpdp.dataplane.track.Action;
import org.mpdp.dataplane.track.Reason;
import org.mpdp.dataplane.track.SnapshotException;
import org.mpdp.dataplane.track.Tracker;
import org.mpdp.dataplane.track.TrackerSnapshot;
import org.mpdp.dataplane.track.VerdictPolicy;

/**
 * The workers' connection state across a restart (README "State across restarts"): the snapshot loaded
 * before the packet threads start (each connection into the worker that owns its packets under the
 * steering rules: the keyed hash of its initial subflow; tokens and join 4-tuples published as the
 * restore indexes them), the {@code state.unknown} policy, the snapshot written after the threads stop,
 * and the connection view {@code mpdp stat --connections} asks for while they run. Never on the packet
 * path.
 */
public final class RunState
{
    private final RunConfig.State config;
    private final VerdictPolicy configured;
    private final List<WorkerAgent> workers;
    private final OwnerDirectory directory;
    private final AtomicCounter rejected;
    private final AtomicCounter connections;
    private final AtomicCounter subflows;
    private final AtomicCounter refused;
    private final AtomicCounter written;
    private long viewSequence;

    RunState(final RunConfig config, final List<WorkerAgent> workers, final OwnerDirectory directory,
        final Counters counters)
    {
        this.config = config.state();
        configured = config.verdictPolicy();
        this.workers = workers;
        this.directory = directory;
        final int none = CountersFileDescriptor.NULL_KEY;
        rejected = counters.newCounter(CounterType.PROCESS, none, none, "snapshot-rejected",
            "state snapshot rejected (corrupt, truncated, other version)");
        connections = counters.newCounter(CounterType.PROCESS, none, none, "snapshot-connections",
            "state connections restored from the snapshot");
        subflows = counters.newCounter(CounterType.PROCESS, none, none, "snapshot-subflows",
            "state subflows restored from the snapshot");
        refused = counters.newCounter(CounterType.PROCESS, none, none, "snapshot-refused",
            "state snapshot groups that did not fit the tables");
        written = counters.newCounter(CounterType.PROCESS, none, none, "snapshot-written",
            "state connections written to the snapshot at stop");
    }

    /**
     * Loads the snapshot (if there is one) and sets each tracker's policy for traffic it holds no state
     * for. A loaded file is renamed to {@code PATH.loaded}, a rejected one to {@code PATH.rejected}, so a
     * later crash never brings back state older than the run that followed it. {@code PATH.running} marks
     * a run in progress (deleted once its snapshot is written): found at start without a valid snapshot, it
     * says the last run did not stop cleanly, and fail-open's grace window opens.
     *
     * @param path the snapshot, or null for none.
     * @return lines for the user.
     */
    public List<String> restore(final Path path)
    {
        final List<String> lines = new ArrayList<>();
        boolean loaded = false;
        boolean lost = false;
        if (path != null && Files.exists(path))
        {
            try
            {
                final TrackerSnapshot.Loaded snapshot = TrackerSnapshot.read(path);
                final Tracker[] trackers = new Tracker[workers.size()];
                for (int w = 0; w < trackers.length; w++)
                {
                    trackers[w] = workers.get(w).tracker();
                }
                final TrackerSnapshot.Restored r = snapshot.restore(trackers, (v, ch, cl, cp, sh, sl, sp) ->
                    directory.hashOwner(directory.subflowKey(v, ch, cl, cp, sh, sl, sp)), System.nanoTime());
                connections.setRelease(r.connections());
                subflows.setRelease(r.subflows());
                refused.setRelease(r.refused());
                loaded = true;
                lines.add(String.format(Locale.ROOT, "state: loaded %s (written %.1f s ago): %d connection(s), " +
                    "%d subflow(s) over %d worker(s)%s", path, (System.currentTimeMillis() -
                    snapshot.writtenAtMillis()) / 1e3, r.connections(), r.subflows(), trackers.length,
                    r.refused() == 0 ? "" : ", " + r.refused() + " did not fit the tables"));
                move(path, ".loaded");
            }
            catch (final SnapshotException ex)
            {
                rejected.incrementRelease();
                lost = true;
                lines.add("WARNING state: snapshot " + path + " ignored: " + ex.getMessage() + " (kept as " +
                    path.getFileName() + ".rejected)");
                move(path, ".rejected");
            }
            catch (final IOException ex)
            {
                rejected.incrementRelease();
                lost = true;
                lines.add("WARNING state: snapshot " + path + " ignored: " + ex);
            }
        }
        final Path marker = path == null ? null : running(path);
        final boolean unclean = marker != null && Files.exists(marker);
        if (config.failClosed())
        {
            final VerdictPolicy closed = copy();
            RunConfig.State.UNKNOWN.forEach(r -> closed.set(r, Action.DROP));
            workers.forEach(w -> w.tracker().policy(closed));
            lines.add("state: fail-closed: " + labels() + " dropped");
        }
        else if (!loaded && (unclean || lost))
        {
            final VerdictPolicy open = copy();
            RunConfig.State.UNKNOWN.forEach(r -> open.set(r, Action.FLAG));
            final long end = System.nanoTime() + config.graceNanos();
            workers.forEach(w -> w.state().grace(open, configured, end));
            lines.add(String.format(Locale.ROOT, "state: %s: fail-open for %.0f s (%s forwarded and flagged, then " +
                "policy.*)", lost ? "no valid snapshot" : "the last run did not stop cleanly (" + marker + ")",
                config.graceNanos() / 1e9, labels()));
        }
        else if (!loaded)
        {
            lines.add("state: no snapshot" + (path == null ? " configured" : " at " + path + " (a first start)"));
        }
        if (marker != null)
        {
            try
            {
                Files.writeString(marker, ProcessHandle.current().pid() + "\n");
            }
            catch (final IOException ex)
            {
                lines.add("WARNING state: cannot write " + marker + ": " + ex);
            }
        }
        return lines;
    }

    private static Path running(final Path snapshot)
    {
        return snapshot.resolveSibling(snapshot.getFileName() + ".running");
    }

    private static String labels()
    {
        final StringBuilder sb = new StringBuilder();
        RunConfig.State.UNKNOWN.forEach(r -> sb.append(sb.isEmpty() ? "" : ", ").append(r.label()));
        return sb.toString();
    }

    private VerdictPolicy copy()
    {
        final VerdictPolicy p = VerdictPolicy.defaults();
        for (final Reason r : Reason.values())
        {
            p.set(r, configured.action(r));
        }
        return p;
    }

    private static void move(final Path path, final String suffix)
    {
        try
        {
            Files.move(path, path.resolveSibling(path.getFileName() + suffix), StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            System.err.println("mpdp run: state: cannot rename " + path + ": " + ex);
        }
    }

    /**
     * Writes every worker's state; after the worker threads have stopped.
     *
     * @param path the snapshot file.
     * @return a line for the user.
     * @throws IOException when it cannot be written.
     */
    public String save(final Path path) throws IOException
    {
        final List<TrackerSnapshot.Body> bodies = new ArrayList<>();
        int c = 0;
        int s = 0;
        for (final WorkerAgent w : workers)
        {
            final TrackerSnapshot.Body b = TrackerSnapshot.encode(w.tracker());
            bodies.add(b);
            c += b.connections();
            s += b.subflows();
        }
        TrackerSnapshot.write(path, bodies);
        written.setRelease(c);
        // Written: this run stopped cleanly (an older marker, e.g. of --snapshot elsewhere, is left alone).
        Files.deleteIfExists(running(path));
        return "state: " + c + " connection(s), " + s + " subflow(s) written to " + path;
    }

    /**
     * Asks every running worker for its connections and writes them to {@code path} (the snapshot format).
     *
     * @param path          where.
     * @param timeoutMillis longest to wait for the workers.
     * @return whether every worker answered in time (nothing is written otherwise).
     * @throws IOException when it cannot be written.
     */
    public boolean writeView(final Path path, final long timeoutMillis) throws IOException
    {
        final long sequence = ++viewSequence;
        workers.forEach(w -> w.state().requestView(sequence));
        final long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        final List<TrackerSnapshot.Body> bodies = new ArrayList<>();
        for (final WorkerAgent w : workers)
        {
            TrackerSnapshot.Body b;
            while ((b = w.state().view(sequence)) == null)
            {
                if (System.nanoTime() > deadline)
                {
                    return false;
                }
                try
                {
                    Thread.sleep(1);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            bodies.add(b);
        }
        TrackerSnapshot.write(path, bodies);
        return true;
    }

    void close()
    {
        rejected.close();
        connections.close();
        subflows.close();
        refused.close();
        written.close();
    }
}
