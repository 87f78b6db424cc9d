package org.mpdp.dataplane.track;

/**
 * 64-bit data sequence arithmetic (RFC 8684 3.3.1): DSNs and DATA_ACKs may travel as their low 32
 * bits, and are expanded against a 64-bit reference the way Linux's __mptcp_expand_seq does.
 */
public final class DataSequence
{
    private DataSequence()
    {
    }

    /**
     * @param a 32-bit sequence number.
     * @param b 32-bit sequence number.
     * @return whether a comes before b, modulo 2^32 (RFC 1982 style).
     */
    public static boolean before32(final int a, final int b)
    {
        return a - b < 0;
    }

    /**
     * Expands a 32-bit value to 64 bits next to a reference: the candidate in the reference's 2^32
     * window, moved one window forward if the low half wrapped forward, or back if it wrapped back.
     *
     * @param reference 64-bit reference (the receiver's ack_seq for DSNs, snd_una for DATA_ACKs).
     * @param value32   the 32-bit value from the wire.
     * @return the 64-bit value.
     */
    public static long expand(final long reference, final int value32)
    {
        final int old32 = (int)reference;
        final long candidate = (reference & 0xFFFFFFFF_00000000L) + Integer.toUnsignedLong(value32);
        if (Integer.compareUnsigned(value32, old32) < 0 && before32(old32, value32))
        {
            return candidate + (1L << 32);
        }
        if (Integer.compareUnsigned(value32, old32) > 0 && before32(value32, old32))
        {
            return candidate - (1L << 32);
        }
        return candidate;
    }
}
