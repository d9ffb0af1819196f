package dev.tnsrelay.descriptor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The order in which a client works through a descriptor: which routes it tries, one after the other, until
 * one connects.
 *
 * <ul>
 *   <li>LOAD_BALANCE on a level shuffles that level's children; FAILOVER off keeps only the first child
 *       (after shuffling); a nested ADDRESS_LIST applies its own switches inside.</li>
 *   <li>SOURCE_ROUTE on a level makes its addresses, in document order, one route of several hops: the
 *       client connects to the first, which relays to the next (as through Connection Manager).</li>
 *   <li>RETRY_COUNT n goes through a description's routes n more times.</li>
 * </ul>
 */
public final class ConnectOrder {

    /** One connection attempt: the address to connect to, then the hops behind it for a source route. */
    public record Route(Description description, List<Address> hops) {
        public Route {
            hops = List.copyOf(hops);
        }

        public Address first() {
            return hops.get(0);
        }
    }

    private ConnectOrder() {
    }

    public static List<Route> of(ConnectDescriptor descriptor, Random random) {
        List<Description> descriptions = new ArrayList<>(descriptor.descriptions());
        if (descriptor.isList() && descriptor.loadBalance()) {
            Collections.shuffle(descriptions, random);
        }
        if (descriptor.isList() && !descriptor.failover()) {
            descriptions = descriptions.subList(0, 1);
        }
        List<Route> routes = new ArrayList<>();
        for (Description d : descriptions) {
            for (int pass = 0; pass <= d.retryCount(); pass++) {
                for (List<Address> hops : routes(d.nodes(), d.failover(), d.loadBalance(), d.sourceRoute(), random)) {
                    routes.add(new Route(d, hops));
                }
            }
        }
        return routes;
    }

    private static List<List<Address>> routes(List<AddressNode> nodes, boolean failover, boolean loadBalance,
            boolean sourceRoute, Random random) {
        if (nodes.isEmpty()) {
            return List.of();
        }
        if (sourceRoute) {
            List<Address> chain = new ArrayList<>();
            nodes.forEach(n -> chain.addAll(n.addresses()));
            return List.of(chain);
        }
        List<AddressNode> order = new ArrayList<>(nodes);
        if (loadBalance) {
            Collections.shuffle(order, random);
        }
        if (!failover) {
            order = order.subList(0, 1);
        }
        List<List<Address>> result = new ArrayList<>();
        for (AddressNode node : order) {
            if (node instanceof Address a) {
                result.add(List.of(a));
            } else if (node instanceof AddressList list) {
                result.addAll(routes(list.nodes(), list.failover(), list.loadBalance(), list.sourceRoute(), random));
            }
        }
        return result;
    }
}
