package dev.tnsrelay.gateway;

import dev.tnsrelay.config.CmanParameter;
import dev.tnsrelay.config.CmanParameters;
import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.descriptor.ConnectData;
import dev.tnsrelay.descriptor.ConnectDescriptor;
import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.registry.Selection;
import dev.tnsrelay.rules.ActionList;
import dev.tnsrelay.rules.NameLookup;
import dev.tnsrelay.tns.ConnectPacket;
import dev.tnsrelay.tns.ConnectRequest;
import dev.tnsrelay.tns.RedirectPacket;
import dev.tnsrelay.tns.RefusePacket;
import dev.tnsrelay.tns.ResendPacket;
import dev.tnsrelay.tns.TnsPacket;
import dev.tnsrelay.tns.TnsProtocolException;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The handshake of one session, without sockets: events in (a client packet, a next hop's packet, a name looked
 * up, a connection made or failed, a deadline), actions out through {@link Io}. It reads the client's CONNECT,
 * admits it ({@link Admission}), reaches the next hop — following REDIRECTs itself, passing RESENDs on and checking
 * the repeated CONNECT again — until the next hop answers ACCEPT or REFUSE. Every wait has a deadline.
 */
final class Handshake {

    /** Redirects the gateway follows for one session before it gives up (JDBC follows 20, node 2). */
    static final int MAX_REDIRECTS = 8;
    /** Addresses of one REDIRECT target that are tried, at most. */
    static final int MAX_REDIRECT_ADDRESSES = 8;
    /**
     * How long the next hop may take for each step — a name, a connection, an answer — when
     * OUTBOUND_CONNECT_TIMEOUT (or the rule's MOCT) is 0: tnsrelay's handshake limit.
     */
    static final Duration HANDSHAKE_LIMIT = Duration.ofSeconds(60);
    /** Bytes of packets other than the four answers a next hop may send before it answers. */
    static final int MAX_BYTES_BEFORE_ANSWER = 64 * 1024;
    private static final int REDIRECT_SDU = 8192;

    /** The deadlines of a handshake; each replaces the one of its kind. */
    enum Timer {
        /** The client must complete its CONNECT (INBOUND_CONNECT_TIMEOUT). */
        INBOUND,
        /** The next hop must be found, reached and answer, step by step (OUTBOUND_CONNECT_TIMEOUT, MOCT). */
        OUTBOUND
    }

    /** Limits of the established session, from the admitting rule's ACTION_LIST or the parameters. */
    record SessionLimits(Duration idle, Duration session, boolean statistics) {
    }

    /**
     * A TCPS next hop: what its certificate must match when {@code dnMatch} (SSL_SERVER_DN_MATCH from the
     * descriptor's SECURITY, else cman.ora), and the host name sent as SNI.
     *
     * @param host the next hop's host as its ADDRESS writes it
     * @param service the service asked for, which Oracle's DN matching also accepts in the certificate
     * @param certDn SSL_SERVER_CERT_DN from the descriptor's SECURITY: the whole subject expected
     */
    record TlsLeg(String host, String service, boolean dnMatch, Optional<String> certDn) {
    }

    /** One address to try: where, and TLS when its ADDRESS says TCPS (null for TCP). */
    private record Target(InetSocketAddress address, TlsLeg tls) {
    }

    /** What the handshake does; the glue does it on the session's thread. */
    interface Io {
        void toClient(byte[] packet);

        void toServer(byte[] packets);

        /** Looks a host name up; the answer comes back through {@link #onResolved}. */
        void resolve(String host);

        /**
         * Closes any connection to a next hop and opens one to {@code target}, with TLS when {@code tls} is not
         * null; {@link #onConnected} once connected (and, with TLS, once the handshake is done and the certificate
         * matches).
         */
        void connect(InetSocketAddress target, Duration timeout, TlsLeg tls);

        /**
         * A fresh TLS handshake with the next hop on the same TCP connection (its RESEND with flag 0x08);
         * {@link #onServerTlsRenegotiated} when done.
         */
        void renegotiateServerTls();

        void arm(Timer timer, Duration after);

        void disarm(Timer timer);

