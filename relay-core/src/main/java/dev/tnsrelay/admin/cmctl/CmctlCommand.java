package dev.tnsrelay.admin.cmctl;

import dev.tnsrelay.admin.AdminError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One cmctl command line, parsed:
 * <pre>
 * administer [-c] [instance]
 * show status | services | gateways | rules | parameters | defaults | events | blocked | version | all
 * show connections [detail | count] [in state] [gt [[hh:]mm:]ss] [from source] [to destination] [for service]
 *                  [using gateway] [for program|user|host name]
 * show connections [detail | count] id …
 * show rules for source destination service          (which rule meets such a connect: the rule tester)
 * close connections [the same filters]
 * suspend gateway[s] [id …] | resume gateway[s] [id …]
 * unblock address                                   (tnsrelay: lifts an IP rate limit's block)
 * reload | set parameter value | set event group on|off | shutdown [normal | abort] | startup
 * help [command] | exit | quit
 * </pre>
 * and, for a cluster (tnsrelay's own): {@code show cluster [events | audit]}, {@code node host:port} (or
 * {@code node *}) among the connection filters, {@code suspend | resume | drain | startup node host:port}.
 * Any command may name the instance it is for with {@code -c instance}, as with Oracle's cmctl; the runner
 * answers TNS-04005 when that is not the instance it administers. Keywords are case-insensitive; a value with
 * spaces is written in double quotes. A command that is not one of these is an
 * {@link dev.tnsrelay.admin.AdminException} with cmctl's message (TNS-04014).
 */
public record CmctlCommand(Verb verb, String what, SessionFilter filter, boolean count, boolean detail,
        List<Integer> gateways, String parameter, String value, Optional<String> instance, List<String> ruleCheck) {

    public enum Verb {
        ADMINISTER, SHOW, CLOSE, SUSPEND, RESUME, RELOAD, SET, SHUTDOWN, STARTUP, DRAIN, HELP, EXIT, UNBLOCK
    }

    static final List<String> SHOWABLE = List.of("all", "blocked", "connections", "defaults", "events", "gateways",
            "parameters", "rules", "services", "status", "version", "cluster");

    public CmctlCommand {
        gateways = List.copyOf(gateways);
        ruleCheck = List.copyOf(ruleCheck);
    }

    private static CmctlCommand of(Verb verb, String what) {
        return new CmctlCommand(verb, what, SessionFilter.ALL, false, false, List.of(), null, null, Optional.empty(),
                List.of());
    }

    private CmctlCommand withFilter(SessionFilter f, boolean isCount, boolean isDetail) {
        return new CmctlCommand(verb, what, f, isCount, isDetail, gateways, parameter, value, instance, ruleCheck);
    }

    private CmctlCommand withParameter(String p, String v) {
        return new CmctlCommand(verb, what, filter, count, detail, gateways, p, v, instance, ruleCheck);
    }

    private CmctlCommand withGateways(List<Integer> ids) {
        return new CmctlCommand(verb, what, filter, count, detail, ids, parameter, value, instance, ruleCheck);
    }

    private CmctlCommand withRuleCheck(List<String> check) {
        return new CmctlCommand(verb, what, filter, count, detail, gateways, parameter, value, instance, check);
    }

    private CmctlCommand forInstance(Optional<String> name) {
        return new CmctlCommand(verb, what, filter, count, detail, gateways, parameter, value, name, ruleCheck);
    }

    /** Words back into one command line, a word with spaces in double quotes (a shell's arguments). */
    public static String line(List<String> words) {
        return String.join(" ", words.stream().map(Words::quote).toList());
    }

    /** A command that only looks: run with GET over REST. */
    public boolean readOnly() {
        return verb == Verb.SHOW || verb == Verb.ADMINISTER || verb == Verb.HELP || verb == Verb.EXIT;
    }

    public static CmctlCommand parse(String line) {
        List<String> t = Words.of(line);
        Optional<String> instance = instanceOption(t);
        if (t.isEmpty()) {
            throw AdminError.INVALID.exception("empty command; help lists the commands");
        }
        CmctlCommand c = parse(t.remove(0).toLowerCase(Locale.ROOT), t, instance);
        return instance.isPresent() ? c.forInstance(instance) : c;
    }

    /** Takes {@code -c instance} out of the words, wherever it stands (cmctl puts it last). */
    private static Optional<String> instanceOption(List<String> t) {
        Optional<String> name = Optional.empty();
        for (int i = 1; i < t.size(); i++) {
            if (t.get(i).equalsIgnoreCase("-c")) {
                if (i + 1 >= t.size() || name.isPresent()) {
                    throw AdminError.INVALID.exception("-c needs one instance name");
                }
                name = Optional.of(t.get(i + 1));
                t.remove(i + 1);
                t.remove(i);
                i--;
            }
        }
        return name;
    }

    private static CmctlCommand parse(String verb, List<String> t, Optional<String> instance) {
        switch (verb) {
            case "administer" -> {
                if (!t.isEmpty() && t.get(0).equalsIgnoreCase("-c")) {
                    t.remove(0);
                }
                CmctlCommand c = of(Verb.ADMINISTER, "");
                if (!t.isEmpty()) {
                    if (instance.isPresent()) {
                        throw AdminError.INVALID.exception("administer names one instance");
                    }
                    return noMore(t, c.forInstance(Optional.of(t.remove(0))));
                }
                return c;
            }
            case "show" -> {
                return show(t);
            }
            case "close" -> {
                String what = next(t, "close connections [filters]");
                if (!what.equalsIgnoreCase("connections")) {
                    throw AdminError.INVALID.exception("close " + what + " is not known; close connections");
                }
                return noMore(t, of(Verb.CLOSE, "connections").withFilter(SessionFilter.read(t), false, false));
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
                return of(verb.equals("suspend") ? Verb.SUSPEND : Verb.RESUME, "gateways").withGateways(ids);
            }
            case "unblock" -> {
                String address = next(t, "unblock <ip address>");
                return noMore(t, of(Verb.UNBLOCK, "").withParameter(address, null));
            }
            case "reload" -> {
                return noMore(t, of(Verb.RELOAD, ""));
            }
            case "set" -> {
                return set(t);
            }
            case "shutdown" -> {
                String mode = t.isEmpty() ? "normal" : t.remove(0).toLowerCase(Locale.ROOT);
                if (!mode.equals("normal") && !mode.equals("abort")) {
                    throw AdminError.INVALID.exception("shutdown " + mode + "; shutdown [normal | abort]");
                }
                return noMore(t, of(Verb.SHUTDOWN, mode));
            }
            case "startup" -> {
                if (!t.isEmpty() && t.get(0).equalsIgnoreCase("node")) {
                    t.remove(0);
                    return node(Verb.STARTUP, t);
                }
                return noMore(t, of(Verb.STARTUP, ""));
            }
            case "drain" -> {
                String what = next(t, "drain node host:port");
                if (!what.equalsIgnoreCase("node")) {
                    throw AdminError.INVALID.exception("drain " + what + " is not known; drain node host:port");
                }
                return node(Verb.DRAIN, t);
            }
            case "help" -> {
                String topic = String.join(" ", t).toLowerCase(Locale.ROOT);
                t.clear();
                return of(Verb.HELP, topic);
            }
            case "exit", "quit" -> {
                return noMore(t, of(Verb.EXIT, verb));
            }
            case "save_passwd" -> throw AdminError.INVALID.exception("save_passwd: tnsrelay keeps administrators,"
                    + " hashed, in its state folder; add or change one with bin/tnsrelay-passwd");
            default -> throw AdminError.INVALID.exception(verb + " is not a command; commands are "
                    + String.join(", ", CmctlHelp.COMMANDS));
        }
    }

    private static CmctlCommand show(List<String> t) {
        String what = next(t, "show what? " + String.join(", ", SHOWABLE)).toLowerCase(Locale.ROOT);
        if (!SHOWABLE.contains(what)) {
            throw AdminError.INVALID.exception("show " + what + " is not known; show " + String.join(", ", SHOWABLE));
        }
        CmctlCommand c = of(Verb.SHOW, what);
        if (what.equals("cluster")) {
            String part = t.isEmpty() ? null : t.remove(0).toLowerCase(Locale.ROOT);
            if (part != null && !part.equals("events") && !part.equals("audit")) {
                throw AdminError.INVALID.exception("show cluster " + part + "; show cluster [events | audit]");
            }
            return noMore(t, c.withParameter(part, null));
        }
        if (what.equals("connections")) {
            String mode = t.isEmpty() ? "" : t.get(0).toLowerCase(Locale.ROOT);
            boolean isCount = mode.equals("count");
            boolean isDetail = mode.equals("detail");
            if (isCount || isDetail) {
                t.remove(0);
            }
            return noMore(t, c.withFilter(SessionFilter.read(t), isCount, isDetail));
        }
        if (what.equals("rules") && !t.isEmpty()) {
            if (!t.get(0).equalsIgnoreCase("for") || t.size() != 4) {
                throw AdminError.INVALID.exception("show rules for <source> <destination> <service>");
            }
            return c.withRuleCheck(List.of(t.get(1), t.get(2), t.get(3)));
        }
        return noMore(t, c);
    }

    private static CmctlCommand set(List<String> t) {
        if (!t.isEmpty() && t.get(0).equalsIgnoreCase("event")) {
            t.remove(0);
            String group = next(t, "set event group on|off").toLowerCase(Locale.ROOT);
            String onOff = next(t, "set event " + group + " on|off").toLowerCase(Locale.ROOT);
            if (!onOff.equals("on") && !onOff.equals("off")) {
                throw AdminError.INVALID.exception("set event " + group + " " + onOff + "; set event group on|off");
            }
            return noMore(t, of(Verb.SET, "event").withParameter(group, onOff));
        }
        String parameter = next(t, "set parameter value");
        String value = next(t, "set " + parameter + " value");
        return noMore(t, of(Verb.SET, "").withParameter(parameter.toUpperCase(Locale.ROOT), value));
    }

    /** {@code <verb> node host:port}: the node's name is in {@link #parameter()}. */
    private static CmctlCommand node(Verb verb, List<String> t) {
        String node = next(t, verb.name().toLowerCase(Locale.ROOT) + " node host:port");
        return noMore(t, of(verb, "node").withParameter(node, null));
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
