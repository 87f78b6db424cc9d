package org.mpdp.robe.cli;

import picocli.CommandLine.Command;

/** {@code mpdp robe ...}: the RobE client (and, from org.mpdp.robe.listen, the responder). */
@Command(name = "robe", mixinStandardHelpOptions = true, subcommands = {ConnectCommand.class, org.mpdp.robe.listen.ListenCommand.class},
    description = "Robust Session Establishment (draft-amend-tcpm-mptcp-robe): a user-space MPTCP v1 stack on " +
        "the data plane's control thread.")
public final class RobeCommand
{
}
