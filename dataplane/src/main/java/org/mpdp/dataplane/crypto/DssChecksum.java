package org.mpdp.dataplane.crypto;

import java.lang.foreign.MemorySegment;

/**
 * The DSS checksum of RFC 8684 §3.3.1: the Internet checksum (RFC 1071) over a pseudo-header followed by the
 * mapped payload.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |              Data Sequence Number (8 octets, always 64-bit)   |
 *  +---------------------------------------------------------------+
 *  |              Subflow Sequence Number (4 octets, relative)     |
 *  +-------------------------------+-------------------------------+
 *  |  Data-Level Length (2 octets) |        Zero (2 octets)        |
 *  +-------------------------------+-------------------------------+
 * </pre>
 *
 * <p>"The data sequence number used in the pseudo-header is always the 64-bit value, irrespective of what
 * length is used in the DSS option itself." The receiver sums the pseudo-header with the received checksum in
 * place of the zero field plus the payload; a correct mapping sums to 0xFFFF. Nothing here allocates.
 */
public final class DssChecksum
{
    /** Bytes of the pseudo-header. */
    public static final int PSEUDO_HEADER_LENGTH = 16;

    private static final int ALL_ONES = 0xFFFF;

    private DssChecksum()
    {
    }

    /**
     * @param dsn      64-bit data sequence number of the mapping.
     * @param ssn      relative subflow sequence number.
     * @param dll      data-level length.
     * @param checksum the checksum field: 0 to compute, the received value to verify.
     * @return the folded one's-complement sum of the pseudo-header.
     */
    public static int pseudoHeaderSum(final long dsn, final int ssn, final int dll, final int checksum)
    {
        final long sum = (dsn >>> 48) + ((dsn >>> 32) & 0xFFFF) + ((dsn >>> 16) & 0xFFFF) + (dsn & 0xFFFF) +
            (ssn >>> 16) + (ssn & 0xFFFF) + (dll & 0xFFFF) + (checksum & 0xFFFF);
        return InternetChecksum.fold(sum);
    }

    /**
     * The checksum to send for a mapping (Vector API payload sum).
     *
     * @param dsn     64-bit DSN.
     * @param ssn     relative SSN.
     * @param dll     data-level length.
     * @param payload bytes holding the mapped payload.
     * @param offset  byte offset of its first byte.
     * @param length  payload bytes.
     * @return the checksum field value, 0..0xFFFF.
     */
    public static int compute(final long dsn, final int ssn, final int dll, final MemorySegment payload,
        final long offset, final int length)
    {
        return checksum(dsn, ssn, dll, InternetChecksum.sum(payload, offset, length));
    }

    /**
     * As {@link #compute}, with the scalar oracle.
     *
     * @param dsn     64-bit DSN.
     * @param ssn     relative SSN.
     * @param dll     data-level length.
     * @param payload bytes holding the mapped payload.
     * @param offset  byte offset of its first byte.
     * @param length  payload bytes.
     * @return the checksum field value, 0..0xFFFF.
     */
    public static int computeScalar(final long dsn, final int ssn, final int dll, final MemorySegment payload,
        final long offset, final int length)
    {
        return checksum(dsn, ssn, dll, InternetChecksum.sumScalar(payload, offset, length));
    }

    /**
     * The checksum to send from an already summed payload (e.g. a mapping over several segments, combined with
     * {@link InternetChecksum#combine}).
     *
     * @param dsn        64-bit DSN.
     * @param ssn        relative SSN.
     * @param dll        data-level length.
     * @param payloadSum folded sum of the whole mapped payload.
     * @return the checksum field value.
     */
    public static int checksum(final long dsn, final int ssn, final int dll, final int payloadSum)
    {
        return InternetChecksum.complement(
            InternetChecksum.fold((long)pseudoHeaderSum(dsn, ssn, dll, 0) + payloadSum));
    }

    /**
     * Verifies a received mapping's checksum (RFC 8684 §3.3.1).
     *
     * @param dsn      64-bit DSN (expanded from a 32-bit DSN if need be).
     * @param ssn      relative SSN.
     * @param dll      data-level length.
     * @param checksum the received checksum.
     * @param payload  bytes holding the mapped payload.
     * @param offset   byte offset of its first byte.
     * @param length   payload bytes.
     * @return {@link CryptoResult#VALID} or {@link CryptoResult#CHECKSUM_MISMATCH}.
     */
    public static int verify(final long dsn, final int ssn, final int dll, final int checksum,
        final MemorySegment payload, final long offset, final int length)
    {
        return verify(dsn, ssn, dll, checksum, InternetChecksum.sum(payload, offset, length));
    }

    /**
     * Verifies a received mapping's checksum from an already summed payload.
     *
     * @param dsn        64-bit DSN.
     * @param ssn        relative SSN.
     * @param dll        data-level length.
     * @param checksum   the received checksum.
     * @param payloadSum folded sum of the whole mapped payload.
     * @return {@link CryptoResult#VALID} or {@link CryptoResult#CHECKSUM_MISMATCH}.
     */
    public static int verify(final long dsn, final int ssn, final int dll, final int checksum, final int payloadSum)
    {
        final int total = InternetChecksum.fold((long)pseudoHeaderSum(dsn, ssn, dll, checksum) + payloadSum);
        return total == ALL_ONES ? CryptoResult.VALID : CryptoResult.CHECKSUM_MISMATCH;
    }
}
