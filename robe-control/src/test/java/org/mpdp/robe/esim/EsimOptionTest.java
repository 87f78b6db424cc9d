package org.mpdp.robe.esim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

final class EsimOptionTest
{
    private static final int SYN = EsimOption.TCP_SYN;
    private static final int ACK = EsimOption.TCP_ACK;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[40]);
    private final EsimSubtypes subtypes = EsimSubtypes.DEFAULTS;

    @Test
    void shouldRoundTripRobeEsimEn()
    {
        assertEquals(4, EsimOption.writeEnable(buffer, 0, subtypes.enable()));
        assertEquals(30, buffer.getByte(0));
        assertEquals(4, buffer.getByte(1));
        assertEquals(0xE0, buffer.getByte(2) & 0xFF);
        assertEquals(EsimOption.OK, EsimOption.checkEnable(buffer, 0, 4, subtypes.enable(), SYN));
        assertEquals(EsimOption.OK, EsimOption.checkEnable(buffer, 0, 4, subtypes.enable(), SYN | ACK));
    }

    @Test
    void shouldRejectRobeEsimEnOffASynWrongLengthOrTruncated()
    {
        EsimOption.writeEnable(buffer, 0, subtypes.enable());
        assertEquals(EsimOption.REJECT_BAD_FLAGS, EsimOption.checkEnable(buffer, 0, 4, subtypes.enable(), ACK));
        assertEquals(EsimOption.REJECT_TRUNCATED, EsimOption.checkEnable(buffer, 0, 3, subtypes.enable(), SYN));
        assertEquals(EsimOption.REJECT_OTHER_SUBTYPE, EsimOption.checkEnable(buffer, 0, 4, 0xD, SYN));
        buffer.putByte(1, (byte)5);
        assertEquals(EsimOption.REJECT_BAD_LENGTH, EsimOption.checkEnable(buffer, 0, 8, subtypes.enable(), SYN));
        buffer.putByte(0, (byte)8);
        assertEquals(EsimOption.REJECT_NOT_MPTCP, EsimOption.checkEnable(buffer, 0, 8, subtypes.enable(), SYN));
    }

    @Test
    void shouldRoundTripMpJoinCap()
    {
        final EsimHmac hmac = new EsimHmac().compute(0x1122_3344_5566_7788L, 0x0102_0304_0506_0708L, 42);
        assertEquals(24, EsimOption.writeJoinCap(buffer, 4, subtypes.joinCap(), 7, 0x1122_3344_5566_7788L, hmac));
        assertEquals(EsimOption.OK, EsimOption.checkJoinCap(buffer, 4, 24, subtypes.joinCap(), ACK));
        assertEquals(0xF0, buffer.getByte(6) & 0xFF);
        assertEquals(7, EsimOption.joinCapAddrId(buffer, 4));
        assertEquals(0x1122_3344_5566_7788L, EsimOption.joinCapKeyA(buffer, 4));
        assertEquals(Crc16.fastHash(0x0102_0304_0506_0708L), EsimOption.joinCapFastHash(buffer, 4));
        assertEquals(true, hmac.verify(0x1122_3344_5566_7788L, 0x0102_0304_0506_0708L, 42, buffer,
            4 + EsimOption.HMAC_OFFSET));
    }

    @Test
    void shouldRejectMpJoinCapOnASynOrWithoutAckOrShort()
    {
        final EsimHmac hmac = new EsimHmac().compute(1, 2, 3);
        EsimOption.writeJoinCap(buffer, 0, subtypes.joinCap(), 0, 1, hmac);
        assertEquals(EsimOption.REJECT_BAD_FLAGS, EsimOption.checkJoinCap(buffer, 0, 24, subtypes.joinCap(), SYN | ACK));
        assertEquals(EsimOption.REJECT_BAD_FLAGS, EsimOption.checkJoinCap(buffer, 0, 24, subtypes.joinCap(), 0));
        assertEquals(EsimOption.REJECT_TRUNCATED, EsimOption.checkJoinCap(buffer, 0, 23, subtypes.joinCap(), ACK));
        buffer.putByte(1, (byte)20);
        assertEquals(EsimOption.REJECT_BAD_LENGTH, EsimOption.checkJoinCap(buffer, 0, 24, subtypes.joinCap(), ACK));
    }

    @Test
    void shouldFindTheOptionPastNopsAndOtherOptions()
    {
        // MSS, NOP, NOP, timestamps, MP_CAPABLE (4), ROBE_eSIM_EN, EOL
        int o = 0;
        buffer.putByte(o++, (byte)2);
        buffer.putByte(o++, (byte)4);
        buffer.putShort(o, (short)1460);
        o += 2;
        buffer.putByte(o++, (byte)1);
        buffer.putByte(o++, (byte)1);
        buffer.putByte(o++, (byte)8);
        buffer.putByte(o++, (byte)10);
        o += 8;
        buffer.putByte(o++, (byte)30);
        buffer.putByte(o++, (byte)4);
        buffer.putByte(o++, (byte)0x01);
        buffer.putByte(o++, (byte)0x81);
        final int at = o;
        o += EsimOption.writeEnable(buffer, o, subtypes.enable());
        buffer.putByte(o++, (byte)0);
        assertEquals(at, EsimOption.find(buffer, 0, o, subtypes.enable()));
        assertEquals(at - 4, EsimOption.find(buffer, 0, o, 0));
        assertEquals(-1, EsimOption.find(buffer, 0, o, subtypes.joinCap()));
        assertEquals(-1, EsimOption.find(buffer, 0, at + 3, subtypes.enable()), "option past the area's end");
        buffer.putByte(1, (byte)1);
        assertEquals(-1, EsimOption.find(buffer, 0, o, subtypes.enable()), "length 1 ends the walk");
    }

    @Test
    void shouldRefuseAssignedOrEqualSubtypes()
    {
        assertThrows(IllegalArgumentException.class, () -> new EsimSubtypes(0x8, 0xF));
        assertThrows(IllegalArgumentException.class, () -> new EsimSubtypes(0xE, 0x10));
        assertThrows(IllegalArgumentException.class, () -> new EsimSubtypes(0xE, 0xE));
        assertEquals(0xC, EsimSubtypes.parse("k", "0xc"));
        assertEquals(12, EsimSubtypes.parse("k", "12"));
        assertThrows(IllegalArgumentException.class, () -> EsimSubtypes.parse("k", "x"));
    }
}
