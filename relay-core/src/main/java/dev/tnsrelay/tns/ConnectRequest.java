package dev.tnsrelay.tns;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Assembles a client's connect request: the CONNECT and, when the connect data did not fit inline, the DATA
 * packets that follow it (2 bytes of data flags, then data) until the announced length is complete. Keeps
 * every packet's bytes so that the request can be forwarded exactly as the client sent it.
 */
public final class ConnectRequest {

    /** DATA packets accepted for one connect request (9,181 bytes at SDU 512 would take 19). */
    public static final int MAX_OVERFLOW_PACKETS = 64;

    private final ConnectPacket connect;
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private int overflowPackets;

    public ConnectRequest(ConnectPacket connect) {
        this.connect = connect;
        raw.writeBytes(connect.packet().bytes());
        if (connect.inline()) {
            data.writeBytes(connect.inlineData().getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    public ConnectPacket connect() {
        return connect;
    }

    public boolean complete() {
        return data.size() >= connect.dataLength();
    }

    /** Adds one overflow DATA packet. */
    public void add(TnsPacket p) {
        if (p.type() != PacketType.DATA) {
            throw new TnsProtocolException("expected DATA with connect data, got " + p.type());
        }
        if (++overflowPackets > MAX_OVERFLOW_PACKETS) {
            throw new TnsProtocolException("connect data spread over more than " + MAX_OVERFLOW_PACKETS + " packets");
        }
        int n = p.bytes().length - TnsPacket.HEADER - 2;
        if (n < 0 || data.size() + n > connect.dataLength()) {
            throw new TnsProtocolException("DATA carries more connect data than the CONNECT announced");
        }
        raw.writeBytes(p.bytes());
        data.write(p.bytes(), TnsPacket.HEADER + 2, n);
    }

    public String connectData() {
        return data.toString(StandardCharsets.ISO_8859_1);
    }

    /** Every packet of the request, as received. */
    public byte[] bytes() {
        return raw.toByteArray();
    }
}
