package dev.tnsrelay.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tnsrelay.gateway.RelayEngine;
import dev.tnsrelay.net.NetParseException;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The whole parameter table: every cman.ora parameter and ACTION_LIST key is either honoured, with a named test
 * that shows it doing what it says, or refused (whole or in some values), and then refused at load, where it is
 * written, and at SET, with the reason and what to do instead. A parameter added to {@link CmanParameter} without
 * one or the other fails here.
 */
class ParameterTableTest {

    /** What proves each honoured parameter: a test class and method that sets it and watches it work. */
    private static final Map<CmanParameter, String> BEHAVIOUR = new EnumMap<>(Map.ofEntries(
            Map.entry(CmanParameter.CONNECTION_STATISTICS,
                    "dev.tnsrelay.config.ParametersIT#connectionStatisticsLogsEachSessionsEndAndARulesConnStatsOverridesIt"),
            Map.entry(CmanParameter.EVENT_GROUP, "dev.tnsrelay.logfile.InstanceLogIT#eventGroupChoosesTheGroupsAndSetEventTurnsOneOn"),
            Map.entry(CmanParameter.IDLE_TIMEOUT, "dev.tnsrelay.config.ParametersIT#idleTimeoutClosesASilentSessionAndActivityKeepsIt"),
            Map.entry(CmanParameter.INBOUND_CONNECT_TIMEOUT, "dev.tnsrelay.config.ParametersIT#inboundConnectTimeoutClosesAClientThatSaysNothing"),
            Map.entry(CmanParameter.OUTBOUND_CONNECT_TIMEOUT, "dev.tnsrelay.config.ParametersIT#outboundConnectTimeoutIsOra12535"),
            Map.entry(CmanParameter.SESSION_TIMEOUT, "dev.tnsrelay.config.ParametersIT#sessionTimeoutEndsABusySession"),
            Map.entry(CmanParameter.LOG_DIRECTORY,
                    "dev.tnsrelay.logfile.InstanceLogIT#sessionsStartAndEndAtAdminAndSetLogLevelSupportAddsTheHandshakeAtOnce"),
            Map.entry(CmanParameter.LOG_LEVEL,
                    "dev.tnsrelay.logfile.InstanceLogIT#sessionsStartAndEndAtAdminAndSetLogLevelSupportAddsTheHandshakeAtOnce"),
            Map.entry(CmanParameter.LOG_FILELEN, "dev.tnsrelay.logfile.InstanceLogIT#theLogRotatesAtLogFilelenAndKeepsLogFilenoFiles"),
            Map.entry(CmanParameter.LOG_FILENO, "dev.tnsrelay.logfile.InstanceLogIT#theLogRotatesAtLogFilelenAndKeepsLogFilenoFiles"),
            Map.entry(CmanParameter.MAX_CONNECTIONS, "dev.tnsrelay.gateway.GatewayJdbcIT#maxConnectionsIsOra12519"),
            Map.entry(CmanParameter.MAX_CMCTL_SESSIONS, "dev.tnsrelay.admin.AdminSessionsTest"
                    + "#screenLoginsAndJmxConnectionsShareTheLimitAndOneMoreIsRefusedWithTheMessage"),
            Map.entry(CmanParameter.MAX_GATEWAY_PROCESSES, "dev.tnsrelay.gateway.GatewayGrowthIT"
                    + "#sixHundredHeldOjdbcSessionsAreAllAdmittedOnTheDefaultsAndTheSurplusGatewayStopsWhenIdle"),
            Map.entry(CmanParameter.MIN_GATEWAY_PROCESSES, "dev.tnsrelay.config.ParametersIT#minGatewayProcessesStartsThatManyGateways"),
            Map.entry(CmanParameter.VALID_NODE_CHECKING_REGISTRATION,
                    "dev.tnsrelay.registry.ServiceRegistryTest#validNodeCheckingAdmitsTheLocalNodeAndInvitedNodesOnly"),
            Map.entry(CmanParameter.REGISTRATION_INVITED_NODES,
                    "dev.tnsrelay.registry.ServiceRegistryTest#validNodeCheckingAdmitsTheLocalNodeAndInvitedNodesOnly"),
            Map.entry(CmanParameter.REGISTRATION_EXCLUDED_NODES,
                    "dev.tnsrelay.registry.ServiceRegistryTest#validNodeCheckingAdmitsTheLocalNodeAndInvitedNodesOnly"),
            Map.entry(CmanParameter.IP_RATE_COUNT, "dev.tnsrelay.gateway.AdmittanceIT"
                    + "#ipRateCountPerIntervalBlocksTheFourthConnectWithOra12530UntilUnblockedOrTheBlockEnds"),
            Map.entry(CmanParameter.IP_RATE_INTERVAL, "dev.tnsrelay.gateway.AdmittanceTest"
                    + "#withIpRateBlockZeroTheAddressIsRefusedForTheRestOfItsIntervalOnThatEndpointOnly"),
            Map.entry(CmanParameter.IP_RATE_BLOCK, "dev.tnsrelay.gateway.AdmittanceIT"
                    + "#ipRateCountPerIntervalBlocksTheFourthConnectWithOra12530UntilUnblockedOrTheBlockEnds"),
            Map.entry(CmanParameter.MAX_HANDSHAKES,
                    "dev.tnsrelay.gateway.AdmittanceIT#maxHandshakesCapsTheInstanceWhateverTheAddress"),
            Map.entry(CmanParameter.MAX_HANDSHAKES_PER_SOURCE, "dev.tnsrelay.gateway.AdmittanceIT"
                    + "#maxHandshakesPerSourceClosesOneMoreSilentClientAndOtherAddressesStillGetThrough"),
            Map.entry(CmanParameter.PROXY_FROM,
                    "dev.tnsrelay.gateway.ProxyProtocolIT#ojdbcThroughHaproxySendProxyV2IsRelayedAsItsRealAddress"),
            Map.entry(CmanParameter.PROXY_TO_NEXT_HOP,
                    "dev.tnsrelay.gateway.ProxyProtocolIT#proxyToNextHopTellsTheNextGatewayWhoTheClientIs"),
            Map.entry(CmanParameter.HEALTH_CHECK_INTERVAL,
                    "dev.tnsrelay.config.ParametersIT#healthCheckIntervalTakesAHandlerWhoseListenerIsGoneOutOfRotation")));

