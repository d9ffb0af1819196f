package dev.tnsrelay.gateway;

import dev.tnsrelay.tns.TnsProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.ProtocolDetectionState;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import java.util.List;

/**
 * First on a connection from outside PROXY_FROM: one that begins with a PROXY protocol header (v1 {@code "PROXY "}
 * or the v2 signature) is refused with a clear reason instead of being read as a TNS packet or a TLS record;
 * anything else passes untouched and the guard leaves the pipeline. Netty's own detection decides, on the first
 * 12 bytes (every CONNECT and every TLS ClientHello is longer).
 */
final class ProxyHeaderGuard extends ByteToMessageDecoder {

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        ProtocolDetectionState state = HAProxyMessageDecoder.detectProtocol(in).state();
        if (state == ProtocolDetectionState.NEEDS_MORE_DATA) {
            return;
        }
        if (state == ProtocolDetectionState.DETECTED) {
            in.skipBytes(in.readableBytes());
            throw new TnsProtocolException("a PROXY protocol header from "
                    + ((java.net.InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress()
                    + ", which is not in PROXY_FROM");
        }
        ctx.pipeline().remove(this); // what it holds goes on to the next handler
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.isReadable()) {
            out.add(in.readRetainedSlice(in.readableBytes())); // fewer than 12 bytes, then the end: not a header
        }
    }
}
