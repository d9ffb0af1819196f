package dev.tnsrelay.gateway;

import dev.tnsrelay.config.CmanParameter;
import dev.tnsrelay.config.CmanParameters;
import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.descriptor.ConnectDescriptor;
import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.registry.Selection;
import dev.tnsrelay.rules.ActionList;
import dev.tnsrelay.tns.ConnectPacket;
import dev.tnsrelay.tns.ConnectRequest;
import dev.tnsrelay.tns.FrameDecoder;
import dev.tnsrelay.tns.Packets;
import dev.tnsrelay.tns.TnsPacket;
import dev.tnsrelay.tns.TnsProtocolException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One client session, owned by one gateway thread: the handshake as a sequence of states
 * ({@link SessionState}), then the relay of bytes both ways. Every decision a client can see is here:
 * REFUSE with ORA-12529 for a rule rejection, silence for a drop, the next hop's answer passed on.
 */
final class Session {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.gateway");

    /** Largest handshake packet: a 2-byte length cannot say more. */
    private static final int MAX_HANDSHAKE_PACKET = 0xffff;
    /** Redirects the gateway follows for one session before it gives up (JDBC follows 20, node 2). */
    static final int MAX_REDIRECTS = 8;
    private static final int REDIRECT_SDU = 8192;

    final long id;
    final Gateway gateway;
    final Endpoint client;
    private final InetSocketAddress clientAddress;
    private final int localPort;
    private final Instant startedAt;
    private final long startNanos;
    private final int presetRefusal;

    private Endpoint server;
    private SessionState state = SessionState.CONNECTING_IN;
    private FrameDecoder clientFrames = new FrameDecoder(MAX_HANDSHAKE_PACKET);
    private FrameDecoder serverFrames;
    private ConnectRequest request;
    private byte[] outbound;
    private TnsPacket pendingRedirect;
    private final Deque<InetSocketAddress> candidates = new ArrayDeque<>();
    private int lastConnectError = TnsErrors.NO_LISTENER;
    private int connectGeneration;
    private int redirects;
    private boolean admitted;
    private boolean closing;
    private String service = "";
    private String serverLabel = "";
    private long lastActivityNanos;
    private long bytesIn;
    private long bytesOut;
    private Duration idleTimeout = Duration.ZERO;
    private Duration sessionTimeout = Duration.ZERO;
    private Duration outboundTimeout = Duration.ZERO;
    private boolean connectionStatistics;
    private String closeReason = "";
    /** The connect data counted in the engine's route loops while this session is in the handshake. */
    private String passing;
    /** The registered handler this session was routed to, when it named only its service. */
    private Selection routed;

    Session(long id, Gateway gateway, SocketChannel channel, int presetRefusal) throws IOException {
        this.id = id;
        this.gateway = gateway;
        this.client = new Endpoint(this, channel);
        this.clientAddress = (InetSocketAddress) channel.getRemoteAddress();
        this.localPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        this.startedAt = gateway.clock().instant();
        this.startNanos = System.nanoTime();
        this.lastActivityNanos = startNanos;
        this.presetRefusal = presetRefusal;
    }

    void start() throws IOException {
        client.key = client.channel.register(gateway.selector(), SelectionKey.OP_READ, client);
        gateway.engine().listeners().tell(l -> l.opened(snapshot(System.nanoTime())));
        CmanParameters p = gateway.parameters();
        schedule(Deadline.Kind.INBOUND_CONNECT, p.duration(CmanParameter.INBOUND_CONNECT_TIMEOUT), 0);
    }

    SessionState state() {
        return state;
    }

    // ---- events from the gateway loop

    void onReady(Endpoint ep, int ops) throws IOException {
        if (ep == server && (ops & SelectionKey.OP_CONNECT) != 0) {
            finishConnect();
            return;
        }
        if ((ops & SelectionKey.OP_WRITE) != 0) {
            onWritable(ep);
        }
        if (state != SessionState.CLOSED && ep.key.isValid() && (ops & SelectionKey.OP_READ) != 0) {
            onReadable(ep);
        }
    }

