/**
 * Robust Session Establishment (draft-amend-tcpm-mptcp-robe) control thread: not built yet.
 * This module already packages the runnable {@code mpdp.jar} (dataplane + bindings + plug-ins) so
 * that robe-control can contribute its sub-command through {@link org.mpdp.cli.MpdpSubcommand}.
 */
package org.mpdp.robe;
