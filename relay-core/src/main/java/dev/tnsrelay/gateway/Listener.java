package dev.tnsrelay.gateway;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Accepts connections on every listening address and gives each to the gateway with the fewest sessions
 * that is not suspended. When every gateway is suspended the session is still read, then refused with
 * ORA-12519, so that the client gets an answer it can show.
 */
final class Listener implements Runnable {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.gateway");

    private final RelayEngine engine;
    private final Selector selector;
    private final List<ServerSocketChannel> channels = new ArrayList<>();
    private final LoopLifecycle lifecycle = new LoopLifecycle();
    private volatile boolean stopping;

    Listener(RelayEngine engine, List<InetSocketAddress> addresses) throws IOException {
        this.engine = engine;
        this.selector = Selector.open();
        try {
            for (InetSocketAddress a : addresses) {
                ServerSocketChannel ch = ServerSocketChannel.open();
                channels.add(ch);
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                ch.bind(a, 1024);
                ch.configureBlocking(false);
                ch.register(selector, SelectionKey.OP_ACCEPT);
            }
        } catch (IOException e) {
            closeAll();
            throw new IOException("cannot listen on " + addresses + ": " + e.getMessage(), e);
        }
    }

    List<InetSocketAddress> boundAddresses() {
        List<InetSocketAddress> bound = new ArrayList<>();
        for (ServerSocketChannel ch : channels) {
            try {
                bound.add((InetSocketAddress) ch.getLocalAddress());
            } catch (IOException e) {
                // closed: no longer listening there
            }
        }
        return bound;
    }

    void stop() {
        stopping = true;
        selector.wakeup();
    }

    /** When the loop runs and when it has ended. */
    LoopLifecycle lifecycle() {
        return lifecycle;
    }

    @Override
    public void run() {
        lifecycle.enter("tnsrelay-listener");
        try {
            while (!stopping) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid() && key.isAcceptable()) {
                        accept((ServerSocketChannel) key.channel());
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            LOG.log(Level.ERROR, "listener stopped", e);
        } catch (Error e) {
            engine.fail(e);
        } finally {
            closeAll();
            lifecycle.exit();
            engine.loopFinished();
        }
    }

    private void accept(ServerSocketChannel server) {
        SocketChannel ch;
        try {
            ch = server.accept();
            if (ch == null) {
                return;
            }
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "accept failed: {0}", e.getMessage());
            return;
        }
        Gateway chosen = null;
        for (Gateway g : engine.gatewayList()) {
            if (!g.suspended() && (chosen == null || g.activeSessions() < chosen.activeSessions())) {
                chosen = g;
            }
        }
        int refusal = 0;
        if (chosen == null) {
            refusal = TnsErrors.NO_HANDLER;
            for (Gateway g : engine.gatewayList()) {
                if (chosen == null || g.activeSessions() < chosen.activeSessions()) {
                    chosen = g;
                }
            }
        }
        chosen.adopt(ch, engine.nextSessionId(), refusal);
    }

    /** Closes the listening sockets and the selector; safe to call again. */
    void closeAll() {
        for (ServerSocketChannel ch : channels) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
