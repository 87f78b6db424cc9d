package org.mpdp.dataplane.track;

/**
 * Told when the tracker starts or stops owning state that other threads must route to it: a
 * connection's tokens (so joins find the owner), and a join subflow's 4-tuple (its hash points
 * elsewhere). Called on the packet path, inside {@link Tracker#onPacket}, before the packet that
 * revealed the state is forwarded: publish here and live traffic stays causal.
 */
public interface OwnershipListener
{
    /**
     * @param connection connection slot.
     * @param tokenA     Key-A's token.
     * @param tokenB     Key-B's token.
     */
    void tokensKnown(int connection, int tokenA, int tokenB);

    /**
     * @param connection connection slot (being freed).
     * @param tokenA     Key-A's token.
     * @param tokenB     Key-B's token.
     */
    void tokensFreed(int connection, int tokenA, int tokenB);

    /**
     * @param subflow a join subflow just admitted (its SYN is being tracked); read its 4-tuple from
     *                {@link Tracker#subflows()}.
     */
    void joinAdmitted(int subflow);

    /**
     * @param subflow a join subflow about to be freed (its 4-tuple still readable).
     */
    void joinFreed(int subflow);

    /**
     * A join subflow was reset: it stays in the tracker (for the report) until freed, but its 4-tuple may
     * now be reused by another connection's join, owned by another worker; stop routing the tuple here.
     *
     * @param subflow the join subflow (its 4-tuple readable).
     */
    void joinReset(int subflow);
}
