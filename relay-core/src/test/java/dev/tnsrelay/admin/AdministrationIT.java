package dev.tnsrelay.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.admin.cmctl.Cmctl;
import dev.tnsrelay.admin.cmctl.SessionFilter;
import dev.tnsrelay.admin.users.Role;
import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.testing.TestInstance;
import dev.tnsrelay.tns.PacketType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin model against a running gateway whose rules live in a real cman.ora file. */
class AdministrationIT {

    private static final String CMAN = """
            # rules are edited by the administrators; this comment stays
            cman_test =
              (CONFIGURATION =
                (ADDRESS = (PROTOCOL = tcp)(HOST = 127.0.0.1)(PORT = 0))
                (RULE_LIST =
                  (RULE = (SRC = 127.0.0.1)(DST = *)(SRV = *)(ACT = accept))
                )
                (PARAMETER_LIST = (MIN_GATEWAY_PROCESSES = 1))
              )
            """;

    private static final Caller ALICE = new Caller("alice", Role.ADMIN);
    private static final Caller BOB = new Caller("bob", Role.ADMIN);
    private static final Caller CAROL = new Caller("carol", Role.ADMIN);

    /** The instance as the adapter builds it, from a cman.ora in its TNS_ADMIN folder. */
    private record Fixture(TestInstance gw, Administration admin, Path cman, Path audit) implements AutoCloseable {
        static Fixture start(Path dir) throws Exception {
            TestInstance gw = TestInstance.start(dir, CMAN);
            return new Fixture(gw, gw.admin(), gw.cmanOra(), gw.audit());
        }

        String route(FakeTnsListener db, String service) {
            return "(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address() + db.address()
                    + "(CONNECT_DATA=(SERVICE_NAME=" + service + ")))";
        }

        @Override
        public void close() throws Exception {
            gw.close();
        }
    }

    @Test
    void aRuleChangeMeetsTheNextConnectIsWrittenToCmanOraAndLeavesEstablishedSessionsAlone(@TempDir Path dir)
            throws Exception {
        try (Fixture f = Fixture.start(dir); FakeTnsListener db = new FakeTnsListener();
             RawTnsClient established = new RawTnsClient(f.gw().port())) {
            db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
            assertEquals(PacketType.ACCEPT, established.handshake(f.route(db, "sales")));

            List<RuleEntry> rules = f.admin().insertRule(ALICE, 1, "(RULE=(SRC=*)(DST=*)(SRV=sales)(ACT=reject))");
            assertEquals(List.of("(RULE=(SRC=*)(DST=*)(SRV=sales)(ACT=reject))",
                    "(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))"), rules.stream().map(RuleEntry::text).toList());
            try (RawTnsClient next = new RawTnsClient(f.gw().port())) {
                assertEquals(PacketType.REFUSE, next.handshake(f.route(db, "sales")));
            }
            assertTrue(established.echoes(10_000), "the session established before the change still relays");
            String file = Files.readString(f.cman());
            assertTrue(file.startsWith("# rules are edited by the administrators; this comment stays\n"), file);
            assertTrue(file.contains("(RULE = (SRC = *)(DST = *)(SRV = sales)(ACT = reject))"), file);

            f.admin().moveRule(ALICE, 1, 2);
            db.enqueue(new FakeTnsListener.Refuse(12514));
            try (RawTnsClient next = new RawTnsClient(f.gw().port())) {
                assertEquals(PacketType.REFUSE, next.handshake(f.route(db, "sales")));
            }
            assertTrue(db.takeConnect().connectData().contains("sales"), "now the accept rule matches first");
            f.admin().removeRule(ALICE, 2);
            f.admin().reload(BOB);
            assertEquals(List.of("(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))"),
                    f.admin().rules(ALICE).stream().map(RuleEntry::text).toList(), "reload reads what was written");
            assertTrue(established.echoes(10_000));

            List<String> audit = Files.readAllLines(f.audit());
            assertEquals(4, audit.size(), String.join("\n", audit));
            assertTrue(audit.get(0).matches(".*Z user=alice action=\"rule insert 1 \\(RULE=\\(SRC=\\*\\).*\" outcome=\"done\""),
                    audit.get(0));
            assertTrue(audit.get(3).contains("user=bob action=\"reload\" outcome=\"done\""), audit.get(3));
            assertTrue(f.admin().events(ALICE, 0, 100).stream().map(AdminEvent::text)
                    .anyMatch(t -> t.contains("ORA-12529")), "the refusal is an event");
        }
    }

