package dev.tnsrelay.admin.cmctl;

import dev.tnsrelay.admin.AdminEvent;
import dev.tnsrelay.admin.Blocked;
import dev.tnsrelay.admin.Connection;
import dev.tnsrelay.admin.Endpoints;
import dev.tnsrelay.admin.GatewayStatus;
import dev.tnsrelay.admin.InstanceStatus;
import dev.tnsrelay.admin.ParameterValue;
import dev.tnsrelay.admin.RuleCheck;
import dev.tnsrelay.admin.RuleEntry;
import dev.tnsrelay.logging.LogText;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The admin model's snapshot records in cmctl's text layouts, for the command line and consoles. Text a client
 * wrote (its service name, its CID) is escaped and bounded ({@link LogText}): a control character cannot reach
 * an administrator's terminal, nor a long value push a table out of shape.
 */
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
                + rows("Listening on", s.listening().isEmpty() ? List.of("(none)") : s.listening())
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

    /** {@code show blocked} (tnsrelay): one line per blocked address, soonest free first. */
    public static String blocked(List<Blocked> rows) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-40s %-46s %-20s %-20s %9s%n", "ADDRESS",
                "ENDPOINT", "BLOCKED SINCE", "UNTIL", "LEFT"));
        for (Blocked b : rows) {
            out.append(String.format(Locale.ROOT, "%-40s %-46s %-20s %-20s %9s%n", b.address(), b.endpoint(),
                    DATE.format(b.since()), DATE.format(b.until()), hms(b.secondsLeft())));
        }
        return out.append("Number of blocked addresses: ").append(rows.size()).append('\n').append(DONE).toString();
    }

    public static String connections(List<Connection> rows) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-6s %-24s %-24s %-16s %-3s %-14s %-9s %-9s %12s %12s%n",
                "ID", "CLIENT", "SERVER", "SERVICE", "GW", "STATE", "AGE", "IDLE", "BYTES IN", "BYTES OUT"));
        for (Connection c : rows) {
            out.append(String.format(Locale.ROOT, "%-6d %-24s %-24s %-16s %-3d %-14s %-9s %-9s %12d %12d%n", c.id(),
                    c.client(), client(c.server(), 48), client(c.service(), 48), c.gateway(), c.state(),
                    hms(c.ageSeconds()), hms(c.idleSeconds()), c.bytesIn(), c.bytesOut()));
        }
        return out.append("Number of connections: ").append(rows.size()).append('\n').append(DONE).toString();
    }

    /**
     * {@code show connections detail}: one block per connection, with who the client says it is (its CID's
     * PROGRAM, HOST and USER) and its certificate's DN, addresses in Oracle's form.
     */
    public static String connectionsDetail(List<Connection> rows) {
        StringBuilder out = new StringBuilder();
        for (Connection c : rows) {
            out.append(row("Connection ID", Long.toString(c.id())))
                    .append(row("Gateway ID", Integer.toString(c.gateway())))
                    .append(row("State", c.state()))
                    .append(row("Service", client(c.service(), LogText.NAME)))
                    .append(row("Client address", Endpoints.address(c.client())))
                    .append(row("Server address", c.server().isEmpty() ? "-" : client(Endpoints.address(c.server()),
                            LogText.NAME * 2)))
                    .append(row("Program", orDash(c.program())))
                    .append(row("Host", orDash(c.host())))
                    .append(row("User", orDash(c.user())))
                    .append(row("Certificate DN", orDash(c.peer())))
                    .append(row("Start date", DATE.format(c.started())))
                    .append(row("Age", hms(c.ageSeconds())))
                    .append(row("Idle", hms(c.idleSeconds())))
                    .append(row("Bytes in", Long.toString(c.bytesIn())))
                    .append(row("Bytes out", Long.toString(c.bytesOut())))
                    .append('\n');
        }
        return out.append("Number of connections: ").append(rows.size()).append('\n').append(DONE).toString();
    }

    /** The rule tester's answer: the rule, its action, or that none covers the connect. */
    public static String ruleCheck(RuleCheck r) {
        StringBuilder out = new StringBuilder("Connect from ").append(client(r.source(), LogText.NAME))
                .append(" to ").append(client(r.destination(), LogText.NAME)).append(" for ")
                .append(client(r.service(), LogText.NAME)).append('\n');
        if (r.position() > 0) {
            out.append(String.format(Locale.ROOT, "  %3d %s%n", r.position(), r.rule()));
        }
        out.append(r.verdict()).append('\n');
        if (!r.unresolved().isEmpty()) {
            out.append("Taken as unknown (no answer in time): ").append(client(String.join(", ", r.unresolved()),
                    LogText.TEXT)).append('\n');
        }
        return out.append(DONE).toString();
    }

    /** {@code show defaults}: what each parameter is when cman.ora and SET say nothing. */
    public static String defaults(List<ParameterValue> parameters) {
        StringBuilder out = new StringBuilder();
        parameters.forEach(p -> out.append(row(p.name(), p.defaultValue())));
        return out.append(DONE).toString();
    }

    /** Client-controlled text for a terminal: control characters escaped, cut to {@code max}. */
    private static String client(String text, int max) {
        return LogText.of(text, max);
    }

    private static String orDash(String clientText) {
        return clientText == null || clientText.isEmpty() ? "-" : client(clientText, LogText.NAME);
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

    /** A label and several values, one a line, aligned under the first. */
    private static String rows(String label, List<String> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            out.append(row(i == 0 ? label : "", values.get(i)));
        }
        return out.toString();
    }

    private static String row(String label, String value) {
        return String.format(Locale.ROOT, "%-28s %s%n", label, value);
    }

    private static String hms(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        return String.format(Locale.ROOT, "%02d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
