package dev.tnsrelay.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's table: values, then the ratios that the targets are stated in. */
final class Report {

    private Report() {
    }

    static String markdown(Map<String, Map<String, Workloads.Result>> table, List<String> metrics) {
        List<String> targets = new ArrayList<>(table.keySet());
        StringBuilder out = new StringBuilder("| metric | ");
        out.append(String.join(" | ", targets)).append(" | tnsrelay / haproxy | hosted / standalone |\n|---|");
        out.append("---|".repeat(targets.size() + 2)).append('\n');
        for (String m : metrics) {
            out.append("| ").append(m).append(" | ");
            for (String t : targets) {
                out.append(cell(table.get(t).get(m))).append(" | ");
            }
            out.append(ratio(table, "tnsrelay", "haproxy", m)).append(" | ")
                    .append(ratio(table, "tnsrelay hosted", "tnsrelay", m)).append(" |\n");
            if (m.startsWith("ping-pong") || m.startsWith("handshakes") || m.startsWith("logon storm")) {
                for (String pct : List.of("p50", "p99")) {
                    out.append("| ").append(m.replaceAll("\\((req/s|/s|s to serve all)\\)", pct + " (µs)")).append(" | ");
                    for (String t : targets) {
                        Workloads.Result r = table.get(t).get(m);
                        out.append(r == null ? "" : fmt(pct.equals("p50") ? r.p50Micros() : r.p99Micros())).append(" | ");
                    }
                    out.append(latencyRatio(table, "tnsrelay", "haproxy", m, pct)).append(" | ")
                            .append(latencyRatio(table, "tnsrelay hosted", "tnsrelay", m, pct)).append(" |\n");
                }
            }
        }
        out.append("\nTarget CPU time (user+system of the proxy process) per unit of work:\n\n| work | ");
        out.append(String.join(" | ", targets.subList(1, targets.size()))).append(" | tnsrelay / haproxy |\n|---|");
        out.append("---|".repeat(targets.size())).append('\n');
        cpuRow(out, table, targets, "CPU ms per MB (8 streams up + down)", List.of("throughput 8 streams up (MB/s)",
                "throughput 8 streams down (MB/s)"), 1e6);
        cpuRow(out, table, targets, "CPU µs per request (32 conns)", List.of("ping-pong 32 conns (req/s)"), 1e-3);
        cpuRow(out, table, targets, "CPU µs per handshake", List.of("handshakes 4 workers (/s)"), 1e-3);
        cpuRow(out, table, targets, "CPU µs per handshake in the logon storm", List.of(Benchmark.STORM), 1e-3);
        out.append("\nLogon storm: refusals and time-outs (").append(Benchmark.STORM_CLIENTS)
                .append(" clients), and the slowest handshake:\n\n| target | refusals | time-outs | max (ms) |\n|---|---|---|---|\n");
        for (String t : targets) {
            Workloads.Result r = table.get(t).get(Benchmark.STORM);
            if (r != null) {
                out.append("| ").append(t).append(" | ").append(r.refusals()).append(" | ").append(r.timeouts())
                        .append(" | ").append(fmt(r.maxMicros() / 1000)).append(" |\n");
            }
        }
        return out.toString();
    }

    /**
     * The TLS table: each metric for tnsrelay and HAProxy with the ratio, p50/p99 of the handshakes, and the
     * target's CPU per handshake and per MB.
     */
    static String tls(Map<String, Map<String, Workloads.Result>> table, List<String> metrics) {
        StringBuilder out = new StringBuilder("TLS (TLS 1.3, " + TlsCertificate.CIPHER + ", one certificate; HAProxy"
                + " `bind … ssl crt …`):\n\n| metric | tnsrelay | haproxy | tnsrelay / haproxy |\n|---|---|---|---|\n");
        for (String m : metrics) {
            Workloads.Result x = table.get("tnsrelay").get(m);
            Workloads.Result y = table.get("haproxy").get(m);
            out.append("| ").append(m).append(" | ").append(cell(x)).append(" | ").append(cell(y)).append(" | ")
                    .append(ratio(table, "tnsrelay", "haproxy", m)).append(" |\n");
            if (m.startsWith("TLS handshakes")) {
                for (String pct : List.of("p50", "p99")) {
                    out.append("| ").append(m.replace("(/s)", pct + " (µs)")).append(" | ")
                            .append(fmt(pct.equals("p50") ? x.p50Micros() : x.p99Micros())).append(" | ")
                            .append(fmt(pct.equals("p50") ? y.p50Micros() : y.p99Micros())).append(" | ")
                            .append(latencyRatio(table, "tnsrelay", "haproxy", m, pct)).append(" |\n");
                }
                double a = x.cpuMillis() * 1000.0 / x.units();
                double b = y.cpuMillis() * 1000.0 / y.units();
                out.append("| CPU µs per TLS handshake, ").append(m.replaceAll(".*, | \\(/s\\)", "")).append(" | ")
                        .append(fmt(a)).append(" | ").append(fmt(b)).append(" | ").append(b == 0 ? "" : fmt(a / b) + "×")
                        .append(" |\n");
            }
        }
        return out.toString();
    }

    /** CPU per unit: ms of CPU over units (bytes scaled to MB, or requests scaled to µs). */
    private static void cpuRow(StringBuilder out, Map<String, Map<String, Workloads.Result>> table, List<String> targets,
            String label, List<String> metrics, double unitScale) {
        out.append("| ").append(label).append(" | ");
        double tnsrelay = 0;
        double haproxy = 0;
        for (String t : targets.subList(1, targets.size())) {
            long cpu = 0;
            long units = 0;
            for (String m : metrics) {
                cpu += table.get(t).get(m).cpuMillis();
                units += table.get(t).get(m).units();
            }
            double per = unitScale >= 1 ? cpu / (units / unitScale) : cpu * 1000.0 / units;
            out.append(fmt(per)).append(" | ");
            if (t.equals("tnsrelay")) {
                tnsrelay = per;
            } else if (t.equals("haproxy")) {
                haproxy = per;
            }
        }
        out.append(haproxy == 0 ? "" : fmt(tnsrelay / haproxy) + "×").append(" |\n");
    }

    private static String ratio(Map<String, Map<String, Workloads.Result>> table, String a, String b, String m) {
        Workloads.Result x = table.containsKey(a) ? table.get(a).get(m) : null;
        Workloads.Result y = table.containsKey(b) ? table.get(b).get(m) : null;
        return x == null || y == null || y.value() <= 0 || x.value() < 0 ? "" : fmt(x.value() / y.value()) + "×";
    }

    private static String latencyRatio(Map<String, Map<String, Workloads.Result>> table, String a, String b, String m,
            String pct) {
        if (!table.containsKey(a) || !table.containsKey(b)) {
            return "";
        }
        Workloads.Result x = table.get(a).get(m);
        Workloads.Result y = table.get(b).get(m);
        return pct.equals("p50") ? fmt(x.p50Micros() / y.p50Micros()) + "×" : fmt(x.p99Micros() / y.p99Micros()) + "×";
    }

    private static String cell(Workloads.Result r) {
        return r == null ? "" : r.value() < 0 ? "failed" : fmt(r.value());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    }
}
