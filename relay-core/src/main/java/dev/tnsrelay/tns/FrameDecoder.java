package dev.tnsrelay.tns;

import java.nio.ByteBuffer;

/**
 * Cuts a byte stream into TNS packets, whatever the TCP segmentation. Before the handshake completes the
 * length is the 2-byte field; after an ACCEPT of version 315 or later both sides use a 4-byte length, which
 * the caller switches on with {@link #useLargeLength()} — it is never guessed from the bytes.
 */
public final class FrameDecoder {

    private final int maxPacket;
    private boolean largeLength;
    private byte[] pending = new byte[0];

    /** @param maxPacket the largest packet accepted, header included */
    public FrameDecoder(int maxPacket) {
        this.maxPacket = maxPacket;
    }

    public void useLargeLength() {
        largeLength = true;
    }

    /** Adds bytes read from the socket (the buffer is consumed). */
    public void feed(ByteBuffer in) {
        int n = in.remaining();
        if (pending.length + n > maxPacket + TnsPacket.HEADER) {
            // more than one packet's worth unread: the peer is ahead of the protocol
            throw new TnsProtocolException("more than " + maxPacket + " bytes arrived before a packet completed");
        }
        byte[] joined = new byte[pending.length + n];
        System.arraycopy(pending, 0, joined, 0, pending.length);
        in.get(joined, pending.length, n);
        pending = joined;
    }

    /** The next whole packet, or null until more bytes arrive. */
    public TnsPacket next() {
        if (pending.length < TnsPacket.HEADER) {
            return null;
        }
        long length = largeLength
                ? ((long) (pending[0] & 0xff) << 24) | ((pending[1] & 0xff) << 16) | ((pending[2] & 0xff) << 8) | (pending[3] & 0xff)
                : ((pending[0] & 0xff) << 8) | (pending[1] & 0xff);
        if (length < TnsPacket.HEADER) {
            throw new TnsProtocolException("packet length " + length + " is shorter than its header");
        }
        if (length > maxPacket) {
            throw new TnsProtocolException("packet length " + length + " exceeds the limit of " + maxPacket);
        }
        if (PacketType.of(pending[4] & 0xff) == PacketType.UNKNOWN) {
            throw new TnsProtocolException("unknown packet type " + (pending[4] & 0xff));
        }
        if (pending.length < length) {
            return null;
        }
        byte[] packet = new byte[(int) length];
        System.arraycopy(pending, 0, packet, 0, packet.length);
        byte[] rest = new byte[pending.length - packet.length];
        System.arraycopy(pending, packet.length, rest, 0, rest.length);
        pending = rest;
        return TnsPacket.of(packet);
    }

    /** The bytes received after the last whole packet (handed on raw once relaying starts). */
    public byte[] drain() {
        byte[] rest = pending;
        pending = new byte[0];
        return rest;
    }
}
