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
        // First byte picks the link layer, the rest is the frame.
        final int link = input[0] & 3;
        final int length = input.length - 1;
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment frame = arena.allocate(Math.max(1, length));
            MemorySegment.copy(input, 1, frame, ValueLayout.JAVA_BYTE, 0, length);
            final int status = switch (link)
            {
                case 0 -> parser.parseEthernet(frame, 0, length, packet);
                case 1 -> parser.parseLinuxSll(frame, 0, length, packet);
                case 2 -> parser.parseLinuxSll2(frame, 0, length, packet);
                default -> parser.parseRawIp(frame, 0, length, packet);
            };
            assertTrue(status >= ParsedPacket.TCP && status <= ParsedPacket.MALFORMED, "status " + status);
            if (status == ParsedPacket.TCP)
            {
                assertTrue(packet.payloadOffset + packet.payloadLength <= length, "payload past the frame");
                assertTrue(packet.mptcp.malformed >= 0 && packet.mptcp.malformed < Malformed.COUNT);
                if (packet.mptcp.has(Mptcp.MP_JOIN) && packet.mptcp.joinLength == Mptcp.JOIN_ACK_LENGTH)
                {
                    assertTrue(packet.mptcp.joinHmacOffset + Mptcp.JOIN_HMAC_LENGTH <= length, "HMAC past the frame");
                }
                if (packet.mptcp.has(Mptcp.REMOVE_ADDR))
                {
                    assertTrue(packet.mptcp.removeAddrOffset + packet.mptcp.removeAddrCount <= length);
                }
            }
        }
    }
}