    private void onWritable(Endpoint ep) throws IOException {
        if (!ep.flush()) {
            return;
        }
        if (closing && !client.hasPending()) {
            close(closeReason);
        } else if (state == SessionState.ESTABLISHED && bothEnded()) {
            closeWhenFlushed();
        } else if (state == SessionState.ESTABLISHED) {
            Endpoint source = other(ep);
            if (!source.eof) {
                source.interest(SelectionKey.OP_READ, true);
            }
        }
    }

    private void onReadable(Endpoint ep) throws IOException {
        ByteBuffer buf = gateway.scratch();
        buf.clear();
        int n = ep.channel.read(buf);
        if (n < 0) {
            onEof(ep);
            return;
        }
        buf.flip();
        lastActivityNanos = System.nanoTime();
        if (ep == client) {
            bytesIn += n;
        }
        if (state == SessionState.ESTABLISHED) {
            relay(ep, buf);
        } else if (ep == client && !closing) {
            clientFrames.feed(buf);
            onClientPackets();
        } else if (ep == server && state == SessionState.HANDSHAKE) {
            serverFrames.feed(buf);
            onServerPackets();
        }
    }

    private void relay(Endpoint from, ByteBuffer buf) throws IOException {
        Endpoint to = other(from);
        if (to == client) {
            bytesOut += buf.remaining();
        }
        if (!to.write(buf)) {
            from.interest(SelectionKey.OP_READ, false);
        }
    }

    private void onEof(Endpoint ep) throws IOException {
        ep.interest(SelectionKey.OP_READ, false);
        if (state != SessionState.ESTABLISHED) {
            close(ep == client ? "client closed during the handshake" : "next hop closed during the handshake");
            return;
        }
        ep.eof = true;
        if (bothEnded()) {
            closeWhenFlushed();
        } else {
            other(ep).shutdownOutput();
        }
    }

    private boolean bothEnded() {
        return client.eof && server.eof;
    }

    /** Both directions have ended: close once the last bytes have been written, never before. */
    private void closeWhenFlushed() {
        if (!client.hasPending() && !server.hasPending()) {
            close("closed");
        }
    }

    // ---- the client's connect request

    private void onClientPackets() throws IOException {
        for (TnsPacket p = clientFrames.next(); p != null && !closing; p = clientFrames.next()) {
            if (state != SessionState.CONNECTING_IN && state != SessionState.RESEND) {
                throw new TnsProtocolException("the client sent " + p.type() + " before the next hop answered");
            }
            if (request == null) {
                request = new ConnectRequest(ConnectPacket.of(p));
            } else {
                request.add(p);
            }
            if (request.complete()) {
                if (state == SessionState.CONNECTING_IN) {
                    admit();
                } else {
                    state = SessionState.HANDSHAKE;
                    server.write(request.bytes());
                }
            }
        }
    }

    private void admit() throws IOException {
        if (presetRefusal != 0) {
            refuse(presetRefusal, Refusal.Reason.LIMIT, "no gateway takes new connections");
            return;
        }
        Admission a = Admission.decide(request.connectData(), clientAddress.getAddress(), localPort, gateway.rules(),
                gateway.registry(), gateway.random(), gateway.engine()::listensOn);
        service = a.service();
        routed = a.routed();
        switch (a.decision()) {
            case CLOSE -> {
                event("dropped", a.reason());
                gateway.engine().listeners().tell(l -> l.dropped(snapshot(System.nanoTime()), a.reason()));
                close(a.reason());
            }
            case REFUSE -> refuse(a.refusal(), a.kind(), a.reason());
            case ROUTE -> route(a);
        }
    }

