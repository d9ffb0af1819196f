package dev.tnsrelay.gateway;

import dev.tnsrelay.tns.PacketType;
import dev.tnsrelay.tns.TnsPacket;
import dev.tnsrelay.tns.TnsProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts the bytes of a handshake into whole TNS packets (2-byte lengths, so at most 64 KB each); what is left
 * when the handshake ends is passed on raw to the relay that replaces it. The header is checked as soon as it
 * arrives, so that garbage ends the session without waiting for a length's worth of it.
 */
final class TnsFrames extends ByteToMessageDecoder {

    /**
     * The first byte of a TLS handshake record (RFC 8446 §5.1), followed by version 3.x: a TNS packet of that
     * length would carry a packet checksum of 1 to 4, which no client sends.
     */
    private static final int TLS_HANDSHAKE_RECORD = 0x16;

    /** One packet a call: the handler after this one may end the handshake, and remove this decoder, on any. */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() >= TnsPacket.HEADER) {
            int at = in.readerIndex();
            if (in.getUnsignedByte(at) == TLS_HANDSHAKE_RECORD && in.getUnsignedByte(at + 1) == 3
                    && in.getUnsignedByte(at + 2) <= 4) {
                throw new TnsProtocolException("the peer speaks TLS to a TCP address (a TLS handshake record, not a TNS"
                        + " packet): it should use the TCPS address");
            }
            int length = in.getUnsignedShort(at);
            if (length < TnsPacket.HEADER) {
                throw new TnsProtocolException("packet length " + length + " is shorter than its header");
            }
            int type = in.getUnsignedByte(at + 4);
            if (PacketType.of(type) == PacketType.UNKNOWN) {
                throw new TnsProtocolException("unknown packet type " + type);
            }
            if (in.readableBytes() < length) {
                return;
            }
            byte[] packet = new byte[length];
            in.readBytes(packet);
            out.add(TnsPacket.of(packet));
        }
    }
}
