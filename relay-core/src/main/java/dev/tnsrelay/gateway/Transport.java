package dev.tnsrelay.gateway;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.channels.spi.SelectorProvider;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The network transport: Linux's epoll through Netty's native library where it loads, Java NIO otherwise (another
 * OS, or {@code -Dio.netty.transport.noNative=true}). Which one runs is logged once and shown in show status.
 */
final class Transport {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.gateway");

    final String name;
    final IoHandlerFactory ioHandlers;
    final Supplier<ServerChannel> newServer;
    /** A socket of the target's own family: a dual-stack one costs extra option calls on every connect. */
    final Function<InetAddress, Channel> newSocket;
    final Class<? extends DatagramChannel> datagrams;
    final Class<? extends SocketChannel> sockets;

    private Transport(String name, IoHandlerFactory ioHandlers, Supplier<ServerChannel> newServer,
            Function<InetAddress, Channel> newSocket, Class<? extends DatagramChannel> datagrams,
            Class<? extends SocketChannel> sockets) {
        this.name = name;
        this.ioHandlers = ioHandlers;
        this.newServer = newServer;
        this.newSocket = newSocket;
        this.datagrams = datagrams;
        this.sockets = sockets;
    }

    /** Native epoll when it is available in this class loader, else NIO. */
    static Transport best() {
        if (Epoll.isAvailable()) {
            return new Transport("epoll (native)", EpollIoHandler.newFactory(), EpollServerSocketChannel::new,
                    ip -> new EpollSocketChannel(family(ip)), EpollDatagramChannel.class, EpollSocketChannel.class);
        }
        LOG.log(Level.INFO, "native epoll not available ({0}): using Java NIO", String.valueOf(Epoll.unavailabilityCause()));
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel::new,
                ip -> new NioSocketChannel(SelectorProvider.provider(), family(ip)), NioDatagramChannel.class,
                NioSocketChannel.class);
    }

    private static SocketProtocolFamily family(InetAddress ip) {
        return ip instanceof Inet4Address ? SocketProtocolFamily.INET : SocketProtocolFamily.INET6;
    }

    @Override
    public String toString() {
        return name;
    }
}
