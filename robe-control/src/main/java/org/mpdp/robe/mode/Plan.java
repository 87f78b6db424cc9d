package org.mpdp.robe.mode;

/**
 * How one session opens its first subflow, decided at its start from the mode and the path history.
 *
 * @param order        paths to try, in order.
 * @param simultaneous SYNs on every path of {@code order} at once (SIM, eSIM).
 * @param timed        move to the next path of {@code order} after {@code timerNanos} (TIMER).
 * @param simFallback  when the single SYN times out, add SYNs on every other path (SIM+IPS).
 * @param timerNanos   TIMER's attempt delay.
 * @param esim         whether the eSIM extension is asked for (the esim helper's hook decides the options).
 */
public record Plan(int[] order, boolean simultaneous, boolean timed, boolean simFallback, long timerNanos,
    boolean esim)
{
    /**
     * @param mode       the mode.
     * @param paths      number of paths.
     * @param history    the process's path history.
     * @param timerNanos {@code robe.timer}.
     * @return the plan.
     */
    public static Plan of(final Mode mode, final int paths, final PathHistory history, final long timerNanos)
    {
        final int[] config = new int[paths];
        for (int i = 0; i < paths; i++)
        {
            config[i] = i;
        }
        return switch (mode)
        {
            case PLAIN -> new Plan(new int[] {0}, false, false, false, timerNanos, false);
            case TIMER -> new Plan(config, false, paths > 1, false, timerNanos, false);
            case SIM -> new Plan(config, true, false, false, timerNanos, false);
            case ESIM -> new Plan(config, true, false, false, timerNanos, true);
            case IPS -> new Plan(history.order(), false, false, false, timerNanos, false);
            case SIM_IPS -> history.complete() ? new Plan(history.order(), false, false, paths > 1, timerNanos, false) :
                new Plan(config, true, false, false, timerNanos, false);
            case TIMER_IPS -> new Plan(history.order(), false, paths > 1, false, timerNanos, false);
        };
    }
}