    /** The same for the ACTION_LIST keys that are honoured. */
    private static final Map<ActionListKey, String> ACTION_BEHAVIOUR = new EnumMap<>(Map.of(
            ActionListKey.MOCT, "dev.tnsrelay.gateway.GatewayJdbcIT#aNextHopThatNeverAnswersIsOra12535AfterMoct",
            ActionListKey.MCT, "dev.tnsrelay.gateway.ControlIT#idleAndSessionTimeoutsFromTheRuleCloseTheSession",
            ActionListKey.MIT, "dev.tnsrelay.gateway.ControlIT#idleAndSessionTimeoutsFromTheRuleCloseTheSession",
            ActionListKey.CONN_STATS,
                    "dev.tnsrelay.config.ParametersIT#connectionStatisticsLogsEachSessionsEndAndARulesConnStatsOverridesIt"));

    /** The same for the TLS settings written at the top of cman.ora. */
    private static final Map<TlsParameter, String> TLS_BEHAVIOUR = new EnumMap<>(Map.of(
            TlsParameter.WALLET_LOCATION, "dev.tnsrelay.gateway.TlsIT#ojdbcOverTcpsWithDnMatchReachesAListenerOnPlainTcp",
            TlsParameter.SSL_VERSION, "dev.tnsrelay.gateway.TlsIT"
                    + "#sslVersionCipherSuitesAndTrustedCertificatesSayWhatIsNegotiatedAndWhoIsTrusted",
            TlsParameter.SSL_CIPHER_SUITES, "dev.tnsrelay.gateway.TlsIT"
                    + "#sslVersionCipherSuitesAndTrustedCertificatesSayWhatIsNegotiatedAndWhoIsTrusted",
            TlsParameter.SSL_TRUSTED_CERTIFICATES, "dev.tnsrelay.gateway.TlsIT"
                    + "#sslVersionCipherSuitesAndTrustedCertificatesSayWhatIsNegotiatedAndWhoIsTrusted",
            TlsParameter.SSL_CLIENT_AUTHENTICATION, "dev.tnsrelay.gateway.TlsIT"
                    + "#withClientAuthenticationNoCertificateIsRefusedATrustedOneGetsThroughAndARuleOnTheDnRejects",
            TlsParameter.SSL_SERVER_DN_MATCH, "dev.tnsrelay.gateway.TlsIT"
                    + "#aTcpsNextHopWhoseCertificateIsNotForItsHostOrNotTheDnAskedForIsOra29003AndAnUntrustedOneOra29024"));

    /** Texts tried, in turn, for a TLS setting: the first of the wanted kind is the sample. */
    private static final List<String> TLS_SAMPLES = List.of("1.0", "1.2", "TLS_RSA_WITH_AES_128_CBC_SHA",
            "TLS_AES_256_GCM_SHA384", "requested", "none", "/var/lib/crl", "on", "off");

    /**
     * Honoured by work on other branches whose tests are not here yet: the simple name of the test class that will
     * prove it. When that class arrives this test fails until its method is named in {@link #BEHAVIOUR}.
     */
    private static final Map<CmanParameter, String> PENDING = new EnumMap<>(CmanParameter.class);

