package dev.tnsrelay.tns;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Cuts a byte stream into TNS packets, whatever the TCP segmentation. Before the handshake completes the length
 * is the 2-byte field; after an ACCEPT of version 315 or later both sides use a 4-byte length, which the caller
 * switches on with {@link #useLargeLength()} — it is never guessed from the bytes. A read may carry any number
 * of whole packets; what is held unread is at most one packet that has not yet completed.
 */
public final class FrameDecoder {

    private final int maxPacket;
    private boolean largeLength;
    private byte[] buffer = new byte[256];
    private int start;
    private int end;

    /** @param maxPacket the largest packet accepted, header included */
    public FrameDecoder(int maxPacket) {
        this.maxPacket = maxPacket;
    }

    public void useLargeLength() {
        largeLength = true;
    }

    /**
     * Adds bytes read from the socket (the buffer is consumed). The caller takes every whole packet with
     * {@link #next()} before it feeds more.
     */
    public void feed(ByteBuffer in) {
        int n = in.remaining();
        if (end - start > maxPacket) {
            throw new IllegalStateException("fed again before the whole packets were taken");
        }
        if (end + n > buffer.length) {
            int unread = end - start;
            byte[] bigger = unread + n > buffer.length ? new byte[Math.max(unread + n, buffer.length * 2)] : buffer;
            System.arraycopy(buffer, start, bigger, 0, unread);
            buffer = bigger;
            start = 0;
            end = unread;
        }
        in.get(buffer, end, n);
        end += n;
    }

    /** The next whole packet, or null until more bytes arrive. */
    public TnsPacket next() {
        int unread = end - start;
        if (unread < TnsPacket.HEADER) {
            return null;
        }
        long length = largeLength
                ? ((long) (buffer[start] & 0xff) << 24) | ((buffer[start + 1] & 0xff) << 16)
                        | ((buffer[start + 2] & 0xff) << 8) | (buffer[start + 3] & 0xff)
                : TnsPacket.handshakeLength(buffer[start], buffer[start + 1]);
        if (length < TnsPacket.HEADER) {
            throw new TnsProtocolException("packet length " + length + " is shorter than its header");
        }
        if (length > maxPacket) {
            throw new TnsProtocolException("packet length " + length + " exceeds the limit of " + maxPacket);
        }
        if (PacketType.of(buffer[start + 4] & 0xff) == PacketType.UNKNOWN) {
            throw new TnsProtocolException("unknown packet type " + (buffer[start + 4] & 0xff));
        }
        if (unread < length) {
            return null;
        }
        byte[] packet = Arrays.copyOfRange(buffer, start, start + (int) length);
        start += (int) length;
        return TnsPacket.of(packet);
    }

    /** The bytes received after the last whole packet (handed on raw once relaying starts). */
    public byte[] drain() {
        byte[] rest = Arrays.copyOfRange(buffer, start, end);
        start = 0;
        end = 0;
        return rest;
    }
}
