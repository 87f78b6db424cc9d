package org.mpdp.dataplane.analyze;

import java.util.List;
import java.util.Map;

import org.mpdp.dataplane.track.SubflowView;

/**
 * Everything {@code mpdp analyze} reports about a capture, for the table and the JSON writer.
 *
 * @param totals      packet totals.
 * @param connections connections in capture order.
 * @param reasons     packets per verdict reason over the whole capture (label to count, non-zero only; a
 *                    packet with several reasons counts under each).
 * @param unattached  packets that belong to no connection, per reason.
 * @param examples    up to {@link FlagLog#EXAMPLES_PER_REASON} such packets per reason.
 * @param midStream   subflows picked up mid-stream (handshake not in the capture, keys unknown).
 * @param events      one entry per flagged packet, or null when not asked for.
 */
public record AnalysisReport(OfflineAnalyzer.Totals totals, List<ConnectionReport> connections,
    Map<String, Long> reasons, Map<String, Long> unattached, List<FlagLog.Example> examples,
    List<SubflowView> midStream, List<FlagLog.Event> events)
{
}
