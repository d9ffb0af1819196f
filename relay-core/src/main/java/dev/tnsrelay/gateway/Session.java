package dev.tnsrelay.gateway;

import dev.tnsrelay.config.CmanParameter;
import dev.tnsrelay.logging.LogText;
import dev.tnsrelay.tns.RefusePacket;
import dev.tnsrelay.tns.TnsPacket;
import dev.tnsrelay.tns.TnsProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import dev.tnsrelay.tls.DnMatch;
import dev.tnsrelay.tls.TlsFailure;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One client session as Netty glue: the client's channel and the next hop's, both on the gateway's event loop;
 * the {@link Handshake} decides, this class does what it says — writes, lookups, connections, deadlines — and,
 * once the next hop has answered, relays bytes both ways with backpressure (a side that cannot take more stops
 * the other from reading) and half-closes as the peers do. Every timer is cancelled when the session ends, so
 * nothing of an ended session stays reachable.
 *
 * <p>On a TCPS endpoint the client's bytes pass a TLS handler first, whose handshake the INBOUND deadline bounds;
 * a TCPS next hop gets one too, whose handshake and certificate check come before the CONNECT is sent, within the
 * OUTBOUND deadline. A failed TLS handshake is told to the listeners with its cause and counted by the engine.
 */
final class Session implements Handshake.Io {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.gateway");
    /** How long a last packet (a REFUSE) may take to leave before the socket is closed anyway. */
    private static final long LAST_WRITE_SECONDS = 5;

    final long id;
    private final Gateway gateway;
    private final Channel client;
    private final Refusal preset;
    private final boolean proxied;
    private InetSocketAddress clientAddress;
    private final Instant startedAt;
    private final long startNanos;
    private Handshake handshake;
    private ScheduledFuture<?> headerTimer;
    /** Counted by the instance's {@link Admittance} as a session in its handshake, until it leaves it. */
    private boolean handshaking;
    private boolean opened;
    private final Map<Handshake.Timer, ScheduledFuture<?>> timers = new EnumMap<>(Handshake.Timer.class);
    private Channel server;
    private ScheduledFuture<?> idleTimer;
    private ScheduledFuture<?> sessionTimer;
    private Handshake.SessionLimits limits;
    private long lastActivityNanos;
    private long bytesIn;
    private long bytesOut;
    private boolean clientEnded;
    private boolean serverEnded;
    private boolean ended;
    /** The TCPS endpoint's context, null on a TCP endpoint. */
    private final SslContext clientTls;
    private boolean clientTlsPending;
    private String peerDn = "";
    /** The TLS of the next hop being reached, null for TCP; its handshake pending, or a RESEND 0x08's. */
    private Handshake.TlsLeg serverLeg;
    private boolean serverTlsPending;
    private boolean renegotiating;

    /**
     * @param preset a refusal for the client once its CONNECT is read (every gateway suspended or full), or null
     * @param proxied the connection comes from a load balancer in PROXY_FROM: it begins with a PROXY header, which
     *     says who the client is
     */
    Session(long id, Gateway gateway, Channel client, Refusal preset, boolean proxied) {
        this.id = id;
        this.gateway = gateway;
        this.client = client;
        this.preset = preset;
        this.proxied = proxied;
        this.clientAddress = (InetSocketAddress) client.remoteAddress();
        this.startedAt = gateway.engine().clock().instant();
        this.startNanos = System.nanoTime();
        this.lastActivityNanos = startNanos;
        this.clientTls = gateway.engine().serverTlsFor((InetSocketAddress) client.localAddress()).orElse(null);
    }

    /** The handler that starts the session and feeds it the client's packets. */
    ChannelInboundHandlerAdapter clientSide() {
        return new ClientSide();
    }

