package dev.tnsrelay.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.config.CmanOra;
import dev.tnsrelay.config.CmanParameters;
import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.descriptor.ServerType;
import dev.tnsrelay.registry.Handler;
import dev.tnsrelay.registry.HandlerState;
import dev.tnsrelay.registry.Registration;
import dev.tnsrelay.registry.ServiceRegistry;
import dev.tnsrelay.rules.RuleList;
import dev.tnsrelay.testing.Vectors;
import dev.tnsrelay.tns.ConnectPacket;
import dev.tnsrelay.tns.PacketType;
import dev.tnsrelay.tns.RefusePacket;
import dev.tnsrelay.tns.ResendPacket;
import dev.tnsrelay.tns.TnsPacket;
import dev.tnsrelay.tns.TnsProtocolException;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The handshake without sockets: events in, actions out. Every case of shared/vectors/tns is replayed with the
 * gateway in the middle — the client's packets in, the listener's answers as the next hop's — and what the
 * gateway does is checked against what the listener answered; then the cases the vectors cannot show.
 */
class HandshakeTest {

    private static final InetAddress LOCAL = InetAddress.getLoopbackAddress();
    /** The port the client connected to in the vectors (L1): the gateway stands there. */
    private static final int L1 = 15211;

    /** What the handshake did, in order, as readable lines; the bytes written kept beside them. */
    static final class Recorder implements Handshake.Io {
        final List<String> log = new ArrayList<>();
        final List<byte[]> toClient = new ArrayList<>();
        final List<byte[]> toServer = new ArrayList<>();
        Refusal refusal;
        byte[] establishedWith;

        @Override
        public void toClient(byte[] packet) {
            toClient.add(packet);
            log.add("toClient " + TnsPacket.of(packet).type());
        }

        @Override
        public void toServer(byte[] packets) {
            toServer.add(packets);
            log.add("toServer");
        }

        @Override
        public void resolve(String host) {
            log.add("resolve " + host);
        }

        @Override
        public void connect(InetSocketAddress target, Duration timeout, Handshake.TlsLeg tls) {
            log.add("connect " + target.getAddress().getHostAddress() + ":" + target.getPort()
                    + (tls == null ? "" : " tls " + tls.host() + (tls.dnMatch() ? " dn-match" : "")
                            + tls.certDn().map(d -> " dn " + d).orElse("")));
        }

        @Override
        public void renegotiateServerTls() {
            log.add("renegotiate tls");
        }

        @Override
        public void arm(Handshake.Timer timer, Duration after) {
            log.add("arm " + timer + " " + after.toSeconds());
        }

        @Override
        public void disarm(Handshake.Timer timer) {
        }

        @Override
        public void refuse(Refusal r) {
            refusal = r;
            log.add("refuse " + r.error() + " " + r.reason());
        }

        @Override
        public void drop(Refusal.Reason reason, String detail) {
            log.add("drop " + reason);
        }

        @Override
        public void passRefusal(byte[] refuse, Refusal r) {
            refusal = r;
            log.add("passRefusal " + r.error());
        }

        @Override
        public void establish(byte[] accept, Handshake.SessionLimits limits) {
            establishedWith = accept;
            log.add("establish");
        }

        @Override
        public void redirected(String target) {
            log.add("redirected " + target);
        }

        @Override
        public void close(String reason) {
            log.add("close " + reason);
        }

        @Override
        public boolean clientRenegotiatesTls() {
            return false;
        }

        boolean has(String line) {
            return log.contains(line);
        }

        long count(String prefix) {
            return log.stream().filter(l -> l.startsWith(prefix)).count();
        }
    }

    /** A policy from cman.ora text; the gateway listens on L1 of 127.0.0.1 unless told otherwise. */
    static final class Policy implements HandshakePolicy {
        final ServiceRegistry registry;
        final CmanParameters parameters;
        final RuleList rules;
        final RouteLoops loops = new RouteLoops();
        int listening = L1;

        Policy(String rules, String parameters) {
            var instance = CmanOra.parse("c = (CONFIGURATION=(ADDRESS=(HOST=127.0.0.1)(PORT=" + L1 + "))(RULE_LIST="
                    + rules + ")(PARAMETER_LIST=" + parameters + "))", "test").instances().get(0);
            this.rules = instance.rules();
            this.parameters = instance.parameters();
            this.registry = new ServiceRegistry(Clock.systemUTC(), parameters());
        }

