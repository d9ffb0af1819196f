package dev.tnsrelay.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.ServerChannel;
import io.netty.channel.SingleThreadIoEventLoop;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Accepts connections on every listening address, on a loop of its own, and hands each to a gateway chosen by
 * the engine (the least loaded; a new one when all are full). When accepting fails — most often because the
 * process has run out of file descriptors — it pauses a second rather than spin, and says so at most once a
 * minute.
 */
final class Listener {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.gateway");
    private static final long ACCEPT_PAUSE_MILLIS = 1000;
    private static final long ACCEPT_WARNING_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** How long a stop waits for the listening sockets to close. */
    private static final long CLOSE_WAIT_MILLIS = 5000;

    private final RelayEngine engine;
    private final EventLoop loop;
    private final LoopLifecycle lifecycle;
    private final List<ServerChannel> channels = new ArrayList<>();
    private long lastWarningNanos;
    private long failedAccepts;

    Listener(RelayEngine engine) {
        this.engine = engine;
        this.lifecycle = new LoopLifecycle("tnsrelay-listener", engine::loopFinished);
        this.loop = new SingleThreadIoEventLoop(null, lifecycle.around(engine.executor(), (t, e) -> engine.fail(e)),
                engine.transport().ioHandlers);
    }

    EventLoop loop() {
        return loop;
    }

    LoopLifecycle lifecycle() {
        return lifecycle;
    }

    /** Binds every address, or none: on a failure the ones bound are closed again. */
    void bind(List<InetSocketAddress> addresses, long timeoutMillis) throws IOException {
        try {
            for (InetSocketAddress a : addresses) {
                ServerChannel ch = engine.transport().newServer.get();
                ch.config().setOption(ChannelOption.SO_REUSEADDR, true);
                ch.pipeline().addLast(new Acceptor());
                channels.add(ch);
                if (!loop.register(ch).await(timeoutMillis)) {
                    throw new IOException("the listener's loop did not start within " + timeoutMillis + " ms");
                }
                var bound = ch.bind(a);
                if (!bound.await(timeoutMillis) || !bound.isSuccess()) {
                    throw new IOException(a + ": " + (bound.cause() == null ? "timed out" : bound.cause().getMessage()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeChannels();
            throw new IOException("interrupted while binding", e);
        } catch (IOException e) {
            closeChannels();
            throw new IOException("cannot listen on " + addresses + ": " + e.getMessage(), e);
        }
    }

    List<InetSocketAddress> boundAddresses() {
        List<InetSocketAddress> bound = new ArrayList<>();
        for (ServerChannel ch : channels) {
            if (ch.isOpen() && ch.localAddress() instanceof InetSocketAddress a) {
                bound.add(a);
            }
        }
        return bound;
    }

    /**
     * Stops accepting: the listening sockets are closed before this returns (a client trying next is refused by
     * the kernel), then the loop ends. On the loop's own thread it cannot wait, and closes them as it goes.
     */
    void stop() {
        List<io.netty.channel.ChannelFuture> closing = new ArrayList<>();
        channels.forEach(ch -> closing.add(ch.close()));
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        if (!loop.inEventLoop()) {
            for (io.netty.channel.ChannelFuture f : closing) {
                f.awaitUninterruptibly(CLOSE_WAIT_MILLIS);
            }
        }
    }

    private void closeChannels() {
        channels.forEach(Channel::close);
    }

    /** Gives each accepted socket to a gateway; runs on the listener's loop. */
    @ChannelHandler.Sharable
    private final class Acceptor extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            engine.handOff((Channel) msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof Error e) {
                engine.fail(e);
                return;
            }
            failedAccepts++;
            long now = System.nanoTime();
            if (now - lastWarningNanos > ACCEPT_WARNING_EVERY_NANOS || lastWarningNanos == 0) {
                LOG.log(Level.WARNING, "accept failed ({0} times since the last warning), pausing {1} ms: {2}",
                        failedAccepts, ACCEPT_PAUSE_MILLIS, cause.getMessage());
                lastWarningNanos = now;
                failedAccepts = 0;
            }
            Channel server = ctx.channel();
            server.config().setAutoRead(false);
            loop.schedule(() -> server.config().setAutoRead(true), ACCEPT_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }
}
