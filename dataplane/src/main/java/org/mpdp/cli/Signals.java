package org.mpdp.cli;

import sun.misc.Signal;

/**
 * SIGINT/SIGTERM handling for long-running commands: the handler asks the command to stop, and the
 * command then tears down in order (loop, ports, pools, EAL) instead of the JVM exiting mid-burst.
 */
final class Signals
{
    private Signals()
    {
    }

    static void onTerminate(final Runnable action)
    {
        Signal.handle(new Signal("INT"), s -> action.run());
        Signal.handle(new Signal("TERM"), s -> action.run());
    }

    static void reset()
    {
        Signal.handle(new Signal("INT"), sun.misc.SignalHandler.SIG_DFL);
        Signal.handle(new Signal("TERM"), sun.misc.SignalHandler.SIG_DFL);
    }
}
