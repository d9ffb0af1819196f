package dev.tnsrelay.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.Gateways;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.testing.ScriptedDns;
import dev.tnsrelay.tns.PacketType;
import dev.tnsrelay.tns.RefusePacket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Host names are looked up off the event loop, bounded and after the rules that need no DNS: a scripted DNS
 * server on loopback answers late, never, or "no such name" (issue 11 item 4, issue 12 item 5).
 */
class NameResolutionIT {

    private static Gateways gateway(ScriptedDns dns, String rules) throws Exception {
        return Gateways.start(rules, "(MIN_GATEWAY_PROCESSES=1)",
                e -> e.useNameServers(List.of(dns.address()), Duration.ofSeconds(5)));
    }

    private static String route(Gateways gw, String host, int port) {
        return "(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address() + "(ADDRESS=(PROTOCOL=TCP)(HOST=" + host + ")(PORT="
                + port + "))(CONNECT_DATA=(SERVICE_NAME=sales)))";
    }

    @Test
    void aLateAnswerCostsOnlyItsOwnSession() throws Exception {
        try (ScriptedDns dns = new ScriptedDns().answer("late.example", 3000, InetAddress.getLoopbackAddress());
             FakeTnsListener db = new FakeTnsListener()
                     .enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo())
                     .enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
             Gateways gw = gateway(dns, "(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept)(ACTION_LIST=(MOCT=10)))");
             RawTnsClient pingPong = new RawTnsClient(gw.port())) {
            assertEquals(PacketType.ACCEPT, pingPong.handshake(route(gw, "127.0.0.1", db.port())));
            List<Long> before = new java.util.ArrayList<>();
            for (long end = System.nanoTime() + 1_000_000_000L; System.nanoTime() < end; ) {
                long start = System.nanoTime();
                assertTrue(pingPong.echoes(100));
                before.add(System.nanoTime() - start);
            }
            CompletableFuture<PacketType> late = CompletableFuture.supplyAsync(() -> {
                try (RawTnsClient c = new RawTnsClient(gw.port())) {
                    return c.handshake(route(gw, "late.example", db.port()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            List<Long> during = new java.util.ArrayList<>();
            while (!late.isDone()) { // the whole time the name is being looked up, on the same gateway
                long start = System.nanoTime();
                assertTrue(pingPong.echoes(100));
                during.add(System.nanoTime() - start);
            }
            assertEquals(PacketType.ACCEPT, late.get(), "the late answer still leads to the next hop");
            assertTrue(during.size() > 100, "the other session kept relaying: " + during.size() + " exchanges");
            long worst = during.stream().mapToLong(Long::longValue).max().orElseThrow();
            // a lookup on the loop would hold every exchange for the 3 s the answer takes
            assertTrue(worst < TimeUnit.MILLISECONDS.toNanos(500), "never held up by the lookup: " + summary(during));
            System.out.println("ping-pong on the same gateway, before the lookup: " + summary(before)
                    + "; during the 3 s lookup: " + summary(during));
        }
    }

    private static String summary(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format("%d exchanges, p50 %d µs, p99 %d µs, max %d µs", sorted.length,
                sorted[sorted.length / 2] / 1000, sorted[(int) (sorted.length * 0.99)] / 1000,
                sorted[sorted.length - 1] / 1000);
    }

    @Test
    void aNameThatIsNeverAnsweredIsOra12535AfterMoct() throws Exception {
        try (ScriptedDns dns = new ScriptedDns().silent("black.example");
             Gateways gw = gateway(dns, "(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept)(ACTION_LIST=(MOCT=2)))");
             RawTnsClient c = new RawTnsClient(gw.port())) {
            long start = System.nanoTime();
            assertEquals(12535, RefusePacket.error(c.answer(route(gw, "black.example", 1521))));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 1900 && millis < 8000, "after MOCT: " + millis + " ms");
            assertTrue(dns.queries() > 0);
        }
    }

    @Test
    void aNameThatDoesNotExistIsOra12545() throws Exception {
        try (ScriptedDns dns = new ScriptedDns();
             Gateways gw = gateway(dns, "(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))");
             RawTnsClient c = new RawTnsClient(gw.port())) {
            assertEquals(12545, RefusePacket.error(c.answer(route(gw, "nowhere.example", 1521))));
        }
    }

    @Test
    void aClientNoRuleAdmitsMakesTheGatewayAskDnsNothing() throws Exception {
        try (ScriptedDns dns = new ScriptedDns();
             Gateways gw = gateway(dns, "(RULE=(SRC=10.0.0.0/8)(DST=*)(SRV=*)(ACT=accept))");
             RawTnsClient c = new RawTnsClient(gw.port())) {
            StringBuilder hops = new StringBuilder(gw.address());
            for (int i = 0; i < 200; i++) {
                hops.append("(ADDRESS=(PROTOCOL=TCP)(HOST=slow").append(i).append(".example)(PORT=").append(gw.port())
                        .append("))");
            }
            String descriptor = "(DESCRIPTION=(SOURCE_ROUTE=YES)" + hops + "(CONNECT_DATA=(SERVICE_NAME=sales)))";
            assertEquals(12529, RefusePacket.error(c.answer(descriptor)));
            assertEquals(0, dns.queries(), "decided by the rules before any name was looked up");
        }
    }
}
