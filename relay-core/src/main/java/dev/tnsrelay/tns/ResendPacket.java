package dev.tnsrelay.tns;

/**
 * A RESEND: header only; the client sends its CONNECT (and overflow DATA) again, byte for byte. With header flag
 * 0x08 it first renegotiates TLS on the same socket — which a client on plain TCP cannot do (both thin clients
 * crash on it), so a gateway never passes that flag to a client it cannot re-handshake.
 */
public final class ResendPacket {

    private ResendPacket() {
    }

    public static byte[] build() {
        return TnsPacket.withHeader(PacketType.RESEND, 0, new byte[0]);
    }

    /** True when the next hop asks for a TLS renegotiation before the resend. */
    public static boolean asksTls(TnsPacket resend) {
        return (resend.flags() & TnsPacket.FLAG_RESEND_TLS) != 0;
    }

    /** The same RESEND without the TLS flag, for a client on plain TCP. */
    public static byte[] withoutTls(TnsPacket resend) {
        byte[] copy = resend.bytes().clone();
        copy[5] &= (byte) ~TnsPacket.FLAG_RESEND_TLS;
        return copy;
    }
}
