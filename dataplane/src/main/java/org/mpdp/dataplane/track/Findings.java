package org.mpdp.dataplane.track;

/**
 * The reasons found for the packet being tracked, as a bit set ({@link Reason#bit}): every concern
 * adds what it finds, the tracker counts each and asks the policy for the most severe action.
 */
final class Findings
{
    long mask;
    Reason first = Reason.OK;

    void clear()
    {
        mask = 0;
        first = Reason.OK;
    }

    void add(final Reason reason)
    {
        if (mask == 0)
        {
            first = reason;
        }
        mask |= reason.bit;
    }

    boolean has(final Reason reason)
    {
        return (mask & reason.bit) != 0;
    }
}
