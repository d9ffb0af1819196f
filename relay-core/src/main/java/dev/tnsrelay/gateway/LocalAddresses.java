package dev.tnsrelay.gateway;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

/** Whether an address belongs to this machine: loopback, or an address of one of its interfaces. */
final class LocalAddresses {

    private LocalAddresses() {
    }

    static boolean isLocal(InetAddress a) {
        try {
            return a.isLoopbackAddress() || a.isAnyLocalAddress() || NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
