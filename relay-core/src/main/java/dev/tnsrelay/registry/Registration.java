package dev.tnsrelay.registry;

import java.time.Duration;
import java.util.List;

/**
 * What a database instance registers: its service, its name, the node it runs on, its handlers, and how long
 * the registration lasts without a refresh (a database re-registers periodically; one that stops expires).
 * A zero time-to-live never expires: a static registration from configuration.
 */
public record Registration(String service, String instance, String node, List<Handler> handlers, Duration ttl) {

    public Registration {
        handlers = List.copyOf(handlers);
        if (service.isBlank() || instance.isBlank() || handlers.isEmpty()) {
            throw new IllegalArgumentException("a registration needs a service, an instance and a handler");
        }
    }
}
