package org.mpdp.dpdk;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.mpdp.dpdk.ffi.dpdk_h;

/**
 * Port lookups that need no port state: by name, name of, count, NUMA socket.
 */
public final class EthDev
{
    private EthDev()
    {
    }

    /**
     * @param name device name, e.g. {@code net_null0} or {@code 0000:01:00.0}.
     * @return the port id, or -1 when no port has that name.
     */
    public static int portByName(final String name)
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment id = arena.allocate(ValueLayout.JAVA_SHORT);
            final int rc = dpdk_h.rte_eth_dev_get_port_by_name(arena.allocateFrom(name), id);
            return rc == 0 ? Short.toUnsignedInt(id.get(ValueLayout.JAVA_SHORT, 0)) : -1;
        }
    }

    /**
     * @param port port id.
     * @return its device name.
     */
    public static String name(final int port)
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment name = arena.allocate(dpdk_h.RTE_ETH_NAME_MAX_LEN());
            DpdkException.check(dpdk_h.rte_eth_dev_get_name_by_port((short)port, name),
                "rte_eth_dev_get_name_by_port(port=" + port + ")");
            return name.getString(0);
        }
    }

    /**
     * @return ports available to this process.
     */
    public static int count()
    {
        return Short.toUnsignedInt(dpdk_h.rte_eth_dev_count_avail());
    }

    /**
     * @param port port id.
     * @return true when the port id names an attached port.
     */
    public static boolean valid(final int port)
    {
        return port >= 0 && port < dpdk_h.RTE_MAX_ETHPORTS() && dpdk_h.rte_eth_dev_is_valid_port((short)port) == 1;
    }

    /**
     * @param port port id.
     * @return the port's NUMA socket, or 0 when DPDK does not know it (virtual devices).
     */
    public static int socket(final int port)
    {
        final int socket = dpdk_h.rte_eth_dev_socket_id((short)port);
        return socket < 0 ? 0 : socket;
    }
}
