package org.mpdp.dataplane.analyze;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mpdp.dataplane.track.Reason;
import org.mpdp.dataplane.track.Tracker;
import org.mpdp.dataplane.wire.ParsedPacket;

/**
 * What the tracker flagged in a capture, gathered through its {@link Tracker.ReasonListener}: reason
 * counts per connection, packets that belong to no connection counted by reason with a capped list of
 * examples, and (on request) one event per flagged packet with its frame number and time, so a user
 * can jump to it in Wireshark. Offline only: it allocates.
 */
public final class FlagLog implements Tracker.ReasonListener
{
    /** Examples kept per reason for packets that belong to no connection. */
    static final int EXAMPLES_PER_REASON = 10;

    /** One packet that belongs to no connection. */
    public record Example(long frame, long timeNanos, String reason, String source, String destination)
    {
    }

    /** One flagged packet. */
    public record Event(long frame, long timeNanos, List<String> reasons, int connection, String source,
        String destination)
    {
    }

    private final Tracker tracker;
    private final boolean keepEvents;
    private final Map<Integer, EnumMap<Reason, Long>> byConnection = new HashMap<>();
    private final EnumMap<Reason, Long> unattached = new EnumMap<>(Reason.class);
    private final EnumMap<Reason, List<Example>> examples = new EnumMap<>(Reason.class);
    private final List<Event> events = new ArrayList<>();
    private ParsedPacket packet;
    private long frame;
    private long timeNanos;

    public FlagLog(final Tracker tracker, final boolean keepEvents)
    {
        this.tracker = tracker;
        this.keepEvents = keepEvents;
    }

    /** The packet about to be tracked (frame numbers count from 1, as Wireshark's do). */
    public void current(final long frame, final long timeNanos, final ParsedPacket packet)
    {
        this.frame = frame;
        this.timeNanos = timeNanos;
        this.packet = packet;
    }

    @Override
    public void onReason(final Reason reason, final int connection, final int subflow)
    {
        final int order = connection >= 0 ? tracker.connections().order(connection) : -1;
        if (order >= 0)
        {
            byConnection.computeIfAbsent(order, k -> new EnumMap<>(Reason.class)).merge(reason, 1L, Long::sum);
        }
        else
        {
            unattached.merge(reason, 1L, Long::sum);
            final List<Example> list = examples.computeIfAbsent(reason, k -> new ArrayList<>());
            if (list.size() < EXAMPLES_PER_REASON)
            {
                list.add(new Example(frame, timeNanos, reason.label(), Endpoints.source(packet),
                    Endpoints.destination(packet)));
            }
        }
        if (keepEvents)
        {
            final Event last = events.isEmpty() ? null : events.get(events.size() - 1);
            if (last != null && last.frame() == frame)
            {
                last.reasons().add(reason.label());
            }
            else
            {
                final List<String> reasons = new ArrayList<>();
                reasons.add(reason.label());
                events.add(new Event(frame, timeNanos, reasons, order, Endpoints.source(packet),
                    Endpoints.destination(packet)));
            }
        }
    }

    /**
     * @param order a connection's creation order.
     * @return its reason counts (empty when none).
     */
    Map<Reason, Long> reasons(final int order)
    {
        final EnumMap<Reason, Long> m = byConnection.get(order);
        return m == null ? Map.of() : m;
    }

    /**
     * @return packets that belong to no connection, by reason.
     */
    public Map<Reason, Long> unattached()
    {
        return unattached;
    }

    /**
     * @return up to {@link #EXAMPLES_PER_REASON} examples per reason of such packets, in capture order.
     */
    public List<Example> examples()
    {
        final List<Example> all = new ArrayList<>();
        examples.values().forEach(all::addAll);
        all.sort(java.util.Comparator.comparingLong(Example::frame));
        return all;
    }

    /**
     * @return the flagged packets, in capture order (empty unless events were asked for).
     */
    List<Event> events()
    {
        return events;
    }
}