        /** Sends a REFUSE with the refusal's error to the client, then closes the session. */
        void refuse(Refusal refusal);

        /** Closes the session without a word to the client. */
        void drop(Refusal.Reason reason, String detail);

        /** Passes the next hop's REFUSE to the client and relays whatever follows until either side closes. */
        void passRefusal(byte[] refuse, Refusal refusal);

        /** Sends the ACCEPT to the client; from now on bytes are relayed both ways. */
        void establish(byte[] accept, SessionLimits limits);

        void redirected(String target);

        /** Ends the session (a close, a protocol error, a timeout). */
        void close(String reason);

        /** Whether the client's leg can renegotiate TLS (a RESEND with flag 0x08 may reach it). */
        boolean clientRenegotiatesTls();
    }

    private enum Pending { NONE, ADMISSION, REDIRECT }

    private final HandshakePolicy policy;
    private final Io io;
    private final InetAddress client;
    private final int localPort;
    private final Refusal preset;

    private SessionState state = SessionState.CONNECTING_IN;
    private ConnectRequest request;
    private Admission admission;
    private Address next;
    private ActionList actions = ActionList.NONE;
    private String passing;
    private boolean afterResend;
    private byte[] outbound;
    private final Deque<Target> candidates = new ArrayDeque<>();
    private OracleError lastConnectError = OracleError.NO_LISTENER;
    private TnsPacket splitRedirect;
    private List<Address> redirectTargets;
    private List<TlsLeg> redirectLegs;
    private int redirects;
    private int bytesBeforeAnswer;
    private String server = "";
    private final Map<String, List<InetAddress>> resolved = new HashMap<>();
    private final NameLookup names = name -> Optional.ofNullable(resolved.get(name));
    private final Set<String> unresolved = new HashSet<>();
    private Pending waitingFor = Pending.NONE;
    private SessionInfo.ClientId clientId;
    /** Kept once established, when the CONNECT and its parse are let go: what the session shows and gives back. */
    private String service = "";
    private Selection routed;
    private javax.security.auth.x500.X500Principal peer;
    private TlsLeg leg;

    /**
     * @param preset a refusal to answer once the CONNECT is read (every gateway suspended or full), or null
     */
    Handshake(HandshakePolicy policy, Io io, InetAddress client, int localPort, Refusal preset) {
        this.policy = policy;
        this.io = io;
        this.client = client;
        this.localPort = localPort;
        this.preset = preset;
    }

    SessionState state() {
        return state;
    }

    /** The service the client asked for, once its CONNECT is read. */
    String service() {
        return admission == null ? service : admission.service();
    }

    Optional<ConnectData> connectData() {
        return admission == null ? Optional.empty() : admission.connectData();
    }

    /** Who the client says it is (its CID), once its CONNECT is read. */
    SessionInfo.ClientId clientId() {
        if (clientId == null) {
            if (admission == null || admission.connectData().isEmpty()) {
                return SessionInfo.ClientId.NONE;
            }
            var cid = admission.connectData().get().nv().child("CID");
            clientId = cid.map(c -> new SessionInfo.ClientId(text(c, "PROGRAM"), text(c, "HOST"), text(c, "USER")))
                    .orElse(SessionInfo.ClientId.NONE);
        }
        return clientId;
    }

    private static String text(dev.tnsrelay.net.NvPair cid, String key) {
        return cid.child(key).filter(dev.tnsrelay.net.NvPair::isAtom).map(p -> ((dev.tnsrelay.net.NvValue.Atom) p.value()).unquoted().strip())
                .orElse("");
    }

    /** The next hop being reached, as {@code host:port}; empty before there is one. */
    String server() {
        return server;
    }

    /** The subject of the certificate the client presented on a TCPS endpoint, before its CONNECT is read. */
    void clientCertificate(javax.security.auth.x500.X500Principal subject) {
        peer = subject;
    }

    void start() {
        Duration inbound = parameters().duration(CmanParameter.INBOUND_CONNECT_TIMEOUT);
        if (!inbound.isZero()) {
            io.arm(Timer.INBOUND, inbound);
        }
    }

    // ---- the client

