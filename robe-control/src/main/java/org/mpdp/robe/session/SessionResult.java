package org.mpdp.robe.session;

import java.util.Locale;

import org.mpdp.robe.mode.Mode;

/**
 * One row of {@code mpdp robe connect --csv}.
 *
 * @param index          session number.
 * @param mode           its mode.
 * @param outcome        {@code ok}, {@code failed} or {@code data-error}.
 * @param establishNanos first SYN sent to MP_CAPABLE third ACK sent, or -1.
 * @param multipathNanos first SYN sent to every path having an established subflow, or -1.
 * @param initialPath    path index of the winning subflow, or -1.
 * @param pathsUp        paths that had an established subflow.
 * @param bytesEchoed    echo bytes received in order.
 * @param rstsSent       RSTs sent.
 * @param synsSent       SYNs sent.
 * @param startedAt      when its first SYN went (the control thread's clock, ns).
 */
public record SessionResult(int index, Mode mode, String outcome, long establishNanos, long multipathNanos,
    int initialPath, int pathsUp, int bytesEchoed, int rstsSent, int synsSent, long startedAt)
{
    /** The CSV header. */
    public static final String HEADER =
        "index,mode,outcome,establish_ms,multipath_ms,initial_path,paths_up,bytes_echoed,rsts_sent,syns_sent,start_ms";

    /**
     * @param origin the clock value start_ms counts from (the first measured session's start).
     * @return the CSV row.
     */
    public String csv(final long origin)
    {
        return index + "," + mode.text() + "," + outcome + "," + ms(establishNanos) + "," + ms(multipathNanos) + "," +
            (initialPath < 0 ? "" : Integer.toString(initialPath)) + "," + pathsUp + "," + bytesEchoed + "," +
            rstsSent + "," + synsSent + "," + ms(startedAt - origin);
    }

    private static String ms(final long nanos)
    {
        return nanos < 0 ? "" : String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }
}