    private void route(Admission a) throws IOException {
        if (!gateway.admit()) {
            refuse(TnsErrors.NO_HANDLER, Refusal.Reason.LIMIT, "MAX_CONNECTIONS reached on gateway " + gateway.id());
            return;
        }
        if (!gateway.engine().routeLoops().enter(request.connectData(), a.identified())) {
            refuse(TnsErrors.ROUTING_LOOP, Refusal.Reason.BAD_INPUT, "routing loop: this connect is already passing"
                    + " through the gateway as often as it may");
            return;
        }
        passing = request.connectData();
        admitted = true;
        applyTimeouts(a.actions());
        serverLabel = a.next().socketHost() + ":" + a.next().port();
        if (a.nextAddresses().isEmpty()) {
            refuse(TnsErrors.UNKNOWN_HOST, Refusal.Reason.NEXT_HOP, "next hop host " + a.next().socketHost() + " is unknown");
            return;
        }
        a.nextAddresses().forEach(ip -> candidates.add(new InetSocketAddress(ip, a.next().port())));
        outbound = request.bytes();
        connectNext();
    }

    private void applyTimeouts(ActionList actions) {
        CmanParameters p = gateway.parameters();
        idleTimeout = actions.idleTimeout().orElse(p.duration(CmanParameter.IDLE_TIMEOUT));
        sessionTimeout = actions.sessionTimeout().orElse(p.duration(CmanParameter.SESSION_TIMEOUT));
        outboundTimeout = actions.outboundConnectTimeout().orElse(p.duration(CmanParameter.OUTBOUND_CONNECT_TIMEOUT));
        connectionStatistics = actions.connectionStatistics().orElse(p.isOn(CmanParameter.CONNECTION_STATISTICS));
    }

    // ---- the next hop

    private void connectNext() throws IOException {
        closeServer();
        InetSocketAddress target = candidates.poll();
        if (target == null) {
            refuse(lastConnectError, Refusal.Reason.NEXT_HOP, "next hop " + serverLabel + " cannot be reached");
            return;
        }
        state = SessionState.CONNECTING_OUT;
        // a socket of the target's own family: a dual-stack one costs extra option calls on every connect
        SocketChannel channel = SocketChannel.open(target.getAddress() instanceof java.net.Inet4Address
                ? java.net.StandardProtocolFamily.INET : java.net.StandardProtocolFamily.INET6);
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        server = new Endpoint(this, channel);
        connectGeneration++;
        try {
            if (channel.connect(target)) {
                server.key = channel.register(gateway.selector(), 0, server);
                onConnected();
                return;
            }
            server.key = channel.register(gateway.selector(), SelectionKey.OP_CONNECT, server);
            schedule(Deadline.Kind.OUTBOUND_CONNECT, outboundTimeout, connectGeneration);
        } catch (IOException e) {
            lastConnectError = TnsErrors.NO_LISTENER;
            connectNext();
        }
    }

    private void finishConnect() throws IOException {
        try {
            server.channel.finishConnect();
        } catch (IOException e) {
            lastConnectError = TnsErrors.NO_LISTENER;
            connectNext();
            return;
        }
        server.interest(SelectionKey.OP_CONNECT, false);
        onConnected();
    }

    private void onConnected() throws IOException {
        state = SessionState.HANDSHAKE;
        serverFrames = new FrameDecoder(MAX_HANDSHAKE_PACKET);
        server.interest(SelectionKey.OP_READ, true);
        server.write(outbound);
    }

