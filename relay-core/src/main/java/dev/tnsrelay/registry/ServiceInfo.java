package dev.tnsrelay.registry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One service as {@code show services} reports it: instances, handlers, sessions routed and refused. */
public record ServiceInfo(String service, List<InstanceInfo> instances, long refused) {

    public ServiceInfo {
        instances = List.copyOf(instances);
    }

    public record InstanceInfo(String instance, String node, List<HandlerInfo> handlers, Optional<Instant> expires) {
        public InstanceInfo {
            handlers = List.copyOf(handlers);
        }
    }

    /** @param active sessions this gateway holds through the handler; {@code established} counts all routed */
    public record HandlerInfo(Handler handler, int active, long established) {
    }
}
