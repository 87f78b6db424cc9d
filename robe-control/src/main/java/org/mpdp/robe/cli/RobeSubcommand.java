package org.mpdp.robe.cli;

import org.mpdp.cli.MpdpSubcommand;

/** Registers {@code mpdp robe} with the mpdp command line (ServiceLoader). */
public final class RobeSubcommand implements MpdpSubcommand
{
    @Override
    public String name()
    {
        return "robe";
    }

    @Override
    public Object command()
    {
        return new RobeCommand();
    }
}
