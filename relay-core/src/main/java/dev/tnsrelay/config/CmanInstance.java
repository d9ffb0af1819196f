package dev.tnsrelay.config;

import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.net.TextPosition;
import dev.tnsrelay.rules.RuleList;
import java.util.List;

/**
 * One Connection Manager instance: where it listens, its rules, its parameters, and the services registered
 * statically in its SERVICE_LIST (a tnsrelay extension; databases otherwise register at run time).
 *
 * @param tls the TLS settings of its file (wallet, versions, ciphers, client authentication), shared by the
 *     instances of one cman.ora
 */
public record CmanInstance(String name, List<Address> addresses, RuleList rules, CmanParameters parameters,
        List<StaticService> services, TextPosition position, TlsProfile tls) {

    public CmanInstance {
        addresses = List.copyOf(addresses);
        services = List.copyOf(services);
    }

    /** An instance with the default TLS settings. */
    public CmanInstance(String name, List<Address> addresses, RuleList rules, CmanParameters parameters,
            List<StaticService> services, TextPosition position) {
        this(name, addresses, rules, parameters, services, position, TlsProfile.DEFAULTS);
    }

    /** True when one of its listening addresses is TCPS. */
    public boolean listensOnTcps() {
        return addresses.stream().anyMatch(a -> a.protocol().equals("tcps"));
    }
}
