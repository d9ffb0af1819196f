package dev.tnsrelay.admin.cmctl;

import dev.tnsrelay.admin.ServiceStatus;
import java.util.List;
import java.util.Locale;

/**
 * {@code show services} laid out as CMAN and the listener print it. One difference: refusals are counted per
 * service (a refused connect has no handler), so they stand on the service's line.
 */
public final class ServicesReport {

    private ServicesReport() {
    }

    public static String format(List<ServiceStatus> services) {
        StringBuilder out = new StringBuilder("Services Summary...\n");
        for (ServiceStatus s : services) {
            out.append("Service \"").append(s.service()).append("\" has ").append(s.instances().size())
                    .append(" instance(s), refused:").append(s.refused()).append('\n');
            for (ServiceStatus.Instance i : s.instances()) {
                out.append("  Instance \"").append(i.instance()).append("\", status ").append(status(i))
                        .append(", has ").append(i.handlers().size()).append(" handler(s) for this service...\n")
                        .append("    Handler(s):\n");
                for (ServiceStatus.Handler h : i.handlers()) {
                    out.append("      \"").append(h.id()).append("\" established:").append(h.established())
                            .append(" current:").append(h.active()).append(" load:").append(h.load())
                            .append(" max:").append(h.maxLoad()).append(" state:")
                            .append(h.state().toLowerCase(Locale.ROOT))
                            .append(h.healthy() ? "" : " health:failing").append('\n')
                            .append("         ").append(h.server().toUpperCase(Locale.ROOT)).append(" SERVER\n")
                            .append("         ").append(h.address()).append('\n');
                }
            }
        }
        if (services.isEmpty()) {
            out.append("The listener supports no services\n");
        }
        return out.append("The command completed successfully.\n").toString();
    }

    /** READY when a handler takes connections; else RESTRICTED or BLOCKED as its handlers are. */
    private static String status(ServiceStatus.Instance i) {
        if (i.handlers().stream().anyMatch(h -> h.state().equals("READY"))) {
            return "READY";
        }
        return i.handlers().stream().allMatch(h -> h.state().equals("RESTRICTED")) ? "RESTRICTED" : "BLOCKED";
    }
}
