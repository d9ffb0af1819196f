package dev.tnsrelay.bench;

import dev.tnsrelay.descriptor.ConnectDescriptor;
import dev.tnsrelay.tns.ConnectPacket;
import dev.tnsrelay.tns.ConnectRequest;
import dev.tnsrelay.tns.FrameDecoder;
import dev.tnsrelay.tns.AcceptPacket;
import dev.tnsrelay.tns.TnsPacket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

/**
 * A database listener that speaks just enough TNS for the benchmark, on one NIO thread: it reads the
 * CONNECT, answers ACCEPT, then does what the requested SERVICE_NAME says — {@code echo} (send back what
 * arrives), {@code sink} (read and drop), {@code source} (send without end), {@code hold} (nothing). The same
 * backend serves every target, so it costs them all the same.
 */
final class TnsBackend implements AutoCloseable {

    private enum Mode { ECHO, SINK, SOURCE, HOLD }

    /** Per-connection state: the handshake, then the mode and any bytes an echo could not write yet. */
    private static final class Conn {
        FrameDecoder frames = new FrameDecoder(1 << 16);
        ConnectRequest request;
        Mode mode;
        ByteBuffer pending;
    }

    private final Selector selector;
    private final ServerSocketChannel server;
    private final Thread thread;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
    private final ByteBuffer sourceData = ByteBuffer.allocateDirect(256 * 1024);
    private volatile boolean stopping;

    TnsBackend() throws IOException {
        selector = Selector.open();
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        thread = new Thread(this::loop, "bench-backend");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.socket().getLocalPort();
    }

    private void loop() {
        try {
            while (!stopping) {
                selector.select();
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    try {
                        if (key.isAcceptable()) {
                            accept();
                        } else {
                            serve(key);
                        }
                    } catch (IOException | RuntimeException e) {
                        key.cancel();
                        key.channel().close();
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void accept() throws IOException {
        for (SocketChannel ch = server.accept(); ch != null; ch = server.accept()) {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.register(selector, SelectionKey.OP_READ, new Conn());
        }
    }

    private void serve(SelectionKey key) throws IOException {
        SocketChannel ch = (SocketChannel) key.channel();
        Conn c = (Conn) key.attachment();
        if (key.isWritable()) {
            if (c.mode == Mode.SOURCE) {
                sourceData.clear();
                ch.write(sourceData);
            } else if (c.pending != null) {
                ch.write(c.pending);
                if (!c.pending.hasRemaining()) {
                    c.pending = null;
                    key.interestOps(SelectionKey.OP_READ);
                }
            }
        }
        if (!key.isValid() || !key.isReadable() || c.pending != null) {
            return;
        }
        buffer.clear();
        int n = ch.read(buffer);
        if (n < 0) {
            key.cancel();
            ch.close();
            return;
        }
        buffer.flip();
        if (c.mode == null) {
            handshake(key, ch, c);
        } else if (c.mode == Mode.ECHO) {
            ch.write(buffer);
            if (buffer.hasRemaining()) {
                c.pending = ByteBuffer.allocate(buffer.remaining()).put(buffer).flip();
                key.interestOps(SelectionKey.OP_WRITE);
            }
        }
    }

    private void handshake(SelectionKey key, SocketChannel ch, Conn c) throws IOException {
        c.frames.feed(buffer);
        for (TnsPacket p = c.frames.next(); p != null; p = c.frames.next()) {
            c.request = c.request == null ? new ConnectRequest(ConnectPacket.of(p)) : add(c.request, p);
            if (c.request.complete()) {
                String service = ConnectDescriptor.parse(c.request.connectData(), "bench")
                        .connectData().flatMap(d -> d.serviceName()).orElse("hold");
                c.mode = Mode.valueOf(service.toUpperCase(java.util.Locale.ROOT));
                ch.write(ByteBuffer.wrap(AcceptPacket.build(319, 8192)));
                c.frames = null;
                c.request = null;
                key.interestOps(c.mode == Mode.SOURCE ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                return;
            }
        }
    }

    private static ConnectRequest add(ConnectRequest r, TnsPacket p) {
        r.add(p);
        return r;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stopping = true;
        selector.wakeup();
        thread.join(5000);
        for (SelectionKey k : selector.keys()) {
            k.channel().close();
        }
        selector.close();
    }
}
