package dev.tnsrelay.admin.cmctl;

import dev.tnsrelay.admin.AdminError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One cmctl command line, parsed:
 * <pre>
 * show status | services | gateways | rules | parameters | events | version | all
 * show connections [count] [in state] [gt [[hh:]mm:]ss] [from source] [to destination] [for service] [using gateway]
 * show connections [count] id …
 * close connections [the same filters]
 * suspend gateway[s] [id …] | resume gateway[s] [id …]
 * reload | set parameter value | set event group on|off | shutdown [normal | abort] | startup
 * </pre>
 * and, for a cluster (tnsrelay's own): {@code show cluster [events | audit]}, {@code node host:port} (or
 * {@code node *}) among the connection filters, {@code suspend | resume | drain | startup node host:port}.
 * Keywords are case-insensitive. A command that is not one of these is an {@link dev.tnsrelay.admin.AdminException}
 * with cmctl's message (TNS-04014).
 */
public record CmctlCommand(Verb verb, String what, SessionFilter filter, boolean count, List<Integer> gateways,
        String parameter, String value) {

    public enum Verb { SHOW, CLOSE, SUSPEND, RESUME, RELOAD, SET, SHUTDOWN, STARTUP, DRAIN }

    private static final List<String> SHOWABLE = List.of("status", "services", "connections", "gateways", "rules",
            "parameters", "events", "version", "all", "cluster");

    public static CmctlCommand parse(String line) {
        List<String> t = new ArrayList<>(Arrays.asList(line.strip().split("\\s+")));
        t.removeIf(String::isEmpty);
        if (t.isEmpty()) {
            throw AdminError.INVALID.exception("empty command");
        }
        String verb = t.remove(0).toLowerCase(Locale.ROOT);
        switch (verb) {
            case "show" -> {
                String what = next(t, "show what? " + String.join(", ", SHOWABLE)).toLowerCase(Locale.ROOT);
                if (!SHOWABLE.contains(what)) {
                    throw AdminError.INVALID.exception("show " + what + " is not known; show " + String.join(", ", SHOWABLE));
                }
                if (what.equals("cluster")) {
                    String part = t.isEmpty() ? null : t.remove(0).toLowerCase(Locale.ROOT);
                    if (part != null && !part.equals("events") && !part.equals("audit")) {
                        throw AdminError.INVALID.exception("show cluster " + part + "; show cluster [events | audit]");
                    }
                    return noMore(t, new CmctlCommand(Verb.SHOW, what, SessionFilter.ALL, false, List.of(), part, null));
                }
                boolean count = what.equals("connections") && !t.isEmpty() && t.get(0).equalsIgnoreCase("count");
                if (count) {
                    t.remove(0);
                }
                SessionFilter f = what.equals("connections") ? noMore(t, SessionFilter.read(t)) : noMore(t, SessionFilter.ALL);
                return new CmctlCommand(Verb.SHOW, what, f, count, List.of(), null, null);
            }
            case "close" -> {
                String what = next(t, "close connections [filters]");
                if (!what.equalsIgnoreCase("connections")) {
                    throw AdminError.INVALID.exception("close " + what + " is not known; close connections");
                }
                return new CmctlCommand(Verb.CLOSE, "connections", noMore(t, SessionFilter.read(t)), false, List.of(), null,
                        null);
            }
            case "suspend", "resume" -> {
                String what = next(t, verb + " gateway [id ...]").toLowerCase(Locale.ROOT);
                if (what.equals("node")) {
                    return node(verb.equals("suspend") ? Verb.SUSPEND : Verb.RESUME, t);
                }
                if (!what.equals("gateway") && !what.equals("gateways")) {
                    throw AdminError.INVALID.exception(verb + " " + what + " is not known; " + verb + " gateway");
                }
                List<Integer> ids = new ArrayList<>();
                for (String id : t) {
                    ids.add(number(id, "gateway id"));
                }
                return new CmctlCommand(verb.equals("suspend") ? Verb.SUSPEND : Verb.RESUME, "gateways",
                        SessionFilter.ALL, false, ids, null, null);
            }
            case "reload" -> {
                return noMore(t, new CmctlCommand(Verb.RELOAD, "", SessionFilter.ALL, false, List.of(), null, null));
            }
            case "set" -> {
                if (!t.isEmpty() && t.get(0).equalsIgnoreCase("event")) {
                    t.remove(0);
                    String group = next(t, "set event group on|off").toLowerCase(Locale.ROOT);
                    String onOff = next(t, "set event " + group + " on|off").toLowerCase(Locale.ROOT);
                    if (!onOff.equals("on") && !onOff.equals("off")) {
                        throw AdminError.INVALID.exception("set event " + group + " " + onOff + "; set event group on|off");
                    }
                    return noMore(t, new CmctlCommand(Verb.SET, "event", SessionFilter.ALL, false, List.of(), group, onOff));
                }
                String parameter = next(t, "set parameter value");
                String value = next(t, "set " + parameter + " value");
                return noMore(t, new CmctlCommand(Verb.SET, "", SessionFilter.ALL, false, List.of(),
                        parameter.toUpperCase(Locale.ROOT), value));
            }
            case "shutdown" -> {
                String mode = t.isEmpty() ? "normal" : t.remove(0).toLowerCase(Locale.ROOT);
                if (!mode.equals("normal") && !mode.equals("abort")) {
                    throw AdminError.INVALID.exception("shutdown " + mode + "; shutdown [normal | abort]");
                }
                return noMore(t, new CmctlCommand(Verb.SHUTDOWN, mode, SessionFilter.ALL, false, List.of(), null, null));
            }
            case "startup" -> {
                if (!t.isEmpty() && t.get(0).equalsIgnoreCase("node")) {
                    t.remove(0);
                    return node(Verb.STARTUP, t);
                }
                return noMore(t, new CmctlCommand(Verb.STARTUP, "", SessionFilter.ALL, false, List.of(), null, null));
            }
            case "drain" -> {
                String what = next(t, "drain node host:port");
                if (!what.equalsIgnoreCase("node")) {
                    throw AdminError.INVALID.exception("drain " + what + " is not known; drain node host:port");
                }
                return node(Verb.DRAIN, t);
            }
            default -> throw AdminError.INVALID.exception(verb + " is not a command; commands are show, close,"
                    + " suspend, resume, reload, set, shutdown, startup, drain");
        }
    }

    /** {@code <verb> node host:port}: the node's name is in {@link #parameter()}. */
    private static CmctlCommand node(Verb verb, List<String> t) {
        String node = next(t, verb.name().toLowerCase(Locale.ROOT) + " node host:port");
        return noMore(t, new CmctlCommand(verb, "node", SessionFilter.ALL, false, List.of(), node, null));
    }

    /** {@code [[hh:]mm:]ss}. */
    static Duration duration(String s) {
        String[] parts = s.split(":");
        if (parts.length > 3) {
            throw AdminError.INVALID.exception(s + " is not [[hh:]mm:]ss");
        }
        long seconds = 0;
        for (String p : parts) {
            seconds = seconds * 60 + number(p, "time");
        }
        return Duration.ofSeconds(seconds);
    }

    static int number(String s, String what) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw AdminError.INVALID.exception(what + " must be a number, not " + s);
        }
    }

    static String next(List<String> t, String usage) {
        if (t.isEmpty()) {
            throw AdminError.INVALID.exception("incomplete command; " + usage);
        }
        return t.remove(0);
    }

    private static <T> T noMore(List<String> t, T result) {
        if (!t.isEmpty()) {
            throw AdminError.INVALID.exception("unexpected " + String.join(" ", t));
        }
        return result;
    }
}
