package org.mpdp.dataplane.telemetry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.agrona.concurrent.status.CountersReader;
import org.mpdp.dataplane.counters.CounterRecord;
import org.mpdp.dataplane.counters.CountersFileReader;
import org.mpdp.dpdk.Telemetry;
import org.mpdp.dpdk.TelemetryData;

/**
 * mpdp's counters on DPDK's telemetry socket, beside {@code /ethdev/stats}:
 * <pre>
 *   /mpdp/counters                   every counter, {"port_queue/0/0/rx": 123, ...} (keys: {@link CounterKeys})
 *   /mpdp/counters,TYPE[,FIRST]      one counter type (port_queue, port, ring, worker, reason, table, crypto,
 *                                    process, other), optionally one first key (port, ring, worker, ...)
 *   /mpdp/info                       pid, start time, uptime, version, counters
 * </pre>
 * A reply holds at most {@link Telemetry#MAX_DICT_ENTRIES} entries and {@link Telemetry#MAX_REPLY_LENGTH} bytes;
 * counters beyond that are left out, in id order, and the reply ends with {@code "truncated": <how many>}, so a
 * client knows to filter. An unknown TYPE or a FIRST that is not an int gives -EINVAL ({@code null} reply).
 *
 * <p>The handlers run on DPDK's telemetry threads (see {@link Telemetry}): they only read the counters with
 * volatile loads through {@link CountersReader}, which takes no lock, so the packet path never waits for them.
 * Each reply allocates (a list of records, strings); that is on the telemetry thread, never on the packet path.
 */
public final class MpdpTelemetry
{
    /** The version {@code /mpdp/info} reports, and {@code mpdp --version}. */
    public static final String MPDP_VERSION = "0.1.0";
    public static final String COUNTERS_COMMAND = "/mpdp/counters";
    public static final String INFO_COMMAND = "/mpdp/info";
    /** Key of the entry saying how many counters a reply left out. */
    public static final String TRUNCATED_KEY = "truncated";
    /**
     * JSON bytes a counters dict may take: the reply buffer less the {@code {"<command>":...}} wrapper (at most
     * 55 + 5 bytes) and the truncation entry, with room to spare.
     */
    static final int DICT_JSON_BUDGET = Telemetry.MAX_REPLY_LENGTH - 128;

    private static volatile CountersReader registered;

    private MpdpTelemetry()
    {
    }

    /**
     * Registers {@code /mpdp/counters} and {@code /mpdp/info}. Call once per process, after EAL started with
     * telemetry on ({@code EalOptions.withTelemetry(true)}), and after the counters exist (counters allocated
     * later are listed too: each request reads the reader afresh).
     *
     * @param reader the counters to publish, e.g. {@code Counters.reader()} or {@code CountersFile.counters().reader()}.
     * @throws IllegalStateException when called a second time.
     * @throws org.mpdp.dpdk.DpdkException when DPDK refuses a command (e.g. EAL not started).
     */
    public static synchronized void register(final CountersReader reader)
    {
        Objects.requireNonNull(reader, "reader");
        if (registered != null)
        {
            throw new IllegalStateException("MpdpTelemetry.register was already called: DPDK telemetry commands " +
                "cannot be unregistered, so register once per process");
        }
        Telemetry.register(COUNTERS_COMMAND, "Counters as a dict. Params: TYPE[,FIRST_KEY], TYPE one of " +
            CounterKeys.tokens(), (command, params, out) -> counters(reader, params, out));
        Telemetry.register(INFO_COMMAND, "mpdp process: pid, start time, uptime, version, counters",
            (command, params, out) -> info(reader, out));
        registered = reader;
    }

    /**
     * Fills a counters reply (see the class comment).
     */
    static int counters(final CountersReader reader, final String params, final TelemetryData out)
    {
        int typeId = -1;
        long firstKey = Long.MIN_VALUE;
        if (params != null && !params.isEmpty())
        {
            final String[] parts = params.split(",", -1);
            typeId = CounterKeys.typeIdOf(parts[0].trim());
            if (typeId < 0 || parts.length > 2)
            {
                return -Telemetry.EINVAL;
            }
            if (parts.length == 2)
            {
                try
                {
                    firstKey = Integer.parseInt(parts[1].trim());
                }
                catch (final NumberFormatException ex)
                {
                    return -Telemetry.EINVAL;
                }
            }
        }
        final int rc = out.startDict();
        if (rc < 0)
        {
            return rc;
        }
        final List<CounterRecord> records = CountersFileReader.snapshot(reader);
        final CounterKeys keys = new CounterKeys();
        long omitted = 0;
        for (final CounterRecord r : records)
        {
            if ((typeId >= 0 && r.typeId() != typeId) || (firstKey != Long.MIN_VALUE && r.firstKey() != firstKey))
            {
                continue;
            }
            final String key = keys.unique(r);
            // Counters only grow from 0; a negative value (a bug elsewhere) is shown as 0, not as 2^64 - x.
            final long value = Math.max(0, r.value());
            if (omitted > 0 || out.entries() >= Telemetry.MAX_DICT_ENTRIES - 1 ||
                out.jsonLength() + TelemetryData.u64EntryLength(key, value) > DICT_JSON_BUDGET)
            {
                omitted++;
                continue;
            }
            final int added = out.addU64(key, value);
            if (added < 0)
            {
                return added;
            }
        }
        if (omitted > 0)
        {
            final int added = out.addU64(TRUNCATED_KEY, omitted);
            return Math.min(added, 0);
        }
        return 0;
    }

    static int info(final CountersReader reader, final TelemetryData out)
    {
        final ProcessHandle self = ProcessHandle.current();
        final long startMs = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        final long nowMs = System.currentTimeMillis();
        final int[] count = new int[1];
        reader.forEach((id, label) -> count[0]++);
        int rc = out.startDict();
        rc = Math.min(rc, out.addU64("pid", self.pid()));
        rc = Math.min(rc, out.addU64("start_time_ms", startMs));
        rc = Math.min(rc, out.addString("start_time", Instant.ofEpochMilli(startMs).toString()));
        rc = Math.min(rc, out.addU64("uptime_ms", Math.max(0, nowMs - startMs)));
        rc = Math.min(rc, out.addString("version", MPDP_VERSION));
        rc = Math.min(rc, out.addString("java", Runtime.version().toString()));
        rc = Math.min(rc, out.addU64("counters", count[0]));
        rc = Math.min(rc, out.addU64("max_counters", reader.maxCounterId() + 1L));
        rc = Math.min(rc, out.addU64("telemetry_failures", Telemetry.failures()));
        return Math.min(rc, 0);
    }
}
