package dev.tnsrelay.admin;

import dev.tnsrelay.registry.ServiceInfo;
import java.util.List;
import java.util.Locale;

/** One registered service ({@code show services}): its instances and their handlers. */
public record ServiceStatus(String service, long refused, List<Instance> instances) {

    /** The registry's snapshot as the admin model shows it. */
    public static List<ServiceStatus> of(List<ServiceInfo> snapshot) {
        return snapshot.stream().map(s -> new ServiceStatus(s.service(), s.refused(),
                s.instances().stream().map(i -> new Instance(i.instance(), i.node(),
                        i.handlers().stream().map(h -> new Handler(h.handler().id(),
                                h.handler().address().toString(), h.handler().server().name().toLowerCase(Locale.ROOT),
                                h.handler().state().name(), h.handler().load(), h.handler().maxLoad(), h.active(),
                                h.established(), h.healthy())).toList())).toList())).toList();
    }

    /** A database instance of the service. */
    public record Instance(String instance, String node, List<Handler> handlers) {
    }

    /** A handler clients are routed to, with its load and whether the health check finds it answering. */
    public record Handler(String id, String address, String server, String state, int load, int maxLoad,
            int active, long established, boolean healthy) {
    }
}
