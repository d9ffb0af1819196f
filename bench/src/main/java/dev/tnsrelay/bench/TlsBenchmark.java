package dev.tnsrelay.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's TLS half, run by {@link Benchmark} after the plain one (or alone: {@code TlsBenchmark
 * [seconds]}): tnsrelay with a TCPS endpoint beside HAProxy terminating TLS, both relaying to the plain backend,
 * then both re-encrypting to a TLS backend (HAProxy terminating TLS in front of the same backend). Same
 * certificate, TLS 1.3, one cipher ({@link TlsCertificate}).
 */
public final class TlsBenchmark {

    private TlsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 3;
        try (TnsBackend backend = new TnsBackend()) {
            System.out.println(run(backend, Files.createTempDirectory("tnsrelay-bench-tls"), seconds));
        }
    }

    /** Idle TLS sessions held for the memory row, as many as the plain table's smaller idle row. */
    private static final int IDLE = 2_000;

    /** Both modes, both targets; the Markdown table. */
    static String run(TnsBackend backend, Path dir, long seconds) throws Exception {
        TlsCertificate tls = TlsCertificate.make(dir);
        Map<String, Map<String, Workloads.Result>> table = new LinkedHashMap<>();
        table.put("tnsrelay", new LinkedHashMap<>());
        table.put("haproxy", new LinkedHashMap<>());
        List<String> metrics = new ArrayList<>();
        TlsWorkloads.Hop plain = new TlsWorkloads.Hop("tcp", "127.0.0.1", backend.port());
        measure(table, metrics, "terminating", tls, plain, seconds, dir,
                "server db1 127.0.0.1:" + backend.port());
        try (Target tlsBackend = Target.haproxyTls(dir, "tls backend", tls, "server db1 127.0.0.1:" + backend.port())) {
            TlsWorkloads.Hop encrypted = new TlsWorkloads.Hop("tcps", "localhost", tlsBackend.port);
            measure(table, metrics, "re-encrypting", tls, encrypted, seconds, dir, "server db1 127.0.0.1:"
                    + tlsBackend.port + " ssl verify required ca-file " + tls.certificatePem + " sni str(localhost)");
        }
        return Report.tls(table, metrics);
    }

    private static void measure(Map<String, Map<String, Workloads.Result>> table, List<String> metrics, String mode,
            TlsCertificate tls, TlsWorkloads.Hop hop, long seconds, Path dir, String haproxyServer) throws Exception {
        TlsWorkloads w = new TlsWorkloads(tls, hop, seconds * 1000);
        TlsWorkloads warm = new TlsWorkloads(tls, hop, Math.min(2000, seconds * 1000));
        TlsWorkloads warmHandshakes = new TlsWorkloads(tls, hop, Benchmark.JIT_WARM_UP_MILLIS);
        for (String name : List.of("tnsrelay", "haproxy")) {
            System.err.println("benchmark: TLS " + mode + ", " + name);
            try (Target t = name.equals("tnsrelay") ? Target.standaloneTls(dir, tls)
                    : Target.haproxyTls(dir, "haproxy " + mode, tls, haproxyServer)) {
                if (t.jvm) { // JIT warm-up of the paths measured next (the handshakes' takes longest)
                    warmHandshakes.handshakes(t, 4);
                    warm.throughput(t, 2, true);
                }
                Map<String, Workloads.Result> row = table.get(name);
                put(row, metrics, "TLS handshakes 4 workers, " + mode + " (/s)", w.handshakes(t, 4));
                for (int streams : List.of(1, 8)) {
                    for (boolean up : List.of(true, false)) {
                        put(row, metrics, "TLS throughput " + streams + (streams == 1 ? " stream " : " streams ")
                                + (up ? "up" : "down") + ", " + mode + " (MB/s)", w.throughput(t, streams, up));
                    }
                }
                if (hop.protocol().equals("tcp")) { // memory of a session's TLS on the client leg: once
                    put(row, metrics, String.format(java.util.Locale.ROOT, "idle %,d TLS sessions, %s (KB/session)",
                            IDLE, mode), w.idleMemory(t, IDLE));
                }
            }
        }
    }

    private static void put(Map<String, Workloads.Result> row, List<String> metrics, String metric,
            Workloads.Result r) {
        row.put(metric, r);
        if (!metrics.contains(metric)) {
            metrics.add(metric);
        }
    }
}