        @Override
        public RuleList rules() {
            return rules;
        }

        @Override
        public CmanParameters parameters() {
            return parameters;
        }

        @Override
        public ServiceRegistry registry() {
            return registry;
        }

        @Override
        public Random random() {
            return new Random(1);
        }

        @Override
        public boolean listensOn(InetAddress address, int port) {
            return port == listening && address.isLoopbackAddress();
        }

        @Override
        public RouteLoops routeLoops() {
            return loops;
        }

        @Override
        public boolean serverDnMatch() {
            return false;
        }
    }

    private static final String ACCEPT_LOCAL = "(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))";

    // ---- every vector, replayed through the gateway

    static Stream<Path> cases() {
        return Vectors.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theGatewayDoesWithEachAnswerWhatTheClientWouldHaveSeen(Path caseDir) {
        List<Path> packets = Vectors.packets(caseDir);
        if (packets.isEmpty() || !packets.get(0).getFileName().toString().endsWith("-L1-c0-00-c2s-CONNECT.hex")) {
            return; // the client never reached the listener (a closed port): nothing for a gateway to do
        }
        Policy policy = new Policy(ACCEPT_LOCAL, "");
        policy.listening = 0; // the gateway is not the listener the vectors were captured from
        // a connect that names only its service reaches "the listener" through the registry, as a source route would
        String service = requestedService(packets);
        policy.registry.put(new Registration(service, "i1", "127.0.0.1", List.of(new Handler("DEDICATED",
                Address.tcp("127.0.0.1", 16000), ServerType.DEDICATED, 0, 100, HandlerState.READY)), Duration.ZERO));
        Recorder io = new Recorder();
        Handshake hs = started(policy, io);
        Path decisive = null;
        for (Path file : packets) {
            String name = file.getFileName().toString();
            TnsPacket p = TnsPacket.of(Vectors.bytes(file));
            SessionState now = hs.state();
            if (now == SessionState.CLOSED || now == SessionState.ESTABLISHED) {
                break;
            }
            boolean fromClient = name.contains("-c2s-");
            if (fromClient && (now == SessionState.CONNECTING_IN && name.contains("-L1-c0-") || now == SessionState.RESEND)) {
                hs.onClientPacket(p); // its first CONNECT, or the one it repeats after a RESEND
            } else if (!fromClient && now == SessionState.HANDSHAKE) {
                if (decisive == null && (p.type() == PacketType.ACCEPT || p.type() == PacketType.REFUSE)) {
                    decisive = file;
                }
                hs.onServerPacket(p);
            }
            if (hs.state() == SessionState.CONNECTING_OUT) {
                hs.onConnected(); // the next hop (or the redirect's target) took the connection
            }
        }
        String last = io.log.get(io.log.size() - 1);
        if (io.count("connect ") == 0) {
            // node's thin client sends a source route one address at a time: with only the gateway's, no next hop
            assertTrue(caseDir.endsWith("node-sourceroute-addrlist"), caseDir + ": " + io.log);
            assertEquals("refuse 12514 REGISTRY", last);
            return;
        }
        if (io.count("redirected") >= Handshake.MAX_REDIRECTS) {
            assertEquals("refuse 12564 NEXT_HOP", last, "a redirect loop ends: " + io.log);
        } else if (decisive == null) {
            assertTrue(hs.state() == SessionState.HANDSHAKE || hs.state() == SessionState.RESEND,
                    "without an answer the gateway still waits (its deadline will end it): " + io.log);
        } else if (decisive.toString().endsWith("-ACCEPT.hex")) {
            assertEquals("establish", last, io.log.toString());
            assertArrayEquals(Vectors.bytes(decisive), io.establishedWith, "the listener's ACCEPT, as it was");
        } else {
            assertEquals("passRefusal " + RefusePacket.error(TnsPacket.of(Vectors.bytes(decisive))), last, io.log.toString());
        }
        for (byte[] sent : io.toClient) {
            if (TnsPacket.of(sent).type() == PacketType.RESEND) {
                assertEquals(0, TnsPacket.of(sent).flags() & TnsPacket.FLAG_RESEND_TLS, "no TLS resend to a TCP client");
            }
        }
    }

    /** The service of the client's first connect request in a case. */
    private static String requestedService(List<Path> packets) {
        dev.tnsrelay.tns.ConnectRequest request = null;
        for (Path file : packets) {
            if (!file.getFileName().toString().contains("-L1-c0-") || !file.toString().contains("-c2s-")) {
                continue;
            }
            TnsPacket p = TnsPacket.of(Vectors.bytes(file));
            if (request == null) {
                request = new dev.tnsrelay.tns.ConnectRequest(ConnectPacket.of(p));
            } else {
                request.add(p);
            }
            if (request.complete()) {
                break;
            }
        }
        return dev.tnsrelay.descriptor.ConnectDescriptor.parse(request.connectData(), "vector").connectData()
                .flatMap(dev.tnsrelay.descriptor.ConnectData::service).orElse("");
    }

    // ---- what the vectors cannot show

    private static String route(String service, String... addresses) {
        return "(DESCRIPTION=(SOURCE_ROUTE=YES)" + String.join("", addresses) + "(CONNECT_DATA=(SERVICE_NAME="
                + service + ")(CONNECTION_ID=abc)))";
    }

    private static String address(String host, int port) {
        return "(ADDRESS=(PROTOCOL=TCP)(HOST=" + host + ")(PORT=" + port + "))";
    }

    /** A handshake as the glue makes one: started, its INBOUND deadline armed. */
    private static Handshake started(Policy policy, Recorder io) {
        Handshake hs = new Handshake(policy, io, LOCAL, L1, null);
        hs.start();
        return hs;
    }

    private static void send(Handshake hs, String descriptor) {
        for (byte[] p : ConnectPacket.build(descriptor)) {
            hs.onClientPacket(TnsPacket.of(p));
        }
    }

    @Test
    void aClientNoRuleAdmitsIsRefusedBeforeAnyNameItWroteIsLookedUp() {
        Policy policy = new Policy("(RULE=(SRC=10.0.0.0/8)(DST=*)(SRV=*)(ACT=accept))", "");
        Recorder io = new Recorder();
        Handshake hs = started(policy, io);
        StringBuilder hops = new StringBuilder(address("127.0.0.1", L1));
        for (int i = 0; i < 500; i++) {
            hops.append(address("slow" + i + ".example", L1));
        }
        send(hs, route("sales", hops.toString()));
        assertEquals(List.of("arm INBOUND 60", "refuse 12529 RULE"), io.log);
    }

    @Test
    void theRouteNamesLookedUpToFindTheGatewayAreBounded() throws Exception {
        Policy policy = new Policy(ACCEPT_LOCAL, "");
        Recorder io = new Recorder();
        Handshake hs = started(policy, io);
        StringBuilder hops = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            hops.append(address("hop" + i + ".example", L1));
        }
        send(hs, route("sales", hops.toString(), address("127.0.0.2", 1521)));
        for (int i = 0; i < 50 && hs.state() == SessionState.CONNECTING_OUT && !io.log.get(io.log.size() - 1).startsWith("connect"); i++) {
            String asked = io.log.get(io.log.size() - 1).substring("resolve ".length());
            hs.onResolved(asked, List.of(InetAddress.getByAddress(new byte[] {(byte) 198, 51, 100, (byte) i})));
        }
        assertEquals(NextHop.MAX_NAMES, io.count("resolve "), "eight names of the route, no more: " + io.log);
        assertEquals("connect 198.51.100.1:" + L1, io.log.get(io.log.size() - 1),
                "no address designates the gateway: it takes itself for the first and goes to the second");
    }

