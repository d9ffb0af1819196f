package dev.tnsrelay.admin;

import dev.tnsrelay.config.CmanInstance;
import dev.tnsrelay.config.CmanParameter;
import dev.tnsrelay.gateway.Event;
import dev.tnsrelay.gateway.GatewayInfo;
import dev.tnsrelay.gateway.RelayEngine;
import dev.tnsrelay.gateway.SessionInfo;
import dev.tnsrelay.registry.ServicesReport;
import dev.tnsrelay.rules.Rule;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Runs cmctl commands against a running instance and answers in cmctl's layouts; every admin surface (command
 * line, REST, JMX, screens) goes through here, so all show the same truth.
 */
public final class Cmctl {

    private static final String DONE = "The command completed successfully.\n";
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final RelayEngine engine;
    private final Supplier<CmanInstance> reread;

    /** @param reread reads cman.ora again, for RELOAD */
    public Cmctl(RelayEngine engine, Supplier<CmanInstance> reread) {
        this.engine = engine;
        this.reread = reread;
    }

    public String run(String line) {
        return run(CmctlCommand.parse(line));
    }

    public String run(CmctlCommand c) {
        return switch (c.verb()) {
            case SHOW -> show(c);
            case CLOSE -> {
                int n = engine.close(c.filter().predicate(java.time.Instant.now()));
                if (n == 0) {
                    throw new CmctlException("TNS-04049: Specified connections do not exist");
                }
                yield n + " connection(s) closed\n" + DONE;
            }
            case SUSPEND, RESUME -> {
                List<Integer> ids = c.gateways().isEmpty()
                        ? engine.gateways().stream().map(GatewayInfo::id).toList() : c.gateways();
                for (int id : ids) {
                    try {
                        if (c.verb() == CmctlCommand.Verb.SUSPEND) {
                            engine.suspend(id);
                        } else {
                            engine.resume(id);
                        }
                    } catch (IllegalArgumentException e) {
                        throw new CmctlException("TNS-04072: Unable to " + c.verb().name().toLowerCase(Locale.ROOT)
                                + " at least one of the gateways: " + e.getMessage());
                    }
                }
                yield DONE;
            }
            case RELOAD -> {
                engine.reload(reread.get());
                yield DONE;
            }
            case SET -> {
                if (c.what().equals("event")) {
                    yield setEvent(c.parameter(), c.value().equals("on"));
                }
                CmanParameter p = CmanParameter.byName(c.parameter()).orElseThrow(() ->
                        new CmctlException("TNS-04014: " + c.parameter() + " is not a parameter"));
                try {
                    engine.set(p, c.value());
                } catch (IllegalArgumentException e) {
                    throw new CmctlException("TNS-04014: " + p + ": " + e.getMessage());
                }
                yield p.name().toLowerCase(Locale.ROOT) + " set to " + c.value() + "\n" + DONE;
            }
            case SHUTDOWN -> {
                if (c.what().equals("abort")) {
                    engine.shutdownAbort();
                } else {
                    engine.shutdownNormal();
                }
                yield DONE;
            }
        };
    }

    /** SET EVENT: one group in or out of EVENT_GROUP, the others as they are. */
    private String setEvent(String group, boolean on) {
        List<String> groups = new java.util.ArrayList<>(engine.parameters().list(CmanParameter.EVENT_GROUP));
        groups.remove(group);
        if (on) {
            groups.add(group);
        }
        try {
            CmanParameter.EVENT_GROUP.requireOffered(group);
            engine.set(CmanParameter.EVENT_GROUP, String.join(",", groups));
        } catch (IllegalArgumentException e) {
            throw new CmctlException("TNS-04014: event " + group + ": " + e.getMessage());
        }
        return "event " + group + " set to " + (on ? "on" : "off") + "\n" + DONE;
    }

