package org.mpdp.dataplane.steer;

/**
 * What a worker does with each burst {@link BurstRing#drain} hands it. The ring's consumer position
 * passes a burst only after this returns, and {@link ParkedJoins} relies on that: everything the worker
 * publishes for the packets of a burst (tokens, subflows) must be published before it returns.
 */
@FunctionalInterface
public interface BurstHandler
{
    /**
     * @param burst valid only during the call; the worker owns its mbufs from now on (sends or frees them).
     */
    void onBurst(BurstView burst);
}
