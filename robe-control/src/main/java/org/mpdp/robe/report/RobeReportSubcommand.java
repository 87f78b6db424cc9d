package org.mpdp.robe.report;

import org.mpdp.cli.MpdpSubcommand;

/**
 * Registers {@code mpdp robe-report} with the {@code mpdp} command line.
 */
public final class RobeReportSubcommand implements MpdpSubcommand
{
    @Override
    public String name()
    {
        return "robe-report";
    }

    @Override
    public Object command()
    {
        return new RobeReportCommand();
    }
}
