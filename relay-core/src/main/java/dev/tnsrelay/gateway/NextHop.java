package dev.tnsrelay.gateway;

import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.descriptor.Description;
import dev.tnsrelay.net.IpLiteral;
import dev.tnsrelay.rules.NameLookup;
import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a SOURCE_ROUTE descriptor goes after this gateway: the address after the one that designates this
 * gateway. An address designates it when its port is the port the client connected to and its host is an
 * address of this machine, so each gateway of a chain on one host finds its own place. When no address
 * designates it (a name or NAT it cannot recognise), the gateway takes itself for the first hop, the one the
 * client connected to.
 *
 * <p>Host names in the route are looked up only where the port is the gateway's own, and at most
 * {@value #MAX_NAMES} of them per connect: the names are the client's, and a client must not make the gateway
 * ask DNS about hundreds of hosts.
 */
final class NextHop {

    /** Host names of a route looked up to find this gateway in it, per connect. */
    static final int MAX_NAMES = 8;

    /** The next hop; or the names to look up before it can be told. */
    sealed interface Result {
    }

    /** The address after this gateway's; empty when this gateway is the last. */
    record Found(Optional<Address> next) implements Result {
    }

    record NeedsNames(Set<String> names) implements Result {
    }

    private NextHop() {
    }

    static Result of(Description description, int localPort, NameLookup names) {
        List<Address> hops = description.addresses();
        int lookedUp = 0;
        for (int i = 0; i < hops.size(); i++) {
            Address hop = hops.get(i);
            if (hop.port() != localPort || hop.socketHost().isBlank()) {
                continue;
            }
            Optional<InetAddress> literal = IpLiteral.parse(hop.socketHost());
            Optional<List<InetAddress>> addresses;
            if (literal.isPresent()) {
                addresses = Optional.of(List.of(literal.get()));
            } else if (++lookedUp > MAX_NAMES) {
                break;
            } else {
                addresses = names.addressesOf(hop.socketHost());
            }
            if (addresses.isEmpty()) {
                Set<String> needed = new LinkedHashSet<>();
                needed.add(hop.socketHost());
                return new NeedsNames(needed);
            }
            if (addresses.get().stream().anyMatch(LocalAddresses::isLocal)) {
                return new Found(i + 1 < hops.size() ? Optional.of(hops.get(i + 1)) : Optional.empty());
            }
        }
        return new Found(hops.size() > 1 ? Optional.of(hops.get(1)) : Optional.empty());
    }

    /** A next hop the gateway can connect to: TCP or TCPS, with a host (an empty one must never mean loopback). */
    static boolean usable(Address a) {
        return a.isTcp() && !a.socketHost().isBlank();
    }
}
