package org.mpdp.dataplane.steer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.wire.ParsedPacket;

final class SteererTest
{
    private final SteerFrames frames = new SteerFrames();
    private final OwnerDirectory directory = OwnerDirectory.seeded(4, 1024, 1024, 3);
    private final Steerer steerer = new Steerer(directory, new ControlTraffic().localV4(0xC0A80001), null, 2);

    @Test
    void shouldSteerANewConnectionBothWaysToItsHashOwner()
    {
        final ParsedPacket syn = frames.parse(SteerFrames.mpcSyn(SteerFrames.CLIENT, 40000, SteerFrames.SERVER, 443));
        final int owner = steerer.steer(syn);
        assertEquals(directory.hashOwner(directory.subflowKey(syn)), owner);
        assertEquals(owner, steerer.steer(frames.parse(SteerFrames.plainAck(SteerFrames.SERVER, 443,
            SteerFrames.CLIENT, 40000))));
        assertEquals(2, steerer.hashCount());
    }

    @Test
    void shouldSteerAJoinToItsTokenOwnerAndThenByItsPublishedSubflow()
    {
        final ParsedPacket join = frames.parse(SteerFrames.joinSyn(SteerFrames.CLIENT2, 50000, SteerFrames.SERVER,
            443, 0x11223344));
        assertEquals(Steerer.PARK, steerer.steer(join), "token not published yet");
        assertTrue(steerer.lastWasJoin());
        assertEquals(0x11223344, steerer.lastToken());
        directory.publishToken(0x11223344, 3);
        assertEquals(3, steerer.steer(join));
        directory.publishSubflow(directory.subflowKey(join), 3);
        assertEquals(3, steerer.steer(frames.parse(SteerFrames.plainAck(SteerFrames.SERVER, 443,
            SteerFrames.CLIENT2, 50000))));
        assertEquals(1, steerer.tokenCount());
        assertEquals(1, steerer.subflowCount());
        assertEquals(1, steerer.parkedJoins());
    }

    @Test
    void shouldSendAJoinWithASharedTokenToTheLowestNumberedOwnerAndCountIt()
    {
        directory.publishToken(0x55555555, 3);
        directory.publishToken(0x55555555, 1);
        assertEquals(1, steerer.steer(frames.parse(SteerFrames.joinSyn(SteerFrames.CLIENT2, 50001,
            SteerFrames.SERVER, 443, 0x55555555))));
        assertEquals(1, steerer.sharedTokenJoins());
    }

    @Test
    void shouldSendArpAndLocalAddressesToControlAndOtherNonIpToTheFixedWorker()
    {
        assertEquals(Steerer.CONTROL, steerer.steer(frames.parse(SteerFrames.arp())));
        assertEquals(Steerer.CONTROL, steerer.steer(frames.parse(SteerFrames.plainAck(SteerFrames.CLIENT, 1,
            0xC0A80001, 22))));
        final byte[] lldp = SteerFrames.arp();
        lldp[12] = (byte)0x88;
        lldp[13] = (byte)0xCC;
        assertEquals(2, steerer.steer(frames.parse(lldp)));
        assertEquals(2, steerer.controlCount());
        assertEquals(1, steerer.nonIpCount());
    }

    @Test
    void shouldSendEverythingButJoinSynsToTheOnlyWorkerAndStillParkAJoinWhoseTokenIsUnknown()
    {
        final OwnerDirectory one = OwnerDirectory.seeded(1, 1024, 1024, 3);
        final Steerer alone = new Steerer(one, new ControlTraffic(), null, 0);
        assertEquals(0, alone.steer(frames.parse(SteerFrames.mpcSyn(SteerFrames.CLIENT, 40000, SteerFrames.SERVER,
            443))));
        assertEquals(0, alone.steer(frames.parse(SteerFrames.plainAck(SteerFrames.SERVER, 443, SteerFrames.CLIENT,
            40000))));
        assertEquals(2, alone.singleWorkerCount());
        final ParsedPacket join = frames.parse(SteerFrames.joinSyn(SteerFrames.CLIENT2, 50000, SteerFrames.SERVER,
            443, 0x11223344));
        assertEquals(Steerer.PARK, alone.steer(join), "a lone worker still parks a join until its token is known");
        one.publishToken(0x11223344, 0);
        assertEquals(0, alone.steer(join));
        assertEquals(1, alone.tokenCount());
        // A retransmitted join SYN of a published subflow: a lone worker asks only for the token (the subflow
        // owner read, a cache miss per join, could only answer worker 0).
        one.publishSubflow(alone.lastSubflowKey(), 0);
        assertEquals(0, alone.steer(join));
        assertEquals(2, alone.tokenCount());
        assertEquals(0, alone.subflowCount());
    }
}
