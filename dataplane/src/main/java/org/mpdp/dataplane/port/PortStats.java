package org.mpdp.dataplane.port;

/**
 * A snapshot of rte_eth_stats for one port.
 *
 * @param ipackets packets received.
 * @param opackets packets sent.
 * @param ibytes   bytes received.
 * @param obytes   bytes sent.
 * @param imissed  packets the hardware dropped because RX queues were full.
 * @param ierrors  erroneous received packets.
 * @param oerrors  failed transmissions.
 * @param rxNombuf RX mbuf allocation failures.
 */
public record PortStats(long ipackets, long opackets, long ibytes, long obytes, long imissed, long ierrors, long oerrors,
    long rxNombuf)
{
}
