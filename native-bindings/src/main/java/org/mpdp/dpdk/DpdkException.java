package org.mpdp.dpdk;

import java.lang.foreign.MemorySegment;

import org.mpdp.dpdk.ffi.dpdk_h;

/**
 * A DPDK call failed outside the packet path. The message names the call, its arguments and DPDK's
 * own text for the error (rte_strerror), e.g. {@code rte_eth_dev_configure(port=1, rxq=4) failed: -22 (Invalid argument)}.
 */
public final class DpdkException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int errorCode;

    /**
     * @param message   what was being done, with name=value details.
     * @param errorCode a positive errno or rte_errno value, or 0 when there is none.
     */
    public DpdkException(final String message, final int errorCode)
    {
        super(message);
        this.errorCode = errorCode;
    }

    /**
     * @param message what was being done.
     */
    public DpdkException(final String message)
    {
        this(message, 0);
    }

    /**
     * @return the positive errno or rte_errno value behind this failure, or 0.
     */
    public int errorCode()
    {
        return errorCode;
    }

    /**
     * Throws when a DPDK call that returns a negative errno failed.
     *
     * @param rc   the call's return value.
     * @param call the call with its arguments, e.g. {@code "rte_eth_dev_start(port=0)"}.
     * @return rc when it is not negative.
     */
    public static int check(final int rc, final String call)
    {
        if (rc < 0)
        {
            throw new DpdkException(call + " failed: " + rc + " (" + strerror(-rc) + ")", -rc);
        }
        return rc;
    }

    /**
     * DPDK's text for an errno or rte_errno value (covers the E_RTE_* codes that strerror does not know).
     *
     * @param errnum a positive error number.
     * @return the text.
     */
    public static String strerror(final int errnum)
    {
        final MemorySegment text = dpdk_h.rte_strerror(errnum);
        return text.equals(MemorySegment.NULL) ? "errno " + errnum : text.reinterpret(256).getString(0);
    }
}
