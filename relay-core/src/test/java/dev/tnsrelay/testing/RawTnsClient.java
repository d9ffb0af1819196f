package dev.tnsrelay.testing;

import dev.tnsrelay.tns.ConnectPacket;
import dev.tnsrelay.tns.PacketType;
import dev.tnsrelay.tns.TnsPacket;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;

/** A plain-socket client that does the TNS handshake by hand, for relay and bad-input tests. */
public final class RawTnsClient implements AutoCloseable {

    public final Socket socket;
    public final InputStream in;
    public final OutputStream out;

    public RawTnsClient(int port) throws IOException {
        this(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    /** Over a socket of the caller's: a TLS one for a TCPS endpoint. */
    public RawTnsClient(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout(20_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends a CONNECT for the descriptor and returns the type of the answer packet (its bytes are read). */
    public PacketType handshake(String descriptor) throws IOException {
        return answer(descriptor).type();
    }

    /** Sends a CONNECT for the descriptor and returns the whole answer packet. */
    public TnsPacket answer(String descriptor) throws IOException {
        for (byte[] packet : ConnectPacket.build(descriptor)) {
            out.write(packet);
        }
        out.flush();
        DataInputStream data = new DataInputStream(in);
        int length = data.readUnsignedShort();
        byte[] packet = new byte[length];
        packet[0] = (byte) (length >> 8);
        packet[1] = (byte) length;
        data.readFully(packet, 2, length - 2);
        return TnsPacket.of(packet);
    }

    /** Sends {@code n} bytes through an established session to an echoing listener; true if they all came back. */
    public boolean echoes(int n) throws IOException {
        byte[] sent = new byte[n];
        new java.util.Random(n).nextBytes(sent);
        out.write(sent);
        out.flush();
        return java.util.Arrays.equals(sent, in.readNBytes(n));
    }

    /** True when the gateway closed the connection (end of stream or reset) before the time-out. */
    public boolean closedByPeer() {
        try {
            byte[] buf = new byte[4096];
            while (true) {
                if (in.read(buf) < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