    @Test
    void aNextHopNamedByHostIsLookedUpThenConnected() throws Exception {
        Policy policy = new Policy(ACCEPT_LOCAL, "(OUTBOUND_CONNECT_TIMEOUT=7)");
        Recorder io = new Recorder();
        Handshake hs = started(policy, io);
        send(hs, route("sales", address("127.0.0.1", L1), address("db.example", 1521)));
        assertEquals(List.of("arm INBOUND 60", "arm OUTBOUND 7", "resolve db.example"), io.log.subList(0, 3));
        hs.onResolved("db.example", List.of(InetAddress.getByName("198.51.100.5"), InetAddress.getByName("198.51.100.6")));
        assertTrue(io.has("connect 198.51.100.5:1521"), io.log.toString());
        hs.onConnectFailed(false);
        assertTrue(io.has("connect 198.51.100.6:1521"), "the next address is tried: " + io.log);
        hs.onConnectFailed(true);
        assertEquals("refuse 12535 NEXT_HOP", io.log.get(io.log.size() - 1), "the last failure was a time-out");
    }

    @Test
    void aNameThatDoesNotResolveIsOra12545AndOneThatTakesTooLongOra12535() throws Exception {
        Policy policy = new Policy(ACCEPT_LOCAL, "");
        Recorder unknown = new Recorder();
        Handshake a = started(policy, unknown);
        send(a, route("sales", address("127.0.0.1", L1), address("nowhere.example", 1521)));
        a.onResolved("nowhere.example", List.of());
        assertEquals("refuse 12545 NEXT_HOP", unknown.log.get(unknown.log.size() - 1));

        Recorder slow = new Recorder();
        Handshake b = started(policy, slow);
        send(b, route("sales", address("127.0.0.1", L1), address("slow.example", 1521)));
        b.onDeadline(Handshake.Timer.OUTBOUND);
        assertEquals("refuse 12535 NEXT_HOP", slow.log.get(slow.log.size() - 1));
        b.onResolved("slow.example", List.of(InetAddress.getByName("198.51.100.5")));
        assertEquals(0, slow.count("connect"), "an answer after the deadline changes nothing");
    }

