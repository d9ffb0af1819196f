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

    /**
     * @param active sessions this gateway holds through the handler; {@code established} counts all routed
     * @param healthy false when the active health check finds it failing (it is then out of rotation)
     */
    public record HandlerInfo(Handler handler, int active, long established, boolean healthy) {
    }
}
