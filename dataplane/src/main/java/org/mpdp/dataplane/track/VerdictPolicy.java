package org.mpdp.dataplane.track;

import java.util.Arrays;

/**
 * What to do with a packet for each {@link Verdict} reason: forward, flag (forward and count) or
 * drop. The default drops what an attacker sends (MP_JOIN with an unknown token or a bad HMAC,
 * ADD_ADDR with a bad HMAC, a MP_FASTCLOSE with a wrong key) and flags the rest.
 */
public final class VerdictPolicy
{
    private final int[] actions = new int[Verdict.REASONS];

    /**
     * @return the default policy.
     */
    public static VerdictPolicy defaults()
    {
        final VerdictPolicy p = new VerdictPolicy();
        Arrays.fill(p.actions, Verdict.FLAG);
        p.actions[Verdict.OK] = Verdict.FORWARD;
        p.actions[Verdict.JOIN_UNKNOWN_TOKEN] = Verdict.DROP;
        p.actions[Verdict.JOIN_BAD_SYNACK_HMAC] = Verdict.DROP;
        p.actions[Verdict.JOIN_BAD_ACK_HMAC] = Verdict.DROP;
        p.actions[Verdict.ADD_ADDR_BAD_HMAC] = Verdict.DROP;
        p.actions[Verdict.FASTCLOSE_BAD_KEY] = Verdict.DROP;
        return p;
    }

    /**
     * @param reason a reason.
     * @param action {@link Verdict#FORWARD}, {@link Verdict#FLAG} or {@link Verdict#DROP}.
     * @return this.
     */
    public VerdictPolicy set(final int reason, final int action)
    {
        if (action < Verdict.FORWARD || action > Verdict.DROP)
        {
            throw new IllegalArgumentException("action=" + action + " for reason " + Verdict.reasonName(reason));
        }
        actions[reason] = action;
        return this;
    }

    /**
     * @param reason a reason.
     * @return the action for it.
     */
    public int action(final int reason)
    {
        return actions[reason];
    }
}
