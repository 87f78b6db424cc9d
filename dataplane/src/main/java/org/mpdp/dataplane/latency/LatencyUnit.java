package org.mpdp.dataplane.latency;

import java.util.Locale;

/**
 * The unit latency reports print nanosecond values in.
 */
public enum LatencyUnit
{
    /** Nanoseconds, printed as integers. */
    NS("ns", 1.0),
    /** Microseconds, three decimals. */
    US("us", 1_000.0),
    /** Milliseconds, three decimals. */
    MS("ms", 1_000_000.0);

    private final String label;
    private final double nanosPerUnit;

    LatencyUnit(final String label, final double nanosPerUnit)
    {
        this.label = label;
        this.nanosPerUnit = nanosPerUnit;
    }

    /**
     * @param text "ns", "us" or "ms" (any case).
     * @return the unit.
     * @throws IllegalArgumentException for anything else.
     */
    public static LatencyUnit parse(final String text)
    {
        for (final LatencyUnit u : values())
        {
            if (u.label.equalsIgnoreCase(text))
            {
                return u;
            }
        }
        throw new IllegalArgumentException("unit=" + text + " must be ns, us or ms");
    }

    /**
     * @return "ns", "us" or "ms".
     */
    public String label()
    {
        return label;
    }

    /**
     * @param nanos a value in nanoseconds.
     * @return it in this unit.
     */
    public double convert(final double nanos)
    {
        return nanos / nanosPerUnit;
    }

    /**
     * @param nanos a value in nanoseconds.
     * @return it in this unit, as printed in reports.
     */
    public String format(final long nanos)
    {
        return this == NS ? Long.toString(nanos) : String.format(Locale.ROOT, "%.3f", convert(nanos));
    }
}