    @Test
    void aNextHopThatAcceptsTcpAndNeverAnswersIsOra12535() {
        Policy policy = new Policy("(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept)(ACTION_LIST=(MOCT=3)))", "");
        Recorder io = new Recorder();
        Handshake hs = started(policy, io);
        send(hs, route("sales", address("127.0.0.1", L1), address("127.0.0.2", 1521)));
        hs.onConnected();
        assertEquals(SessionState.HANDSHAKE, hs.state());
        assertEquals("arm OUTBOUND 3", io.log.get(io.log.size() - 2), "the answer has a deadline: " + io.log);
        hs.onDeadline(Handshake.Timer.OUTBOUND);
        assertEquals("refuse 12535 NEXT_HOP", io.log.get(io.log.size() - 1));
    }

    @Test
    void theRepeatedConnectAfterResendIsCheckedAsANewRequest() {
        Policy policy = new Policy("(RULE=(SRC=*)(DST=*)(SRV=payroll)(ACT=reject))" + ACCEPT_LOCAL, "");
        Recorder io = new Recorder();
        Handshake hs = started(policy, io);
        send(hs, route("sales", address("127.0.0.1", L1), address("127.0.0.2", 1521)));
        hs.onConnected();
        byte[] resend = ResendPacket.build();
        resend[5] = TnsPacket.FLAG_RESEND_TLS;
        hs.onServerPacket(TnsPacket.of(resend));
        byte[] passed = io.toClient.get(io.toClient.size() - 1);
        assertEquals(PacketType.RESEND, TnsPacket.of(passed).type());
        assertEquals(0, TnsPacket.of(passed).flags(), "a TCP client cannot renegotiate TLS");
        send(hs, route("payroll", address("127.0.0.1", L1), address("127.0.0.2", 1521)));
        assertEquals("refuse 12529 RULE", io.log.get(io.log.size() - 1), "the new request meets the rules");

        Recorder elsewhere = new Recorder();
        Handshake other = started(policy, elsewhere);
        send(other, route("sales", address("127.0.0.1", L1), address("127.0.0.2", 1521)));
        other.onConnected();
        other.onServerPacket(TnsPacket.of(ResendPacket.build()));
        send(other, route("sales", address("127.0.0.1", L1), address("127.0.0.3", 1521)));
        assertEquals("refuse 12564 BAD_INPUT", elsewhere.log.get(elsewhere.log.size() - 1));

        Recorder same = new Recorder();
        Handshake honest = started(policy, same);
        String descriptor = route("sales", address("127.0.0.1", L1), address("127.0.0.2", 1521));
        send(honest, descriptor);
        honest.onConnected();
        honest.onServerPacket(TnsPacket.of(ResendPacket.build()));
        send(honest, descriptor);
        assertArrayEquals(same.toServer.get(0), same.toServer.get(1), "the same CONNECT goes to the same next hop");
        assertEquals(SessionState.HANDSHAKE, honest.state());
    }

