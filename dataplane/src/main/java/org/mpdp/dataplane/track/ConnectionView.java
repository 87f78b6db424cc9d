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
 */
public record ConnectionView(int order, int version, long keyA, long keyB, int tokenA, int tokenB, long idsnA,
    long idsnB, boolean checksum, long reinjectedBytes, int hmacFailures, int checksumFailures, String end)
{
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
            t.tokenB[slot], t.idsnA[slot], t.idsnB[slot], t.checksum[slot], t.reinjectedBytes[slot],
            t.hmacFailures[slot], t.checksumFailures[slot], ENDS[t.end[slot]]);
    }
}
