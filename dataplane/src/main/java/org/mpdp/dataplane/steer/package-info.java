/**
 * Steering: every packet of an MPTCP connection (each subflow, both directions) to the one worker that
 * owns its tracker state, without locks on the packet path. {@link org.mpdp.dataplane.steer.OwnerDirectory}
 * (subflow and token owners, published by the workers), {@link org.mpdp.dataplane.steer.Steerer} (the
 * decision per packet), {@link org.mpdp.dataplane.steer.ParkedJoins} (joins that arrive before their
 * token is published) and {@link org.mpdp.dataplane.steer.BurstRing} (one ring of bursts per worker).
 */
package org.mpdp.dataplane.steer;
