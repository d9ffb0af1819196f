package dev.tnsrelay.descriptor;

import dev.tnsrelay.net.NvPair;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code (ADDRESS_LIST=(FAILOVER=on)(LOAD_BALANCE=off)(ADDRESS=…)…)}. Oracle's defaults for a list:
 * FAILOVER on, LOAD_BALANCE off, SOURCE_ROUTE off.
 */
public record AddressList(boolean failover, boolean loadBalance, boolean sourceRoute, List<AddressNode> nodes,
        NvPair nv) implements AddressNode {

    public AddressList {
        nodes = List.copyOf(nodes);
    }

    public static AddressList from(NvPair pair) {
        NetValues.requireContainer(pair);
        return new AddressList(Switches.failover(pair, true), Switches.flag(pair, "LOAD_BALANCE", false),
                Switches.flag(pair, "SOURCE_ROUTE", false), nodesOf(pair), pair);
    }

    /** The ADDRESS and ADDRESS_LIST children of a DESCRIPTION or ADDRESS_LIST, in order. */
    static List<AddressNode> nodesOf(NvPair pair) {
        List<AddressNode> nodes = new ArrayList<>();
        for (NvPair child : pair.children()) {
            if (child.name().equals("ADDRESS")) {
                nodes.add(Address.from(child));
            } else if (child.name().equals("ADDRESS_LIST")) {
                nodes.add(AddressList.from(child));
            }
        }
        return nodes;
    }

    @Override
    public List<Address> addresses() {
        List<Address> all = new ArrayList<>();
        nodes.forEach(n -> all.addAll(n.addresses()));
        return all;
    }
}
