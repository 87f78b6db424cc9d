package org.mpdp.robe.esim;

/**
 * The two MPTCP option subtypes RobE_eSIM needs, from {@code robe.esim.enable-subtype} and
 * {@code robe.esim.join-cap-subtype}. The draft leaves both open. RFC 8684's registry (IANA "MPTCP Option
 * Subtypes") has 0x0-0x8 assigned and 0xf for private use; neither may be an assigned code, and they must differ.
 *
 * <p>Defaults: MP_JOIN_CAP = 0xf, the private-use code, because the option is unregistered and
 * experimental, which is what 0xf is for; ROBE_eSIM_EN = 0xe, the unassigned code farthest from where the
 * registry will grow (upwards from 0x9). A peer that does not know them ignores both: Linux's
 * {@code mptcp_parse_option} has no case for 0x9-0xf and skips the option.
 */
public final class EsimSubtypes
{
    /** Default ROBE_eSIM_EN subtype. */
    public static final int DEFAULT_ENABLE = 0xE;
    /** Default MP_JOIN_CAP subtype. */
    public static final int DEFAULT_JOIN_CAP = 0xF;
    /** Highest subtype RFC 8684 assigns (MP_TCPRST). */
    public static final int HIGHEST_ASSIGNED = 0x8;

    /** The defaults. */
    public static final EsimSubtypes DEFAULTS = new EsimSubtypes(DEFAULT_ENABLE, DEFAULT_JOIN_CAP);

    private final int enable;
    private final int joinCap;

    /**
     * @param enable  ROBE_eSIM_EN subtype, 0x9..0xf.
     * @param joinCap MP_JOIN_CAP subtype, 0x9..0xf, not {@code enable}.
     * @throws IllegalArgumentException naming the config key when a code is out of range or both are equal.
     */
    public EsimSubtypes(final int enable, final int joinCap)
    {
        check("robe.esim.enable-subtype", enable);
        check("robe.esim.join-cap-subtype", joinCap);
        if (enable == joinCap)
        {
            throw new IllegalArgumentException(
                "robe.esim.enable-subtype=" + enable + " equals robe.esim.join-cap-subtype: they must differ");
        }
        this.enable = enable;
        this.joinCap = joinCap;
    }

    private static void check(final String key, final int value)
    {
        if (value <= HIGHEST_ASSIGNED || value > 0xF)
        {
            throw new IllegalArgumentException(key + "=" + value
                + ": must be 9..15 (0x0-0x8 are assigned by RFC 8684, a subtype is 4 bits)");
        }
    }

    /**
     * Parses a subtype as written in the config: decimal or {@code 0x} hexadecimal.
     *
     * @param key   config key, for the message.
     * @param value text.
     * @return the code.
     * @throws IllegalArgumentException naming the key when it is not a number.
     */
    public static int parse(final String key, final String value)
    {
        final String v = value.trim();
        try
        {
            return v.startsWith("0x") || v.startsWith("0X") ? Integer.parseInt(v.substring(2), 16) : Integer.parseInt(v);
        }
        catch (final NumberFormatException e)
        {
            throw new IllegalArgumentException(key + "=" + value + ": not a number (decimal or 0x hex)");
        }
    }

    /**
     * Reads {@code robe.esim}: {@code enable-subtype} and {@code join-cap-subtype}, each optional.
     *
     * @param esim the mapping as read from YAML (empty: the defaults).
     * @return the subtypes.
     * @throws IllegalArgumentException naming the key.
     */
    public static EsimSubtypes of(final java.util.Map<String, Object> esim)
    {
        for (final String key : esim.keySet())
        {
            if (!key.equals("enable-subtype") && !key.equals("join-cap-subtype"))
            {
                throw new IllegalArgumentException("robe.esim." + key + ": unknown key (enable-subtype, join-cap-subtype)");
            }
        }
        final Object enable = esim.get("enable-subtype");
        final Object joinCap = esim.get("join-cap-subtype");
        return new EsimSubtypes(
            enable == null ? DEFAULT_ENABLE : parse("robe.esim.enable-subtype", String.valueOf(enable)),
            joinCap == null ? DEFAULT_JOIN_CAP : parse("robe.esim.join-cap-subtype", String.valueOf(joinCap)));
    }

    /** @return the ROBE_eSIM_EN subtype. */
    public int enable()
    {
        return enable;
    }

    /** @return the MP_JOIN_CAP subtype. */
    public int joinCap()
    {
        return joinCap;
    }

    @Override
    public String toString()
    {
        return "EsimSubtypes{enable=0x" + Integer.toHexString(enable) + ", joinCap=0x" + Integer.toHexString(joinCap)
            + "}";
    }
}
