package org.mpdp.robe.esim;

/**
 * CRC-16/CCITT-FALSE (also catalogued as CRC-16/IBM-3740): polynomial 0x1021, initial value 0xFFFF, no
 * reflection of input or output, no final XOR; check value over ASCII {@code "123456789"} is 0x29B1.
 * The RobE draft's Key-B fast hash is {@code crc16(Key-B) & 0x3FF} without naming the variant; this is the
 * one mpdp uses, computed over the eight bytes of Key-B in network byte order, exactly as the key is
 * carried in the SYN/ACK's MP_CAPABLE option (RFC 8684 §3.1).
 *
 * <p>Table driven, one byte per step; nothing is allocated after class initialisation.
 */
public final class Crc16
{
    /** The published check value of this variant over ASCII {@code "123456789"}. */
    public static final int CHECK = 0x29B1;
    /** Bits of the fast hash. */
    public static final int FAST_HASH_BITS = 10;
    /** Mask of the fast hash: {@code crc16(Key-B) & FAST_HASH_MASK}. */
    public static final int FAST_HASH_MASK = (1 << FAST_HASH_BITS) - 1;

    private static final int POLY = 0x1021;
    private static final int INIT = 0xFFFF;
    private static final char[] TABLE = new char[256];

    static
    {
        for (int i = 0; i < 256; i++)
        {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ POLY : crc << 1;
            }
            TABLE[i] = (char)(crc & 0xFFFF);
        }
    }

    private Crc16()
    {
    }

    private static int step(final int crc, final int b)
    {
        return ((crc << 8) ^ TABLE[((crc >>> 8) ^ b) & 0xFF]) & 0xFFFF;
    }

    /**
     * CRC over a byte range.
     *
     * @param bytes  input.
     * @param offset first byte.
     * @param length bytes to take.
     * @return the 16-bit CRC.
     */
    public static int crc16(final byte[] bytes, final int offset, final int length)
    {
        int crc = INIT;
        for (int i = offset; i < offset + length; i++)
        {
            crc = step(crc, bytes[i]);
        }
        return crc;
    }

    /**
     * CRC over the eight bytes of {@code value}, most significant first (a key as on the wire).
     *
     * @param value a 64-bit key.
     * @return the 16-bit CRC.
     */
    public static int crc16(final long value)
    {
        int crc = INIT;
        for (int shift = 56; shift >= 0; shift -= 8)
        {
            crc = step(crc, (int)(value >>> shift));
        }
        return crc;
    }

    /**
     * The draft's Key-B fast hash.
     *
     * @param keyB the responder's key of the connection's initial flow.
     * @return {@code crc16(Key-B) & 0x3FF}.
     */
    public static int fastHash(final long keyB)
    {
        return crc16(keyB) & FAST_HASH_MASK;
    }
}
