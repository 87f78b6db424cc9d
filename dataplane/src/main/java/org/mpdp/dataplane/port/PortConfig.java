package org.mpdp.dataplane.port;

/**
 * How one port is brought up.
 *
 * @param rxQueues    RX queues; RSS is switched on when more than one.
 * @param txQueues    TX queues.
 * @param rxDesc      descriptors per RX queue.
 * @param txDesc      descriptors per TX queue.
 * @param mtu         MTU to set, or 0 to keep the driver's default.
 * @param promiscuous whether to receive frames not addressed to the port.
 */
public record PortConfig(int rxQueues, int txQueues, int rxDesc, int txDesc, int mtu, boolean promiscuous)
{
    /** l2fwd's ring sizes. */
    public static final int DEFAULT_RX_DESC = 1024;
    /** l2fwd's ring sizes. */
    public static final int DEFAULT_TX_DESC = 1024;

    /** Checks the values. */
    public PortConfig
    {
        if (rxQueues < 1 || txQueues < 1 || rxQueues > 1024 || txQueues > 1024)
        {
            throw new IllegalArgumentException("rxQueues=" + rxQueues + " txQueues=" + txQueues + " must be in [1, 1024]");
        }
        if (rxDesc < 1 || txDesc < 1 || rxDesc > 0xFFFF || txDesc > 0xFFFF)
        {
            throw new IllegalArgumentException("rxDesc=" + rxDesc + " txDesc=" + txDesc + " must be in [1, 65535]");
        }
        if (mtu < 0 || mtu > 0xFFFF)
        {
            throw new IllegalArgumentException("mtu=" + mtu + " must be 0 (driver default) or up to 65535");
        }
    }

    /**
     * @param queues RX and TX queues.
     * @return defaults with that many queues, promiscuous on.
     */
    public static PortConfig defaults(final int queues)
    {
        return new PortConfig(queues, queues, DEFAULT_RX_DESC, DEFAULT_TX_DESC, 0, true);
    }
}
