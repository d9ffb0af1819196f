package dev.tnsrelay.tns;

import java.nio.charset.StandardCharsets;

/**
 * A REDIRECT: {@code 8 data length(2) | 10 data}; with header flag 0x02 the data is
 * {@code address NUL connect-data}. A listener may announce a length the packet does not carry and send the
 * rest in a DATA packet that follows ({@link #isSplit}, {@link #join}).
 *
 * @param connectData new connect data for the target, or null: the original's
 */
public record RedirectPacket(String address, String connectData) {

    /** Reads a whole REDIRECT (joined first when it was split). */
    public static RedirectPacket of(TnsPacket p) {
        int length = p.u16(8);
        if (10 + length > p.bytes().length) {
            throw new TnsProtocolException("REDIRECT announces " + length + " bytes but carries fewer");
        }
        String text = new String(p.bytes(), 10, length, StandardCharsets.ISO_8859_1);
        int nul = text.indexOf('\0');
        return nul < 0 ? new RedirectPacket(text, null) : new RedirectPacket(text.substring(0, nul), text.substring(nul + 1));
    }

    /** True when the REDIRECT announces more data than it carries: the rest comes in the next DATA packet. */
    public static boolean isSplit(TnsPacket p) {
        return 10 + p.u16(8) > p.bytes().length;
    }

    /** A split REDIRECT with the DATA packet that carries the rest of its data. */
    public static TnsPacket join(TnsPacket head, TnsPacket data) {
        if (data.type() != PacketType.DATA) {
            throw new TnsProtocolException("a split REDIRECT must be followed by DATA, not " + data.type());
        }
        byte[] rest = data.afterField();
        byte[] joined = new byte[head.bytes().length + rest.length];
        System.arraycopy(head.bytes(), 0, joined, 0, head.bytes().length);
        System.arraycopy(rest, 0, joined, head.bytes().length, rest.length);
        return TnsPacket.of(joined);
    }

    /** A REDIRECT to an address; with connect data it is {@code address NUL connect-data} and flag 0x02. */
    public static byte[] build(String address, String connectData) {
        String text = connectData == null ? address : address + '\0' + connectData;
        byte[] data = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new byte[2 + data.length];
        body[0] = (byte) (data.length >> 8);
        body[1] = (byte) data.length;
        System.arraycopy(data, 0, body, 2, data.length);
        return TnsPacket.withHeader(PacketType.REDIRECT, connectData == null ? 0 : TnsPacket.FLAG_REDIRECT_CONNECT_DATA,
                body);
    }
}
