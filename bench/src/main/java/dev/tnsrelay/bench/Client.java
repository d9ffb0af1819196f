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

    /** Thrown when the target answers the CONNECT with something other than ACCEPT (a REFUSE). */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    static SocketChannel connect(Target target, int backendPort, String mode) throws IOException {
        SocketChannel ch = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), target.port));
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        for (byte[] packet : ConnectPacket.build(descriptor(target, backendPort, mode))) {
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
            throw new Refused(target.name + " answered packet type " + header.get(4) + " instead of ACCEPT");
        }
        readFully(ch, ByteBuffer.allocate(length - 8));
        return ch;
    }

    /**
     * One client of a logon storm on a blocking socket, every step bounded by {@code timeoutMillis}: connect,
     * CONNECT, ACCEPT; the socket is the caller's to close.
     */
    static void handshake(java.net.Socket s, Target target, int backendPort, int timeoutMillis) throws IOException {
        s.setTcpNoDelay(true);
        s.setSoTimeout(timeoutMillis);
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target.port), timeoutMillis);
        java.io.OutputStream out = s.getOutputStream();
        for (byte[] packet : ConnectPacket.build(descriptor(target, backendPort, "hold"))) {
            out.write(packet);
        }
        out.flush();
        var answer = new dev.tnsrelay.tns.TnsReader(s.getInputStream()).next();
        if (answer.type() != dev.tnsrelay.tns.PacketType.ACCEPT) {
            throw new Refused(target.name + " answered " + answer.type() + " instead of ACCEPT");
        }
    }

    /** As ojdbc and node-oracledb send it: a source route, the client's CID and a CONNECTION_ID of its own. */
    private static String descriptor(Target target, int backendPort, String mode) {
        byte[] id = new byte[16];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(id);
        return "(DESCRIPTION=(SOURCE_ROUTE=yes)(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=" + target.port
                + "))(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=" + backendPort + "))(CONNECT_DATA=(SERVICE_NAME="
                + mode + ")(CID=(PROGRAM=bench)(HOST=localhost)(USER=bench))(CONNECTION_ID="
                + java.util.Base64.getEncoder().encodeToString(id) + ")))";
    }

    static void readFully(SocketChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new IOException("closed while reading");
            }
        }
    }
}
