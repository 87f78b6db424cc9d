package org.mpdp.dataplane.crypto;

/**
 * Result codes of the crypto checks: plain ints, so the packet path never allocates or throws.
 */
public final class CryptoResult
{
    /** The HMAC or checksum matched. */
    public static final int VALID = 0;
    /** An MP_JOIN or ADD_ADDR HMAC did not match (RFC 8684 §3.2, §3.4.1). */
    public static final int HMAC_MISMATCH = 1;
    /** A DSS checksum did not sum to 0xFFFF (RFC 8684 §3.3.1). */
    public static final int CHECKSUM_MISMATCH = 2;

    private CryptoResult()
    {
    }

    /**
     * @param result a code of this class.
     * @return its name, for logs and counters.
     */
    public static String name(final int result)
    {
        return switch (result)
        {
            case VALID -> "VALID";
            case HMAC_MISMATCH -> "HMAC_MISMATCH";
            case CHECKSUM_MISMATCH -> "CHECKSUM_MISMATCH";
            default -> "UNKNOWN(" + result + ")";
        };
    }
}