    private void onServerPackets() throws IOException {
        for (TnsPacket p = serverFrames.next(); p != null; p = serverFrames.next()) {
            if (pendingRedirect != null) {
                follow(joinSplitRedirect(pendingRedirect, p));
                return;
            }
            switch (p.type()) {
                case ACCEPT -> {
                    establish(p);
                    return;
                }
                case REFUSE -> {
                    // pass the listener's refusal on as it is, and whatever follows it, until it closes
                    LOG.log(Level.INFO, "session {0}: next hop {1} refused with ORA-{2}", id, serverLabel,
                            Integer.toString(Packets.refuseError(p)));
                    event("refused", "next hop " + serverLabel + " refused with ORA-" + Packets.refuseError(p));
                    Refusal passed = new Refusal(Packets.refuseError(p), Refusal.Reason.NEXT_HOP,
                            "next hop " + serverLabel + " refused");
                    gateway.engine().listeners().tell(l -> l.refused(snapshot(System.nanoTime()), passed));
                    passThrough(p.bytes());
                    return;
                }
                case RESEND -> {
                    byte[] resend = p.bytes().clone();
                    resend[5] &= (byte) ~TnsPacket.FLAG_RESEND_TLS; // the client leg is plain TCP
                    toClient(resend);
                    request = null;
                    state = SessionState.RESEND;
                    schedule(Deadline.Kind.INBOUND_CONNECT,
                            gateway.parameters().duration(CmanParameter.INBOUND_CONNECT_TIMEOUT), 0);
                }
                case REDIRECT -> {
                    if (10 + p.u16(8) > p.bytes().length) {
                        pendingRedirect = p;
                    } else {
                        follow(Packets.Redirect.of(p));
                        return;
                    }
                }
                default -> toClient(p.bytes());
            }
        }
    }

    private static Packets.Redirect joinSplitRedirect(TnsPacket head, TnsPacket data) {
        byte[] joined = new byte[head.bytes().length + data.bytes().length - TnsPacket.HEADER - 2];
        System.arraycopy(head.bytes(), 0, joined, 0, head.bytes().length);
        System.arraycopy(data.bytes(), TnsPacket.HEADER + 2, joined, head.bytes().length,
                data.bytes().length - TnsPacket.HEADER - 2);
        return Packets.Redirect.of(TnsPacket.of(joined));
    }

