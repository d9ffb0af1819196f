package dev.tnsrelay.tns;

import java.nio.charset.StandardCharsets;

/**
 * A REFUSE: {@code 8 user reason(1) | 9 system reason(1) | 10 data length(2) | 12 data}, the data an error
 * descriptor {@code (DESCRIPTION=(TMP=)(VSNNUM=0)(ERR=n)(ERROR_STACK=(ERROR=(CODE=n)(EMFI=4))))}. Both JDBC and
 * node-oracledb read {@code (ERR=n)}; a REFUSE without data is shown as end-of-file, so the descriptor is always
 * there.
 */
public final class RefusePacket {

    /** User reason byte the listener puts in a REFUSE. */
    private static final int USER_REASON = 0x22;

    private RefusePacket() {
    }

    public static byte[] build(int oraError) {
        byte[] text = ("(DESCRIPTION=(TMP=)(VSNNUM=0)(ERR=" + oraError + ")(ERROR_STACK=(ERROR=(CODE=" + oraError
                + ")(EMFI=4))))").getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new byte[4 + text.length];
        body[0] = (byte) USER_REASON;
        body[2] = (byte) (text.length >> 8);
        body[3] = (byte) text.length;
        System.arraycopy(text, 0, body, 4, text.length);
        return TnsPacket.withHeader(PacketType.REFUSE, 0, body);
    }

    /** The error number in a REFUSE's descriptor ({@code ERR=}, else the first {@code CODE=}), or 0 without one. */
    public static int error(TnsPacket refuse) {
        String text = new String(refuse.bytes(), StandardCharsets.ISO_8859_1);
        int err = number(text, "(ERR=");
        return err != 0 ? err : number(text, "(CODE=");
    }

    private static int number(String text, String key) {
        int at = text.indexOf(key);
        if (at < 0) {
            return 0;
        }
        int n = 0;
        int digits = 0;
        for (int i = at + key.length(); i < text.length() && digits < 9; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                n = n * 10 + (c - '0');
                digits++;
            } else if (c != ' ' || digits > 0) {
                break;
            }
        }
        return n;
    }
}
