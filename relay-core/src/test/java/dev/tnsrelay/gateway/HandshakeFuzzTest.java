package dev.tnsrelay.gateway;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.descriptor.ConnectData;
import dev.tnsrelay.descriptor.ConnectDescriptor;
import dev.tnsrelay.descriptor.ServerType;
import dev.tnsrelay.fuzz.Contract;
import dev.tnsrelay.registry.Handler;
import dev.tnsrelay.registry.HandlerState;
import dev.tnsrelay.registry.Registration;
import dev.tnsrelay.tls.TlsFailure;
import dev.tnsrelay.tns.ConnectPacket;
import dev.tnsrelay.tns.ConnectRequest;
import dev.tnsrelay.tns.FrameDecoder;
import dev.tnsrelay.tns.PacketType;
import dev.tnsrelay.tns.TnsPacket;
import dev.tnsrelay.tns.TnsProtocolException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for the handshake state machine ({@link Handshake}), driven as the session glue drives it: the input
 * is a script of events — a client packet, a next hop's packet, a connection made or failed, a name looked up, a
 * deadline, a TLS step, a side closing — each delivered only when the glue could deliver it (a deadline only when
 * armed, a next hop's packet only once connected). After each event the target checks what the handshake did:
 * <ul>
 *   <li>nothing escapes but a {@link TnsProtocolException} that says what (the glue ends the session on it);
 *   <li>one ending at most (refuse, drop, close, pass a REFUSE on, establish), after which the glue stops;
 *   <li>every wait has a deadline: waiting for the client, INBOUND is armed; for a name, a connection or an
 *       answer, OUTBOUND is;
 *   <li>what goes to the client is whole packets, a RESEND never with the TLS flag to a client that cannot
 *       renegotiate; what goes to the next hop is a whole connect request (CONNECT and its DATA), the client's
 *       own bytes when it is the client's;
 *   <li>no connection to the gateway's own address, no more than {@link Handshake#MAX_REDIRECTS} redirects;
 *   <li>once ended, the handshake holds nothing of the instance (its pass through the route-loop count).
 * </ul>
 * Script: one byte chooses the event, a packet is a 2-byte length and its bytes (the header's length is set to
 * it). In {@code mvn verify} it runs over its kept inputs; {@code bin/fuzz handshake} fuzzes it (docs/fuzzing.md).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HandshakeFuzzTest {

    /** The gateway's port: a next hop on loopback there is the gateway itself. */
    private static final int L1 = 15211;
    private static final String RULES = "(RULE=(SRC=*)(DST=*)(SRV=payroll)(ACT=reject))"
            + "(RULE=(SRC=*)(DST=*)(SRV=hr)(ACT=drop))"
            + "(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept)(ACTION_LIST=(MOCT=5)))";
    private static final List<List<InetAddress>> ANSWERS = List.of(List.of(), List.of(ip("127.0.0.1")),
            List.of(ip("198.51.100.7")), List.of(ip("198.51.100.7"), ip("198.51.100.8")), List.of(ip("::1")));

    /** The events a script is made of, in the order of their byte's value (modulo their number). */
    enum Step {
        CLIENT, SERVER, CONNECTED, CONNECT_FAILED, RESOLVED, RESOLVE_TIMED_OUT, DEADLINE, TLS_RENEGOTIATED, TLS_FAILED,
        CLIENT_CLOSED, SERVER_CLOSED
    }

    @FuzzTest
    void handshake(byte[] script) {
        new Run(script).play();
    }

    /** One session: the handshake, the glue's view of it, and the script. */
    private static final class Run implements Handshake.Io {
        private final byte[] script;
        private int at;
        private final HandshakeTest.Policy policy = new HandshakeTest.Policy(RULES, "");
        private final boolean register;
        private final boolean clientTls;
        private final Handshake hs;

        private final Set<Handshake.Timer> armed = EnumSet.noneOf(Handshake.Timer.class);
        private final List<String> asked = new ArrayList<>();
        private boolean connecting;
        private boolean tlsConnecting;
        private boolean connected;
        private boolean renegotiating;
        private int endings;
        private int redirects;
        private ConnectRequest fromClient;
        private final java.io.ByteArrayOutputStream clientBytes = new java.io.ByteArrayOutputStream();

        Run(byte[] script) {
            this.script = script;
            int options = next();
            register = (options & 1) == 0;
            clientTls = (options & 2) != 0;
            Refusal preset = (options & 4) != 0 ? new Refusal(12519, Refusal.Reason.LIMIT, "suspended") : null;
            hs = new Handshake(policy, this, InetAddress.getLoopbackAddress(), L1, preset);
        }

        void play() {
            hs.start();
            check();
            while (at < script.length && endings == 0) {
                try {
                    step(Step.values()[next() % Step.values().length]);
                } catch (TnsProtocolException e) {
                    Contract.explained(e); // the glue ends the session with a protocol error
                    break;
                }
                check();
            }
            hs.ended();
            if (!inFlight(policy.loops).isEmpty()) {
                throw new AssertionError("the ended handshake still counts a pass through the gateway");
            }
        }

        private void step(Step step) {
            switch (step) {
                case CLIENT -> {
                    TnsPacket p = packet();
                    if (p != null) {
                        shadow(p);
                        hs.onClientPacket(p);
                    }
                }
                case SERVER -> {
                    TnsPacket p = packet();
                    if (p != null && connected) {
                        hs.onServerPacket(p);
                    }
                }
                case CONNECTED -> {
                    if (connecting) {
                        connecting = tlsConnecting = false;
                        connected = true;
                        hs.onConnected();
                    }
                }
                case CONNECT_FAILED -> {
                    if (connecting) {
                        connecting = tlsConnecting = false;
                        hs.onConnectFailed(next() % 2 == 0);
                    }
                }
                case RESOLVED -> {
                    if (!asked.isEmpty()) {
                        String name = asked.remove(next() % asked.size());
                        hs.onResolved(name, ANSWERS.get(next() % ANSWERS.size()));
                    }
                }
                case RESOLVE_TIMED_OUT -> {
                    if (!asked.isEmpty()) {
                        hs.onResolveTimedOut(asked.remove(next() % asked.size()));
                    }
                }
                case DEADLINE -> {
                    Handshake.Timer timer = Handshake.Timer.values()[next() % 2];
                    if (armed.remove(timer)) {
                        hs.onDeadline(timer);
                    }
                }
                case TLS_RENEGOTIATED -> {
                    if (renegotiating) {
                        renegotiating = false;
                        hs.onServerTlsRenegotiated();
                    }
                }
                case TLS_FAILED -> {
                    if (tlsConnecting || renegotiating) {
                        tlsConnecting = renegotiating = connecting = false;
                        TlsFailure.Cause[] causes = TlsFailure.Cause.values();
                        hs.onServerTlsFailed(new TlsFailure(causes[next() % causes.length], "next hop", "fuzz"));
                    }
                }
                case CLIENT_CLOSED -> hs.onClientClosed();
                case SERVER_CLOSED -> {
                    if (connected) {
                        connected = false;
                        hs.onServerClosed();
                    }
                }
            }
        }

        /** The harness's own reading of the client's request: registers its service when the options say so. */
        private void shadow(TnsPacket p) {
            if (hs.state() == SessionState.RESEND && fromClient != null && fromClient.complete()) {
                fromClient = null;
                clientBytes.reset();
            }
            try {
                if (fromClient == null) {
                    fromClient = new ConnectRequest(ConnectPacket.of(p));
                } else if (!fromClient.complete()) {
                    fromClient.add(p);
                } else {
                    return;
                }
            } catch (TnsProtocolException e) {
                return; // the handshake will say so itself
            }
            clientBytes.writeBytes(p.bytes());
            if (register && fromClient.complete()) {
                try {
                    ConnectDescriptor.parse(fromClient.connectData(), "fuzz").connectData()
                            .flatMap(ConnectData::service).filter(s -> !s.isBlank())
                            .ifPresent(s -> policy.registry.put(new Registration(s, "i1", "127.0.0.1",
                                    List.of(new Handler("DEDICATED", Address.tcp("198.51.100.9", 1521),
                                            ServerType.DEDICATED, 0, 100, HandlerState.READY)), Duration.ZERO)));
                } catch (RuntimeException e) {
                    // not a descriptor, or a service name a registration refuses: nothing registered
                }
            }
        }

        /** After each event: every wait has a deadline. */
        private void check() {
            if (endings > 1) {
                throw new AssertionError(endings + " endings of one session");
            }
            if (endings > 0) {
                return;
            }
            switch (hs.state()) {
                case CONNECTING_IN, RESEND -> require(Handshake.Timer.INBOUND);
                case CONNECTING_OUT, HANDSHAKE -> require(Handshake.Timer.OUTBOUND);
                case ESTABLISHED, CLOSED -> throw new AssertionError(hs.state() + " without an ending told to the glue");
            }
        }

        private void require(Handshake.Timer timer) {
            if (!armed.contains(timer)) {
                throw new AssertionError("in " + hs.state() + " without the " + timer + " deadline: a wait without end");
            }
        }

        /** A packet from the script: its header's length set to its size; null when it is not one the framer passes. */
        private TnsPacket packet() {
            int announced = next() << 8 | next();
            int n = Math.min(script.length - at, announced);
            byte[] bytes = new byte[n];
            System.arraycopy(script, at, bytes, 0, n);
            at += n;
            if (n < TnsPacket.HEADER || PacketType.of(bytes[4] & 0xff) == PacketType.UNKNOWN) {
                return null;
            }
            bytes[0] = (byte) (n >> 8);
            bytes[1] = (byte) n;
            return TnsPacket.of(bytes);
        }

        private int next() {
            return at < script.length ? script[at++] & 0xff : 0;
        }

        private void ended() {
            endings++;
            armed.clear(); // the glue closes the session: its timers go with it
        }

        // ---- Io: what the handshake does

        @Override
        public void toClient(byte[] packet) {
            TnsPacket p = whole(packet);
            if (p.type() == PacketType.RESEND && !clientTls && (p.flags() & TnsPacket.FLAG_RESEND_TLS) != 0) {
                throw new AssertionError("a RESEND asking for TLS to a client that cannot renegotiate");
            }
        }

        @Override
        public void toServer(byte[] packets) {
            if (!connected) {
                throw new AssertionError("bytes for a next hop that is not connected");
            }
            FrameDecoder frames = new FrameDecoder(TnsPacket.MAX_HANDSHAKE_PACKET);
            frames.feed(ByteBuffer.wrap(packets));
            ConnectRequest request = null;
            for (TnsPacket p = frames.next(); p != null; p = frames.next()) {
                if (request == null) {
                    request = new ConnectRequest(ConnectPacket.of(p));
                } else if (request.complete()) {
                    throw new AssertionError("more than one connect request to the next hop at once");
                } else {
                    request.add(p);
                }
            }
            if (request == null || !request.complete() || frames.drain().length != 0) {
                throw new AssertionError("to the next hop, not a whole connect request");
            }
            if (redirects == 0 && !java.util.Arrays.equals(packets, clientBytes.toByteArray())) {
                throw new AssertionError("the client's connect request is not forwarded as it was received");
            }
        }

        @Override
        public void resolve(String host) {
            if (asked.contains(host)) {
                throw new AssertionError(host + " looked up again while its answer is awaited");
            }
            asked.add(host);
        }

        @Override
        public void connect(InetSocketAddress target, Duration timeout, Handshake.TlsLeg tls) {
            if (policy.listensOn(target.getAddress(), target.getPort())) {
                throw new AssertionError("a connection to the gateway itself: " + target);
            }
            if (timeout.isZero() || timeout.isNegative()) {
                throw new AssertionError("a connection without a time limit");
            }
            connected = false;
            connecting = true;
            tlsConnecting = tls != null;
        }

        @Override
        public void renegotiateServerTls() {
            if (!connected) {
                throw new AssertionError("TLS renegotiation without a connected next hop");
            }
            renegotiating = true;
        }

        @Override
        public void arm(Handshake.Timer timer, Duration after) {
            if (after.isZero() || after.isNegative()) {
                throw new AssertionError(timer + " armed for " + after);
            }
            armed.add(timer);
        }

        @Override
        public void disarm(Handshake.Timer timer) {
            armed.remove(timer);
        }

        @Override
        public void refuse(Refusal refusal) {
            if (refusal.error() <= 0) {
                throw new AssertionError("a refusal without an Oracle error: " + refusal);
            }
            ended();
        }

        @Override
        public void drop(Refusal.Reason reason, String detail) {
            ended();
        }

        @Override
        public void passRefusal(byte[] refuse, Refusal refusal) {
            whole(refuse);
            ended();
        }

        @Override
        public void establish(byte[] accept, Handshake.SessionLimits limits) {
            if (whole(accept).type() != PacketType.ACCEPT) {
                throw new AssertionError("established on a " + TnsPacket.of(accept).type());
            }
            ended();
        }

        @Override
        public void redirected(String target) {
            if (++redirects > Handshake.MAX_REDIRECTS) {
                throw new AssertionError(redirects + " redirects followed");
            }
        }

        @Override
        public void close(String reason) {
            Contract.explained(new IllegalStateException(reason));
            ended();
        }

        @Override
        public boolean clientRenegotiatesTls() {
            return clientTls;
        }

        /** A packet that is whole: its 2-byte length is its size. */
        private static TnsPacket whole(byte[] packet) {
            TnsPacket p = TnsPacket.of(packet);
            if (TnsPacket.handshakeLength(packet[0], packet[1]) != packet.length) {
                throw new AssertionError("a packet of " + packet.length + " bytes whose header says "
                        + TnsPacket.handshakeLength(packet[0], packet[1]));
            }
            return p;
        }
    }

    /** The passes a route-loop count holds (its map, read as the test of a class that offers no view of it). */
    private static java.util.Map<?, ?> inFlight(RouteLoops loops) {
        try {
            var field = RouteLoops.class.getDeclaredField("inFlight");
            field.setAccessible(true);
            return (java.util.Map<?, ?>) field.get(loops);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
