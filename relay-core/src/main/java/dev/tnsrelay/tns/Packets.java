package dev.tnsrelay.tns;

import java.nio.charset.StandardCharsets;

/** The packets a gateway writes itself. */
public final class Packets {

    /** User reason byte the listener puts in a REFUSE. */
    private static final int REFUSE_USER_REASON = 0x22;

    private Packets() {
    }

    /**
     * A REFUSE carrying Oracle's error descriptor. Both JDBC and node-oracledb read {@code (ERR=n)}; a REFUSE
     * without data is shown as end-of-file, so the descriptor is always there.
     */
    public static byte[] refuse(int oraError) {
        byte[] text = ("(DESCRIPTION=(TMP=)(VSNNUM=0)(ERR=" + oraError + ")(ERROR_STACK=(ERROR=(CODE=" + oraError
                + ")(EMFI=4))))").getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new byte[4 + text.length];
        body[0] = (byte) REFUSE_USER_REASON;
        body[2] = (byte) (text.length >> 8);
        body[3] = (byte) text.length;
        System.arraycopy(text, 0, body, 4, text.length);
        return TnsPacket.withHeader(PacketType.REFUSE, 0, body);
    }

    /** The error number in a REFUSE's descriptor, or 0 when it has none. */
    public static int refuseError(TnsPacket refuse) {
        String text = new String(refuse.bytes(), StandardCharsets.ISO_8859_1);
        int at = text.indexOf("(ERR=");
        if (at < 0) {
            return 0;
        }
        int end = text.indexOf(')', at);
        try {
            return Integer.parseInt(text.substring(at + 5, end).strip());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** A REDIRECT to an address; with connect data it is {@code address NUL connect-data} and flag 0x02. */
    public static byte[] redirect(String address, String connectData) {
        String text = connectData == null ? address : address + '\0' + connectData;
        byte[] data = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new byte[2 + data.length];
        body[0] = (byte) (data.length >> 8);
        body[1] = (byte) data.length;
        System.arraycopy(data, 0, body, 2, data.length);
        return TnsPacket.withHeader(PacketType.REDIRECT, connectData == null ? 0 : TnsPacket.FLAG_REDIRECT_CONNECT_DATA, body);
    }

    /** A REDIRECT's target address and, if it carries them, new connect data (else null). */
    public record Redirect(String address, String connectData) {
        public static Redirect of(TnsPacket p) {
            int length = p.u16(8);
            if (10 + length > p.bytes().length) {
                throw new TnsProtocolException("REDIRECT announces " + length + " bytes but carries fewer");
            }
            String text = new String(p.bytes(), 10, length, StandardCharsets.ISO_8859_1);
            int nul = text.indexOf('\0');
            return nul < 0 ? new Redirect(text, null) : new Redirect(text.substring(0, nul), text.substring(nul + 1));
        }
    }

    public static byte[] resend() {
        return TnsPacket.withHeader(PacketType.RESEND, 0, new byte[0]);
    }

    /**
     * An ACCEPT as a listener sends it: 45 bytes plus the 16 that JDBC reads from a version-319 ACCEPT,
     * network authentication off (flags 0x04/0x04). Used by test listeners and the benchmark backend.
     */
    public static byte[] accept(int version, int sdu) {
        byte[] body = new byte[61 - TnsPacket.HEADER];
        put16(body, 8, version);
        put16(body, 10, 0x0001);
        put16(body, 12, Math.min(sdu, 0xffff));
        put16(body, 14, 0xffff);
        put16(body, 16, 0x0100);
        put16(body, 20, 45);
        body[22 - TnsPacket.HEADER] = 0x04;
        body[23 - TnsPacket.HEADER] = 0x04;
        put32(body, 32, sdu);
        put32(body, 36, 0xffff);
        return TnsPacket.withHeader(PacketType.ACCEPT, 0, body);
    }

    /** The version in an ACCEPT; from 315 on both sides switch to 4-byte lengths. */
    public static int acceptVersion(TnsPacket accept) {
        return accept.u16(8);
    }

    private static void put16(byte[] body, int packetOffset, int value) {
        body[packetOffset - TnsPacket.HEADER] = (byte) (value >> 8);
        body[packetOffset - TnsPacket.HEADER + 1] = (byte) value;
    }

    private static void put32(byte[] body, int packetOffset, int value) {
        put16(body, packetOffset, value >>> 16);
        put16(body, packetOffset + 2, value & 0xffff);
    }
}
