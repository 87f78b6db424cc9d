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
 * @param joinHmacOk   for a join: whether both HMACs verified, null unless both were seen.
 * @param packets      packets seen.
 * @param payloadBytes TCP payload bytes seen.
 * @param joinState    for a join: established, hmac_failed, unanswered, pending, refused or reset
 *                     (see {@link #joinState(SubflowTable, int)}); null otherwise.
 * @param order        creation order.
 */
public record SubflowView(String client, String server, String role, boolean backup, Boolean joinHmacOk,
    long packets, long payloadBytes, String joinState, int order)
{
    /**
     * @param tracker the tracker.
     * @param slot    a subflow slot in use.
     * @return its row.
     */
    public static SubflowView of(final Tracker tracker, final int slot)
    {
        final SubflowTable t = tracker.subflows();
        final int i = slot;
        final boolean join = t.role(i) == SubflowTable.ROLE_JOIN;
        return new SubflowView(format(t.ipVersion[i], t.clientHigh[i], t.clientLow[i], t.clientPort[i]),
            format(t.ipVersion[i], t.serverHigh[i], t.serverLow[i], t.serverPort[i]), ROLES[t.role(i)], t.backup[i],
            join && t.joinHmacsSeen[i] == 3 ? t.joinState[i] == SubflowTable.JOIN_OK : null, t.packets(i),
            t.payloadBytes(i), join ? joinState(t, i) : null, t.order[i]);
    }

    private static final String[] ROLES = {"initial", "join", "mid-stream"};

    /**
     * A join's state: established (both HMACs verified), hmac_failed (one did not), refused (the server
     * answered the SYN with a RST), reset (RST after the SYN/ACK, before the third ACK verified),
     * pending (SYN/ACK verified, third ACK not seen), unanswered (no SYN/ACK and no RST seen).
     */
    static String joinState(final SubflowTable t, final int i)
    {
        return switch (t.joinState[i])
        {
            case SubflowTable.JOIN_OK -> "established";
            case SubflowTable.JOIN_FAILED -> "hmac_failed";
            default -> t.refused[i] ? "refused" : t.reset[i] && t.answered[i] ? "reset" :
                t.joinState[i] == SubflowTable.JOIN_SYNACK_OK ? "pending" : "unanswered";
        };
    }

    /**
     * @param tracker    the tracker.
     * @param connection connection slot.
     * @return its subflows in the order seen.
     */
    public static List<SubflowView> ofConnection(final Tracker tracker, final int connection)
    {
        final SubflowTable t = tracker.subflows();
        final List<SubflowView> out = new ArrayList<>();
        for (int i = tracker.connections().firstSubflow[connection]; i != SubflowTable.NONE; i = t.nextInConnection[i])
        {
            out.add(of(tracker, i));
        }
        out.sort(java.util.Comparator.comparingInt(SubflowView::order));
        return out;
    }

    /**
     * @param version 4 or 6.
     * @param high    IPv6 high 64 bits (0 for IPv4).
     * @param low     IPv6 low 64 bits, or the IPv4 address.
     * @param port    port.
     * @return {@code a.b.c.d:port} or {@code [v6]:port}.
     */
    public static String endpoint(final int version, final long high, final long low, final int port)
    {
        return format(version, high, low, port);
    }

    /** Endpoint text: {@code a.b.c.d:port}, or {@code [v6]:port} with the address in RFC 5952 form. */
    static String format(final int version, final long high, final long low, final int port)
    {
        return InetText.endpoint(version, high, low, port);
    }
}