    void onClientPacket(TnsPacket p) {
        if (state != SessionState.CONNECTING_IN && state != SessionState.RESEND || request != null && request.complete()) {
            throw new TnsProtocolException("the client sent " + p.type() + " before the next hop answered");
        }
        if (request == null) {
            request = new ConnectRequest(ConnectPacket.of(p));
        } else {
            request.add(p);
        }
        if (!request.complete()) {
            return;
        }
        io.disarm(Timer.INBOUND);
        if (preset != null) {
            finish(() -> io.refuse(preset));
            return;
        }
        if (admission != null) {
            release(); // the repeated CONNECT is a new request, checked as such
            clientId = null;
        }
        admission = new Admission(request.connectData(), client, localPort, policy, peer);
        decide();
    }

    // ---- admission, with the names it needs

    private void decide() {
        Admission.Decision d = admission.decide(names);
        if (d instanceof Admission.NeedsNames n) {
            lookUp(n.names(), Pending.ADMISSION);
        } else if (d instanceof Admission.Refuse r) {
            refuse(r.error(), r.reason(), r.detail());
        } else if (d instanceof Admission.Drop drop) {
            finish(() -> io.drop(drop.reason(), drop.detail()));
        } else {
            route((Admission.Route) d);
        }
    }

    private void lookUp(Set<String> names, Pending step) {
        if (waitingFor == Pending.NONE) {
            state = SessionState.CONNECTING_OUT;
            io.arm(Timer.OUTBOUND, outboundTimeout());
        }
        waitingFor = step;
        for (String name : names) {
            if (unresolved.add(name)) {
                io.resolve(name);
            }
        }
    }

    /** A lookup ran out of time in the name service: the next hop cannot be reached in time (ORA-12535). */
    void onResolveTimedOut(String name) {
        if (unresolved.contains(name) && state != SessionState.CLOSED) {
            refuse(OracleError.TIMED_OUT, Refusal.Reason.NEXT_HOP, "the name service did not answer for " + name);
        }
    }

    /** A host name has been looked up; {@code addresses} is empty when it does not resolve. */
    void onResolved(String name, List<InetAddress> addresses) {
        if (!unresolved.remove(name)) {
            return;
        }
        resolved.put(name, List.copyOf(addresses));
        if (!unresolved.isEmpty() || state == SessionState.CLOSED) {
            return;
        }
        Pending step = waitingFor;
        waitingFor = Pending.NONE;
        io.disarm(Timer.OUTBOUND);
        if (step == Pending.ADMISSION) {
            decide();
        } else if (step == Pending.REDIRECT) {
            redirectResolved();
        }
    }

    private void route(Admission.Route r) {
        if (afterResend) {
            afterResend = false;
            if (!r.next().equals(next)) {
                refuse(OracleError.REFUSED, Refusal.Reason.BAD_INPUT,
                        "the CONNECT repeated after RESEND goes elsewhere than the first");
                return;
            }
            state = SessionState.HANDSHAKE;
            io.arm(Timer.OUTBOUND, outboundTimeout());
            io.toServer(request.bytes());
            return;
        }
        if (!policy.routeLoops().enter(request.connectData(), r.identified())) {
            refuse(OracleError.REFUSED, Refusal.Reason.BAD_INPUT,
                    "routing loop: this connect is already passing through the gateway as often as it may");
            return;
        }
        passing = request.connectData();
        next = r.next();
        actions = r.actions();
        server = r.next().socketHost() + ":" + r.next().port();
        TlsLeg tls = tlsLeg(r.next());
        r.addresses().forEach(ip -> candidates.add(new Target(new InetSocketAddress(ip, r.next().port()), tls)));
        outbound = request.bytes();
        connectNext();
    }

    // ---- the next hop

