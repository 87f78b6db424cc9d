package org.mpdp.dataplane.track;

/**
 * What to do with a packet for each {@link Reason}. The default drops what an attacker sends (see
 * {@link Reason#defaultAction()}); any reason can be set to forward, flag or drop.
 */
public final class VerdictPolicy
{
    private final Action[] actions = new Action[Reason.COUNT];

    private VerdictPolicy()
    {
        for (final Reason r : Reason.values())
        {
            actions[r.ordinal()] = r.defaultAction();
        }
    }

    /**
     * @return the default policy.
     */
    public static VerdictPolicy defaults()
    {
        return new VerdictPolicy();
    }

    /**
     * @param reason a reason ({@link Reason#OK} stays {@link Action#FORWARD}).
     * @param action what to do for it.
     * @return this.
     */
    public VerdictPolicy set(final Reason reason, final Action action)
    {
        if (reason == Reason.OK && action != Action.FORWARD)
        {
            throw new IllegalArgumentException("reason=ok can only be forwarded, not " + action);
        }
        actions[reason.ordinal()] = action;
        return this;
    }

    /**
     * @param reason a reason.
     * @return the action for it.
     */
    public Action action(final Reason reason)
    {
        return actions[reason.ordinal()];
    }

    /**
     * @param reasons a set of {@link Reason} bits ({@code 1L << ordinal}).
     * @return the most severe action among them, {@link Action#FORWARD} for none.
     */
    public Action action(final long reasons)
    {
        Action a = Action.FORWARD;
        for (long r = reasons; r != 0; r &= r - 1)
        {
            a = a.max(actions[Long.numberOfTrailingZeros(r)]);
        }
        return a;
    }
}
