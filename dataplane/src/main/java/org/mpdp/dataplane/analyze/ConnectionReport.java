package org.mpdp.dataplane.analyze;

import java.util.ArrayList;
import java.util.List;

import org.mpdp.dataplane.track.ConnectionView;
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
 */
public record ConnectionReport(int order, int version, long clientKey, long serverKey, int clientToken,
    int serverToken, long clientIdsn, long serverIdsn, boolean checksum, List<SubflowView> subflows, long toServer,
    long toClient, long reinjected, int hmacFailures, int checksumFailures, String end, int mappingAnomalies,
    boolean fallback, List<String> announced)
{
    static ConnectionReport of(final Tracker tracker, final int slot)
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
            v.announced());
    }
}
