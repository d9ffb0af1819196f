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

    /** One packet a call: the handler after this one may end the handshake, and remove this decoder, on any. */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() >= TnsPacket.HEADER) {
            int at = in.readerIndex();
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
