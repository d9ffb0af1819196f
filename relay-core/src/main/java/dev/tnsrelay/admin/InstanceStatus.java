package dev.tnsrelay.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code show status}: the instance now. Times are instants (ISO-8601 in JSON), spans whole seconds.
 *
 * @param state RUNNING, DRAINING (shutdown normal, sessions still ending), STOPPED or FAILED (see the log)
 * @param started when the instance last started
 * @param uptimeSeconds 0 unless it runs
 * @param gateways the gateways running now: 0 when stopped
 * @param listening the addresses bound now: none when stopped
 * @param tcps the TCPS endpoints among them
 * @param tlsProvider the TLS library in use ({@code OpenSSL (BoringSSL)} or {@code JDK (…)})
 * @param certificates the wallet's certificate and those it trusts
 * @param tlsFailures failed TLS handshakes since the start, per cause ({@code no_certificate}, {@code unknown_ca}…)
 */
public record InstanceStatus(String instance, String state, String version, Instant started, long uptimeSeconds,
        int gateways, double averageLoad, String logLevel, String traceLevel, String configFile, String rulesFile,
        List<String> listening, List<String> tcps, String tlsProvider, List<CertificateStatus> certificates,
        Map<String, Long> tlsFailures) {
}
