package dev.tnsrelay.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SourceRoutesTest {

    private static final Address GATEWAY = Address.tcp("127.0.0.1", 1522);

    private static List<String> hops(ConnectOrder.Route r) {
        return r.hops().stream().map(a -> a.host() + ":" + a.port()).toList();
    }

    @Test
    void aSingleAddressGetsTheGatewayInFront() {
        ConnectDescriptor routed = SourceRoutes.via(ConnectDescriptor.parse("(DESCRIPTION=(CONNECT_TIMEOUT=5)"
                + "(ADDRESS=(PROTOCOL=tcp)(HOST=db)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=sales)))", "t"), GATEWAY);
        assertEquals("(DESCRIPTION=(SOURCE_ROUTE=yes)(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=1522))"
                + "(ADDRESS=(PROTOCOL=tcp)(HOST=db)(PORT=1521))(CONNECT_TIMEOUT=5)(CONNECT_DATA=(SERVICE_NAME=sales)))",
                routed.toString());
        List<ConnectOrder.Route> routes = ConnectOrder.of(routed, new Random(1));
        assertEquals(List.of(List.of("127.0.0.1:1522", "db:1521")), routes.stream().map(SourceRoutesTest::hops).toList());
    }

    @Test
    void severalAddressesKeepFailoverBehindTheGateway() {
        ConnectDescriptor routed = SourceRoutes.via(ConnectDescriptor.parse("(DESCRIPTION=(ADDRESS_LIST="
                + "(ADDRESS=(HOST=a)(PORT=1))(ADDRESS=(HOST=b)(PORT=2)))(CONNECT_DATA=(SERVICE_NAME=s)))", "t"), GATEWAY);
        assertTrue(routed.isList());
        assertTrue(routed.failover());
        assertFalse(routed.loadBalance());
        assertEquals(List.of(List.of("127.0.0.1:1522", "a:1"), List.of("127.0.0.1:1522", "b:2")),
                ConnectOrder.of(routed, new Random(1)).stream().map(SourceRoutesTest::hops).toList());
    }

    @Test
    void throughTheGatewaysOfEveryNodeWithFailoverAndLoadBalance() {
        ConnectDescriptor routed = SourceRoutes.via(ConnectDescriptor.parse("(DESCRIPTION=(ADDRESS=(HOST=db)(PORT=1521))"
                + "(CONNECT_DATA=(SERVICE_NAME=sales)))", "t"), List.of(GATEWAY, Address.tcp("10.0.0.2", 1522),
                Address.tcp("10.0.0.3", 1522)));
        assertTrue(routed.isList() && routed.failover() && routed.loadBalance(), routed.toString());
        assertTrue(routed.toString().startsWith("(DESCRIPTION_LIST=(FAILOVER=on)(LOAD_BALANCE=on)(DESCRIPTION="
                + "(SOURCE_ROUTE=yes)(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=1522))(ADDRESS="), routed.toString());
        List<List<String>> routes = ConnectOrder.of(routed, new Random(7)).stream().map(SourceRoutesTest::hops)
                .sorted(java.util.Comparator.comparing(r -> r.get(0))).toList();
        assertEquals(List.of(List.of("10.0.0.2:1522", "db:1521"), List.of("10.0.0.3:1522", "db:1521"),
                List.of("127.0.0.1:1522", "db:1521")), routes, "every gateway, each in front of the database");
        assertEquals(SourceRoutes.via(ConnectDescriptor.parse("(DESCRIPTION=(ADDRESS=(HOST=db)(PORT=1521)))", "t"),
                GATEWAY), SourceRoutes.via(ConnectDescriptor.parse("(DESCRIPTION=(ADDRESS=(HOST=db)(PORT=1521)))", "t"),
                List.of(GATEWAY)), "one node: as today");
    }

    @Test
    void anExistingChainKeepsItsHops() {
        ConnectDescriptor routed = SourceRoutes.via(ConnectDescriptor.parse("(DESCRIPTION=(SOURCE_ROUTE=yes)"
                + "(ADDRESS=(HOST=cman2)(PORT=1630))(ADDRESS=(HOST=db)(PORT=1521))(CONNECT_DATA=(SID=X)))", "t"), GATEWAY);
        assertEquals(List.of(List.of("127.0.0.1:1522", "cman2:1630", "db:1521")),
                ConnectOrder.of(routed, new Random(1)).stream().map(SourceRoutesTest::hops).toList());
    }
}
