package dev.tnsrelay.bench;

import dev.tnsrelay.tns.ConnectPacket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** A benchmark client's TNS handshake: CONNECT (source-routed through the target to the backend), then ACCEPT. */
final class Client {

    private Client() {
    }

    static SocketChannel connect(Target target, int backendPort, String mode) throws IOException {
        SocketChannel ch = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), target.port));
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        String descriptor = "(DESCRIPTION=(SOURCE_ROUTE=yes)(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=" + target.port
                + "))(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=" + backendPort + "))(CONNECT_DATA=(SERVICE_NAME="
                + mode + ")(CID=(PROGRAM=bench)(HOST=localhost)(USER=bench))))";
        for (byte[] packet : ConnectPacket.build(descriptor)) {
            ByteBuffer b = ByteBuffer.wrap(packet);
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
        ByteBuffer header = ByteBuffer.allocate(8);
        readFully(ch, header);
        int length = ((header.get(0) & 0xff) << 8) | (header.get(1) & 0xff);
        if (header.get(4) != 2) {
            ch.close();
            throw new IOException(target.name + " answered packet type " + header.get(4) + " instead of ACCEPT");
        }
        readFully(ch, ByteBuffer.allocate(length - 8));
        return ch;
    }

    static void readFully(SocketChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new IOException("closed while reading");
            }
        }
    }
}
