package dev.tnsrelay.descriptor;

import dev.tnsrelay.net.NvPair;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a connect descriptor so that it goes through a gateway: each description becomes
 * {@code (SOURCE_ROUTE=yes)} with the gateway's address first and the original address after it. A
 * description with several addresses becomes one description per address in a DESCRIPTION_LIST that keeps
 * the original FAILOVER and LOAD_BALANCE, so failover still works behind the gateway. A description that
 * was already source-routed keeps its chain, with the gateway in front.
 */
public final class SourceRoutes {

    private SourceRoutes() {
    }

    public static ConnectDescriptor via(ConnectDescriptor original, Address gateway) {
        List<NvPair> descriptions = new ArrayList<>();
        boolean failover = original.failover();
        boolean loadBalance = original.loadBalance();
        for (Description d : original.descriptions()) {
            List<List<Address>> routes = new ArrayList<>();
            if (d.sourceRoute()) {
                routes.add(d.addresses());
            } else {
                d.addresses().forEach(a -> routes.add(List.of(a)));
                if (original.descriptions().size() == 1) {
                    failover = d.failover();
                    loadBalance = d.loadBalance();
                }
            }
            for (List<Address> route : routes) {
                descriptions.add(routed(d, gateway, route));
            }
        }
        if (descriptions.size() == 1) {
            return ConnectDescriptor.of(descriptions.get(0));
        }
        List<NvPair> list = new ArrayList<>();
        list.add(NvPair.of("FAILOVER", failover ? "on" : "off"));
        list.add(NvPair.of("LOAD_BALANCE", loadBalance ? "on" : "off"));
        list.addAll(descriptions);
        return ConnectDescriptor.of(NvPair.of("DESCRIPTION_LIST", list));
    }

    /**
     * Through any of several gateways (the nodes of a cluster): one description per gateway and route, in a
     * DESCRIPTION_LIST with FAILOVER and LOAD_BALANCE on, so that a client spreads over the gateways and goes on to
     * the next when one does not answer. The routes' own order is not kept: LOAD_BALANCE tries them all at random.
     */
    public static ConnectDescriptor via(ConnectDescriptor original, List<Address> gateways) {
        if (gateways.size() == 1) {
            return via(original, gateways.get(0));
        }
        List<NvPair> list = new ArrayList<>();
        list.add(NvPair.of("FAILOVER", "on"));
        list.add(NvPair.of("LOAD_BALANCE", "on"));
        for (Description d : original.descriptions()) {
            List<List<Address>> routes = new ArrayList<>();
            if (d.sourceRoute()) {
                routes.add(d.addresses());
            } else {
                d.addresses().forEach(a -> routes.add(List.of(a)));
            }
            for (List<Address> route : routes) {
                for (Address gateway : gateways) {
                    list.add(routed(d, gateway, route));
                }
            }
        }
        return ConnectDescriptor.of(NvPair.of("DESCRIPTION_LIST", list));
    }

    private static NvPair routed(Description d, Address gateway, List<Address> route) {
        List<NvPair> parts = new ArrayList<>();
        parts.add(NvPair.of("SOURCE_ROUTE", "yes"));
        parts.add(gateway.nv());
        route.forEach(a -> parts.add(a.nv()));
        for (NvPair child : d.nv().children()) {
            switch (child.name()) {
                case "ADDRESS", "ADDRESS_LIST", "SOURCE_ROUTE", "FAILOVER", "FAIL_OVER", "LOAD_BALANCE" -> {
                    // replaced by the route
                }
                default -> parts.add(child);
            }
        }
        return NvPair.of("DESCRIPTION", parts);
    }
}
