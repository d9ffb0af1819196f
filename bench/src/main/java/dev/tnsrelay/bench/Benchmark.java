package dev.tnsrelay.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code Benchmark [seconds] [idle sessions] [server jar]}: the same work through a direct connection,
 * HAProxy (TCP mode), tnsrelay standalone and tnsrelay hosted in Payara Micro, in one run; prints a Markdown
 * table with the ratios to HAProxy and of hosted to standalone; then the TLS table ({@link TlsBenchmark}):
 * tnsrelay's TCPS endpoint beside HAProxy terminating TLS, and both re-encrypting to a TLS backend.
 */
public final class Benchmark {

    static final int STORM_CLIENTS = 8_000;
    /** Warm-up of the handshake paths of a Java target before they are measured. */
    static final long JIT_WARM_UP_MILLIS = 30_000;
    static final int STORM_IN_FLIGHT = 256;
    static final String STORM = "logon storm, 8,000 clients, 256 in flight (s to serve all)";

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 3;
        int manyIdle = args.length > 1 ? Integer.parseInt(args[1]) : 9_000;
        Path serverJar = args.length > 2 ? Path.of(args[2]) : null;
        Path dir = Files.createTempDirectory("tnsrelay-bench");
        Map<String, Map<String, Workloads.Result>> table = new LinkedHashMap<>();
        List<String> metrics = new ArrayList<>();
        try (TnsBackend backend = new TnsBackend()) {
            Workloads w = new Workloads(backend.port(), seconds * 1000);
            Workloads warm = new Workloads(backend.port(), 2000);
            // the handshake path is long and runs once a connection: at a few thousand a second the JIT needs tens
            // of seconds to compile it, and its CPU would be counted as the gateway's (docs/benchmark.md)
            Workloads warmHandshakes = new Workloads(backend.port(), JIT_WARM_UP_MILLIS);
            List<String> targets = new ArrayList<>(List.of("direct", "haproxy", "tnsrelay"));
            if (serverJar != null) {
                targets.add("tnsrelay hosted");
            }
            for (String name : targets) {
                System.err.println("benchmark: " + name);
                try (Target t = switch (name) {
                    case "direct" -> Target.direct(backend);
                    case "haproxy" -> Target.haproxy(backend, dir, 9_900);
                    case "tnsrelay" -> Target.standalone(backend, dir);
                    default -> Target.hosted(backend, dir, serverJar);
                }) {
                    if (t.jvm) { // JIT warm-up of the paths measured next
                        warm.throughput(t, 2, true);
                        warm.pingPong(t, 8);
                        warmHandshakes.handshakes(t, 4);
                        warm.logonStorm(t, 2_000, STORM_IN_FLIGHT);
                    }
                    Map<String, Workloads.Result> row = new LinkedHashMap<>();
                    row.put("throughput 1 stream up (MB/s)", w.throughput(t, 1, true));
                    row.put("throughput 1 stream down (MB/s)", w.throughput(t, 1, false));
                    row.put("throughput 8 streams up (MB/s)", w.throughput(t, 8, true));
                    row.put("throughput 8 streams down (MB/s)", w.throughput(t, 8, false));
                    row.put("ping-pong 1 conn (req/s)", w.pingPong(t, 1));
                    row.put("ping-pong 32 conns (req/s)", w.pingPong(t, 32));
                    row.put("handshakes 4 workers (/s)", w.handshakes(t, 4));
                    row.put(STORM, w.logonStorm(t, STORM_CLIENTS, STORM_IN_FLIGHT));
                    if (t.hasProcess()) {
                        row.put("idle 2,000 sessions (KB/session)", w.idleMemory(t, 2_000));
                        row.put("idle " + String.format(Locale.ROOT, "%,d", manyIdle) + " sessions (KB/session)",
                                w.idleMemory(t, manyIdle));
                    }
                    table.put(name, row);
                    row.keySet().stream().filter(k -> !metrics.contains(k)).forEach(metrics::add);
                }
            }
            System.out.println(Report.markdown(table, metrics));
            System.out.println(TlsBenchmark.run(backend, dir, seconds));
        }
    }
}
