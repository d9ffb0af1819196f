package dev.tnsrelay.admin.cmctl;

import dev.tnsrelay.admin.AdminEvent;
import dev.tnsrelay.admin.Connection;
import dev.tnsrelay.admin.GatewayStatus;
import dev.tnsrelay.admin.InstanceStatus;
import dev.tnsrelay.admin.ParameterValue;
import dev.tnsrelay.admin.RuleEntry;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The admin model's snapshot records in cmctl's text layouts, for the command line and consoles. */
public final class CmctlLayouts {

    static final String DONE = "The command completed successfully.\n";
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private CmctlLayouts() {
    }

    /** {@code show status}; a stopped instance says so in its state, with no uptime and no gateway started. */
    public static String status(InstanceStatus s) {
        Duration up = Duration.ofSeconds(s.uptimeSeconds());
        return "Status of the Instance\n----------------------\n"
                + row("Instance name", s.instance())
                + row("Instance state", s.state())
                + row("Version", "tnsrelay " + s.version())
                + row("Start date", s.started() == null ? "-" : DATE.format(s.started()))
                + row("Uptime", String.format(Locale.ROOT, "%d days %d hr. %d min. %d sec", up.toDays(),
                        up.toHoursPart(), up.toMinutesPart(), up.toSecondsPart()))
                + row("Num of gateways started", Integer.toString(s.gateways()))
                + row("Average Load level", String.format(Locale.ROOT, "%.0f", s.averageLoad()))
                + row("Log Level", s.logLevel().toUpperCase(Locale.ROOT))
                + row("Trace Level", s.traceLevel().toUpperCase(Locale.ROOT))
                + row("Instance Config file", s.configFile())
                + row("Listening on", s.listening().toString())
                + tls(s)
                + DONE;
    }

    /** The TLS rows, when the instance has TCPS endpoints or a wallet: provider, certificates, failures. */
    private static String tls(InstanceStatus s) {
        if (s.tcps().isEmpty() && s.certificates().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(row("TCPS endpoints", s.tcps().toString()))
                .append(row("TLS provider", s.tlsProvider()));
        for (var c : s.certificates()) {
            out.append(row(c.role().equals("gateway") ? "Gateway certificate" : "Trusted certificate", c.subject()
                    + " (issuer " + c.issuer() + ", expires " + DATE.format(c.notAfter()) + (c.daysLeft() < 0
                            ? ", EXPIRED" : c.daysLeft() <= 30 ? ", in " + c.daysLeft() + " days" : "") + ")"));
        }
        StringBuilder failed = new StringBuilder();
        s.tlsFailures().forEach((cause, n) -> {
            if (n > 0) {
                failed.append(failed.length() == 0 ? "" : ", ").append(cause).append(' ').append(n);
            }
        });
        return out.append(row("TLS handshakes failed", failed.length() == 0 ? "none" : failed.toString())).toString();
    }

    public static String gateways(List<GatewayStatus> gateways) {
        StringBuilder out = new StringBuilder();
        for (GatewayStatus g : gateways) {
            out.append(row("Gateway ID", Integer.toString(g.id())))
                    .append(row("Gateway state", g.state()))
                    .append(row("Number of active connections", Integer.toString(g.active())))
                    .append(row("Peak active connections", Integer.toString(g.peak())))
                    .append(row("Total connections", Long.toString(g.total())))
                    .append(row("Total connections refused", Long.toString(g.refused())))
                    .append('\n');
        }
        return out.append(DONE).toString();
    }

    public static String connections(List<Connection> rows) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-6s %-24s %-24s %-16s %-3s %-14s %-9s %-9s %12s %12s%n",
                "ID", "CLIENT", "SERVER", "SERVICE", "GW", "STATE", "AGE", "IDLE", "BYTES IN", "BYTES OUT"));
        for (Connection c : rows) {
            out.append(String.format(Locale.ROOT, "%-6d %-24s %-24s %-16s %-3d %-14s %-9s %-9s %12d %12d%n", c.id(),
                    c.client(), c.server(), c.service(), c.gateway(), c.state(), hms(c.ageSeconds()),
                    hms(c.idleSeconds()), c.bytesIn(), c.bytesOut()));
        }
        return out.append("Number of connections: ").append(rows.size()).append('\n').append(DONE).toString();
    }

    public static String rules(List<RuleEntry> rules) {
        StringBuilder out = new StringBuilder("Rules:\n");
        for (RuleEntry r : rules) {
            out.append(String.format(Locale.ROOT, "  %3d %s%n", r.position(), r.text()));
        }
        return out.append(DONE).toString();
    }

    public static String events(List<AdminEvent> events) {
        StringBuilder out = new StringBuilder();
        for (AdminEvent e : events) {
            out.append(String.format(Locale.ROOT, "%s %-9s %s%n", DATE.format(e.time()), e.kind(), e.text()));
        }
        return out.append(DONE).toString();
    }

    public static String parameters(List<ParameterValue> parameters) {
        StringBuilder out = new StringBuilder();
        parameters.forEach(p -> out.append(row(p.name(), p.value())));
        return out.append(DONE).toString();
    }

    private static String row(String label, String value) {
        return String.format(Locale.ROOT, "%-28s %s%n", label, value);
    }

    private static String hms(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        return String.format(Locale.ROOT, "%02d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