    @Test
    void aTcpsNextHopsResendWithTlsIsAFreshHandshakeOnThatLegAndTheConnectAgainNeverTheClientsBusiness() {
        Policy policy = new Policy(ACCEPT_LOCAL, "");
        Recorder io = new Recorder();
        Handshake hs = started(policy, io);
        String tcps = "(ADDRESS=(PROTOCOL=TCPS)(HOST=127.0.0.2)(PORT=2484))";
        send(hs, "(DESCRIPTION=(SOURCE_ROUTE=YES)" + address("127.0.0.1", L1) + tcps
                + "(CONNECT_DATA=(SERVICE_NAME=sales))(SECURITY=(SSL_SERVER_CERT_DN=\"CN=db, O=x\")))");
        assertTrue(io.has("connect 127.0.0.2:2484 tls 127.0.0.2 dn-match dn CN=db, O=x"), io.log.toString());
        hs.onConnected();
        byte[] resend = ResendPacket.build();
        resend[5] = TnsPacket.FLAG_RESEND_TLS;
        hs.onServerPacket(TnsPacket.of(resend));
        assertEquals("renegotiate tls", io.log.get(io.log.size() - 1));
        assertTrue(io.toClient.isEmpty(), "the client hears nothing of it");
        hs.onServerTlsRenegotiated();
        assertEquals(2, io.toServer.size());
        assertArrayEquals(io.toServer.get(0), io.toServer.get(1), "the same CONNECT again, on the same connection");
        assertEquals(1, io.count("connect "), "no new connection");
        assertEquals(SessionState.HANDSHAKE, hs.state());
    }

    @Test
    void aTcpsNextHopsFailedTlsIsRefusedWithTheOracleErrorOfItsCause() {
        for (var c : List.of(List.of(dev.tnsrelay.tls.TlsFailure.Cause.DN_MISMATCH, 29003),
                List.of(dev.tnsrelay.tls.TlsFailure.Cause.UNKNOWN_CA, 29024),
                List.of(dev.tnsrelay.tls.TlsFailure.Cause.PROTOCOL_TOO_OLD, 28860))) {
            Recorder io = new Recorder();
            Handshake hs = started(new Policy(ACCEPT_LOCAL, ""), io);
            send(hs, route("sales", address("127.0.0.1", L1), "(ADDRESS=(PROTOCOL=TCPS)(HOST=localhost)(PORT=2484))"));
            hs.onResolved("localhost", List.of(InetAddress.getLoopbackAddress()));
            assertTrue(io.has("connect 127.0.0.1:2484 tls localhost"), io.log.toString());
            hs.onServerTlsFailed(new dev.tnsrelay.tls.TlsFailure((dev.tnsrelay.tls.TlsFailure.Cause) c.get(0),
                    "next hop", "test"));
            assertEquals("refuse " + c.get(1) + " NEXT_HOP", io.log.get(io.log.size() - 1));
        }
    }

    @Test
    void aNextHopThatIsTheGatewayItselfIsARoutingLoop() {
        Policy policy = new Policy(ACCEPT_LOCAL, "");
        Recorder io = new Recorder();
        Handshake hs = started(policy, io);
        send(hs, route("sales", address("127.0.0.1", L1), address("127.0.0.1", L1), address("127.0.0.2", 1521)));
        assertEquals(List.of("arm INBOUND 60", "refuse 12564 BAD_INPUT"), io.log);
    }

    @Test
    void aNextHopWithoutAHostIsOra12545() {
        for (String hop : List.of(address("[]", 1521), "(ADDRESS=(PROTOCOL=IPC)(KEY=x))")) {
            Recorder io = new Recorder();
            Handshake hs = started(new Policy(ACCEPT_LOCAL, ""), io);
            send(hs, route("sales", address("127.0.0.1", L1), hop));
            assertEquals(List.of("arm INBOUND 60", "refuse 12545 NEXT_HOP"), io.log, hop);
        }
    }

    @Test
    void aNextHopThatTalksBeforeItAnswersIsCutOffAtTheBound() {
        Recorder io = new Recorder();
        Handshake hs = started(new Policy(ACCEPT_LOCAL, ""), io);
        send(hs, route("sales", address("127.0.0.1", L1), address("127.0.0.2", 1521)));
        hs.onConnected();
        byte[] data = new byte[8010];
        data[0] = (byte) (data.length >> 8);
        data[1] = (byte) data.length;
        data[4] = (byte) PacketType.DATA.code();
        assertThrows(TnsProtocolException.class, () -> {
            for (int i = 0; i < 100; i++) {
                hs.onServerPacket(TnsPacket.of(data));
            }
        });
        assertEquals(Handshake.MAX_BYTES_BEFORE_ANSWER / data.length, io.count("toClient DATA"));
    }

