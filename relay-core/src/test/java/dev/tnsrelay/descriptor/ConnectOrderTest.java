package dev.tnsrelay.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectOrderTest {

    private static List<String> order(String text, Random random) {
        return ConnectOrder.of(ConnectDescriptor.parse(text, "t"), random).stream()
                .map(r -> String.join(">", r.hops().stream().map(Address::host).toList())).toList();
    }

    private static final String TWO = "(DESCRIPTION=(ADDRESS=(HOST=a)(PORT=1))(ADDRESS=(HOST=b)(PORT=1))%s)";

    @Test
    void failoverIsOnByDefaultInDocumentOrder() {
        assertEquals(List.of("a", "b"), order(TWO.formatted(""), new Random(1)));
    }

    @Test
    void failoverOffTriesOnlyTheFirst() {
        assertEquals(List.of("a"), order(TWO.formatted("(FAILOVER=off)"), new Random(1)));
    }

    @Test
    void loadBalanceShufflesAndEveryOrderTurnsUp() {
        Set<List<String>> seen = new HashSet<>();
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            List<String> o = order(TWO.formatted("(LOAD_BALANCE=on)"), random);
            assertEquals(Set.of("a", "b"), new HashSet<>(o));
            seen.add(o);
        }
        assertEquals(Set.of(List.of("a", "b"), List.of("b", "a")), seen);
    }

    @Test
    void sourceRouteIsOneRouteOfSeveralHops() {
        List<ConnectOrder.Route> routes = ConnectOrder.of(ConnectDescriptor.parse(
                TWO.formatted("(SOURCE_ROUTE=yes)(CONNECT_DATA=(SERVICE_NAME=s))"), "t"), new Random(1));
        assertEquals(1, routes.size());
        assertEquals("a", routes.get(0).first().host());
        assertEquals(List.of("a", "b"), routes.get(0).hops().stream().map(Address::host).toList());
    }

    @Test
    void retryCountRepeatsTheRoutes() {
        assertEquals(List.of("a", "b", "a", "b", "a", "b"), order(TWO.formatted("(RETRY_COUNT=2)"), new Random(1)));
    }

    @Test
    void nestedListsApplyTheirOwnSwitches() {
        String text = "(DESCRIPTION=(FAILOVER=on)(ADDRESS_LIST=(FAILOVER=off)(ADDRESS=(HOST=a1)(PORT=1))"
                + "(ADDRESS=(HOST=a2)(PORT=1)))(ADDRESS_LIST=(ADDRESS=(HOST=b1)(PORT=1))(ADDRESS=(HOST=b2)(PORT=1))))";
        assertEquals(List.of("a1", "b1", "b2"), order(text, new Random(1)));
    }

    @Test
    void descriptionListFailoverOffKeepsOneDescription() {
        String text = "(DESCRIPTION_LIST=(LOAD_BALANCE=off)(FAILOVER=off)(DESCRIPTION=(ADDRESS=(HOST=a)(PORT=1)))"
                + "(DESCRIPTION=(ADDRESS=(HOST=b)(PORT=1))))";
        assertEquals(List.of("a"), order(text, new Random(1)));
        String balanced = text.replace("(LOAD_BALANCE=off)(FAILOVER=off)", "");
        Set<String> firsts = new HashSet<>();
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            List<String> o = order(balanced, random);
            assertEquals(2, o.size());
            firsts.add(o.get(0));
        }
        assertTrue(firsts.containsAll(Set.of("a", "b")), "DESCRIPTION_LIST load-balances by default");
    }
}