    /** TLS for a TCPS next hop, DN matching as the descriptor's SECURITY says, else as cman.ora says; else null. */
    private TlsLeg tlsLeg(Address hop) {
        if (!hop.protocol().equals("tcps")) {
            return null;
        }
        Optional<dev.tnsrelay.net.NvPair> security = admission == null ? Optional.empty() : admission.security();
        Optional<String> certDn = security.flatMap(s -> s.child("SSL_SERVER_CERT_DN"))
                .map(dev.tnsrelay.descriptor.NetValues::text).map(String::strip).filter(t -> !t.isEmpty());
        boolean match = security.flatMap(s -> s.child("SSL_SERVER_DN_MATCH"))
                .map(p -> dev.tnsrelay.descriptor.NetValues.isOn(dev.tnsrelay.descriptor.NetValues.text(p)))
                .orElse(certDn.isPresent() || policy.serverDnMatch());
        // ojdbc writes the addresses it looked up as (HOST=ip)(HOSTNAME=name): the name is what the certificate names
        String name = hop.nv().child("HOSTNAME").map(dev.tnsrelay.descriptor.NetValues::text).map(String::strip)
                .filter(n -> !n.isEmpty()).orElse(hop.socketHost());
        return new TlsLeg(name, service(), match, certDn);
    }

    private void connectNext() {
        Target target = candidates.poll();
        if (target == null) {
            refuse(lastConnectError, Refusal.Reason.NEXT_HOP, "next hop " + server + " cannot be reached");
            return;
        }
        state = SessionState.CONNECTING_OUT;
        leg = target.tls();
        Duration timeout = outboundTimeout();
        io.arm(Timer.OUTBOUND, timeout);
        io.connect(target.address(), timeout, target.tls());
    }

    /**
     * The TLS handshake with the next hop failed, or its certificate is not the one expected: the client is told
     * (ORA-29003 for a certificate that does not match, ORA-29024 for one that does not validate, ORA-28860
     * otherwise); the next address is not tried, as a client's own TLS failure ends its connect.
     */
    void onServerTlsFailed(dev.tnsrelay.tls.TlsFailure failure) {
        if (state != SessionState.CONNECTING_OUT && state != SessionState.HANDSHAKE) {
            return;
        }
        OracleError error = switch (failure.cause()) {
            case DN_MISMATCH -> OracleError.SERVER_DN_MISMATCH;
            case UNKNOWN_CA, CERTIFICATE_EXPIRED, BAD_CERTIFICATE -> OracleError.CERTIFICATE_VALIDATION;
            default -> OracleError.TLS_FAILED;
        };
        refuse(error, Refusal.Reason.NEXT_HOP, "TLS with next hop " + server + ": " + failure.text());
    }

    /** The fresh TLS handshake a RESEND 0x08 asked for is done: the CONNECT goes again on the same connection. */
    void onServerTlsRenegotiated() {
        if (state != SessionState.HANDSHAKE) {
            return;
        }
        bytesBeforeAnswer = 0;
        io.arm(Timer.OUTBOUND, outboundTimeout());
        io.toServer(outbound);
    }

    void onConnected() {
        if (state != SessionState.CONNECTING_OUT) {
            return;
        }
        state = SessionState.HANDSHAKE;
        bytesBeforeAnswer = 0;
        io.arm(Timer.OUTBOUND, outboundTimeout());
        io.toServer(outbound);
    }

    /** @param timedOut the connection attempt ran out of time (else nobody listened) */
    void onConnectFailed(boolean timedOut) {
        if (state != SessionState.CONNECTING_OUT) {
            return;
        }
        lastConnectError = timedOut ? OracleError.TIMED_OUT : OracleError.NO_LISTENER;
        connectNext();
    }

