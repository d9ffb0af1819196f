package dev.tnsrelay.gateway;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One socket of a session, with the bytes written to it that it has not yet taken. Backpressure rests on
 * this: while a side has pending bytes, the session stops reading from the other side, so at most one read's
 * worth is ever held.
 */
final class Endpoint {

    final Session session;
    final SocketChannel channel;
    SelectionKey key;
    private ByteBuffer pending;
    /** The peer has closed its sending side. */
    boolean eof;
    /** Close our sending side once the pending bytes are written. */
    boolean shutdownAfterFlush;

    Endpoint(Session session, SocketChannel channel) {
        this.session = session;
        this.channel = channel;
    }

    /** Writes what it can; the rest is kept and written when the socket is writable. True if all went. */
    boolean write(ByteBuffer src) throws IOException {
        if (pending != null) {
            ByteBuffer joined = ByteBuffer.allocate(pending.remaining() + src.remaining());
            joined.put(pending).put(src).flip();
            pending = joined;
            return false;
        }
        channel.write(src);
        if (src.hasRemaining()) {
            pending = ByteBuffer.allocate(src.remaining());
            pending.put(src).flip();
            interest(SelectionKey.OP_WRITE, true);
            return false;
        }
        return true;
    }

    boolean write(byte[] bytes) throws IOException {
        return bytes.length == 0 || write(ByteBuffer.wrap(bytes));
    }

    /** Writes pending bytes; true once none are left. */
    boolean flush() throws IOException {
        if (pending != null) {
            channel.write(pending);
            if (pending.hasRemaining()) {
                return false;
            }
            pending = null;
        }
        interest(SelectionKey.OP_WRITE, false);
        if (shutdownAfterFlush) {
            shutdownAfterFlush = false;
            channel.shutdownOutput();
        }
        return true;
    }

    boolean hasPending() {
        return pending != null;
    }

    /** Half-closes our sending side now, or after the pending bytes. */
    void shutdownOutput() throws IOException {
        if (pending == null) {
            channel.shutdownOutput();
        } else {
            shutdownAfterFlush = true;
        }
    }

    void interest(int op, boolean on) {
        if (key != null && key.isValid()) {
            int ops = key.interestOps();
            key.interestOps(on ? ops | op : ops & ~op);
        }
    }

    void close() {
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing: nothing more to do with this socket
        }
    }
}
