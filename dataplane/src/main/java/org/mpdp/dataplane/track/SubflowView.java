package org.mpdp.dataplane.track;

import java.util.ArrayList;
import java.util.List;

import org.mpdp.dataplane.inet.InetText;

/**
 * A copy of one subflow's row, for reports.
 *
 * @param client       client address:port ([v6]:port, RFC 5952 text).
 * @param server       server address:port.
 * @param role         "initial" or "join".
 * @param backup       backup flag from MP_JOIN.
 * @param joinHmacOk   both join HMACs verified.
 * @param packets      packets seen.
 * @param payloadBytes TCP payload bytes seen.
 */
public record SubflowView(String client, String server, String role, boolean backup, boolean joinHmacOk,
    long packets, long payloadBytes)
{
    /**
     * @param tracker    the tracker.
     * @param connection connection slot.
     * @return its subflows in the order seen.
     */
    public static List<SubflowView> ofConnection(final Tracker tracker, final int connection)
    {
        final SubflowTable t = tracker.subflows();
        final List<SubflowView> out = new ArrayList<>();
        for (int i = 0; i < t.count(); i++)
        {
            if (t.connection[i] == connection)
            {
                out.add(new SubflowView(format(t.ipVersion[i], t.clientHigh[i], t.clientLow[i], t.clientPort[i]),
                    format(t.ipVersion[i], t.serverHigh[i], t.serverLow[i], t.serverPort[i]),
                    t.role[i] == SubflowTable.ROLE_JOIN ? "join" : "initial", t.backup[i],
                    t.joinState[i] == SubflowTable.JOIN_OK, t.packets[i], t.payloadBytes[i]));
            }
        }
        return out;
    }

    /** Endpoint text: {@code a.b.c.d:port}, or {@code [v6]:port} with the address in RFC 5952 form. */
    static String format(final int version, final long high, final long low, final int port)
    {
        return InetText.endpoint(version, high, low, port);
    }
}
