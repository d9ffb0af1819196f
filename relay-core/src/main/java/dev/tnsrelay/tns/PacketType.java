package dev.tnsrelay.tns;

/**
 * The packet type in byte 4 of the TNS header. Codes as the thin clients define them (python-oracledb's
 * {@code TNS_PACKET_TYPE_*}, node-oracledb's {@code constants.js}; shared/design/PROTOCOL.md).
 */
public enum PacketType {
    CONNECT(1), ACCEPT(2), ACK(3), REFUSE(4), REDIRECT(5), DATA(6), NULL(7), ABORT(9), RESEND(11), MARKER(12),
    ATTENTION(13), CONTROL(14), UNKNOWN(-1);

    private static final PacketType[] BY_CODE = new PacketType[16];

    static {
        for (PacketType t : values()) {
            if (t.code > 0) {
                BY_CODE[t.code] = t;
            }
        }
    }

    private final int code;

    PacketType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static PacketType of(int code) {
        PacketType t = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        return t == null ? UNKNOWN : t;
    }
}
