package org.mpdp.robe.mode;

import java.util.Locale;

/**
 * How a session establishes its first subflow (draft-amend-tcpm-mptcp-robe): after it, every mode joins the
 * other paths with MP_JOIN.
 */
public enum Mode
{
    /** One MP_CAPABLE SYN on paths[0], retransmitted there (RFC 8684 as Linux does it). */
    PLAIN("plain"),
    /** RobE_TIMER: after {@code robe.timer} without a SYN/ACK the SYN goes to the next path, with a fresh key. */
    TIMER("timer"),
    /** RobE_SIM: MP_CAPABLE SYNs on every path at once, distinct keys; the first SYN/ACK wins, the rest are RST. */
    SIM("sim"),
    /** RobE_eSIM: SIM with the eSIM option (the esim helper's {@code org.mpdp.robe.esim}); falls back to SIM. */
    ESIM("esim"),
    /** RobE_IPS: one SYN on the path with the best history (paths[0] without history). */
    IPS("ips"),
    /** SIM until every path has history, then IPS; back to SIM (within the session) when the IPS SYN times out. */
    SIM_IPS("sim+ips"),
    /** TIMER in IPS order. */
    TIMER_IPS("timer+ips");

    private final String text;

    Mode(final String text)
    {
        this.text = text;
    }

    /** @return the config/CLI spelling. */
    public String text()
    {
        return text;
    }

    /**
     * @param text e.g. {@code sim+ips}.
     * @return the mode.
     * @throws IllegalArgumentException naming the choices.
     */
    public static Mode of(final String text)
    {
        final String t = text.trim().toLowerCase(Locale.ROOT);
        for (final Mode m : values())
        {
            if (m.text.equals(t))
            {
                return m;
            }
        }
        throw new IllegalArgumentException("mode=" + text + ": one of plain, timer, sim, esim, ips, sim+ips, timer+ips");
    }
}
