package org.mpdp.dataplane.config;

import java.util.List;

/**
 * A configuration that cannot be used. The message is the error lines, one per problem, each naming
 * the key path, the value and what is allowed (e.g. {@code ports[1].queues=0: must be 1..64}), or the
 * file and line of a syntax error; nothing else, so a command can print it as is.
 */
public final class ConfigException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final List<String> errors;

    /**
     * @param errors one line per problem, at least one.
     */
    public ConfigException(final List<String> errors)
    {
        super(String.join("\n", errors));
        if (errors.isEmpty())
        {
            throw new IllegalArgumentException("a ConfigException needs at least one error line");
        }
        this.errors = List.copyOf(errors);
    }

    /**
     * @return the error lines, in the order they were found.
     */
    public List<String> errors()
    {
        return errors;
    }
}
