package dev.tnsrelay.registry;

import dev.tnsrelay.config.CmanParameter;
import dev.tnsrelay.config.CmanParameters;
import dev.tnsrelay.rules.HostPattern;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Valid node checking for registration (VALID_NODE_CHECKING_REGISTRATION, REGISTRATION_INVITED_NODES,
 * REGISTRATION_EXCLUDED_NODES), on by default as in CMAN since 12.2: only this machine, plus the invited
 * nodes, may register; excluded nodes never. Node lists take host names, addresses, {@code /nn} subnets and,
 * as Oracle allows here, {@code 10.1.35.*} wildcards.
 */
final class NodePolicy {

    private final boolean checking;
    private final List<HostPattern> invited;
    private final List<HostPattern> excluded;

    NodePolicy(CmanParameters p) {
        String mode = p.text(CmanParameter.VALID_NODE_CHECKING_REGISTRATION).toLowerCase(Locale.ROOT);
        this.checking = !(mode.equals("off") || mode.equals("no") || mode.equals("false") || mode.equals("0"));
        this.invited = patterns(p.list(CmanParameter.REGISTRATION_INVITED_NODES));
        this.excluded = patterns(p.list(CmanParameter.REGISTRATION_EXCLUDED_NODES));
    }

    void check(InetAddress from, String service) throws RegistrationRefusedException {
        boolean allowed = !checking || isLocal(from) || invited.stream().anyMatch(p -> matches(p, from));
        if (!allowed || excluded.stream().anyMatch(p -> matches(p, from))) {
            throw new RegistrationRefusedException("TNS-01182: Listener rejected registration of service \"" + service
                    + "\" from " + from.getHostAddress() + " (valid node checking)");
        }
    }

    private static List<HostPattern> patterns(List<String> nodes) {
        return nodes.stream().map(HostPattern::parseAllowingWildcards).toList();
    }

    private static boolean matches(HostPattern p, InetAddress a) {
        return p.covers(a, NodePolicy::addressesOf);
    }

    private static List<InetAddress> addressesOf(String name) {
        try {
            return List.of(InetAddress.getAllByName(name));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    private static boolean isLocal(InetAddress a) {
        try {
            return a.isLoopbackAddress() || NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
