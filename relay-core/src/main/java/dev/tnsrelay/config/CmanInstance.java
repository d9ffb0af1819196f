package dev.tnsrelay.config;

import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.net.TextPosition;
import dev.tnsrelay.rules.RuleList;
import java.util.List;

/** One Connection Manager instance: where it listens, its rules and its parameters. */
public record CmanInstance(String name, List<Address> addresses, RuleList rules, CmanParameters parameters,
        TextPosition position) {

    public CmanInstance {
        addresses = List.copyOf(addresses);
    }
}
