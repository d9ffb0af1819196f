package dev.tnsrelay.admin;

import java.time.Instant;
import java.util.List;

/**
 * What the admin model shows, as plain records: the REST API's JSON and the screens are made of them. Times are
 * instants (ISO-8601 in JSON), spans are whole seconds.
 */
public final class Views {

    private Views() {
    }

    /** {@code show status}. */
    public record Status(String instance, String version, Instant started, long uptimeSeconds, int gateways,
            double averageLoad, String logLevel, String traceLevel, String configFile, String rulesFile,
            List<String> listening) {
    }

    /** One row of {@code show gateways}. */
    public record Gateway(int id, String state, int active, int peak, long total, long refused) {
    }

    /** One row of {@code show connections}. */
    public record Connection(long id, String client, String server, String service, int gateway, String state,
            Instant started, long ageSeconds, long idleSeconds, long bytesIn, long bytesOut) {
    }

    /** One rule, numbered from 1 in list order (first match wins). */
    public record RuleRow(int position, String text, String source, String destination, String service,
            String action) {
    }

    /** One parameter: its value now, its default, and whether {@code set} may change it while running. */
    public record Parameter(String name, String value, String defaultValue, boolean settable, String description) {
    }

    /** One registered service. */
    public record Service(String service, long refused, List<ServiceInstance> instances) {
    }

    public record ServiceInstance(String instance, String node, List<ServiceHandler> handlers) {
    }

    public record ServiceHandler(String id, String address, String server, String state, int load, int maxLoad,
            int active, long established, boolean healthy) {
    }

    /** What a name resolves to, as {@code bin/resolve} prints it. */
    public record Resolved(String identifier, String method, String source, String descriptor) {
    }
}
