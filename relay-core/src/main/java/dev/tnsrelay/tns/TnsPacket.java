package dev.tnsrelay.tns;

/**
 * One whole TNS packet as received: its exact bytes (forwarded unchanged by the gateway) and the header fields
 * read from them. Header: {@code 0 length(2) | 2 packet checksum(2) | 4 type(1) | 5 flags(1) | 6 header
 * checksum(2)}; after an ACCEPT of version 315 or later the length takes bytes 0–3.
 */
public record TnsPacket(PacketType type, int flags, byte[] bytes) {

    /** Header size of every packet. */
    public static final int HEADER = 8;
    /** The most a 2-byte length can say: every packet of the handshake fits. */
    public static final int MAX_HANDSHAKE_PACKET = 0xffff;

    /** Header flag on REDIRECT: the data is {@code address NUL connect-data}. */
    public static final int FLAG_REDIRECT_CONNECT_DATA = 0x02;
    /** Header flag on CONNECT: this connect follows a redirect. */
    public static final int FLAG_AFTER_REDIRECT = 0x04;
    /** Header flag on RESEND: renegotiate TLS first; both clients crash on it over plain TCP. */
    public static final int FLAG_RESEND_TLS = 0x08;

    /**
     * The packet in {@code bytes}, which must be one whole packet.
     *
     * @throws TnsProtocolException when it is shorter than a header or of an unknown type
     */
    public static TnsPacket of(byte[] bytes) {
        if (bytes.length < HEADER) {
            throw new TnsProtocolException("a packet of " + bytes.length + " bytes is shorter than its header");
        }
        PacketType type = PacketType.of(bytes[4] & 0xff);
        if (type == PacketType.UNKNOWN) {
            throw new TnsProtocolException("unknown packet type " + (bytes[4] & 0xff));
        }
        return new TnsPacket(type, bytes[5] & 0xff, bytes);
    }

    /** The 2-byte length of a handshake packet from its first two header bytes. */
    public static int handshakeLength(byte first, byte second) {
        return ((first & 0xff) << 8) | (second & 0xff);
    }

    /** An unsigned 16-bit field at an offset from the packet start. */
    public int u16(int offset) {
        if (offset + 2 > bytes.length) {
            throw new TnsProtocolException(type + " of " + bytes.length + " bytes has no field at offset " + offset);
        }
        return ((bytes[offset] & 0xff) << 8) | (bytes[offset + 1] & 0xff);
    }

    /** The bytes after the header and the 2-byte field that follows it (DATA flags, REDIRECT length). */
    byte[] afterField() {
        // a packet of 8 or 9 bytes has nothing after the field (and arraycopy refuses a start past its end)
        return bytes.length <= HEADER + 2 ? new byte[0] : java.util.Arrays.copyOfRange(bytes, HEADER + 2, bytes.length);
    }

    /** A header with a 2-byte length, as every packet before the handshake completes uses. */
    static byte[] withHeader(PacketType type, int flags, byte[] body) {
        int length = HEADER + body.length;
        if (length > MAX_HANDSHAKE_PACKET) {
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

    static void put16(byte[] packet, int offset, int value) {
        packet[offset] = (byte) (value >> 8);
        packet[offset + 1] = (byte) value;
    }
}
