package dev.tnsrelay.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.Gateways;
import dev.tnsrelay.testing.LogLines;
import dev.tnsrelay.testing.MutableClock;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.tns.PacketType;
import dev.tnsrelay.tns.RefusePacket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The engine's own defences with real clients: the IP rate limit (IP_RATE_*) as ojdbc meets it, blocked addresses
 * listed and unblocked, blocks ending on the engine's clock; the caps on sessions in their handshake per source
 * and per instance; repeated refusals written as a few aggregated lines.
 */
class AdmittanceIT {

    private static final String ACCEPT_LOOPBACK = "(RULE=(SRC=127.0.0.0/8)(DST=*)(SRV=*)(ACT=accept))";

    private static int ojdbcError(String descriptor) {
        Properties p = new Properties();
        p.setProperty("user", "scott");
        p.setProperty("password", "tiger");
        p.setProperty("oracle.net.CONNECT_TIMEOUT", "15000");
        return assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:oracle:thin:@" + descriptor,
                p).close()).getErrorCode();
    }

    private static String route(Gateways gw, FakeTnsListener db) {
        return "(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address() + db.address() + "(CONNECT_DATA=(SERVICE_NAME=sales)))";
    }

    private static Socket from(String source, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(source, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return s;
    }

    /** The listener answers every connect that reaches it with its own ORA-12514. */
    private static FakeTnsListener refusing(int connects) throws IOException {
        FakeTnsListener db = new FakeTnsListener();
        for (int i = 0; i < connects; i++) {
            db.enqueue(new FakeTnsListener.Refuse(12514));
        }
        return db;
    }

    @Test
    void ipRateCountPerIntervalBlocksTheFourthConnectWithOra12530UntilUnblockedOrTheBlockEnds() throws Exception {
        MutableClock clock = new MutableClock();
        try (FakeTnsListener db = refusing(20);
             Gateways gw = Gateways.start(ACCEPT_LOOPBACK,
                     "(IP_RATE_COUNT=3)(IP_RATE_INTERVAL=60)(IP_RATE_BLOCK=2)", clock);
             LogLines log = new LogLines("dev.tnsrelay.gateway")) {
            String descriptor = route(gw, db);
            for (int i = 1; i <= 3; i++) {
                assertEquals(12514, ojdbcError(descriptor), "connect " + i + " reaches the listener");
            }
            assertEquals(12530, ojdbcError(descriptor), "the 4th in the interval: rate limit reached");
            assertEquals(12530, ojdbcError(descriptor), "and blocked");
            List<BlockedAddress> blocked = gw.engine.blocked();
            assertEquals(1, blocked.size(), blocked.toString());
            assertEquals(InetAddress.getByName("127.0.0.1"), blocked.get(0).address());
            assertEquals(gw.port(), blocked.get(0).endpoint().getPort());
            assertEquals(clock.instant().plus(Duration.ofMinutes(2)), blocked.get(0).until());
            assertEquals(1, log.containing("IP rate limit enforced for ip address 127.0.0.1").size(),
                    "once per block: " + log.lines());

            // another address is counted apart
            try (RawTnsClient other = new RawTnsClient(from("127.0.0.2", gw.port()))) {
                assertEquals(12514, RefusePacket.error(other.answer(descriptor)));
            }

            assertTrue(gw.engine.unblock(InetAddress.getByName("127.0.0.1")));
            assertFalse(gw.engine.unblock(InetAddress.getByName("127.0.0.1")), "not blocked any more");
            assertTrue(gw.engine.blocked().isEmpty());
            for (int i = 1; i <= 3; i++) {
                assertEquals(12514, ojdbcError(descriptor), "after unblock, connect " + i + " of a new interval");
            }
            assertEquals(12530, ojdbcError(descriptor));
            assertEquals(2, log.containing("IP rate limit enforced for ip address 127.0.0.1").size());

            clock.advance(Duration.ofMinutes(1));
            assertEquals(12530, ojdbcError(descriptor), "a minute into a two-minute block");
            clock.advance(Duration.ofMinutes(1));
            assertTrue(gw.engine.blocked().isEmpty(), "the block has ended: " + gw.engine.blocked());
            assertEquals(12514, ojdbcError(descriptor), "IP_RATE_BLOCK minutes later it gets through");
            assertTrue(gw.engine.events().since(0, 1000).stream().anyMatch(e -> e.kind().equals("blocked")));
        }
    }

    @Test
    void maxHandshakesPerSourceClosesOneMoreSilentClientAndOtherAddressesStillGetThrough() throws Exception {
        try (FakeTnsListener db = refusing(2);
             Gateways gw = Gateways.start(ACCEPT_LOOPBACK, "(MAX_HANDSHAKES_PER_SOURCE=3)")) {
            List<RawTnsClient> silent = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    silent.add(new RawTnsClient(from("127.0.0.1", gw.port())));
                }
                assertTrue(gw.events.await(e -> e.open() == 3, Duration.ofSeconds(10)));
                try (RawTnsClient oneMore = new RawTnsClient(from("127.0.0.1", gw.port()))) {
                    assertTrue(oneMore.closedByPeer(), "the 4th silent client from 127.0.0.1 is closed at once");
                }
                assertTrue(gw.events.await(e -> e.closeCauses().stream().anyMatch(c -> c.contains("MAX_HANDSHAKES")),
                        Duration.ofSeconds(10)), "closed as over the cap: " + gw.events.closeCauses());
                try (RawTnsClient other = new RawTnsClient(from("127.0.0.2", gw.port()))) {
                    assertEquals(12514, RefusePacket.error(other.answer(route(gw, db))), "127.0.0.2 is counted apart");
                }
                assertEquals(3, gw.engine.handshaking());
                silent.remove(0).close();
                assertTrue(gw.events.await(e -> e.open() == 2, Duration.ofSeconds(10)));
                try (RawTnsClient again = new RawTnsClient(from("127.0.0.1", gw.port()))) {
                    assertEquals(12514, RefusePacket.error(again.answer(route(gw, db))), "one left: one more may come");
                }
            } finally {
                for (RawTnsClient c : silent) {
                    c.close();
                }
            }
        }
    }

    @Test
    void maxHandshakesCapsTheInstanceWhateverTheAddress() throws Exception {
        try (FakeTnsListener db = refusing(1);
             Gateways gw = Gateways.start(ACCEPT_LOOPBACK, "(MAX_HANDSHAKES=3)")) {
            List<RawTnsClient> silent = new ArrayList<>();
            try {
                for (int i = 2; i <= 4; i++) {
                    silent.add(new RawTnsClient(from("127.0.0." + i, gw.port())));
                }
                assertTrue(gw.events.await(e -> e.open() == 3, Duration.ofSeconds(10)));
                try (RawTnsClient oneMore = new RawTnsClient(from("127.0.0.5", gw.port()))) {
                    assertTrue(oneMore.closedByPeer(), "a 4th handshake in the instance is closed at once");
                }
                silent.remove(0).close();
                assertTrue(gw.events.await(e -> e.open() == 2, Duration.ofSeconds(10)));
                try (RawTnsClient now = new RawTnsClient(from("127.0.0.5", gw.port()))) {
                    assertEquals(12514, RefusePacket.error(now.answer(route(gw, db))));
                }
            } finally {
                for (RawTnsClient c : silent) {
                    c.close();
                }
            }
        }
    }

    @Test
    void aHundredRefusedConnectsWriteAFewLinesThatCarryTheCount() throws Exception {
        Pattern more = Pattern.compile("… and (\\d+) more like it from 127\\.0\\.0\\.1 in the last 10 s \\(refused with"
                + " ORA-12529\\)");
        try (FakeTnsListener db = new FakeTnsListener();
             Gateways gw = Gateways.start("(RULE=(SRC=127.0.0.1)(DST=*)(SRV=payroll)(ACT=accept))", "");
             LogLines log = new LogLines("dev.tnsrelay.gateway")) {
            for (int i = 0; i < 100; i++) {
                try (RawTnsClient c = new RawTnsClient(gw.port())) {
                    assertEquals(PacketType.REFUSE, c.handshake(route(gw, db)));
                }
            }
            assertTrue(gw.events.await(e -> e.refusals().size() == 100, Duration.ofSeconds(10)));
            gw.engine.refusalLog().flush();
            List<String> whole = log.containing("refused with ORA-12529:");
            long counted = 0;
            for (String line : log.lines()) {
                Matcher m = more.matcher(line);
                if (m.find()) {
                    counted += Long.parseLong(m.group(1));
                }
            }
            assertEquals(100, whole.size() + counted, "every refusal written or counted: " + log.lines());
            assertTrue(whole.size() <= 2 && log.lines().size() <= 5, "a few lines, not 100: " + log.lines());
            assertTrue(db.nothingReceived());
        }
    }
}
