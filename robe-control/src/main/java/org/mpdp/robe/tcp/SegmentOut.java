package org.mpdp.robe.tcp;

import org.mpdp.robe.net.Options;

/** Turns a subflow's segment into a frame on the subflow's path (addresses, next-hop MAC, checksums). */
public interface SegmentOut
{
    /**
     * @param subflow the sender (its path, addresses and ports).
     * @param flags   TCP flags.
     * @param seq     sequence number.
     * @param ack     acknowledgment number.
     * @param options padded options.
     * @param payload payload source, or null.
     * @param offset  first payload byte.
     * @param length  payload bytes.
     */
    void send(Subflow subflow, int flags, int seq, int ack, Options options, byte[] payload, int offset, int length);
}
