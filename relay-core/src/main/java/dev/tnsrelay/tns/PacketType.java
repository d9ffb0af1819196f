package dev.tnsrelay.tns;

/** The packet type in byte 4 of the TNS header. */
public enum PacketType {
    CONNECT(1), ACCEPT(2), ACK(3), REFUSE(4), REDIRECT(5), DATA(6), NULL(7), ABORT(9), RESEND(11), MARKER(12),
    ATTENTION(13), CONTROL(14), UNKNOWN(-1);

    private final int code;

    PacketType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static PacketType of(int code) {
        for (PacketType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return UNKNOWN;
    }
}
