package dev.tnsrelay.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.Gateways;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.testing.TcpForwarder;
import dev.tnsrelay.tns.PacketType;
import dev.tnsrelay.tns.AcceptPacket;
import dev.tnsrelay.tns.RedirectPacket;
import dev.tnsrelay.tns.RefusePacket;
import dev.tnsrelay.tns.ResendPacket;
import dev.tnsrelay.tns.TnsPacket;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * The holes found by attacking the landed build (issue 11, items 1–3), each reproduced as the attacker did it:
 * sessions that stay on the heap after they end, a destination rule bypassed by an empty host, and a source
 * route that loops back into the gateway.
 */
class HardeningIT {

    private static String route(String service, String... addresses) {
        return "(DESCRIPTION=(SOURCE_ROUTE=YES)" + String.join("", addresses) + "(CONNECT_DATA=(SERVICE_NAME="
                + service + ")))";
    }

    // ---- item 1: nothing of a finished session stays reachable

    @Test
    void refusedLargeConnectsLeaveNothingOnTheHeap() throws Exception {
        try (Gateways gw = Gateways.start("(RULE=(SRC=10.0.0.0/8)(DST=*)(SRV=*)(ACT=accept))", "")) {
            String padded = "(DESCRIPTION=(CONNECT_DATA=(SERVICE_NAME=sales)(PAD=" + "p".repeat(32_000) + ")))";
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<CompletableFuture<Integer>> refusals = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                refusals.add(CompletableFuture.supplyAsync(() -> {
                    try (RawTnsClient c = new RawTnsClient(gw.port())) {
                        return RefusePacket.error(c.answer(padded));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, clients));
            }
            for (CompletableFuture<Integer> r : refusals) {
                assertEquals(12529, r.get(60, TimeUnit.SECONDS));
            }
            clients.shutdown();
            gw.awaitNoSessions();
            assertEquals(0, liveSessionObjectsSettled(), "refused sessions, with their 32 KB requests, are garbage");
        }
    }

    @Test
    void sessionsThatEndedBeforeTheirSessionTimeoutAreNotKept() throws Exception {
        int sessions = 300;
        try (FakeTnsListener db = new FakeTnsListener();
             Gateways gw = Gateways.acceptingAll("(SESSION_TIMEOUT=3600)(IDLE_TIMEOUT=3600)")) {
            for (int i = 0; i < sessions; i++) {
                db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
            }
            for (int i = 0; i < sessions; i++) {
                try (RawTnsClient c = new RawTnsClient(gw.port())) {
                    assertEquals(PacketType.ACCEPT, c.handshake(route("sales", gw.address(), db.address())));
                    assertTrue(c.echoes(100));
                }
            }
            gw.awaitNoSessions();
            assertEquals(0, liveSessionObjectsSettled(), "a timeout that has not fired yet keeps nothing alive");
        }
    }

    /**
     * The live per-session objects once the event loops have run what a session's end hands them (a cancelled
     * timer leaves its queue on the loop's next turn, a closed channel's last callbacks run there): counted until
     * none are left or 10 s have passed. What a timer of an hour or a deadline queue kept would stay, and fail.
     */
    static long liveSessionObjectsSettled() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long live = liveSessionObjects();
        while (live > 0 && System.nanoTime() < deadline) {
            // no event says "unreachable now": look again after the loops' next turns (each look is a full GC)
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            live = liveSessionObjects();
        }
        return live;
    }

