package dev.tnsrelay.config;

import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.net.TextPosition;
import dev.tnsrelay.rules.RuleList;
import java.util.List;

/**
 * One Connection Manager instance: where it listens, its rules, its parameters, and the services registered
 * statically in its SERVICE_LIST (a tnsrelay extension; databases otherwise register at run time).
 */
public record CmanInstance(String name, List<Address> addresses, RuleList rules, CmanParameters parameters,
        List<StaticService> services, TextPosition position) {

    public CmanInstance {
        addresses = List.copyOf(addresses);
        services = List.copyOf(services);
    }
}
