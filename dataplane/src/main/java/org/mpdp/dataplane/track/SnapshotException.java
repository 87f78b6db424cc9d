package org.mpdp.dataplane.track;

/**
 * A snapshot file that cannot be loaded: another format or table layout, truncated, or corrupt. The
 * message says which, with the numbers ({@code truncated: 100 bytes, the header says 4160}).
 */
public final class SnapshotException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong with the file.
     */
    public SnapshotException(final String message)
    {
        super(message);
    }
}
