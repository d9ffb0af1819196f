package dev.tnsrelay.tns;

import java.nio.charset.StandardCharsets;

/**
 * A CONNECT: {@code 8 version | 10 lowest version | … | 24 connect data length | 26 connect data offset}.
 * Connect data up to 230 bytes is inline at the offset; above that the CONNECT carries none and the data
 * follows in DATA packets ({@link ConnectRequest}). The offset is read, never assumed (clients before
 * version 315 use 58, later ones 74).
 */
public record ConnectPacket(TnsPacket packet, int version, int lowestVersion, int dataLength, int dataOffset) {

    /** Connect data accepted at most: 4 × JDBC's longest observed (9,181 bytes). */
    public static final int MAX_CONNECT_DATA = 32 * 1024;

    /** The most connect data a CONNECT carries inline. */
    public static final int MAX_INLINE = 230;

    public static ConnectPacket of(TnsPacket p) {
        if (p.type() != PacketType.CONNECT) {
            throw new TnsProtocolException("expected CONNECT, got " + p.type());
        }
        int length = p.u16(24);
        int offset = p.u16(26);
        if (length > MAX_CONNECT_DATA) {
            throw new TnsProtocolException("connect data of " + length + " bytes exceeds " + MAX_CONNECT_DATA);
        }
        int size = p.bytes().length;
        if (offset < 34) {
            throw new TnsProtocolException("connect data offset " + offset + " points into the fixed fields");
        }
        if (size > offset && offset + length > size) {
            throw new TnsProtocolException("connect data offset " + offset + " and length " + length
                    + " do not fit a CONNECT of " + size + " bytes");
        }
        return new ConnectPacket(p, p.u16(8), p.u16(10), length, offset);
    }

    /** True when the connect data is in the CONNECT itself. */
    public boolean inline() {
        return packet.bytes().length > dataOffset;
    }

    public String inlineData() {
        return new String(packet.bytes(), dataOffset, dataLength, StandardCharsets.ISO_8859_1);
    }

    /**
     * A CONNECT as a version-319 thin client sends it, for raw test clients and the benchmark: SDU 8192,
     * connect data at offset 74, inline up to 230 bytes and in DATA packets beyond.
     */
    public static byte[][] build(String connectData) {
        byte[] fixed = new byte[74];
        fixed[8] = 0x01;
        fixed[9] = 0x3f; // version 319
        fixed[10] = 0x01;
        fixed[11] = 0x2c; // lowest compatible 300
        fixed[13] = 0x01; // service options
        fixed[14] = 0x20; // SDU 8192
        fixed[16] = (byte) 0xff;
        fixed[17] = (byte) 0xff; // TDU 65535
        fixed[23] = 0x01; // value of one
        fixed[26] = 0x00;
        fixed[27] = 74; // data offset
        fixed[32] = 0x08;
        fixed[33] = 0x08; // NA flags, as node-oracledb
        fixed[60] = 0x20; // SDU 8192 (32-bit at 58)
        fixed[64] = 0x20; // TDU 2 MB (32-bit at 62)
        fixed[0] = 0;
        fixed[1] = 74;
        fixed[4] = (byte) PacketType.CONNECT.code();
        ConnectPacket template = new ConnectPacket(TnsPacket.of(fixed), 319, 300, 0, 74);
        return rebuild(template, connectData, 0, 8192);
    }

    /**
     * The same CONNECT with other connect data, for a redirect: the fixed fields are kept, the data is
     * inline when it fits and in DATA packets of at most {@code sdu} bytes otherwise.
     */
    public static byte[][] rebuild(ConnectPacket original, String connectData, int flags, int sdu) {
        byte[] data = connectData.getBytes(StandardCharsets.ISO_8859_1);
        int fixed = Math.min(original.dataOffset(), original.packet().bytes().length);
        byte[] body = new byte[fixed - TnsPacket.HEADER + (data.length <= MAX_INLINE ? data.length : 0)];
        System.arraycopy(original.packet().bytes(), TnsPacket.HEADER, body, 0, fixed - TnsPacket.HEADER);
        body[24 - TnsPacket.HEADER] = (byte) (data.length >> 8);
        body[25 - TnsPacket.HEADER] = (byte) data.length;
        body[26 - TnsPacket.HEADER] = (byte) (fixed >> 8);
        body[27 - TnsPacket.HEADER] = (byte) fixed;
        if (data.length <= MAX_INLINE) {
            System.arraycopy(data, 0, body, fixed - TnsPacket.HEADER, data.length);
            return new byte[][] {TnsPacket.withHeader(PacketType.CONNECT, flags, body)};
        }
        int chunk = Math.max(512, sdu) - TnsPacket.HEADER - 2;
        int count = (data.length + chunk - 1) / chunk;
        byte[][] packets = new byte[count + 1][];
        packets[0] = TnsPacket.withHeader(PacketType.CONNECT, flags, body);
        for (int i = 0; i < count; i++) {
            int from = i * chunk;
            int n = Math.min(chunk, data.length - from);
            byte[] dataBody = new byte[2 + n];
            System.arraycopy(data, from, dataBody, 2, n);
            packets[i + 1] = TnsPacket.withHeader(PacketType.DATA, 0, dataBody);
        }
        return packets;
    }
}