    @Test
    void aRedirectToADescriptorWithoutAnAddressIsRefused() {
        Recorder io = new Recorder();
        Handshake hs = started(new Policy(ACCEPT_LOCAL, ""), io);
        send(hs, route("sales", address("127.0.0.1", L1), address("127.0.0.2", 1521)));
        hs.onConnected();
        hs.onServerPacket(TnsPacket.of(dev.tnsrelay.tns.RedirectPacket.build("(DESCRIPTION=(ERR=12514))", null)));
        assertEquals("refuse 12564 NEXT_HOP", io.log.get(io.log.size() - 1), "found by the handshake fuzz target");
    }

    @Test
    void aSplitRedirectFollowedByADataPacketWithoutDataIsAProtocolError() {
        for (int length : new int[] {8, 9}) {
            Recorder io = new Recorder();
            Handshake hs = started(new Policy(ACCEPT_LOCAL, ""), io);
            send(hs, route("sales", address("127.0.0.1", L1), address("127.0.0.2", 1521)));
            hs.onConnected();
            hs.onServerPacket(TnsPacket.of(new byte[] {0, 10, 0, 0, 5, 2, 0, 0, 0, (byte) 0xef}));
            byte[] data = new byte[length];
            data[1] = (byte) length;
            data[4] = (byte) PacketType.DATA.code();
            // found by the next-hop fuzz target: an ArrayIndexOutOfBoundsException, the session an internal error
            assertThrows(TnsProtocolException.class, () -> hs.onServerPacket(TnsPacket.of(data)), length + " bytes");
        }
    }

    @Test
    void aNextHopThatClosesAfterItsResendEndsTheSession() {
        Recorder io = new Recorder();
        Handshake hs = started(new Policy(ACCEPT_LOCAL, ""), io);
        String descriptor = route("sales", address("127.0.0.1", L1), address("127.0.0.2", 1521));
        send(hs, descriptor);
        hs.onConnected();
        hs.onServerPacket(TnsPacket.of(ResendPacket.build()));
        hs.onServerClosed();
        // found by the handshake fuzz target: the repeated CONNECT went to the closed connection, and the client
        // waited for the OUTBOUND deadline
        assertEquals("close next hop closed during the handshake", io.log.get(io.log.size() - 1));
        assertEquals(SessionState.CLOSED, hs.state());
    }

    @Test
    void aPresetRefusalIsAnsweredOnceTheConnectIsRead() {
        Recorder io = new Recorder();
        Refusal full = new Refusal(12519, Refusal.Reason.LIMIT, "every gateway is suspended");
        Handshake hs = new Handshake(new Policy(ACCEPT_LOCAL, ""), io, LOCAL, L1, full);
        hs.start();
        byte[][] packets = ConnectPacket.build(route("sales", address("127.0.0.1", L1), address("127.0.0.2", 1521)));
        hs.onClientPacket(TnsPacket.of(packets[0]));
        assertEquals(List.of("arm INBOUND 60"), io.log.subList(0, io.log.size() - (packets.length == 1 ? 1 : 0)));
        for (int i = 1; i < packets.length; i++) {
            hs.onClientPacket(TnsPacket.of(packets[i]));
        }
        assertEquals("refuse 12519 LIMIT", io.log.get(io.log.size() - 1));
    }

    @Test
    void theClientsConnectIsForwardedByteForByte() {
        Recorder io = new Recorder();
        Handshake hs = started(new Policy(ACCEPT_LOCAL, ""), io);
        String descriptor = route("sales", address("127.0.0.1", L1), address("127.0.0.2", 1521));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        Arrays.stream(ConnectPacket.build(descriptor)).forEach(all::writeBytes);
        send(hs, descriptor);
        hs.onConnected();
        assertArrayEquals(all.toByteArray(), io.toServer.get(0));
        hs.onServerPacket(TnsPacket.of(RefusePacket.build(12514)));
        assertEquals("passRefusal 12514", io.log.get(io.log.size() - 1));
        assertEquals(SessionState.ESTABLISHED, hs.state(), "what follows the next hop's REFUSE is relayed");
    }
}
