package org.mpdp.dataplane.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the frame and MPTCP option parsers with Jazzer. The input is placed in
 * native memory of exactly its size, so any read outside the frame throws and is a finding; so is
 * any exception at all, or a result outside the documented statuses.
 *
 * <p>Plain {@code mvn test} replays the seeds and past findings in
 * src/test/resources/org/mpdp/dataplane/wire/PacketParserFuzzTestInputs/fuzz/ (regression mode);
 * {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration} ({@code scripts/mpdp fuzz} repeats that).
 */
final class PacketParserFuzzTest
{
    private final PacketParser parser = new PacketParser();
    private final ParsedPacket packet = new ParsedPacket();

    @FuzzTest(maxDuration = "30s")
    void fuzz(final byte[] input)
    {
        if (input.length < 1)
        {
            return;
        }
        // First byte: bits 0-1 pick the link layer; bit 2 set drives the two-length entry point, with
        // the next two bytes choosing how many of the frame's bytes are captured. The rest is the frame.
        final int link = input[0] & 3;
        final boolean cut = (input[0] & 4) != 0 && input.length >= 3;
        final int start = cut ? 3 : 1;
        final int original = input.length - start;
        final int captured = cut ? ((input[1] & 0xFF) << 8 | input[2] & 0xFF) % (original + 1) : original;
        try (Arena arena = Arena.ofConfined())
        {
            // Exactly the captured bytes: a read at or past them throws and is a finding.
            final MemorySegment frame = arena.allocate(Math.max(1, captured));
            MemorySegment.copy(input, start, frame, ValueLayout.JAVA_BYTE, 0, captured);
            final int status = switch (link)
            {
                case 0 -> parser.parseEthernet(frame, 0, captured, original, packet);
                case 1 -> parser.parseLinuxSll(frame, 0, captured, original, packet);
                case 2 -> parser.parseLinuxSll2(frame, 0, captured, original, packet);
                default -> parser.parseRawIp(frame, 0, captured, original, packet);
            };
            assertTrue(status >= ParsedPacket.TCP && status <= ParsedPacket.TRUNCATED, "status " + status);
            assertTrue(status != ParsedPacket.TRUNCATED || captured < original, "truncated with every byte present");
            assertTrue(packet.truncation >= 0 && packet.truncation < Truncation.COUNT);
            if (packet.tcpValid)
            {
                checkTcp(frame, captured, original);
            }
        }
    }

    private void checkTcp(final MemorySegment frame, final int captured, final int original)
    {
        assertTrue(packet.payloadOffset + packet.payloadLength <= original, "payload past the frame");
        assertTrue(packet.payloadCaptured >= 0 && packet.payloadCaptured <= packet.payloadLength);
        assertTrue(packet.payloadCaptured == 0 || packet.payloadOffset + packet.payloadCaptured <= captured,
            "captured payload past the captured bytes");
        assertTrue(packet.mptcp.malformed >= 0 && packet.mptcp.malformed < Malformed.COUNT);
        if (packet.mptcp.has(Mptcp.MP_JOIN) && packet.mptcp.joinLength == Mptcp.JOIN_ACK_LENGTH)
        {
            assertTrue(packet.mptcp.joinHmacOffset + Mptcp.JOIN_HMAC_LENGTH <= captured, "HMAC past the frame");
        }
        if (packet.mptcp.has(Mptcp.REMOVE_ADDR))
        {
            assertTrue(packet.mptcp.removeAddrOffset + packet.mptcp.removeAddrCount <= captured);
        }
        if (packet.mptcp.addAddrOffset >= 0)
        {
            assertTrue(packet.mptcp.addAddrOffset + packet.mptcp.addAddrLength <= captured, "ADD_ADDR past the frame");
            for (int version = 0; version <= 1; version++)
            {
                final int reason = MptcpOptionParser.addAddrForVersion(frame, 0, version, packet.mptcp);
                assertTrue(reason >= 0 && reason < Malformed.COUNT);
            }
        }
    }
}
