package org.mpdp.dataplane.agent;

/**
 * What every pipeline thread needs to know of the configuration, resolved once.
 *
 * @param burst           packets per RX burst and per ring message.
 * @param drainLimit      ring messages a worker drains per cycle.
 * @param idleNanos       a connection quiet this long is evicted.
 * @param lingerNanos     an ended connection stays this long.
 * @param evictBudget     connection slots examined per eviction call.
 * @param evictEveryNanos how often a worker runs an eviction slice (and publishes its reason counters).
 * @param parkNanos       longest a join may wait for its token to be published.
 * @param forward         whether processed packets go out of the peer port ({@code control.forward}); false: a
 *                        host, not a bridge (a RobE process), and they are freed and counted as not-forwarded.
 */
public record PipelineSettings(int burst, int drainLimit, long idleNanos, long lingerNanos, int evictBudget,
    long evictEveryNanos, long parkNanos, boolean forward)
{
}
