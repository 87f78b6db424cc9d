package org.mpdp.dataplane.analyze;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mpdp.dataplane.track.ConnectionView;
import org.mpdp.dataplane.track.Reason;
import org.mpdp.dataplane.track.SubflowView;
import org.mpdp.dataplane.track.Tracker;

/**
 * One connection as the analyzer reports it (built after tracking; allocation is fine here).
 *
 * @param order            position in the capture (0-based).
 * @param version          MPTCP version.
 * @param clientKey        Key-A.
 * @param serverKey        Key-B.
 * @param clientToken      token of Key-A.
 * @param serverToken      token of Key-B.
 * @param clientIdsn       IDSN of Key-A.
 * @param serverIdsn       IDSN of Key-B.
 * @param checksum         DSS checksums negotiated.
 * @param subflows         subflows, initial first.
 * @param toServer         data-level bytes client to server.
 * @param toClient         data-level bytes server to client.
 * @param reinjected       data-level bytes mapped more than once.
 * @param hmacFailures     MP_JOIN and ADD_ADDR HMACs that failed.
 * @param checksumFailures DSS checksums that failed.
 * @param end              data_fin, fastclose, rst or open.
 * @param mappingAnomalies missing, inconsistent or out-of-window DSS mappings.
 * @param fallback         fell back to TCP.
 * @param announced        ADD_ADDR addresses per side.
 * @param flags            what was seen on it (key_mismatch, addr_id_reused, add_addr_bad_hmac, add_addr_no_hmac,
 *                         fastclose_bad_key).
 * @param reasons          packets of the connection per verdict reason (label to count).
 */
public record ConnectionReport(int order, int version, long clientKey, long serverKey, int clientToken,
    int serverToken, long clientIdsn, long serverIdsn, boolean checksum, List<SubflowView> subflows, long toServer,
    long toClient, long reinjected, int hmacFailures, int checksumFailures, String end, int mappingAnomalies,
    boolean fallback, List<String> announced, List<String> flags, Map<String, Long> reasons)
{
    static ConnectionReport of(final Tracker tracker, final int slot)
    {
        return of(tracker, slot, null);
    }

    /**
     * @param log what the tracker flagged, for the connection's reason counts (null for none).
     */
    public static ConnectionReport of(final Tracker tracker, final int slot, final FlagLog log)
    {
        final ConnectionView v = ConnectionView.of(tracker, slot);
        if (v == null)
        {
            return null;
        }
        final List<SubflowView> subflows = new ArrayList<>(SubflowView.ofConnection(tracker, slot));
        return new ConnectionReport(v.order(), v.version(), v.keyA(), v.keyB(), v.tokenA(), v.tokenB(), v.idsnA(),
            v.idsnB(), v.checksum(), subflows, tracker.dataBytes(slot, 0), tracker.dataBytes(slot, 1),
            v.reinjectedBytes(), v.hmacFailures(), v.checksumFailures(), v.end(), v.mappingAnomalies(), v.fallback(),
            v.announced(), v.flags(), log == null ? Map.of() : labels(log.reasons(v.order())));
    }

    /** Reason counts keyed by label, in the reasons' order. */
    public static Map<String, Long> labels(final Map<Reason, Long> counts)
    {
        final Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((r, n) -> out.put(r.label(), n));
        return out;
    }
}
