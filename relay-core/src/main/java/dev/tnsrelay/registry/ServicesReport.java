package dev.tnsrelay.registry;

import dev.tnsrelay.registry.ServiceInfo.HandlerInfo;
import dev.tnsrelay.registry.ServiceInfo.InstanceInfo;
import java.util.List;
import java.util.Locale;

/**
 * {@code show services} laid out as CMAN and the listener print it. One difference: refusals are counted per
 * service (a refused connect has no handler), so they stand on the service's line.
 */
public final class ServicesReport {

    private ServicesReport() {
    }

    public static String format(List<ServiceInfo> services) {
        StringBuilder out = new StringBuilder("Services Summary...\n");
        for (ServiceInfo s : services) {
            out.append("Service \"").append(s.service()).append("\" has ").append(s.instances().size())
                    .append(" instance(s), refused:").append(s.refused()).append('\n');
            for (InstanceInfo i : s.instances()) {
                out.append("  Instance \"").append(i.instance()).append("\", status ").append(status(i))
                        .append(", has ").append(i.handlers().size()).append(" handler(s) for this service...\n")
                        .append("    Handler(s):\n");
                for (HandlerInfo h : i.handlers()) {
                    out.append("      \"").append(h.handler().id()).append("\" established:").append(h.established())
                            .append(" current:").append(h.active()).append(" load:").append(h.handler().load())
                            .append(" max:").append(h.handler().maxLoad()).append(" state:")
                            .append(h.handler().state().name().toLowerCase(Locale.ROOT))
                            .append(h.healthy() ? "" : " health:failing").append('\n')
                            .append("         ").append(h.handler().server().name()).append(" SERVER\n")
                            .append("         ").append(h.handler().address().nv()).append('\n');
                }
            }
        }
        if (services.isEmpty()) {
            out.append("The listener supports no services\n");
        }
        return out.append("The command completed successfully.\n").toString();
    }

    /** READY when a handler takes connections; else RESTRICTED or BLOCKED as its handlers are. */
    private static String status(InstanceInfo i) {
        if (i.handlers().stream().anyMatch(h -> h.handler().state() == HandlerState.READY)) {
            return "READY";
        }
        return i.handlers().stream().allMatch(h -> h.handler().state() == HandlerState.RESTRICTED) ? "RESTRICTED"
                : "BLOCKED";
    }
}