    @Test
    void aListWithOneBadRuleChangesNothingAndSaysWhereTheErrorIs(@TempDir Path dir) throws Exception {
        try (Fixture f = Fixture.start(dir)) {
            NetParseException e = assertThrows(NetParseException.class, () -> f.admin().replaceRules(ALICE, List.of(
                    "(RULE=(SRC=*)(DST=*)(SRV=hr)(ACT=reject))", "(RULE=(SRC=10.1.*)(DST=*)(SRV=*)(ACT=accept))")));
            assertEquals("rule 2", e.position().source());
            assertEquals(7, e.position().column(), e.getMessage());
            assertTrue(e.getMessage().contains("10.1.0.0/16"), "says what to write: " + e.getMessage());
            assertEquals(CMAN, Files.readString(f.cman()));
            assertEquals(1, f.admin().rules(ALICE).size());
            assertTrue(Files.readString(f.audit()).contains("user=alice action=\"rule replace 2 rules"));
            assertTrue(Files.readString(f.audit()).contains("outcome=\"failed: rule 2:1:7:"));

            assertThrows(AdminException.class, () -> f.admin().removeRule(ALICE, 2));
            assertThrows(AdminException.class, () -> f.admin().insertRule(ALICE, 0, "(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=drop))"));
            assertThrows(NetParseException.class, () -> f.admin().addRule(ALICE, "(ADDRESS=(HOST=x))"));
        }
    }

    @Test
    void connectionsAreShownAndClosedByIdAndFilter(@TempDir Path dir) throws Exception {
        try (Fixture f = Fixture.start(dir); FakeTnsListener db = new FakeTnsListener();
             RawTnsClient sales = new RawTnsClient(f.gw().port());
             RawTnsClient hr = new RawTnsClient(f.gw().port())) {
            db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
            db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
            assertEquals(PacketType.ACCEPT, sales.handshake(f.route(db, "sales")));
            assertEquals(PacketType.ACCEPT, hr.handshake(f.route(db, "hr")));

            List<Connection> all = f.admin().connections(CAROL, ConnectionFilter.ALL);
            assertEquals(2, all.size());
            Connection hrRow = f.admin().connections(CAROL, SessionFilter.parse("for hr")).get(0);
            assertEquals("established", hrRow.state());
            assertEquals(1, f.admin().close(CAROL, SessionFilter.parse(Long.toString(hrRow.id()))));
            assertTrue(hr.closedByPeer());
            assertTrue(sales.echoes(1000));
            assertThrows(AdminException.class, () -> f.admin().close(CAROL, SessionFilter.parse(Long.toString(hrRow.id()))));
            assertTrue(new Cmctl(f.admin()).run(CAROL, "show events").contains("carol: close connections " + hrRow.id()));
        }
    }

    /**
     * A flood of refused connections and failed logins does not push administrators' actions out of the events
     * (issue 11): show events and the REST events keep them beside the newest refusals.
     */
    @Test
    void aFloodOfRefusalsAndFailedLoginsLeavesTheAdministratorsActionsInTheEvents(@TempDir Path dir) throws Exception {
        try (Fixture f = Fixture.start(dir)) {
            f.admin().addRule(ALICE, "(RULE=(SRC=10.0.0.0/8)(DST=*)(SRV=payroll)(ACT=accept))");
            f.admin().suspend(BOB, List.of(0));
            f.admin().resume(BOB, List.of(0));
            java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(4);
            List<java.util.concurrent.Future<PacketType>> refused = new java.util.ArrayList<>();
            for (int i = 0; i < 1_100; i++) {
                refused.add(clients.submit(() -> {
                    try (RawTnsClient c = new RawTnsClient(f.gw().port())) {
                        return c.handshake("(DESCRIPTION=(CONNECT_DATA=(SERVICE_NAME=nosuch)))");
                    }
                }));
            }
            for (var r : refused) {
                assertEquals(PacketType.REFUSE, r.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            clients.shutdown();
            for (int i = 0; i < 40; i++) {
                String from = "10.9.9." + i;
                assertThrows(AdminException.class, () -> f.admin().authenticate("mallory", "guess".toCharArray(),
                        "HTTP Basic", from));
            }

            String shown = new Cmctl(f.admin()).run(CAROL, "show events");
            assertTrue(shown.contains("alice: rule add (RULE=(SRC=10.0.0.0/8)") && shown.contains("bob: suspend gateway 0")
                    && shown.contains("bob: resume gateway 0"), shown);
            assertTrue(shown.contains("refused") && shown.contains("mallory: login from 10.9.9.39"), "the newest others too");
            List<AdminEvent> rest = f.admin().events(CAROL, 0, 200);
            assertEquals(200, rest.size());
            assertTrue(rest.stream().anyMatch(e -> e.kind().equals("admin") && e.text().startsWith("alice: rule add")));
            assertTrue(rest.stream().filter(e -> e.kind().equals("refused")).count() > 100, "and the refusals");
            for (int i = 1; i < rest.size(); i++) {
                assertTrue(rest.get(i - 1).sequence() < rest.get(i).sequence(), "oldest first, each once");
            }
        }
    }
}
