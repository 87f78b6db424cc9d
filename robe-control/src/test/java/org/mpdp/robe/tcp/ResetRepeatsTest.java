package org.mpdp.robe.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mpdp.robe.net.Frames;
import org.mpdp.robe.net.Options;
import org.mpdp.robe.net.Segment;

final class ResetRepeatsTest
{
    private static final long MS = 1_000_000L;

    private record Sent(Subflow subflow, int flags, int seq, int ack)
    {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final SegmentOut out = (s, flags, seq, ack, options, payload, offset, length) ->
        sent.add(new Sent(s, flags, seq, ack));
    private final SubflowOwner owner = new SubflowOwner()
    {
        @Override
        public void options(final Subflow subflow, final int kind, final Options options, final int seq,
            final long dsn, final int length)
        {
        }

        @Override
        public void onSynAck(final Subflow subflow, final Segment segment, final long now)
        {
        }

        @Override
        public void onSynTimeout(final Subflow subflow, final long now)
        {
        }

        @Override
        public void onData(final Subflow subflow, final Segment segment, final int skip, final int length,
            final int relativeSeq)
        {
        }

        @Override
        public void onSegment(final Subflow subflow, final Segment segment, final long now)
        {
        }

        @Override
        public void onClosed(final Subflow subflow, final boolean reset)
        {
        }

        @Override
        public byte[] sendBuffer()
        {
            return new byte[0];
        }
    };

    /** A losing attempt: SYN sent, then reset (the SYN and the first RST are not counted in {@link #sent}). */
    private Subflow subflow(final int iss)
    {
        final Subflow s = new Subflow(owner, out, 0, 0x0A00_0001, 40000 + iss, 0x0A00_0002, 7000, iss);
        s.connect(0);
        s.reset();
        sent.clear();
        return s;
    }

    @Test
    void shouldRepeatAnAbortsRstWithItsFastCloseAndNothingForASubflowThatSentNone()
    {
        final Subflow never = new Subflow(owner, out, 0, 1, 40001, 2, 7000, 5);
        never.repeatReset();
        assertEquals(List.of(), sent, "no RST sent, none repeated");
        final Subflow s = new Subflow(owner, out, 0, 1, 40002, 2, 7000, 5);
        s.connect(0);
        s.establish();
        sent.clear();
        s.abort(0x1122_3344_5566_7788L);
        assertEquals(2, sent.size(), "ACK + MP_FASTCLOSE, RST + MP_FASTCLOSE");
        s.repeatReset();
        assertEquals(3, sent.size());
        assertEquals(sent.get(1), sent.get(2), "the same RST again");
        assertEquals(Frames.RST | Frames.ACK, sent.get(2).flags());
        assertEquals(6, sent.get(2).seq());
    }

    @Test
    void shouldRepeatAPlainRstAtIsnPlusOneFiveTimesWithDoublingGaps()
    {
        final ResetRepeats resets = new ResetRepeats(4);
        final Subflow s = subflow(1000);
        final List<Subflow> done = new ArrayList<>();
        assertTrue(resets.add(s, 0));
        final List<Long> at = new ArrayList<>();
        for (long t = 0; t <= 3000 * MS; t += MS)
        {
            final int before = sent.size();
            resets.poll(t, done::add);
            if (sent.size() > before)
            {
                at.add(t / MS);
            }
        }
        assertEquals(List.of(50L, 150L, 350L, 750L, 1550L), at);
        for (final Sent x : sent)
        {
            assertEquals(Frames.RST, x.flags(), "no ACK bit: a request socket ignores a RST with a wrong ACK");
            assertEquals(1001, x.seq());
        }
        assertEquals(List.of(s), done, "told once, after the last repeat");
        assertEquals(0, resets.size());
        assertFalse(resets.contains(s));
    }

    @Test
    void shouldKeepEachLosersOwnScheduleAndRefuseWhenFull()
    {
        final ResetRepeats resets = new ResetRepeats(2);
        final Subflow a = subflow(1);
        final Subflow b = subflow(2);
        assertTrue(resets.add(a, 0));
        assertTrue(resets.add(b, 20 * MS));
        assertFalse(resets.add(subflow(3), 20 * MS), "full");
        final List<Subflow> done = new ArrayList<>();
        resets.poll(60 * MS, done::add);
        assertEquals(1, sent.size());
        assertEquals(a, sent.get(0).subflow());
        resets.poll(70 * MS, done::add);
        assertEquals(b, sent.get(1).subflow());
        assertTrue(resets.contains(a) && resets.contains(b));
        resets.poll(10_000 * MS, done::add);
        resets.poll(20_000 * MS, done::add);
        resets.poll(30_000 * MS, done::add);
        resets.poll(40_000 * MS, done::add);
        assertEquals(10, sent.size());
        assertEquals(2, done.size());
        assertEquals(0, resets.size());
    }
}
