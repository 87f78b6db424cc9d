package org.mpdp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.mpdp.dataplane.agent.Pipeline;

/**
 * How {@code mpdp stat --connections} asks a running {@code mpdp run} for its connections: it creates
 * {@value #REQUEST} beside the counters file; the run's control loop (every 100 ms at most) sees it, has
 * every worker encode its connections between bursts, writes them to {@value #VIEW} (the snapshot format,
 * temporary file and rename) and deletes the request, which tells stat the view is ready.
 */
final class ConnectionViewRequest
{
    /** Created by stat. */
    static final String REQUEST = "connections.request";
    /** Written by the run. */
    static final String VIEW = "connections.snapshot";
    private static final long WORKER_TIMEOUT_MILLIS = 2000;

    private ConnectionViewRequest()
    {
    }

    /** On the run's control thread: answers a pending request, if any. */
    static void serve(final Path directory, final Pipeline pipeline)
    {
        final Path request = directory.resolve(REQUEST);
        if (!Files.exists(request))
        {
            return;
        }
        try
        {
            if (!pipeline.state().writeView(directory.resolve(VIEW), WORKER_TIMEOUT_MILLIS))
            {
                System.err.println("mpdp run: connection view: a worker did not answer within " +
                    WORKER_TIMEOUT_MILLIS + " ms");
            }
            Files.deleteIfExists(request);
        }
        catch (final IOException ex)
        {
            System.err.println("mpdp run: connection view: " + ex);
        }
    }
}