    void onServerPacket(TnsPacket p) {
        if (state != SessionState.HANDSHAKE) {
            throw new TnsProtocolException("the next hop sent " + p.type() + " out of turn");
        }
        if (splitRedirect != null) {
            TnsPacket whole = RedirectPacket.join(splitRedirect, p);
            splitRedirect = null;
            follow(RedirectPacket.of(whole));
            return;
        }
        switch (p.type()) {
            case ACCEPT -> {
                io.disarm(Timer.OUTBOUND);
                leaveLoops();
                state = SessionState.ESTABLISHED;
                SessionLimits limits = limits();
                letGoOfTheConnect();
                io.establish(p.bytes(), limits);
            }
            case REFUSE -> {
                io.disarm(Timer.OUTBOUND);
                leaveLoops();
                state = SessionState.ESTABLISHED;
                io.passRefusal(p.bytes(), new Refusal(RefusePacket.error(p), Refusal.Reason.NEXT_HOP,
                        "next hop " + server + " refused"));
            }
            case RESEND -> {
                if (ResendPacket.asksTls(p) && leg != null) {
                    // the TCPS next hop wants a new TLS handshake (its listener hands over to the database's
                    // certificate): done on this leg, and the CONNECT sent again; the client sees none of it
                    io.arm(Timer.OUTBOUND, outboundTimeout());
                    io.renegotiateServerTls();
                    return;
                }
                io.disarm(Timer.OUTBOUND);
                io.toClient(io.clientRenegotiatesTls() ? p.bytes() : ResendPacket.withoutTls(p));
                request = null;
                afterResend = true;
                state = SessionState.RESEND;
                Duration inbound = parameters().duration(CmanParameter.INBOUND_CONNECT_TIMEOUT);
                if (!inbound.isZero()) {
                    io.arm(Timer.INBOUND, inbound);
                }
            }
            case REDIRECT -> {
                if (RedirectPacket.isSplit(p)) {
                    splitRedirect = p;
                } else {
                    follow(RedirectPacket.of(p));
                }
            }
            default -> {
                bytesBeforeAnswer += p.bytes().length;
                if (bytesBeforeAnswer > MAX_BYTES_BEFORE_ANSWER) {
                    throw new TnsProtocolException("the next hop sent more than " + MAX_BYTES_BEFORE_ANSWER
                            + " bytes before it answered");
                }
                io.toClient(p.bytes());
            }
        }
    }

