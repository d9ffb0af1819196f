package dev.tnsrelay.gateway;

import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.descriptor.Description;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Where a SOURCE_ROUTE descriptor goes after this gateway: the address after the one that designates this
 * gateway. An address designates it when its port is the port the client connected to and its host is an
 * address of this machine, so each gateway of a chain on one host finds its own place. When no address
 * designates it (a name or NAT it cannot recognise), the gateway takes itself for the first hop, the one the
 * client connected to.
 */
final class NextHop {

    private NextHop() {
    }

    static Optional<Address> of(Description description, int localPort) {
        List<Address> hops = description.addresses();
        int self = 0;
        for (int i = 0; i < hops.size(); i++) {
            if (hops.get(i).port() == localPort && isLocal(hops.get(i).socketHost())) {
                self = i;
                break;
            }
        }
        return self + 1 < hops.size() ? Optional.of(hops.get(self + 1)) : Optional.empty();
    }

    /** A next hop the gateway can connect to: TCP or TCPS, with a host (an empty one must never mean loopback). */
    static boolean usable(Address a) {
        return a.isTcp() && !a.socketHost().isBlank();
    }

    private static boolean isLocal(String host) {
        if (host.isBlank()) {
            return false;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (LocalAddresses.isLocal(a)) {
                    return true;
                }
            }
        } catch (UnknownHostException e) {
            return false;
        }
        return false;
    }
}
