package org.mpdp.dataplane.agent;

import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.status.AtomicCounter;
import org.mpdp.dataplane.counters.CounterType;
import org.mpdp.dataplane.counters.Counters;
import org.mpdp.dataplane.counters.CountersFileDescriptor;
import org.mpdp.dataplane.port.Port;
import org.mpdp.dataplane.port.PortStats;

/**
 * Each port's driver counters (rte_eth_stats) in the counters file, copied in by one control thread
 * (the one that heartbeats the file, about once a second), never by a packet loop.
 */
final class PortCounters implements AutoCloseable
{
    /** The rte_eth_stats fields published, in this order. */
    static final String[] NAMES = {"ipackets", "opackets", "ibytes", "obytes", "imissed", "ierrors", "oerrors",
        "rx_nombuf"};

    private final List<Port> ports;
    private final List<AtomicCounter[]> rows = new ArrayList<>();

    PortCounters(final List<Port> ports, final Counters counters)
    {
        this.ports = ports;
        for (final Port port : ports)
        {
            final AtomicCounter[] row = new AtomicCounter[NAMES.length];
            for (int i = 0; i < row.length; i++)
            {
                row[i] = counters.newCounter(CounterType.PORT, port.id(), CountersFileDescriptor.NULL_KEY, NAMES[i],
                    "port " + port.id() + " " + port.name() + " " + NAMES[i]);
            }
            rows.add(row);
        }
    }

    /** Reads each port's stats and publishes them (release stores). */
    void publish()
    {
        for (int i = 0; i < rows.size(); i++)
        {
            final PortStats s = ports.get(i).stats();
            final AtomicCounter[] row = rows.get(i);
            row[0].setRelease(s.ipackets());
            row[1].setRelease(s.opackets());
            row[2].setRelease(s.ibytes());
            row[3].setRelease(s.obytes());
            row[4].setRelease(s.imissed());
            row[5].setRelease(s.ierrors());
            row[6].setRelease(s.oerrors());
            row[7].setRelease(s.rxNombuf());
        }
    }

    @Override
    public void close()
    {
        for (final AtomicCounter[] row : rows)
        {
            for (final AtomicCounter c : row)
            {
                c.close();
            }
        }
    }
}