    /** Follows a REDIRECT itself: the client usually cannot reach the target, which is why it uses a gateway. */
    private void follow(RedirectPacket redirect) {
        io.disarm(Timer.OUTBOUND);
        if (++redirects > MAX_REDIRECTS) {
            refuse(OracleError.REFUSED, Refusal.Reason.NEXT_HOP, "more than " + MAX_REDIRECTS + " redirects");
            return;
        }
        List<Address> targets;
        try {
            targets = ConnectDescriptor.parse(redirect.address(), "redirect").descriptions().get(0).addresses();
        } catch (NetParseException e) {
            refuse(OracleError.REFUSED, Refusal.Reason.NEXT_HOP, "redirect to an address that does not parse: "
                    + e.getMessage());
            return;
        }
        if (targets.isEmpty()) {
            refuse(OracleError.REFUSED, Refusal.Reason.NEXT_HOP, "redirect to a descriptor without an address");
            return;
        }
        targets = targets.subList(0, Math.min(targets.size(), MAX_REDIRECT_ADDRESSES));
        for (Address a : targets) {
            if (!NextHop.usable(a)) {
                refuse(OracleError.UNKNOWN_HOST, Refusal.Reason.NEXT_HOP, "redirect to " + a
                        + ", which is not a TCP or TCPS address with a host");
                return;
            }
        }
        String data = redirect.connectData() != null ? redirect.connectData() : request.connectData();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] packet : ConnectPacket.rebuild(request.connect(), data, TnsPacket.FLAG_AFTER_REDIRECT, REDIRECT_SDU)) {
            out.writeBytes(packet);
        }
        outbound = out.toByteArray();
        redirectTargets = targets;
        Address last = targets.get(targets.size() - 1);
        server = last.socketHost() + ":" + last.port();
        redirectLegs = targets.stream().map(this::tlsLeg).toList();
        io.redirected(server);
        redirectResolved();
    }

    /** Connects to the redirect's targets once every name among them is known. */
    private void redirectResolved() {
        Set<String> needed = new java.util.LinkedHashSet<>();
        candidates.clear();
        for (int t = 0; t < redirectTargets.size(); t++) {
            Address a = redirectTargets.get(t);
            TlsLeg tls = redirectLegs.get(t);
            Optional<List<InetAddress>> ips = Admission.addressesOf(a, names);
            if (ips.isEmpty()) {
                needed.add(a.socketHost());
                continue;
            }
            for (InetAddress ip : ips.get()) {
                if (policy.listensOn(ip, a.port())) {
                    refuse(OracleError.REFUSED, Refusal.Reason.NEXT_HOP, "routing loop: redirected to this gateway");
                    return;
                }
                candidates.add(new Target(new InetSocketAddress(ip, a.port()), tls));
            }
        }
        if (!needed.isEmpty()) {
            lookUp(needed, Pending.REDIRECT);
            return;
        }
        lastConnectError = candidates.isEmpty() ? OracleError.UNKNOWN_HOST : OracleError.NO_LISTENER;
        connectNext();
    }

    // ---- deadlines and endings

    void onDeadline(Timer timer) {
        switch (timer) {
            case INBOUND -> {
                if (state == SessionState.CONNECTING_IN || state == SessionState.RESEND) {
                    close("INBOUND_CONNECT_TIMEOUT: no complete CONNECT in time");
                }
            }
            case OUTBOUND -> {
                if (waitingFor != Pending.NONE) {
                    refuse(OracleError.TIMED_OUT, Refusal.Reason.NEXT_HOP, "host names " + unresolved
                            + " were not resolved within " + outboundTimeout().toSeconds() + " s");
                } else if (state == SessionState.CONNECTING_OUT) {
                    lastConnectError = OracleError.TIMED_OUT;
                    connectNext();
                } else if (state == SessionState.HANDSHAKE) {
                    refuse(OracleError.TIMED_OUT, Refusal.Reason.NEXT_HOP, "next hop " + server + " did not answer within "
                            + outboundTimeout().toSeconds() + " s");
                }
            }
        }
    }

    void onClientClosed() {
        close("client closed during the handshake");
    }

    void onServerClosed() {
        // after a RESEND the repeated CONNECT goes on the same connection: without it there is nothing to wait for
        if (state == SessionState.HANDSHAKE || state == SessionState.RESEND) {
            close("next hop closed during the handshake");
        }
    }

    private void refuse(OracleError error, Refusal.Reason reason, String detail) {
        finish(() -> io.refuse(new Refusal(error.number(), reason, detail)));
    }

    private void close(String reason) {
        finish(() -> io.close(reason));
    }

    private void finish(Runnable ending) {
        if (state == SessionState.CLOSED) {
            return;
        }
        state = SessionState.CLOSED;
        io.disarm(Timer.INBOUND);
        io.disarm(Timer.OUTBOUND);
        leaveLoops();
        ending.run();
    }

    /** The session has ended, whatever ended it: what the handshake holds of the instance is given back. */
    void ended() {
        state = SessionState.CLOSED;
        leaveLoops();
        release();
        request = null;
        outbound = null;
        candidates.clear();
    }

    private void release() {
        Selection r = admission == null ? routed : admission.routed();
        if (r != null) {
            policy.registry().release(service(), r);
        }
        routed = null;
    }

    /**
     * An established session relays for hours: it keeps what it shows (service, CID) and what it gives back at
     * its end (the registry's handler), not the client's CONNECT, its parse or the route's working state — a few
     * KB per idle session otherwise.
     */
    private void letGoOfTheConnect() {
        clientId();
        service = admission.service();
        routed = admission.routed();
        admission = null;
        request = null;
        outbound = null;
        next = null;
        leg = null;
        candidates.clear();
        resolved.clear();
        unresolved.clear();
        redirectTargets = null;
        redirectLegs = null;
        splitRedirect = null;
    }

    private void leaveLoops() {
        if (passing != null) {
            policy.routeLoops().leave(passing);
            passing = null;
        }
    }

    private CmanParameters parameters() {
        return policy.parameters();
    }

    private Duration outboundTimeout() {
        Duration d = actions.outboundConnectTimeout()
                .orElse(parameters().duration(CmanParameter.OUTBOUND_CONNECT_TIMEOUT));
        return d.isZero() ? HANDSHAKE_LIMIT : d;
    }

    private SessionLimits limits() {
        CmanParameters p = parameters();
        return new SessionLimits(actions.idleTimeout().orElse(p.duration(CmanParameter.IDLE_TIMEOUT)),
                actions.sessionTimeout().orElse(p.duration(CmanParameter.SESSION_TIMEOUT)),
                actions.connectionStatistics().orElse(p.isOn(CmanParameter.CONNECTION_STATISTICS)));
    }
}