    /** Live instances of the per-session classes, counted by the JVM's own class histogram after a full GC. */
    static long liveSessionObjects() throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Matcher m = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+(dev\\.tnsrelay\\.\\S+)").matcher(histogram);
        long count = 0;
        while (m.find()) {
            String type = m.group(2);
            if (type.equals("dev.tnsrelay.gateway.Session") || type.equals("dev.tnsrelay.tns.ConnectRequest")
                    || type.equals("dev.tnsrelay.gateway.Handshake")) {
                count += Long.parseLong(m.group(1));
            }
        }
        return count;
    }

    // ---- item 2: a next hop must be a TCP or TCPS address with a host

    @Test
    void aNextHopWithoutAHostIsRefusedAndNeverTakenForLoopback() throws Exception {
        try (FakeTnsListener db = new FakeTnsListener();
             Gateways gw = Gateways.start("(RULE=(SRC=127.0.0.1)(DST=10.9.9.9)(SRV=*)(ACT=accept))"
                     + "(RULE=(SRC=127.0.0.1)(DST=*)(SRV=open)(ACT=accept))", "")) {
            for (String hop : List.of("(ADDRESS=(PROTOCOL=TCP)(HOST=[])(PORT=" + db.port() + "))",
                    "(ADDRESS=(PROTOCOL=IPC)(PORT=" + db.port() + "))",
                    "(ADDRESS=(PROTOCOL=BEQ)(HOST=127.0.0.1)(PORT=" + db.port() + "))")) {
                for (String service : List.of("sales", "open")) {
                    try (RawTnsClient c = new RawTnsClient(gw.port())) {
                        TnsPacket answer = c.answer(route(service, gw.address(), hop));
                        assertEquals(PacketType.REFUSE, answer.type(), hop);
                        assertEquals(12545, RefusePacket.error(answer), hop + " for " + service);
                    }
                }
            }
            assertTrue(db.nothingReceived(), "nothing reached the listener on loopback");
        }
    }

    // ---- item 3: a route back into the gateway ends at once

    @Test
    void aSourceRouteThatNamesTheGatewayAgainIsRefused() throws Exception {
        try (FakeTnsListener db = new FakeTnsListener().enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
             Gateways gw = Gateways.acceptingAll("")) {
            String loopback = "(ADDRESS=(PROTOCOL=TCP)(HOST=localhost)(PORT=" + gw.port() + "))";
            for (String descriptor : List.of(route("sales", gw.address(), gw.address(), db.address()),
                    route("sales", gw.address(), loopback, db.address()))) {
                try (RawTnsClient c = new RawTnsClient(gw.port())) {
                    assertEquals(12564, RefusePacket.error(c.answer(descriptor)), descriptor);
                }
            }
            long total = gw.engine.gateways().stream().mapToLong(GatewayInfo::total).sum();
            assertEquals(2, total, "no connection back into the gateway was opened");
            try (RawTnsClient good = new RawTnsClient(gw.port())) {
                assertEquals(PacketType.ACCEPT, good.handshake(route("sales", gw.address(), db.address())));
                assertTrue(good.echoes(1000));
            }
        }
    }

    @Test
    void aLoopThroughAnAddressTheGatewayCannotRecogniseEndsAfterTheHopLimit() throws Exception {
        try (FakeTnsListener db = new FakeTnsListener();
             Gateways a = Gateways.acceptingAll("");
             Gateways b = Gateways.acceptingAll("");
             TcpForwarder nat = new TcpForwarder(a.port())) {
            // a → b → (the forwarder, which is a again) → b → … : neither gateway sees its own address twice
            String loop = "(DESCRIPTION=(SOURCE_ROUTE=YES)" + a.address() + b.address() + nat.address() + db.address()
                    + "(CONNECT_DATA=(SERVICE_NAME=sales)%s))";
            try (RawTnsClient c = new RawTnsClient(a.port())) {
                assertEquals(12564, RefusePacket.error(c.answer(loop.formatted("(CONNECTION_ID=Zm9yLXRoZS1sb29w)"))));
            }
            assertTrue(nat.connections() <= RouteLoops.MAX_PASSES, "bounded: " + nat.connections() + " passes");
            int before = nat.connections();
            try (RawTnsClient c = new RawTnsClient(a.port())) {
                assertEquals(12564, RefusePacket.error(c.answer(loop.formatted(""))), "an old client's connect too");
            }
            assertTrue(nat.connections() - before <= RouteLoops.MAX_ANONYMOUS_PASSES,
                    "bounded: " + (nat.connections() - before) + " passes");
            assertTrue(db.nothingReceived());
        }
    }
}