    /** Texts tried, in turn, for a value a parameter's type reads: the first that reads is the sample. */
    private static final List<String> SAMPLES = List.of("on", "user", "subnet", "memory_ops", "1", "/var/log/tnsrelay",
            "db:1", "dedicated", "off", "no");

    private static Optional<String> sample(CmanParameter p, boolean accepted) {
        return Stream.concat(SAMPLES.stream(), p.support().values().stream()).filter(t -> {
            try {
                p.read(t);
            } catch (IllegalArgumentException notOfTheType) {
                return false;
            }
            try {
                p.readOffered(t);
                return accepted;
            } catch (NotOfferedException refused) {
                return !accepted;
            }
        }).findFirst();
    }

    private static String cmanOra(String parameters, String actionList) {
        return "cman_x = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=0))\n"
                + "  (RULE_LIST=(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept)" + actionList + "))\n"
                + "  (PARAMETER_LIST=" + parameters + "))\n";
    }

    /** An engine that is never started: SET checks what it is given without one. */
    private static RelayEngine engine() {
        return new RelayEngine(CmanOra.parse(cmanOra("", ""), "cman.ora").instances().get(0), Runnable::run,
                Clock.systemUTC());
    }

    private static void assertRefusal(String message, Support support) {
        assertTrue(message.contains(support.reason()) && message.contains("instead, " + support.instead()), message);
        assertTrue(message.contains("tnsrelay"), message);
    }

