package org.mpdp.dataplane.track;

/**
 * A copy of one connection's row, for reports (not for the packet path).
 *
 * @param order            creation order.
 * @param version          MPTCP version.
 * @param keyA             client key.
 * @param keyB             server key.
 * @param tokenA           client token.
 * @param tokenB           server token.
 * @param idsnA            client IDSN.
 * @param idsnB            server IDSN.
 * @param checksum         checksums negotiated.
 * @param reinjectedBytes  bytes mapped again.
 * @param hmacFailures     HMAC failures.
 * @param checksumFailures checksum failures.
 * @param end              how it ended.
 * @param mappingAnomalies missing, inconsistent or out-of-window mappings.
 * @param fallback         fell back to TCP (MP_FAIL or infinite mapping).
 * @param announced        addresses announced by ADD_ADDR, "client|server id address[:port][ removed]".
 * @param flags            what was seen on it: key_mismatch (third ACK echoed other keys), addr_id_reused,
 *                         add_addr_bad_hmac, add_addr_no_hmac, fastclose_bad_key.
 */
public record ConnectionView(int order, int version, long keyA, long keyB, int tokenA, int tokenB, long idsnA,
    long idsnB, boolean checksum, long reinjectedBytes, int hmacFailures, int checksumFailures, String end,
    int mappingAnomalies, boolean fallback, java.util.List<String> announced, java.util.List<String> flags)
{
    private static final String[] FLAGS = {"key_mismatch", "addr_id_reused", "add_addr_bad_hmac", "add_addr_no_hmac",
        "fastclose_bad_key"};

    private static final String[] ENDS = {"open", "data_fin", "fastclose", "rst"};

    /**
     * @param tracker the tracker.
     * @param slot    connection slot.
     * @return the row, or null when the slot is free.
     */
    public static ConnectionView of(final Tracker tracker, final int slot)
    {
        final ConnectionTable t = tracker.connections();
        if (!t.inUse[slot])
        {
            return null;
        }
        return new ConnectionView(t.order[slot], t.version[slot], t.keyA[slot], t.keyB[slot], t.tokenA[slot],
            t.tokenB[slot], t.idsnA[slot], t.idsnB[slot], t.checksum(slot), t.reinjectedBytes(slot),
            t.hmacFailures[slot], t.checksumFailures[slot], ENDS[t.end[slot]], t.mappingAnomalies[slot],
            t.fallback(slot), announced(t, slot), flags(t.flags[slot]));
    }

    private static java.util.List<String> flags(final int bits)
    {
        final java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < FLAGS.length; i++)
        {
            if ((bits & 1 << i) != 0)
            {
                out.add(FLAGS[i]);
            }
        }
        return out;
    }

    private static java.util.List<String> announced(final ConnectionTable t, final int slot)
    {
        final java.util.List<String> out = new java.util.ArrayList<>();
        for (int side = 0; side < 2; side++)
        {
            final int d = 2 * slot + side;
            for (int i = 0; i < t.addressCount[d]; i++)
            {
                final int k = d * ConnectionTable.ADDRESSES + i;
                out.add((side == 0 ? "client" : "server") + " id " + t.addressId[k] + " " +
                    SubflowView.format(t.addressVersion[k], t.addressHigh[k], t.addressLow[k], t.addressPort[k]) +
                    (t.addressRemoved[k] ? " removed" : ""));
            }
        }
        return out;
    }
}
