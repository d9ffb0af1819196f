package dev.tnsrelay.tns;

/**
 * An ACCEPT: {@code 8 version | 10 options | 12 SDU16 | 14 TDU16 | 16 one | 18 data length | 20 data offset |
 * 22 flags0 | 23 flags1 | … | 32 SDU32 | 36 TDU32}. From version 315 both sides use 4-byte lengths after it.
 */
public final class AcceptPacket {

    /** The first version whose packets after ACCEPT carry a 4-byte length. */
    public static final int LARGE_LENGTH_VERSION = 315;

    private AcceptPacket() {
    }

    /** The version the listener accepted. */
    public static int version(TnsPacket accept) {
        return accept.u16(8);
    }

    /**
     * An ACCEPT as a listener sends it: 45 bytes plus the 16 that JDBC reads from a version-319 ACCEPT, network
     * authentication off (flags 0x04/0x04). For test listeners and the benchmark backend.
     */
    public static byte[] build(int version, int sdu) {
        byte[] p = TnsPacket.withHeader(PacketType.ACCEPT, 0, new byte[61 - TnsPacket.HEADER]);
        TnsPacket.put16(p, 8, version);
        TnsPacket.put16(p, 10, 0x0001);
        TnsPacket.put16(p, 12, Math.min(sdu, 0xffff));
        TnsPacket.put16(p, 14, 0xffff);
        TnsPacket.put16(p, 16, 0x0100);
        TnsPacket.put16(p, 20, 45);
        p[22] = 0x04;
        p[23] = 0x04;
        TnsPacket.put16(p, 32, sdu >>> 16);
        TnsPacket.put16(p, 34, sdu & 0xffff);
        TnsPacket.put16(p, 38, 0xffff);
        return p;
    }
}
