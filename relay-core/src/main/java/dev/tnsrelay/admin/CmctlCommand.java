package dev.tnsrelay.admin;

import dev.tnsrelay.gateway.SessionFilter;
import dev.tnsrelay.gateway.SessionState;
import dev.tnsrelay.rules.HostPattern;
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
 * reload | set parameter value | set event group on|off | shutdown [normal | abort]
 * </pre>
 * Keywords are case-insensitive. A command that is not one of these is a {@link CmctlException} with cmctl's
 * message.
 */
public record CmctlCommand(Verb verb, String what, SessionFilter filter, boolean count, List<Integer> gateways,
        String parameter, String value) {

    public enum Verb { SHOW, CLOSE, SUSPEND, RESUME, RELOAD, SET, SHUTDOWN }

    private static final List<String> SHOWABLE = List.of("status", "services", "connections", "gateways", "rules",
            "parameters", "events", "version", "all");

    public static CmctlCommand parse(String line) {
        List<String> t = new ArrayList<>(Arrays.asList(line.strip().split("\\s+")));
        t.removeIf(String::isEmpty);
        if (t.isEmpty()) {
            throw new CmctlException("TNS-04014: empty command");
        }
        String verb = t.remove(0).toLowerCase(Locale.ROOT);
        switch (verb) {
            case "show" -> {
                String what = next(t, "show what? " + String.join(", ", SHOWABLE)).toLowerCase(Locale.ROOT);
                if (!SHOWABLE.contains(what)) {
                    throw new CmctlException("TNS-04014: show " + what + " is not known; show " + String.join(", ", SHOWABLE));
                }
                boolean count = what.equals("connections") && !t.isEmpty() && t.get(0).equalsIgnoreCase("count");
                if (count) {
                    t.remove(0);
                }
                SessionFilter f = what.equals("connections") ? filter(t) : noMore(t, SessionFilter.ALL);
                return new CmctlCommand(Verb.SHOW, what, f, count, List.of(), null, null);
            }
            case "close" -> {
                String what = next(t, "close connections [filters]");
                if (!what.equalsIgnoreCase("connections")) {
                    throw new CmctlException("TNS-04014: close " + what + " is not known; close connections");
                }
                return new CmctlCommand(Verb.CLOSE, "connections", filter(t), false, List.of(), null, null);
            }
            case "suspend", "resume" -> {
                String what = next(t, verb + " gateway [id ...]").toLowerCase(Locale.ROOT);
                if (!what.equals("gateway") && !what.equals("gateways")) {
                    throw new CmctlException("TNS-04014: " + verb + " " + what + " is not known; " + verb + " gateway");
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
                        throw new CmctlException("TNS-04014: set event " + group + " " + onOff + "; set event group on|off");
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
                    throw new CmctlException("TNS-04014: shutdown " + mode + "; shutdown [normal | abort]");
                }
                return noMore(t, new CmctlCommand(Verb.SHUTDOWN, mode, SessionFilter.ALL, false, List.of(), null, null));
            }
            default -> throw new CmctlException("TNS-04014: " + verb + " is not a command; commands are show, close,"
                    + " suspend, resume, reload, set, shutdown");
        }
    }

    private static SessionFilter filter(List<String> t) {
        SessionFilter f = SessionFilter.ALL;
        List<Long> ids = new ArrayList<>();
        while (!t.isEmpty() && t.get(0).matches("\\d{1,18}")) {
            ids.add(Long.parseLong(t.remove(0)));
        }
        if (!ids.isEmpty()) {
            return noMore(t, f.withIds(ids));
        }
        while (!t.isEmpty()) {
            String word = t.remove(0).toLowerCase(Locale.ROOT);
            String arg = next(t, word + " needs a value");
            f = switch (word) {
                case "in" -> f.inState(state(arg));
                case "gt" -> f.olderThan(duration(arg));
                case "from" -> f.from(host(arg));
                case "to" -> f.to(arg);
                case "for" -> f.forService(arg);
                case "using" -> f.using(number(arg, "gateway id"));
                default -> throw new CmctlException("TNS-04014: " + word
                        + " is not a filter; filters are in, gt, from, to, for, using");
            };
        }
        return f;
    }

    private static SessionState state(String s) {
        try {
            return SessionState.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CmctlException("TNS-04014: state " + s + " is not known; states are "
                    + Arrays.toString(SessionState.values()).toLowerCase(Locale.ROOT));
        }
    }

    /** {@code [[hh:]mm:]ss}. */
    static Duration duration(String s) {
        String[] parts = s.split(":");
        if (parts.length > 3) {
            throw new CmctlException("TNS-04014: " + s + " is not [[hh:]mm:]ss");
        }
        long seconds = 0;
        for (String p : parts) {
            seconds = seconds * 60 + number(p, "time");
        }
        return Duration.ofSeconds(seconds);
    }

    private static HostPattern host(String s) {
        try {
            return HostPattern.parse(s);
        } catch (IllegalArgumentException e) {
            throw new CmctlException("TNS-04014: from " + s + ": " + e.getMessage());
        }
    }

    private static int number(String s, String what) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new CmctlException("TNS-04014: " + what + " must be a number, not " + s);
        }
    }

    private static String next(List<String> t, String usage) {
        if (t.isEmpty()) {
            throw new CmctlException("TNS-04014: incomplete command; " + usage);
        }
        return t.remove(0);
    }

    private static <T> T noMore(List<String> t, T result) {
        if (!t.isEmpty()) {
            throw new CmctlException("TNS-04014: unexpected " + String.join(" ", t));
        }
        return result;
    }
}