    @Test
    void everyParameterIsHonouredWithATestOrRefusedAtLoadAndAtSet() throws Exception {
        List<String> problems = new ArrayList<>();
        for (CmanParameter p : CmanParameter.values()) {
            Support s = p.support();
            boolean honoured = s.status() == Support.Status.HONOURED || s.status() == Support.Status.HONOURED_FOR;
            if (honoured && !PENDING.containsKey(p)) {
                named(BEHAVIOUR.get(p), p.name(), problems);
            } else if (BEHAVIOUR.containsKey(p)) {
                problems.add(p + " is " + s.status() + " but still named in BEHAVIOUR");
            }
            if (s.status() == Support.Status.HONOURED) {
                assertTrue(s.values().isEmpty() && s.reason().isEmpty() && s.instead().isEmpty(), p.name());
                continue;
            }
            assertFalse(s.reason().isBlank() || s.instead().isBlank(), p + " says why it is refused and what instead");
            String refused = sample(p, false).orElseThrow(() -> new AssertionError(p + ": no refused sample"));
            NetParseException atLoad = assertThrows(NetParseException.class,
                    () -> CmanOra.parse(cmanOra("\n    (" + p.name() + "=" + refused + ")", ""), "cman.ora"), p.name());
            assertEquals(List.of(4, 5), List.of(atLoad.position().line(), atLoad.position().column()), atLoad.getMessage());
            assertTrue(atLoad.detail().startsWith(p.name() + ": "), atLoad.detail());
            assertRefusal(atLoad.detail(), s);
            IllegalArgumentException atSet = assertThrows(IllegalArgumentException.class, () -> engine().set(p, refused),
                    p.name());
            assertRefusal(atSet.getMessage(), s);
            if (s.status() == Support.Status.REFUSED) {
                assertTrue(s.values().isEmpty(), p.name());
                assertFalse(CmanParameters.defaults().asMap().containsKey(p), p + " is not shown");
            } else {
                assertFalse(s.values().isEmpty(), p.name());
                String accepted = sample(p, true).orElseThrow(() -> new AssertionError(p + ": no accepted sample"));
                CmanParameters loaded = CmanOra.parse(cmanOra("(" + p.name() + "=" + accepted + ")", ""), "cman.ora")
                        .instances().get(0).parameters();
                assertEquals(p.write(p.read(accepted)), loaded.text(p), p.name());
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyActionListKeyIsHonouredWithATestOrRefusedInTheRuleAndWhenARuleIsAdded() throws Exception {
        List<String> problems = new ArrayList<>();
        for (ActionListKey k : ActionListKey.values()) {
            Support s = k.support();
            if (s.status() == Support.Status.HONOURED) {
                named(ACTION_BEHAVIOUR.get(k), k.name(), problems);
                continue;
            }
            assertFalse(ACTION_BEHAVIOUR.containsKey(k), k + " is " + s.status() + " but still named");
            String refused = sample(k.parameter(), false).orElseThrow();
            String rule = "(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept)(ACTION_LIST=(" + k.name() + "=" + refused + ")))";
            NetParseException atLoad = assertThrows(NetParseException.class,
                    () -> CmanOra.parse(cmanOra("", "(ACTION_LIST=(" + k.name() + "=" + refused + "))"), "cman.ora"));
            assertEquals(2, atLoad.position().line(), atLoad.getMessage());
            assertTrue(atLoad.detail().startsWith(k.name() + ": "), atLoad.detail());
            assertRefusal(atLoad.detail(), s);
            assertRefusal(assertThrows(NetParseException.class, () -> CmanOra.rule(rule, "rule")).detail(), s);
            if (s.status() != Support.Status.REFUSED) {
                String accepted = sample(k.parameter(), true).orElseThrow();
                assertNotNull(CmanOra.rule(rule.replace("=" + refused + ")", "=" + accepted + ")"), "rule"));
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyTlsSettingIsHonouredWithATestOrRefusedAtLoadWhereItIsWritten() {
        List<String> problems = new ArrayList<>();
        String instance = "cman_x = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=0))\n"
                + "  (RULE_LIST=(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept))))\n";
        for (TlsParameter p : TlsParameter.values()) {
            Support s = p.support();
            boolean honoured = s.status() == Support.Status.HONOURED || s.status() == Support.Status.HONOURED_FOR;
            if (honoured) {
                named(TLS_BEHAVIOUR.get(p), p.name(), problems);
            } else if (TLS_BEHAVIOUR.containsKey(p)) {
                problems.add(p + " is " + s.status() + " but still named in TLS_BEHAVIOUR");
            }
            if (s.status() == Support.Status.HONOURED) {
                continue;
            }
            assertFalse(s.reason().isBlank() || s.instead().isBlank(), p + " says why it is refused and what instead");
            String refused = tlsSample(p, false).orElseThrow(() -> new AssertionError(p + ": no refused sample"));
            NetParseException atLoad = assertThrows(NetParseException.class,
                    () -> CmanOra.parse(instance + "\n" + p.name() + " = " + refused + "\n", "cman.ora"), p.name());
            assertEquals(List.of(4, 1), List.of(atLoad.position().line(), atLoad.position().column()),
                    atLoad.getMessage());
            assertTrue(atLoad.detail().startsWith(p.name() + ": "), atLoad.detail());
            assertRefusal(atLoad.detail(), s);
            if (s.status() != Support.Status.REFUSED) {
                String accepted = tlsSample(p, true).orElseThrow(() -> new AssertionError(p + ": no accepted sample"));
                assertEquals(p.write(p.read(accepted)), CmanOra.parse(p.name() + " = " + accepted + "\n" + instance,
                        "cman.ora").instances().get(0).tls().text(p), p.name());
            }
        }
        assertEquals(List.of(), problems);
    }

    private static Optional<String> tlsSample(TlsParameter p, boolean accepted) {
        return TLS_SAMPLES.stream().filter(t -> {
            try {
                p.read(t);
            } catch (IllegalArgumentException notOfTheType) {
                return false;
            }
            try {
                p.readOffered(t);
                return accepted;
            } catch (NotOfferedException refused) {
                return !accepted;
            }
        }).findFirst();
    }

    @Test
    void pendingTestsAreNamedOnceTheyExist() throws IOException {
        Path classes = Path.of(ParameterTableTest.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        for (Map.Entry<CmanParameter, String> pending : PENDING.entrySet()) {
            assertTrue(pending.getKey().support().offered(), pending.getKey().name());
            try (Stream<Path> files = Files.walk(classes)) {
                Optional<Path> arrived = files.filter(f -> f.getFileName().toString().equals(pending.getValue() + ".class"))
                        .findFirst();
                arrived.ifPresent(f -> fail(pending.getValue() + " has arrived (" + classes.relativize(f) + "): name its"
                        + " test of " + pending.getKey() + " in BEHAVIOUR and take it out of PENDING"));
            }
        }
    }

    /** {@code Class#method}, both present, the method a test. */
    private static void named(String reference, String what, List<String> problems) {
        if (reference == null) {
            problems.add(what + " is honoured but no test is named for it");
            return;
        }
        String[] parts = reference.split("#");
        try {
            Class<?> type = Class.forName(parts[0]);
            Optional<Method> method = Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().equals(parts[1]))
                    .findFirst();
            if (method.isEmpty()) {
                problems.add(what + ": " + reference + " has no such method");
            } else if (Arrays.stream(method.get().getAnnotations()).noneMatch(a -> a.annotationType().getName()
                    .matches("org\\.junit\\.jupiter\\.(api\\.Test|params\\.ParameterizedTest)"))) {
                problems.add(what + ": " + reference + " is not a test");
            }
        } catch (ClassNotFoundException e) {
            problems.add(what + ": " + reference + " names no class");
        }
    }
}
