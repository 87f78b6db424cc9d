package org.mpdp.dataplane.track;

/**
 * What the data plane does with a packet. Kept apart from {@link Reason} so that an action can never
 * be passed where a reason is meant: the tracker finds reasons, the {@link VerdictPolicy} maps them
 * to actions. Ordered by severity, so the action of a packet is the most severe of its reasons'.
 */
public enum Action
{
    /** Forward the packet. */
    FORWARD,
    /** Forward it, but count and report why (a flagged packet can be mirrored). */
    FLAG,
    /** Drop it (counted under its reason). */
    DROP;

    /**
     * @param other another action.
     * @return the more severe of the two.
     */
    public Action max(final Action other)
    {
        return other.ordinal() > ordinal() ? other : this;
    }
}
