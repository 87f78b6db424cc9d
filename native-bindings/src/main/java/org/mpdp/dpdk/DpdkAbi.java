package org.mpdp.dpdk;

import org.mpdp.dpdk.ffi.shim_h;

/**
 * The DPDK release the bindings run against, read once from the shim (which is compiled against the
 * installed DPDK headers and links that DPDK's libraries, so it names the ABI in this process).
 *
 * <p>The Java side keeps one source for every supported release: the struct layouts and constants it
 * reads are the same in each, which LayoutProbeTest checks against 22.11 and DebianAbiProbeIT against
 * trixie's 24.11. A release outside {@link #SUPPORTED} is refused at start with a clear error rather
 * than trusted with memory it may lay out differently.
 */
public final class DpdkAbi
{
    /** Releases whose layouts the probe has checked, as YYMM. */
    private static final int[] SUPPORTED = {2211, 2411};

    private static volatile DpdkAbi current;

    private final int release;

    private DpdkAbi(final int release)
    {
        this.release = release;
    }

    /**
     * @return the release of the DPDK the shim was built against.
     */
    public static DpdkAbi current()
    {
        DpdkAbi abi = current;
        if (abi == null)
        {
            abi = new DpdkAbi(shim_h.mpdp_dpdk_release());
            current = abi;
        }
        return abi;
    }

    /**
     * @param release a release as YYMM.
     * @return whether its layouts are probe-checked.
     */
    public static boolean isSupported(final int release)
    {
        for (final int r : SUPPORTED)
        {
            if (r == release)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Throws unless this release is supported.
     *
     * @throws DpdkException naming the release found and the supported ones.
     */
    public void check()
    {
        check(release);
    }

    static void check(final int release)
    {
        if (!isSupported(release))
        {
            throw new DpdkException("DPDK " + version(release) + " is not a supported ABI (supported: 22.11, " +
                "24.11): the bindings' struct layouts are checked only against those; build mpdp against one " +
                "of them, or add this release's layouts and pass the layout probe (LayoutProbeTest) first");
        }
    }

    /**
     * @return the release as YYMM, e.g. 2211.
     */
    public int release()
    {
        return release;
    }

    /**
     * @return the release as DPDK spells it, e.g. "22.11".
     */
    public String version()
    {
        return version(release);
    }

    private static String version(final int release)
    {
        return String.format("%02d.%02d", release / 100, release % 100);
    }
}
