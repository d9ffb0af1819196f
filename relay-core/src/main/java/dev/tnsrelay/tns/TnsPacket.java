package dev.tnsrelay.tns;

import java.nio.ByteBuffer;

/**
 * One whole TNS packet as received: its exact bytes (forwarded unchanged by the gateway) and the header
 * fields read from them.
 */
public record TnsPacket(PacketType type, int flags, byte[] bytes) {

    /** Header size of every packet. */
    public static final int HEADER = 8;

    /** Header flag on REDIRECT: the data is {@code address NUL connect-data}. */
    public static final int FLAG_REDIRECT_CONNECT_DATA = 0x02;
    /** Header flag on CONNECT: this connect follows a redirect. */
    public static final int FLAG_AFTER_REDIRECT = 0x04;
    /** Header flag on RESEND: renegotiate TLS first; both clients crash on it over plain TCP. */
    public static final int FLAG_RESEND_TLS = 0x08;

    public static TnsPacket of(byte[] bytes) {
        return new TnsPacket(PacketType.of(bytes[4] & 0xff), bytes[5] & 0xff, bytes);
    }

    /** The bytes after the header. */
    public ByteBuffer body() {
        return ByteBuffer.wrap(bytes, HEADER, bytes.length - HEADER).slice();
    }

    /** An unsigned 16-bit field at an offset from the packet start. */
    public int u16(int offset) {
        if (offset + 2 > bytes.length) {
            throw new TnsProtocolException(type + " of " + bytes.length + " bytes has no field at offset " + offset);
        }
        return ((bytes[offset] & 0xff) << 8) | (bytes[offset + 1] & 0xff);
    }

    /** A header with a 2-byte length, as every packet before the handshake completes uses. */
    static byte[] withHeader(PacketType type, int flags, byte[] body) {
        int length = HEADER + body.length;
        if (length > 0xffff) {
            throw new IllegalArgumentException(type + " of " + length + " bytes does not fit a 2-byte length");
        }
        byte[] out = new byte[length];
        out[0] = (byte) (length >> 8);
        out[1] = (byte) length;
        out[4] = (byte) type.code();
        out[5] = (byte) flags;
        System.arraycopy(body, 0, out, HEADER, body.length);
        return out;
    }
}
