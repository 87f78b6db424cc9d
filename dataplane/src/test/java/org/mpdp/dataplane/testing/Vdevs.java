package org.mpdp.dataplane.testing;

import java.lang.foreign.Arena;

import org.mpdp.dpdk.DpdkException;
import org.mpdp.dpdk.Eal;
import org.mpdp.dpdk.EthDev;
import org.mpdp.dpdk.ffi.dpdk_h;

/**
 * Hot-plugs virtual devices into a running EAL (rte_dev_probe), so one EAL per test JVM can still
 * get a fresh device per test.
 */
public final class Vdevs
{
    private Vdevs()
    {
    }

    /**
     * Probes a virtual device and returns the ethdev port it created.
     *
     * @param devargs full devargs, e.g. {@code net_pcap3,rx_pcap=/tmp/a.pcap}; the device name must be unused.
     * @return the new port id.
     * @throws DpdkException when the probe fails or creates no port of that name.
     */
    public static int probe(final String devargs)
    {
        final int rc;
        try (Arena arena = Arena.ofConfined())
        {
            rc = dpdk_h.rte_dev_probe(arena.allocateFrom(devargs));
        }
        DpdkException.check(rc, "rte_dev_probe(" + devargs + ")");
        final String name = Eal.deviceName(devargs);
        final int port = EthDev.portByName(name);
        if (port < 0)
        {
            throw new DpdkException("rte_dev_probe(" + devargs + ") succeeded but no port is named " + name);
        }
        return port;
    }
}
