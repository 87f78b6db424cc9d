package org.mpdp.cli;

/**
 * A sub-command contributed by another module (e.g. robe-control) through {@link java.util.ServiceLoader},
 * keeping the module graph one-way: dataplane does not depend on its plug-ins.
 */
public interface MpdpSubcommand
{
    /**
     * @return the sub-command's name.
     */
    String name();

    /**
     * @return the picocli command object.
     */
    Object command();
}