    /** Follows a REDIRECT itself: the client usually cannot reach the target, which is why it uses a gateway. */
    private void follow(Packets.Redirect redirect) throws IOException {
        pendingRedirect = null;
        if (++redirects > MAX_REDIRECTS) {
            refuse(TnsErrors.REFUSED, Refusal.Reason.NEXT_HOP, "more than " + MAX_REDIRECTS + " redirects");
            return;
        }
        List<Address> targets;
        try {
            targets = ConnectDescriptor.parse(redirect.address(), "redirect").descriptions().get(0).addresses();
        } catch (NetParseException e) {
            refuse(TnsErrors.REFUSED, Refusal.Reason.NEXT_HOP, "redirect to an address that does not parse: "
                    + e.getMessage());
            return;
        }
        candidates.clear();
        for (Address a : targets) {
            Admission.resolve(a).forEach(ip -> candidates.add(new InetSocketAddress(ip, a.port())));
            serverLabel = a.socketHost() + ":" + a.port();
        }
        String data = redirect.connectData() != null ? redirect.connectData() : request.connectData();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] packet : ConnectPacket.rebuild(request.connect(), data, TnsPacket.FLAG_AFTER_REDIRECT, REDIRECT_SDU)) {
            out.writeBytes(packet);
        }
        outbound = out.toByteArray();
        LOG.log(Level.DEBUG, "session {0}: following a redirect to {1}", id, serverLabel);
        String target = serverLabel;
        gateway.engine().listeners().tell(l -> l.redirected(snapshot(System.nanoTime()), target));
        connectNext();
    }

    private void establish(TnsPacket accept) throws IOException {
        leaveHandshake();
        state = SessionState.ESTABLISHED;
        gateway.engine().listeners().tell(l -> l.established(snapshot(System.nanoTime())));
        toClient(accept.bytes());
        passRemainders();
        schedule(Deadline.Kind.IDLE, idleTimeout, 0);
        schedule(Deadline.Kind.SESSION, sessionTimeout, 0);
    }

    private void passThrough(byte[] refuse) throws IOException {
        leaveHandshake();
        state = SessionState.ESTABLISHED;
        toClient(refuse);
        passRemainders();
    }

    /** Bytes read past the handshake belong to the relay. */
    private void passRemainders() throws IOException {
        toClient(serverFrames.drain());
        server.write(clientFrames.drain());
        serverFrames = null;
        clientFrames = null;
        request = null;
        client.interest(SelectionKey.OP_READ, !server.hasPending());
        server.interest(SelectionKey.OP_READ, !client.hasPending());
    }

    // ---- endings

    void refuse(int error, Refusal.Reason kind, String reason) throws IOException {
        LOG.log(Level.INFO, "session {0} from {1}: refused with ORA-{2}: {3}", id, clientLabel(), Integer.toString(error),
                dev.tnsrelay.logging.LogText.of(reason));
        event("refused", "ORA-" + error + ": " + reason);
        Refusal refusal = new Refusal(error, kind, reason);
        gateway.engine().listeners().tell(l -> l.refused(snapshot(System.nanoTime()), refusal));
        gateway.refused();
        closeServer();
        closing = true;
        closeReason = "refused with ORA-" + error + ": " + reason;
        client.interest(SelectionKey.OP_READ, false);
        if (toClient(Packets.refuse(error))) {
            close(closeReason);
        }
    }

    void onDeadline(Deadline d, long now) throws IOException {
        if (state == SessionState.CLOSED) {
            return;
        }
        switch (d.kind()) {
            case INBOUND_CONNECT -> {
                if (state == SessionState.CONNECTING_IN || state == SessionState.RESEND) {
                    close("INBOUND_CONNECT_TIMEOUT: no complete CONNECT in time");
                }
            }
            case OUTBOUND_CONNECT -> {
                if (state == SessionState.CONNECTING_OUT && d.generation() == connectGeneration) {
                    lastConnectError = TnsErrors.TIMED_OUT;
                    connectNext();
                }
            }
            case IDLE -> {
                long due = lastActivityNanos + idleTimeout.toNanos();
                if (due - now <= 0) {
                    close("IDLE_TIMEOUT");
                } else {
                    gateway.schedule(new Deadline(due, this, Deadline.Kind.IDLE, 0));
                }
            }
            case SESSION -> close("SESSION_TIMEOUT");
        }
    }

    private void schedule(Deadline.Kind kind, Duration after, int generation) {
        if (!after.isZero()) {
            gateway.schedule(new Deadline(System.nanoTime() + after.toNanos(), this, kind, generation));
        }
    }

    private void closeServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    void close(String reason) {
        if (state == SessionState.CLOSED) {
            return;
        }
        leaveHandshake();
        state = SessionState.CLOSED;
        client.close();
        closeServer();
        gateway.remove(this, admitted);
        if (routed != null) {
            gateway.registry().release(service, routed);
        }
        SessionInfo last = snapshot(System.nanoTime());
        gateway.engine().listeners().tell(l -> l.closed(last, reason));
        if (connectionStatistics) {
            LOG.log(Level.INFO, "CONN_STATS session {0} client {1} server {2} service {3} duration {4} ms"
                    + " bytes from client {5} to client {6}: {7}", id, clientAddress, serverLabel, service,
                    (System.nanoTime() - startNanos) / 1_000_000, bytesIn, bytesOut, reason);
        } else {
            LOG.log(Level.DEBUG, "session {0} closed: {1}", id, reason);
        }
    }

    private void leaveHandshake() {
        if (passing != null) {
            gateway.engine().routeLoops().leave(passing);
            passing = null;
        }
    }

    private boolean toClient(byte[] bytes) throws IOException {
        bytesOut += bytes.length;
        return client.write(bytes);
    }

    private Endpoint other(Endpoint ep) {
        return ep == client ? server : client;
    }

    SessionInfo snapshot(long now) {
        return new SessionInfo(id, clientLabel(),
                serverLabel, service, gateway.id(), state, startedAt,
                Duration.ofNanos(Math.max(0, now - lastActivityNanos)), bytesIn, bytesOut);
    }

    /** A refusal or drop, for show events (established sessions write none). */
    private void event(String kind, String what) {
        gateway.events().add(kind, "session " + id + " from " + clientLabel() + ": " + what);
    }

    private String clientLabel() {
        return clientAddress.getAddress().getHostAddress() + ":" + clientAddress.getPort();
    }
}