    /** The connection is on the gateway's loop: the session begins, after the PROXY header when one is due. */
    private void begin() {
        gateway.started(this);
        if (proxied) {
            headerTimer = client.eventLoop().schedule(() -> safely(() -> drop(Refusal.Reason.BAD_INPUT,
                    "no PROXY protocol header within " + headerTimeout().toSeconds() + " s from " + clientLabel()
                            + ", which is in PROXY_FROM")), headerTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } else {
            start();
        }
    }

    private Duration headerTimeout() {
        Duration d = gateway.parameters().duration(CmanParameter.INBOUND_CONNECT_TIMEOUT);
        return d.isZero() ? Handshake.HANDSHAKE_LIMIT : d;
    }

    /**
     * The load balancer's PROXY header: from now on the client is the one it names. A LOCAL header (the balancer's
     * own health check) or one for an address family without an IP address (UNKNOWN, UNIX) keeps the real peer,
     * as the protocol's specification asks of a receiver.
     */
    private void proxyHeader(HAProxyMessage header) {
        try {
            cancel(headerTimer);
            var family = header.proxiedProtocol().addressFamily();
            if (header.command() == HAProxyCommand.PROXY && (family == HAProxyProxiedProtocol.AddressFamily.AF_IPv4
                    || family == HAProxyProxiedProtocol.AddressFamily.AF_IPv6)) {
                InetAddress source = dev.tnsrelay.net.IpLiteral.parse(header.sourceAddress()).orElseThrow(() ->
                        new TnsProtocolException("a PROXY header with source " + header.sourceAddress()));
                clientAddress = new InetSocketAddress(source, header.sourcePort());
            }
        } finally {
            header.release();
        }
        start();
    }

    /**
     * The client is known: it may begin its handshake if the instance admits it (rate limits, caps). The rate is
     * counted per listening endpoint (the bound address, whatever local address a wildcard bind was reached at).
     */
    private void start() {
        lastActivityNanos = System.nanoTime();
        InetSocketAddress endpoint = (InetSocketAddress) (client.parent() != null ? client.parent().localAddress()
                : client.localAddress());
        int localPort = ((InetSocketAddress) client.localAddress()).getPort();
        Admittance.Verdict verdict = gateway.engine().admittance().admit(endpoint, clientAddress.getAddress(),
                gateway.parameters());
        handshaking = verdict != Admittance.Verdict.TOO_MANY;
        Refusal refusal = verdict == Admittance.Verdict.RATE_LIMITED
                ? new Refusal(OracleError.RATE_LIMITED.number(), Refusal.Reason.LIMIT, "IP rate limit: "
                        + clientAddress.getAddress().getHostAddress() + " is blocked on " + endpoint)
                : preset;
        handshake = new Handshake(gateway, this, clientAddress.getAddress(), localPort, refusal);
        opened();
        if (verdict == Admittance.Verdict.TOO_MANY) {
            drop(Refusal.Reason.LIMIT, "too many sessions in their handshake (MAX_HANDSHAKES,"
                    + " MAX_HANDSHAKES_PER_SOURCE)");
            return;
        }
        handshake.start();
    }

    /** Tells the listeners the session opened, once; a session ended before its PROXY header is told then. */
    private void opened() {
        if (!opened) {
            opened = true;
            tellAll(snapshot(lastActivityNanos), (l, now) -> l.opened(now));
        }
    }

    /** The session has left its handshake (answered, or ended): the instance's count of handshakes drops. */
    private void handshakeLeft() {
        if (handshaking) {
            handshaking = false;
            gateway.engine().admittance().handshakeEnded(clientAddress.getAddress());
        }
    }

    // ---- what the handshake asks for

    @Override
    public void toClient(byte[] packet) {
        countOut(packet.length);
        client.writeAndFlush(Unpooled.wrappedBuffer(packet), client.voidPromise());
    }

    @Override
    public void toServer(byte[] packets) {
        server.writeAndFlush(Unpooled.wrappedBuffer(packets), server.voidPromise());
    }

    @Override
    public void resolve(String host) {
        gateway.resolve(host).addListener(f -> safely(() -> {
            if (ended) {
                return;
            }
            if (f.isSuccess()) {
                @SuppressWarnings("unchecked")
                List<InetAddress> found = (List<InetAddress>) f.getNow();
                handshake.onResolved(host, found);
            } else if (timedOut(f.cause())) {
                handshake.onResolveTimedOut(host);
            } else {
                handshake.onResolved(host, List.of());
            }
        }));
    }

    private static boolean timedOut(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof io.netty.resolver.dns.DnsNameResolverTimeoutException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void connect(InetSocketAddress target, Duration timeout, Handshake.TlsLeg tls) {
        closeServer();
        Channel ch = gateway.transport().newSocket.apply(target.getAddress());
        ch.config().setOption(ChannelOption.TCP_NODELAY, true);
        ch.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        ch.config().setOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0); // the handshake's OUTBOUND deadline rules
        serverLeg = tls;
        serverTlsPending = tls != null;
        if (tls != null) {
            ch.pipeline().addLast("tls", serverTlsHandler(ch, tls, target.getPort()));
        }
        ch.pipeline().addLast("frames", new TnsFrames()).addLast("handshake", new ServerSide());
        if (!gateway.parameters().text(CmanParameter.PROXY_TO_NEXT_HOP).equals("off")) {
            ch.pipeline().addFirst("proxy-header", HAProxyMessageEncoder.INSTANCE);
        }
        server = ch;
        client.eventLoop().register(ch).addListener((ChannelFuture r) -> safely(() -> {
            if (!r.isSuccess()) {
                connected(ch, r);
            } else {
                ch.connect(target).addListener((ChannelFuture c) -> safely(() -> connected(ch, c)));
            }
        }));
    }

    private void connected(Channel ch, ChannelFuture result) {
        if (ch != server || ended) {
            ch.close();
            return;
        }
        if (result.isSuccess()) {
            if (ch.pipeline().get("proxy-header") != null) {
                // written below the TLS handler of a TCPS next hop, before its ClientHello (which channelActive,
                // after this listener, sends): the next hop reads the header first, as from HAProxy in TCP mode
                ch.pipeline().context(serverLeg != null ? "tls" : "frames").writeAndFlush(proxyHeaderFor(ch),
                        ch.voidPromise());
                ch.pipeline().remove("proxy-header");
            }
            if (!serverTlsPending) {
                handshake.onConnected();
            } // else: once the TLS handshake is done and the certificate matches
        } else {
            LOG.log(Level.DEBUG, "session {0}: connect to {1} failed: {2}", id, LogText.of(handshake.server()),
                    LogText.of(String.valueOf(result.cause())));
            handshake.onConnectFailed(result.cause() instanceof io.netty.channel.ConnectTimeoutException);
        }
    }

    /**
     * The PROXY header the next hop gets: the client as this gateway knows it (after a PROXY header of its own),
     * to the address the gateway connected to. A header has one address family: an IPv4 client of an IPv6 next
     * hop (or the reverse) is written as IPv4-mapped IPv6 on both sides.
     */
    private HAProxyMessage proxyHeaderFor(Channel to) {
        boolean v1 = gateway.parameters().text(CmanParameter.PROXY_TO_NEXT_HOP).equals("v1");
        InetAddress src = clientAddress.getAddress();
        InetSocketAddress dstSocket = (InetSocketAddress) to.remoteAddress();
        InetAddress dst = dstSocket.getAddress();
        if (src instanceof java.net.Inet4Address != dst instanceof java.net.Inet4Address) {
            src = asIpv6(src);
            dst = asIpv6(dst);
        }
        return new HAProxyMessage(v1 ? HAProxyProtocolVersion.V1 : HAProxyProtocolVersion.V2, HAProxyCommand.PROXY,
                src instanceof java.net.Inet4Address ? HAProxyProxiedProtocol.TCP4 : HAProxyProxiedProtocol.TCP6,
                src.getHostAddress(), dst.getHostAddress(), clientAddress.getPort(), dstSocket.getPort());
    }

    /** {@code a.b.c.d} as {@code ::ffff:a.b.c.d}; an IPv6 address as it is. */
    private static InetAddress asIpv6(InetAddress a) {
        if (!(a instanceof java.net.Inet4Address)) {
            return a;
        }
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(a.getAddress(), 0, v6, 12, 4);
        try {
            return java.net.Inet6Address.getByAddress(null, v6, -1);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // 16 bytes are always an address
        }
    }

    @Override
    public void arm(Handshake.Timer timer, Duration after) {
        disarm(timer);
        timers.put(timer, client.eventLoop().schedule(() -> safely(() -> {
            timers.remove(timer);
            if (!ended && timer == Handshake.Timer.INBOUND && clientTlsPending) {
                tlsFailed(new TlsFailure(TlsFailure.Cause.TIMEOUT, "client", "INBOUND_CONNECT_TIMEOUT ran out"));
            } else if (!ended && timer == Handshake.Timer.OUTBOUND && serverTlsPending) {
                TlsFailure f = new TlsFailure(TlsFailure.Cause.TIMEOUT, "next hop", "the OUTBOUND deadline ran out");
                countTlsFailure(f);
                handshake.onDeadline(timer);
            } else if (!ended) {
                handshake.onDeadline(timer);
            }
        }), after.toNanos(), TimeUnit.NANOSECONDS));
    }

    @Override
    public void disarm(Handshake.Timer timer) {
        ScheduledFuture<?> t = timers.remove(timer);
        if (t != null) {
            t.cancel(false);
        }
    }

    @Override
    public void refuse(Refusal refusal) {
        handshakeLeft();
        gateway.engine().refusalLog().refused(clientAddress.getAddress(), id, clientLabel(), refusal);
        gateway.events().add("refused", "session " + id + " from " + clientLabel() + ": ORA-" + refusal.error() + ": "
                + refusal.detail());
        gateway.countRefused();
        tellAll(snapshot(System.nanoTime()), (l, now) -> l.refused(now, refusal));
        byte[] packet = RefusePacket.build(refusal.error());
        countOut(packet.length);
        closeServer();
        closeAfterWriting(client, Unpooled.wrappedBuffer(packet));
        end("refused with ORA-" + refusal.error() + ": " + refusal.detail(), false);
    }

    @Override
    public void drop(Refusal.Reason reason, String detail) {
        handshakeLeft();
        opened();
        gateway.engine().refusalLog().dropped(clientAddress.getAddress(), id, clientLabel(), reason, detail);
        gateway.events().add("dropped", "session " + id + " from " + clientLabel() + ": " + detail);
        tellAll(snapshot(System.nanoTime()), (l, now) -> l.dropped(now, detail));
        end(detail);
    }

    @Override
    public void passRefusal(byte[] refuse, Refusal refusal) {
        handshakeLeft();
        gateway.engine().refusalLog().nextHopRefused(clientAddress.getAddress(), id, clientLabel(), handshake.server(),
                refusal);
        gateway.events().add("refused", "session " + id + " from " + clientLabel() + ": next hop " + handshake.server()
                + " refused with ORA-" + refusal.error());
        tellAll(snapshot(System.nanoTime()), (l, now) -> l.refused(now, refusal));
        toClient(refuse);
        relay();
    }

    @Override
    public void establish(byte[] accept, Handshake.SessionLimits sessionLimits) {
        handshakeLeft();
        limits = sessionLimits;
        toClient(accept);
        relay();
        tellAll(snapshot(System.nanoTime()), (l, now) -> l.established(now));
        if (!limits.idle().isZero()) {
            idleTimer = client.eventLoop().schedule(this::checkIdle, limits.idle().toNanos(), TimeUnit.NANOSECONDS);
        }
        if (!limits.session().isZero()) {
            sessionTimer = client.eventLoop().schedule(() -> safely(() -> end("SESSION_TIMEOUT")),
                    limits.session().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void redirected(String target) {
        LOG.log(Level.DEBUG, "session {0}: following a redirect to {1}", id, LogText.of(target));
        tellAll(snapshot(System.nanoTime()), (l, now) -> l.redirected(now, target));
    }

    @Override
    public void close(String reason) {
        end(reason);
    }

    /**
     * Never: the gateway asks no client for a new TLS handshake. A RESEND 0x08 comes from a TCPS next hop whose
     * listener hands the connection to a process with another certificate; the gateway handles it on that leg
     * ({@link #renegotiateServerTls}), and a client of a TCPS endpoint would only meet the gateway's own
     * certificate again. A plain TCP client cannot re-handshake at all (both thin clients crash on it).
     */
    @Override
    public boolean clientRenegotiatesTls() {
        return false;
    }

    @Override
    public void renegotiateServerTls() {
        Channel ch = server;
        // outside the TLS handler's own read: it is replaced, and a new handshake starts on the raw connection
        ch.eventLoop().execute(() -> safely(() -> {
            if (ended || ch != server || serverLeg == null) {
                return;
            }
            renegotiating = true;
            serverTlsPending = true;
            ch.pipeline().remove("tls");
            ch.pipeline().addFirst("tls", serverTlsHandler(ch, serverLeg,
                    ((InetSocketAddress) ch.remoteAddress()).getPort()));
        }));
    }

    // ---- TLS

    /** The next hop's TLS handler: SNI with its host name (not for an address), no deadline of its own. */
    private SslHandler serverTlsHandler(Channel ch, Handshake.TlsLeg tls, int port) {
        SslHandler ssl = gateway.engine().tls().client().newHandler(ch.alloc(), tls.host(), port);
        ssl.setHandshakeTimeoutMillis(0); // the OUTBOUND deadline bounds it
        if (dev.tnsrelay.net.IpLiteral.parse(tls.host()).isEmpty()) {
            // set here: the TLS libraries send none for a name without a dot (localhost, a short host name)
            javax.net.ssl.SSLParameters p = ssl.engine().getSSLParameters();
            p.setServerNames(List.of(new javax.net.ssl.SNIHostName(tls.host())));
            ssl.engine().setSSLParameters(p);
        }
        return ssl;
    }

    /** The TCPS endpoint's handshake ended: the client's certificate is kept, or the failure told and the session ends. */
    private void clientTlsDone(SslHandshakeCompletionEvent done) {
        if (!clientTlsPending || ended) {
            return;
        }
        clientTlsPending = false;
        if (!done.isSuccess()) {
            tlsFailed(TlsFailure.of(done.cause(), "client"));
            return;
        }
        SslHandler ssl = client.pipeline().get(SslHandler.class);
        try {
            Certificate[] peer = ssl.engine().getSession().getPeerCertificates();
            if (peer.length > 0 && peer[0] instanceof X509Certificate c) {
                X500Principal subject = c.getSubjectX500Principal();
                peerDn = subject.getName();
                handshake.clientCertificate(subject);
            }
        } catch (SSLPeerUnverifiedException noCertificate) {
            // one-way TLS: the client presented none
        }
    }

    /** The next hop's handshake ended: its certificate is matched, then the CONNECT goes (again). */
    private void serverTlsDone(SslHandshakeCompletionEvent done) {
        if (!serverTlsPending || ended) {
            return;
        }
        serverTlsPending = false;
        boolean again = renegotiating;
        renegotiating = false;
        if (!done.isSuccess()) {
            TlsFailure f = TlsFailure.of(done.cause(), "next hop");
            countTlsFailure(f);
            handshake.onServerTlsFailed(f);
            return;
        }
        if (serverLeg.dnMatch()) {
            Optional<String> mismatch;
            try {
                Certificate[] peer = server.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates();
                mismatch = DnMatch.mismatch((X509Certificate) peer[0], serverLeg.host(), serverLeg.service(),
                        serverLeg.certDn());
            } catch (SSLPeerUnverifiedException e) {
                mismatch = Optional.of("the next hop presented no certificate");
            }
            if (mismatch.isPresent()) {
                TlsFailure f = new TlsFailure(TlsFailure.Cause.DN_MISMATCH, "next hop", mismatch.get());
                countTlsFailure(f);
                handshake.onServerTlsFailed(f);
                return;
            }
        }
        if (again) {
            handshake.onServerTlsRenegotiated();
        } else {
            handshake.onConnected();
        }
    }

    /** A client's TLS handshake failed: told, counted, logged with its cause; the session ends. */
    private void tlsFailed(TlsFailure f) {
        if (ended) {
            return;
        }
        countTlsFailure(f);
        tellAll(snapshot(System.nanoTime()), (l, now) -> l.tlsFailed(now, f));
        end("TLS handshake failed: " + f.text());
    }

    private void countTlsFailure(TlsFailure f) {
        gateway.engine().countTlsFailure(f);
        LOG.log(Level.INFO, "session {0} from {1}: TLS handshake failed: {2}", id, clientLabel(), LogText.of(f.text()));
        gateway.events().add("tls", "session " + id + " from " + clientLabel() + ": TLS handshake failed: "
                + f.text());
    }

    // ---- relaying

    /** From here on bytes are copied both ways; what each decoder still holds goes to the other side first. */
    private void relay() {
        lastActivityNanos = System.nanoTime();
        client.pipeline().replace("handshake", "relay", new Relay(true));
        client.pipeline().remove("frames");
        server.pipeline().replace("handshake", "relay", new Relay(false));
        server.pipeline().remove("frames");
    }

    private void checkIdle() {
        safely(() -> {
            long due = lastActivityNanos + limits.idle().toNanos();
            long now = System.nanoTime();
            if (due - now <= 0) {
                end("IDLE_TIMEOUT");
            } else if (!ended) {
                idleTimer = client.eventLoop().schedule(this::checkIdle, due - now, TimeUnit.NANOSECONDS);
            }
        });
    }

    /** One direction of the relay: what {@code from} sends goes to its peer. */
    private final class Relay extends ChannelInboundHandlerAdapter {

        private final boolean fromClient;

        Relay(boolean fromClient) {
            this.fromClient = fromClient;
        }

        private Channel peer() {
            return fromClient ? server : client;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            lastActivityNanos = System.nanoTime();
            if (fromClient) {
                countIn(bytes.readableBytes());
            } else {
                countOut(bytes.readableBytes());
            }
            Channel to = peer();
            to.write(bytes, to.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            Channel to = peer();
            to.flush();
            if (!to.isWritable()) {
                ctx.channel().config().setAutoRead(false); // a slow reader slows the writer
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            Channel from = peer();
            if (ctx.channel().isWritable() && !from.config().isAutoRead()) {
                from.config().setAutoRead(true);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == ChannelInputShutdownEvent.INSTANCE) {
                ended(fromClient);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closeAfterWriting(peer(), Unpooled.EMPTY_BUFFER);
            end(fromClient ? "client closed" : "next hop closed", false);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failure(cause);
        }
    }

    /** One side sent its last byte: the other side's sending half is shut once what it has is written. */
    private void ended(boolean byClient) {
        if (byClient) {
            clientEnded = true;
        } else {
            serverEnded = true;
        }
        Channel to = byClient ? server : client;
        if (clientEnded && serverEnded) {
            closeAfterWriting(client, Unpooled.EMPTY_BUFFER);
            closeAfterWriting(server, Unpooled.EMPTY_BUFFER);
            end("closed", false);
            return;
        }
        to.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
            if (to instanceof DuplexChannel d && to.isActive()) {
                d.shutdownOutput();
            }
        });
    }

    // ---- the handshake's two sides

    private final class ClientSide extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRegistered(ChannelHandlerContext ctx) {
            if (clientTls != null) {
                SslHandler ssl = clientTls.newHandler(ctx.alloc());
                Duration inbound = gateway.parameters().duration(CmanParameter.INBOUND_CONNECT_TIMEOUT);
                // the INBOUND deadline bounds the TLS handshake; without one, tnsrelay's handshake limit does
                ssl.setHandshakeTimeoutMillis(inbound.isZero() ? Handshake.HANDSHAKE_LIMIT.toMillis() : 0);
                ctx.pipeline().addBefore("frames", "tls", ssl);
                clientTlsPending = true;
            }
            ctx.fireChannelRegistered();
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            begin();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HAProxyMessage header) {
                proxyHeader(header);
                return;
            }
            TnsPacket p = (TnsPacket) msg;
            countIn(p.bytes().length);
            if (!ended) {
                handshake.onClientPacket(p);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            clientGone();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent done) {
                safely(() -> clientTlsDone(done));
            } else if (evt == ChannelInputShutdownEvent.INSTANCE) {
                clientGone();
            }
        }

        private void clientGone() {
            if (ended) {
                return;
            }
            if (handshake == null) {
                end("client closed before its PROXY header");
            } else if (clientTlsPending) {
                tlsFailed(new TlsFailure(TlsFailure.Cause.CLOSED, "client", "closed during the TLS handshake"));
            } else {
                handshake.onClientClosed();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failure(cause);
        }
    }

    private final class ServerSide extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!ended && ctx.channel() == server) {
                handshake.onServerPacket((TnsPacket) msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!ended && ctx.channel() == server) {
                handshake.onServerClosed();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent done && ctx.channel() == server) {
                safely(() -> serverTlsDone(done));
            } else if (evt == ChannelInputShutdownEvent.INSTANCE && !ended && ctx.channel() == server) {
                handshake.onServerClosed();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (ctx.channel() == server) {
                failure(cause);
            }
        }
    }

    // ---- endings

    /**
     * What a session's fault costs: a protocol error or a network error ends it; a defect ends it and is
     * logged; an {@link Error} fails the whole instance, which cannot be trusted to serve any more.
     */
    private void failure(Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof Error e) {
            gateway.engine().fail(e);
        } else if (ended) {
            return; // what ended it has been said; a TLS handler reports its failure twice
        } else if (clientTlsPending && (c instanceof SSLException || c instanceof NotSslRecordException)) {
            tlsFailed(TlsFailure.of(c, "client"));
        } else if (serverTlsPending && c instanceof SSLException) {
            serverTlsDone(new SslHandshakeCompletionEvent(c));
        } else if (cause instanceof HAProxyProtocolException bad) {
            // from a peer in PROXY_FROM: a header that is not one, or not a whole one
            drop(Refusal.Reason.BAD_INPUT, "a malformed PROXY protocol header from " + clientLabel() + ": "
                    + bad.getMessage());
        } else if (c instanceof TnsProtocolException p) {
            gateway.engine().refusalLog().dropped(clientAddress.getAddress(), id, clientLabel(),
                    Refusal.Reason.BAD_INPUT, p.getMessage());
            end("protocol error: " + p.getMessage());
        } else if (c instanceof IOException) {
            end("network error: " + c.getMessage());
        } else {
            // a defect must cost one session, never the gateway; its message may quote the client: one escaped line
            LOG.log(Level.ERROR, "session " + id + " failed: " + LogText.of(String.valueOf(c)) + " at "
                    + LogText.of(java.util.Arrays.toString(c.getStackTrace()), LogText.TEXT * 4));
            end("internal error: " + c);
        }
    }

    /** Runs a task of this session on its loop: whatever it throws is this session's {@link #failure}. */
    private void safely(Runnable task) {
        try {
            task.run();
        } catch (Throwable e) {
            failure(e);
        }
    }

    /**
     * Closes {@code ch} once {@code last} and whatever it still holds are written — or after
     * {@value #LAST_WRITE_SECONDS} s if its peer does not read them: no socket stays open for a silent peer.
     */
    private static void closeAfterWriting(Channel ch, ByteBuf last) {
        ch.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
        ScheduledFuture<?> force = ch.eventLoop().schedule(() -> {
            ch.close();
        }, LAST_WRITE_SECONDS, TimeUnit.SECONDS);
        ch.closeFuture().addListener(f -> force.cancel(false));
    }

    void end(String reason) {
        end(reason, true);
    }

    /**
     * The one way a session ends: every timer cancelled, the sockets closed (now, or by whoever is writing their
     * last bytes), the instance told.
     */
    private void end(String reason, boolean closeNow) {
        if (ended) {
            return;
        }
        opened();
        ended = true;
        timers.values().forEach(t -> t.cancel(false));
        timers.clear();
        cancel(idleTimer);
        cancel(sessionTimer);
        cancel(headerTimer);
        handshakeLeft();
        if (closeNow) {
            client.close();
            closeServer();
        }
        if (handshake != null) {
            handshake.ended();
        }
        gateway.ended(this);
        SessionInfo last = snapshot(System.nanoTime());
        tell(l -> l.closed(last, reason));
        if (limits != null && limits.statistics()) {
            LOG.log(Level.INFO, "CONN_STATS session {0} client {1} server {2} service {3} duration {4} ms"
                    + " bytes from client {5} to client {6} program \"{8}\" host \"{9}\" user \"{10}\": {7}",
                    Long.toString(id), clientLabel(), LogText.of(last.server()), LogText.of(last.service()),
                    Long.toString((System.nanoTime() - startNanos) / 1_000_000), Long.toString(bytesIn),
                    Long.toString(bytesOut), LogText.of(reason), LogText.of(last.clientId().program(), LogText.NAME),
                    LogText.of(last.clientId().host(), LogText.NAME), LogText.of(last.clientId().user(), LogText.NAME));
        } else {
            LOG.log(Level.DEBUG, "session {0} closed: {1}", id, LogText.of(reason));
        }
    }

    private static void cancel(ScheduledFuture<?> t) {
        if (t != null) {
            t.cancel(false);
        }
    }

    private void closeServer() {
        if (server != null) {
            server.close();
        }
    }

    private void countIn(int n) {
        bytesIn += n;
        gateway.countIn(n);
    }

    private void countOut(int n) {
        bytesOut += n;
        gateway.countOut(n);
    }

    private void tell(java.util.function.Consumer<SessionListener> event) {
        gateway.engine().listeners().tell(event);
    }

    /** One snapshot of the session for every listener of one event. */
    private void tellAll(SessionInfo now, java.util.function.BiConsumer<SessionListener, SessionInfo> event) {
        tell(l -> event.accept(l, now));
    }

    SessionInfo snapshot(long nowNanos) {
        Handshake h = handshake;
        return new SessionInfo(id, clientLabel(), h == null ? "" : h.server(), h == null ? "" : h.service(),
                gateway.id(), ended ? SessionState.CLOSED : h == null ? SessionState.CONNECTING_IN : h.state(),
                startedAt, Duration.ofNanos(Math.max(0, nowNanos - lastActivityNanos)), bytesIn, bytesOut,
                h == null ? SessionInfo.ClientId.NONE : h.clientId(), peerDn);
    }

    private String clientLabel() {
        return clientAddress.getAddress().getHostAddress() + ":" + clientAddress.getPort();
    }
}
