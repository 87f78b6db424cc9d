package org.mpdp.robe.listen;

import org.mpdp.cli.MpdpSubcommand;

import picocli.CommandLine.Command;

/**
 * Registers {@code mpdp robe} with its {@code listen} sub-command (ServiceLoader, see {@link MpdpSubcommand}).
 */
public final class RobeListenSubcommand implements MpdpSubcommand
{
    /** The {@code robe} command group. */
    @Command(name = "robe", mixinStandardHelpOptions = true, subcommands = ListenCommand.class,
        description = "Robust MPTCP session establishment (RobE).")
    public static final class Robe
    {
    }

    @Override
    public String name()
    {
        return "robe";
    }

    @Override
    public Object command()
    {
        return new Robe();
    }
}
