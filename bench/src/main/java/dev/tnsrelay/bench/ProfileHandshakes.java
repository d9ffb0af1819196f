package dev.tnsrelay.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ProfileHandshakes <seconds>}: only the handshake workload against tnsrelay standalone, for a profiler
 * given through {@code -Dbench.gatewayJvmOptions=...} (e.g. a JFR recording).
 */
public final class ProfileHandshakes {

    private ProfileHandshakes() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = Long.parseLong(args[0]);
        Path dir = Files.createTempDirectory("tnsrelay-profile");
        try (TnsBackend backend = new TnsBackend(); Target t = Target.standalone(backend, dir)) {
            Workloads w = new Workloads(backend.port(), seconds * 1000);
            w.handshakes(t, 4);
            Workloads.Result r = w.handshakes(t, 4);
            System.out.printf("handshakes/s %.0f, CPU µs per handshake %.0f%n", r.value(), r.cpuMillis() * 1000.0 / r.units());
        }
    }
}