    private String show(CmctlCommand c) {
        return switch (c.what()) {
            case "status" -> status();
            case "gateways" -> gateways();
            case "connections" -> connections(c);
            case "services" -> ServicesReport.format(engine.registry().snapshot());
            case "rules" -> rules();
            case "parameters" -> parameters();
            case "version" -> "CMCTL for tnsrelay: Version " + version() + "\n" + DONE;
            case "events" -> events();
            default -> status() + gateways() + rules() + parameters() + ServicesReport.format(engine.registry().snapshot());
        };
    }

    private String status() {
        Duration up = Duration.between(engine.startedAt(), java.time.Instant.now());
        List<GatewayInfo> g = engine.gateways();
        double load = g.stream().mapToInt(GatewayInfo::active).average().orElse(0);
        return "Status of the Instance\n----------------------\n"
                + row("Instance name", engine.name())
                + row("Version", "tnsrelay " + version())
                + row("Start date", DATE.format(engine.startedAt()))
                + row("Uptime", String.format(Locale.ROOT, "%d days %d hr. %d min. %d sec", up.toDays(),
                        up.toHoursPart(), up.toMinutesPart(), up.toSecondsPart()))
                + row("Num of gateways started", Integer.toString(g.size()))
                + row("Average Load level", String.format(Locale.ROOT, "%.0f", load))
                + row("Log Level", engine.parameters().text(CmanParameter.LOG_LEVEL).toUpperCase(Locale.ROOT))
                + row("Trace Level", engine.parameters().text(CmanParameter.TRACE_LEVEL).toUpperCase(Locale.ROOT))
                + row("Instance Config file", engine.configSource())
                + row("Listening on", engine.listenAddresses().toString())
                + DONE;
    }

    private String gateways() {
        StringBuilder out = new StringBuilder();
        for (GatewayInfo g : engine.gateways()) {
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

    private String connections(CmctlCommand c) {
        List<SessionInfo> rows = engine.sessions(c.filter().predicate(java.time.Instant.now()));
        if (c.count()) {
            return "Number of connections: " + rows.size() + "\n" + DONE;
        }
        if (rows.isEmpty()) {
            throw new CmctlException("TNS-04049: Specified connections do not exist");
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-6s %-24s %-24s %-16s %-3s %-14s %-9s %-9s %12s %12s%n",
                "ID", "CLIENT", "SERVER", "SERVICE", "GW", "STATE", "AGE", "IDLE", "BYTES IN", "BYTES OUT"));
        java.time.Instant now = java.time.Instant.now();
        for (SessionInfo s : rows) {
            out.append(String.format(Locale.ROOT, "%-6d %-24s %-24s %-16s %-3d %-14s %-9s %-9s %12d %12d%n", s.id(),
                    s.client(), s.server(), s.service(), s.gateway(), s.state().name().toLowerCase(Locale.ROOT),
                    hms(Duration.between(s.start(), now)), hms(s.idle()), s.bytesIn(), s.bytesOut()));
        }
        return out.append("Number of connections: ").append(rows.size()).append('\n').append(DONE).toString();
    }

    private String rules() {
        StringBuilder out = new StringBuilder("Rules:\n");
        List<Rule> rules = engine.rules().rules();
        for (int i = 0; i < rules.size(); i++) {
            out.append(String.format(Locale.ROOT, "  %3d %s%n", i + 1, rules.get(i).text()));
        }
        return out.append(DONE).toString();
    }

    private String events() {
        StringBuilder out = new StringBuilder();
        for (Event e : engine.events().since(0, 100)) {
            out.append(String.format(Locale.ROOT, "%s %-9s %s%n", DATE.format(e.time()), e.kind(), e.text()));
        }
        return out.append(DONE).toString();
    }

    private String parameters() {
        StringBuilder out = new StringBuilder();
        engine.parameters().asMap().forEach((p, v) -> out.append(row(p.name(), p.write(v))));
        return out.append(DONE).toString();
    }

    private static String row(String label, String value) {
        return String.format(Locale.ROOT, "%-28s %s%n", label, value);
    }

    private static String hms(Duration d) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    static String version() {
        String v = Cmctl.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }
}
