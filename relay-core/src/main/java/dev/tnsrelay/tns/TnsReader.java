package dev.tnsrelay.tns;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Reads handshake packets (2-byte lengths) from a blocking stream: for probes, tools and test clients. */
public final class TnsReader {

    private final DataInputStream in;

    public TnsReader(InputStream in) {
        this.in = new DataInputStream(in);
    }

    /**
     * The next whole packet.
     *
     * @throws EOFException when the stream ends before a whole packet
     * @throws TnsProtocolException when the bytes are not a TNS packet
     */
    public TnsPacket next() throws IOException {
        int length = in.readUnsignedShort();
        if (length < TnsPacket.HEADER) {
            throw new TnsProtocolException("packet length " + length + " is shorter than its header");
        }
        byte[] packet = new byte[length];
        packet[0] = (byte) (length >> 8);
        packet[1] = (byte) length;
        in.readFully(packet, 2, length - 2);
        return TnsPacket.of(packet);
    }
}
