package dev.tnsrelay.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.admin.AdminError;
import dev.tnsrelay.admin.AdminException;
import dev.tnsrelay.admin.Caller;
import dev.tnsrelay.admin.ClusterEvent;
import dev.tnsrelay.admin.ClusterMember;
import dev.tnsrelay.admin.ClusterStatus;
import dev.tnsrelay.admin.GatewayStatus;
import dev.tnsrelay.admin.NodeConnections;
import dev.tnsrelay.admin.RuleEdit;
import dev.tnsrelay.admin.RuleEntry;
import dev.tnsrelay.admin.cmctl.Cmctl;
import dev.tnsrelay.admin.cmctl.SessionFilter;
import dev.tnsrelay.admin.jmx.ClusterMXBean;
import dev.tnsrelay.admin.jmx.ClusterMemberRow;
import dev.tnsrelay.admin.users.Role;
import dev.tnsrelay.admin.users.Users;
import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.descriptor.ConnectDescriptor;
import dev.tnsrelay.descriptor.ServerType;
import dev.tnsrelay.grid.Grid;
import dev.tnsrelay.instance.JmxMode;
import dev.tnsrelay.registry.Handler;
import dev.tnsrelay.registry.HandlerState;
import dev.tnsrelay.registry.Registration;
import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.MemoryGrid;
import dev.tnsrelay.testing.MutableClock;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.testing.TestInstance;
import dev.tnsrelay.tns.PacketType;
import dev.tnsrelay.tns.RefusePacket;
import dev.tnsrelay.tns.TnsPacket;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import javax.management.JMX;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three instances as one, on a grid in this JVM ({@link MemoryGrid}: the grid is not what is tested here; the
 * hosted ClusterIT runs Payara's): rule changes by compare-and-set on every node, refused without a majority,
 * merged by version; registrations, administrators, events, and another node's connections and gateways.
 */
class ClusterNodesIT {

    private static final String CMAN = """
            cman_cluster =
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
    private static final String REJECT_PAYROLL = "(RULE=(SRC=*)(DST=*)(SRV=payroll)(ACT=reject))";

    private final MutableClock clock = new MutableClock();
    private final List<AutoCloseable> open = new ArrayList<>();
    private MemoryGrid grid;

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private MemoryGrid grid(int configured) {
        grid = new MemoryGrid("test-cluster", configured, clock);
        open.add(grid);
        return grid;
    }

    private TestInstance node(Path dir, int n) throws Exception {
        return node(dir, n, CMAN);
    }

    private TestInstance node(Path dir, int n, String cman) throws Exception {
        return node(dir, n, cman, new JmxMode.None());
    }

    private TestInstance node(Path dir, int n, String cman, JmxMode jmx) throws Exception {
        Grid member = grid.join("127.0.0.1:690" + n);
        TestInstance gw = TestInstance.start(dir.resolve("node" + n), cman, jmx, clock, () -> Optional.of(member));
        open.add(gw);
        return gw;
    }

    private static String route(TestInstance gw, FakeTnsListener db, String service) {
        return "(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address() + db.address() + "(CONNECT_DATA=(SERVICE_NAME="
                + service + ")))";
    }

    private static TnsAnswer connect(TestInstance gw, String descriptor) throws Exception {
        try (RawTnsClient c = new RawTnsClient(gw.port())) {
            TnsPacket answer = c.answer(descriptor);
            return new TnsAnswer(answer.type(), answer.type() == PacketType.REFUSE ? RefusePacket.error(answer) : 0);
        }
    }

    /** @param error the ORA number of a refusal, 0 otherwise */
    private record TnsAnswer(PacketType type, int error) {
    }

    private static List<String> rules(TestInstance gw) {
        return gw.admin().rules(ALICE).stream().map(RuleEntry::text).toList();
    }

    /** For what arrives with the node's next status (once a second): a bounded wait, no fixed sleep. */
    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        assertTrue(condition.getAsBoolean(), what + " within 5 s");
    }

    @Test
    void aRuleChangedOnOneNodeMeetsTheNextConnectOnAnotherAndIsInEveryCmanOra(@TempDir Path dir) throws Exception {
        grid(3);
        TestInstance one = node(dir, 1);
        TestInstance two = node(dir, 2);
        TestInstance three = node(dir, 3);
        try (FakeTnsListener db = new FakeTnsListener()) {
            long before = three.admin().rulesVersion(ALICE);
            one.admin().insertRule(ALICE, 1, REJECT_PAYROLL);

            TnsAnswer refused = connect(three, route(three, db, "payroll"));
            assertEquals(12529, refused.error(), "the change returns once every node applies it");
            assertTrue(db.nothingReceived());
            for (TestInstance gw : List.of(one, two, three)) {
                assertEquals(before + 1, gw.admin().rulesVersion(ALICE));
                assertEquals(REJECT_PAYROLL, rules(gw).get(0));
                assertTrue(Files.readString(gw.cmanOra()).contains("(RULE = (SRC = *)(DST = *)(SRV = payroll)(ACT = reject))"),
                        "persisted in " + gw.cmanOra());
            }

            three.admin().removeRule(BOB, 1);
            db.enqueue(new FakeTnsListener.Refuse(12514));
            assertEquals(PacketType.REFUSE, connect(one, route(one, db, "payroll")).type());
            assertTrue(db.takeConnect().connectData().contains("payroll"), "through to the listener again");
            assertFalse(Files.readString(one.cmanOra()).contains("payroll"));
        }
    }

    @Test
    void twoChangesMadeFromTheSameVersionOneIsMadeTheOtherRefusedSayingWhyAndNothingIsLost(@TempDir Path dir)
            throws Exception {
        grid(2);
        TestInstance one = node(dir, 1);
        TestInstance two = node(dir, 2);
        long seen = one.admin().rulesVersion(ALICE);
        assertEquals(seen, two.admin().rulesVersion(BOB));

        one.admin().editRules(ALICE, OptionalLong.of(seen), RuleEdit.add("(RULE=(SRC=*)(DST=*)(SRV=hr)(ACT=drop))"));
        AdminException refused = assertThrows(AdminException.class, () -> two.admin().editRules(BOB,
                OptionalLong.of(seen), RuleEdit.add("(RULE=(SRC=*)(DST=*)(SRV=crm)(ACT=drop))")));
        assertEquals(AdminError.CONFLICT, refused.error());
        assertTrue(refused.getMessage().contains("version " + (seen + 1) + " (made by alice on 127.0.0.1:6901")
                && refused.getMessage().contains("not at version " + seen), refused.getMessage());
        assertEquals(2, rules(two).size(), "bob's change was not made");
        assertTrue(Files.readString(two.audit()).contains("user=bob action=\"rule add (RULE=(SRC=*)(DST=*)(SRV=crm)"
                + "(ACT=drop)) (from version " + seen + ")\" outcome=\"failed: TNS-04014"));

        two.admin().editRules(BOB, OptionalLong.of(seen + 1), RuleEdit.add("(RULE=(SRC=*)(DST=*)(SRV=crm)(ACT=drop))"));
        for (TestInstance gw : List.of(one, two)) {
            assertEquals(List.of("(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))",
                    "(RULE=(SRC=*)(DST=*)(SRV=hr)(ACT=drop))", "(RULE=(SRC=*)(DST=*)(SRV=crm)(ACT=drop))"), rules(gw));
        }
    }

    @Test
    void withoutAMajorityOfTheConfiguredMembersRuleChangesAreRefused(@TempDir Path dir) throws Exception {
        grid(3);
        TestInstance alone = node(dir, 1);
        AdminException e = assertThrows(AdminException.class, () -> alone.admin().addRule(ALICE, REJECT_PAYROLL));
        assertEquals(AdminError.NO_QUORUM, e.error());
        assertTrue(e.getMessage().contains("only 1 of the 3 configured members"), e.getMessage());
        assertFalse(Files.readString(alone.cmanOra()).contains("payroll"));
        assertFalse(alone.admin().cluster().status(ALICE).quorum());

        TestInstance two = node(dir, 2);
        two.admin().addRule(ALICE, REJECT_PAYROLL);
        assertTrue(rules(alone).contains(REJECT_PAYROLL), "with two of three, changes are taken everywhere");
    }

    @Test
    void aNodeThatMissedChangesTakesTheClustersRulesBeforeItListens(@TempDir Path dir) throws Exception {
        grid(3);
        TestInstance one = node(dir, 1);
        node(dir, 2);
        one.admin().insertRule(ALICE, 1, REJECT_PAYROLL);
        TestInstance late = node(dir, 3); // its cman.ora has the rules the cluster had before
        assertEquals(List.of(REJECT_PAYROLL, "(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))"), rules(late),
                "the engine started with the cluster's rules");
        assertTrue(Files.readString(late.cmanOra()).contains("payroll"));
        try (FakeTnsListener db = new FakeTnsListener()) {
            assertEquals(12529, connect(late, route(late, db, "payroll")).error());
        }
    }

    @Test
    void aChangeFromAVersionTheGridHasMovedOnFromIsRefusedAndTheNodeCatchesUp(@TempDir Path dir) throws Exception {
        grid(0);
        TestInstance one = node(dir, 1);
        long v = one.admin().rulesVersion(ALICE);
        grid.overwrite(SharedRuleList.MAP, "cman_cluster", carols(v + 1)); // a change this node did not hear of
        AdminException e = assertThrows(AdminException.class, () -> one.admin().addRule(ALICE, REJECT_PAYROLL));
        assertEquals(AdminError.CONFLICT, e.error());
        assertTrue(e.getMessage().contains("made by carol on 127.0.0.1:6909"), e.getMessage());
        assertEquals(List.of("(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=drop))"), rules(one), "it took carol's version");
        assertEquals(v + 1, one.admin().rulesVersion(ALICE));
    }

    @Test
    void afterASplitHealsTheGridsVersionIsKeptAndTheDroppedOneIsSaidWithItsRules(@TempDir Path dir)
            throws Exception {
        grid(0); // members not known beforehand: no majority to ask for, so both sides of a split took changes
        TestInstance one = node(dir, 1);
        long v = one.admin().rulesVersion(ALICE);
        one.admin().addRule(ALICE, REJECT_PAYROLL);
        grid.overwrite(SharedRuleList.MAP, "cman_cluster", carols(v + 1)); // the larger side's, kept by the merge
        grid.membersChanged();
        eventually(() -> rules(one).equals(List.of("(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=drop))")), "the grid's version");
        assertTrue(one.admin().events(ALICE, 0, 100).stream().anyMatch(e -> e.text().contains("dropped rule list"
                + " version " + (v + 1) + " by alice on 127.0.0.1:6901 [(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept)), "
                + REJECT_PAYROLL + "]")), "what is dropped is said, rules and all");
        assertTrue(Files.readString(one.cmanOra()).contains("(ACT = drop)"));

        // the other way: this side is ahead (a later version), so the grid takes it and the grid's is said dropped
        grid.overwrite(SharedRuleList.MAP, "cman_cluster", carols(v));
        grid.membersChanged();
        eventually(() -> grid.peek(SharedRuleList.MAP, "cman_cluster").orElse("").startsWith("version=" + (v + 1)
                + "\n"), "this node's later version is the grid's again");
        assertTrue(one.admin().events(ALICE, 0, 100).stream().anyMatch(e -> e.text().contains("dropped rule list"
                + " version " + v + " by carol")));
    }

    /** A rule list version made by carol on another node: everything dropped. */
    private static String carols(long version) {
        return "version=" + version + "\nby=carol on 127.0.0.1:6909\nat=2026-11-21T00:00:00Z\n"
                + "rule=(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=drop))\n";
    }

    @Test
    void aServiceRegisteredOnOneNodeIsRoutedByAnotherAndExpiresByItsTimeToLive(@TempDir Path dir) throws Exception {
        grid(2);
        TestInstance one = node(dir, 1);
        TestInstance two = node(dir, 2);
        try (FakeTnsListener db = new FakeTnsListener()) {
            two.admin().register(ALICE, new Registration("sales", "sales1", "dbhost", List.of(new Handler("DEDICATED",
                    Address.tcp("127.0.0.1", db.port()), ServerType.DEDICATED, 0, 100, HandlerState.READY)),
                    Duration.ofSeconds(30)), InetAddress.getLoopbackAddress());
            String byService = "(DESCRIPTION=" + one.address() + "(CONNECT_DATA=(SERVICE_NAME=sales)))";
            eventually(() -> !one.admin().services(ALICE).isEmpty(), "node 1 has node 2's registration");
            db.enqueue(new FakeTnsListener.Refuse(12514));
            assertEquals(PacketType.REFUSE, connect(one, byService).type());
            assertTrue(db.takeConnect().connectData().contains("sales"), "routed by node 1 to the registered listener");

            clock.advance(Duration.ofSeconds(31));
            grid.expire();
            assertEquals(12514, connect(one, byService).error(), "expired on every node");
        }
    }

    @Test
    void anAdministratorAddedOnOneNodeLogsInOnEveryNode(@TempDir Path dir) throws Exception {
        grid(2);
        TestInstance one = node(dir, 1);
        TestInstance two = node(dir, 2);
        assertEquals(Files.readString(one.dir.resolve("state/users")).lines().filter(l -> l.startsWith("admin:")).toList(),
                Files.readString(two.dir.resolve("state/users")).lines().filter(l -> l.startsWith("admin:")).toList(),
                "one admin for the cluster");
        assertTrue(Files.exists(one.dir.resolve("state/initial-admin-password"))
                != Files.exists(two.dir.resolve("state/initial-admin-password")), "its first password on one node");

        Users.in(one.dir.resolve("state"), clock).put("dora", Role.MONITOR, "dora-watches-all".toCharArray());
        eventually(() -> {
            try {
                return Files.readString(two.dir.resolve("state/users")).contains("dora:monitor:pbkdf2-sha256:");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "kept in node 2's own file");
        assertEquals("dora", two.admin().authenticate("dora", "dora-watches-all".toCharArray(), "test", "127.0.0.1")
                .name(), "dora logs in on node 2");
    }

    @Test
    void anotherNodesConnectionsAreShownAndClosedAndItsGatewaysSuspendedFromHere(@TempDir Path dir)
            throws Exception {
        grid(2);
        TestInstance one = node(dir, 1);
        TestInstance two = node(dir, 2);
        try (FakeTnsListener db = new FakeTnsListener(); RawTnsClient client = new RawTnsClient(two.port())) {
            db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
            assertEquals(PacketType.ACCEPT, client.handshake(route(two, db, "hr")));

            List<NodeConnections> rows = one.admin().cluster().connections(ALICE,
                    SessionFilter.parse("node 127.0.0.1:6902 for hr"));
            assertEquals(1, rows.get(0).connections().size());
            assertEquals("hr", rows.get(0).connections().get(0).service());
            String text = new Cmctl(one.admin()).run(ALICE, "show connections node * in established");
            assertTrue(text.contains("Node 127.0.0.1:6902") && text.contains(" hr ")
                    && text.contains("Number of connections on every node: 1"), text);

            assertEquals(1, one.admin().close(ALICE, SessionFilter.parse("node 127.0.0.1:6902 for hr")));
            assertTrue(client.closedByPeer());
            assertTrue(Files.readString(two.audit()).contains("user=alice action=\"close connections for hr\""
                    + " outcome=\"done\""), "in node 2's audit log, as alice");
            assertTrue(Files.readString(one.audit()).contains("action=\"close connections node 127.0.0.1:6902 for hr\""));

            new Cmctl(one.admin()).run(ALICE, "suspend node 127.0.0.1:6902");
            assertTrue(two.admin().gateways(ALICE).stream().allMatch(g -> g.state().equals("SUSPENDED")));
            new Cmctl(one.admin()).run(ALICE, "resume node 127.0.0.1:6902");
            assertTrue(two.admin().gateways(ALICE).stream().map(GatewayStatus::state).allMatch("READY"::equals));
            AdminException monitor = assertThrows(AdminException.class, () -> one.admin().cluster()
                    .drain(new Caller("watcher", Role.MONITOR), "127.0.0.1:6902"));
            assertEquals(AdminError.DENIED, monitor.error());
            AdminException nowhere = assertThrows(AdminException.class, () -> one.admin().cluster()
                    .suspend(ALICE, "127.0.0.1:6999"));
            assertTrue(nowhere.getMessage().contains("no node 127.0.0.1:6999 in cluster test-cluster; its nodes are"
                    + " 127.0.0.1:6901, 127.0.0.1:6902"), nowhere.getMessage());

            one.admin().cluster().drain(ALICE, "127.0.0.1:6902");
            eventually(() -> one.admin().cluster().status(ALICE).members().get(1).state().equals("STOPPED"),
                    "node 2 drained: it stopped listening, with no session left");
            one.admin().cluster().startup(ALICE, "127.0.0.1:6902");
            assertEquals("RUNNING", two.admin().status(ALICE).state());
        }
    }

    @Test
    void showClusterTheEventsOfEveryNodeAndDescriptorsThroughEveryLiveGateway(@TempDir Path dir) throws Exception {
        grid(3);
        TestInstance one = node(dir, 1);
        TestInstance two = node(dir, 2);
        TestInstance three = node(dir, 3);
        two.admin().addRule(BOB, REJECT_PAYROLL);
        eventually(() -> one.admin().cluster().status(ALICE).members().stream()
                .allMatch(m -> m.state().equals("RUNNING")), "every node has told its status");
        eventually(() -> {
            ClusterStatus now = one.admin().cluster().status(ALICE);
            return now.members().stream().allMatch(m -> m.rulesVersion() == now.rulesVersion());
        }, "every node has told the rule list's version after bob's change"); // told each second
        ClusterStatus s = one.admin().cluster().status(ALICE);
        assertEquals(List.of("127.0.0.1:6901", "127.0.0.1:6902", "127.0.0.1:6903"),
                s.members().stream().map(ClusterMember::node).toList());
        assertEquals(List.of("127.0.0.1:" + three.port()), s.members().get(2).listening());
        assertTrue(s.members().stream().allMatch(m -> m.rulesVersion() == s.rulesVersion()));
        String shown = new Cmctl(one.admin()).run(ALICE, "show cluster");
        assertTrue(shown.contains("test-cluster") && shown.contains("3 of 3 configured")
                && shown.contains("127.0.0.1:6901 *"), shown);

        eventually(() -> one.admin().cluster().audit(ALICE, 100).stream().anyMatch(e ->
                e.node().equals("127.0.0.1:6902") && e.text().contains("user=bob action=\"rule add")),
                "node 2's audit record, read on node 1");
        List<ClusterEvent> events = three.admin().cluster().events(ALICE, 100);
        assertTrue(events.stream().anyMatch(e -> e.node().equals("127.0.0.1:6901") && e.kind().equals("cluster")),
                events.toString());

        ConnectDescriptor routed = one.manager.throughGateway(ConnectDescriptor.parse(
                "(DESCRIPTION=(ADDRESS=(PROTOCOL=tcp)(HOST=db)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=sales)))", "t"));
        assertEquals(3, routed.descriptions().size(), routed.toString());
        assertTrue(routed.failover() && routed.loadBalance());
        assertEquals(List.of(one.port(), two.port(), three.port()), routed.descriptions().stream()
                .map(d -> d.addresses().get(0).port()).toList());
    }

    @Test
    void aJmxConsoleSeesTheMembersAndSuspendsAnotherNode(@TempDir Path dir) throws Exception {
        grid(2);
        TestInstance one = node(dir, 1, CMAN, new JmxMode.Platform());
        TestInstance two = node(dir, 2);
        var server = ManagementFactory.getPlatformMBeanServer();
        ClusterMXBean cluster = JMX.newMXBeanProxy(server, new ObjectName("dev.tnsrelay:type=Cluster,name="
                + ObjectName.quote("cman_cluster@" + one.port())), ClusterMXBean.class);
        assertEquals("test-cluster", cluster.getName());
        assertEquals(List.of("127.0.0.1:6901", "127.0.0.1:6902"), cluster.getMembers().stream()
                .map(ClusterMemberRow::node).toList());
        cluster.suspend("127.0.0.1:6902");
        assertTrue(two.admin().gateways(ALICE).stream().allMatch(g -> g.state().equals("SUSPENDED")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cluster.drain("nowhere:1"));
        assertTrue(e.getMessage().startsWith("TNS-04014"), e.getMessage());
    }

    @Test
    void aServerWithoutAGridRunsAlone(@TempDir Path dir) throws Exception {
        try (TestInstance gw = TestInstance.start(dir, CMAN)) {
            ClusterStatus s = gw.admin().cluster().status(ALICE);
            assertTrue(s.alone());
            assertEquals(1, s.members().size());
            long v = gw.admin().rulesVersion(ALICE);
            gw.admin().addRule(ALICE, REJECT_PAYROLL);
            assertThrows(AdminException.class, () -> gw.admin().editRules(BOB, OptionalLong.of(v),
                    RuleEdit.remove(2)), "the version holds alone too");
            assertTrue(new Cmctl(gw.admin()).run(ALICE, "show cluster").contains("this instance runs alone"));
            AdminException e = assertThrows(AdminException.class, () -> gw.admin().cluster().suspend(ALICE, "x:1"));
            assertEquals(AdminError.NODE, e.error());
        }
    }
}
