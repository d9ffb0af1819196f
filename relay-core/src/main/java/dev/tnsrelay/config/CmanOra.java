package dev.tnsrelay.config;

import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.descriptor.NetValues;
import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.net.NvFile;
import dev.tnsrelay.net.NvPair;
import dev.tnsrelay.net.NvParser;
import dev.tnsrelay.net.NvValue;
import dev.tnsrelay.net.TextPosition;
import dev.tnsrelay.rules.ActionList;
import dev.tnsrelay.rules.DnPattern;
import dev.tnsrelay.rules.HostPattern;
import dev.tnsrelay.rules.Rule;
import dev.tnsrelay.rules.RuleAction;
import dev.tnsrelay.rules.RuleList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads cman.ora:
 * {@code NAME = (CONFIGURATION=(ADDRESS=…|ADDRESS_LIST=…)(RULE_LIST=(RULE=…)…)(PARAMETER_LIST=…))}.
 *
 * <p>Strict, as a gateway's configuration must be: the first thing that is not valid stops the load with a
 * {@link NetParseException} that gives file, line and column. That includes an unknown parameter (with the
 * closest known name), an ACT other than accept/reject/drop, a partial wildcard address, a missing
 * RULE_LIST (no rules would mean no access at all), the Oracle 8i/9i layout with separate CMAN_RULES and
 * CMAN_PROFILE entries, PASSWORD_* (tnsrelay keeps no password in cman.ora), and every parameter or
 * ACTION_LIST value tnsrelay does not honour ({@link Support}), with the reason and what to do instead.
 */
public final class CmanOra {

    private static final Set<String> SECTIONS = Set.of("ADDRESS", "ADDRESS_LIST", "RULE_LIST", "PARAMETER_LIST",
            "SERVICE_LIST");
    /** SRC_DN is tnsrelay's own: the subject DN of the client's certificate on a TCPS endpoint. */
    private static final Set<String> RULE_KEYS = Set.of("SRC", "DST", "SRV", "ACT", "ACTION_LIST", "SRC_DN");
    private static final List<String> ACTION_KEYS = ActionListKey.names();
    private static final Set<String> LEGACY = Set.of("CMAN_RULES", "CMAN_PROFILE", "CMAN_ADMIN");

    private CmanOra() {
    }

    public static CmanConfiguration load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.ISO_8859_1), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configuration tnsrelay runs with when it is given none: loopback only, local clients only. */
    public static CmanConfiguration embeddedDefault() {
        return parse(embeddedDefaultText(), "embedded default cman.ora");
    }

    static String embeddedDefaultText() {
        try (var in = CmanOra.class.getResourceAsStream("default-cman.ora")) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CmanConfiguration parse(String text, String source) {
        NvFile file = NvParser.parseFile(text, source);
        if (!file.problems().isEmpty()) {
            throw file.problems().get(0).error();
        }
        List<CmanInstance> instances = new ArrayList<>();
        Map<String, NvValue> other = new LinkedHashMap<>();
        TlsProfile tls = TlsProfile.DEFAULTS;
        for (NvFile.Entry entry : file.entries()) { // the file's TLS settings first: they apply to every instance
            Optional<TlsParameter> setting = TlsParameter.byName(entry.names().get(0));
            if (setting.isPresent() && entry.names().size() == 1) {
                tls = tls(tls, setting.get(), entry);
                other.put(setting.get().name(), entry.value());
            }
        }
        for (NvFile.Entry entry : file.entries()) {
            NvPair pair = entry.asPair();
            String name = entry.names().get(0);
            String upper = name.toUpperCase(Locale.ROOT);
            if (entry.names().size() > 1) {
                throw new NetParseException(entry.position(), "a cman.ora entry has one name, not "
                        + String.join(", ", entry.names()));
            }
            if (TlsParameter.byName(upper).isPresent()) {
                continue;
            } else if (upper.startsWith("SQLNET.")) {
                other.put(upper, entry.value());
            } else if (LEGACY.contains(upper)) {
                throw legacy(entry, name);
            } else if (upper.startsWith("SSL_") || upper.startsWith("TLS_")) {
                throw new NetParseException(entry.position(), "unknown TLS setting " + name
                        + NameSuggestions.hint(name, TlsParameter.names()));
            } else {
                CmanInstance instance = instance(name, pair, entry, tls);
                if (instances.stream().anyMatch(i -> i.name().equalsIgnoreCase(name))) {
                    throw new NetParseException(entry.position(), "instance " + name + " is defined twice");
                }
                instances.add(instance);
            }
        }
        if (instances.isEmpty()) {
            throw new NetParseException(new TextPosition(source, 1, 1),
                    "no instance: expected NAME = (CONFIGURATION=(ADDRESS=…)(RULE_LIST=…)(PARAMETER_LIST=…))");
        }
        return new CmanConfiguration(source, instances, other);
    }

    private static NetParseException legacy(NvFile.Entry entry, String name) {
        return new NetParseException(entry.position(), name + " is the Oracle 8i/9i cman.ora layout; since 10g an"
                + " instance is one entry: NAME = (CONFIGURATION=(ADDRESS=…)(RULE_LIST=…)(PARAMETER_LIST=…))");
    }

    /** One TLS setting from the top of the file; WALLET_LOCATION is read from Oracle's descriptor form. */
    private static TlsProfile tls(TlsProfile tls, TlsParameter p, NvFile.Entry entry) {
        NvPair pair = entry.asPair();
        String text = p == TlsParameter.WALLET_LOCATION ? walletDirectory(pair) : textOf(pair);
        try {
            return tls.with(p, text, entry.position());
        } catch (IllegalArgumentException e) {
            throw new NetParseException(entry.position(), p.name() + ": " + e.getMessage());
        }
    }

    /** {@code (SOURCE=(METHOD=FILE)(METHOD_DATA=(DIRECTORY=…)))}: the directory; another METHOD is refused. */
    private static String walletDirectory(NvPair wallet) {
        String form = "WALLET_LOCATION = (SOURCE=(METHOD=FILE)(METHOD_DATA=(DIRECTORY=/path/to/wallet)))";
        if (wallet.isAtom()) {
            throw new NetParseException(wallet.position(), "WALLET_LOCATION: expected " + form);
        }
        NvPair source = wallet.child("SOURCE").orElseThrow(() -> new NetParseException(wallet.position(),
                "WALLET_LOCATION has no SOURCE; expected " + form));
        NetValues.requireContainer(source);
        String method = source.child("METHOD").map(NetValues::text).map(String::strip).orElse("");
        if (!method.equalsIgnoreCase("FILE")) {
            throw new NetParseException(source.position(), "WALLET_LOCATION: METHOD=" + (method.isEmpty() ? "(none)"
                    : method) + " is not offered: tnsrelay reads wallets from files only (METHOD=FILE); expected "
                    + form);
        }
        return source.child("METHOD_DATA").flatMap(d -> d.child("DIRECTORY")).map(NetValues::text)
                .map(String::strip).orElseThrow(() -> new NetParseException(source.position(),
                        "WALLET_LOCATION has no METHOD_DATA=(DIRECTORY=…); expected " + form));
    }

    private static CmanInstance instance(String name, NvPair pair, NvFile.Entry entry, TlsProfile tls) {
        List<NvPair> top = pair.children();
        if (top.size() != 1 || !top.get(0).name().equals("CONFIGURATION")) {
            if (!top.isEmpty() && top.get(0).name().equals("ADDRESS")) {
                throw legacy(entry, name + " = (ADDRESS=…)");
            }
            throw new NetParseException(entry.position(), "the value of " + name
                    + " must be one (CONFIGURATION=(ADDRESS=…)(RULE_LIST=…)(PARAMETER_LIST=…))");
        }
        NvPair configuration = top.get(0);
        NetValues.requireContainer(configuration);
        List<Address> addresses = new ArrayList<>();
        NvPair ruleList = null;
        NvPair parameterList = null;
        NvPair serviceList = null;
        for (NvPair section : configuration.children()) {
            switch (section.name()) {
                case "ADDRESS" -> addresses.add(listeningAddress(section));
                case "ADDRESS_LIST" -> {
                    NetValues.requireContainer(section);
                    for (NvPair a : section.children()) {
                        if (!a.name().equals("ADDRESS")) {
                            throw unknown(a, "in ADDRESS_LIST", Set.of("ADDRESS"));
                        }
                        addresses.add(listeningAddress(a));
                    }
                }
                case "RULE_LIST" -> ruleList = once(ruleList, section);
                case "PARAMETER_LIST" -> parameterList = once(parameterList, section);
                case "SERVICE_LIST" -> serviceList = once(serviceList, section);
                case "RULE_GROUP" -> throw new NetParseException(section.position(),
                        "RULE_GROUP (21c enhanced rule lists) is not supported yet: use RULE_LIST");
                case "RULE", "ACTION_LIST" -> throw new NetParseException(section.position(), section.name()
                        + " belongs inside RULE_LIST; is there one ')' too many before it?");
                default -> throw unknown(section, "in CONFIGURATION", SECTIONS);
            }
        }
        if (addresses.isEmpty()) {
            throw new NetParseException(configuration.position(), "CONFIGURATION of " + name
                    + " has no ADDRESS to listen on");
        }
        if (ruleList == null) {
            throw new NetParseException(configuration.position(), "CONFIGURATION of " + name
                    + " has no RULE_LIST; without rules every connection is rejected,"
                    + " so write at least (RULE_LIST=(RULE=(SRC=…)(DST=…)(SRV=…)(ACT=accept)))");
        }
        RuleList rules = rules(ruleList);
        CmanParameters parameters = parameterList == null ? CmanParameters.defaults() : parameters(parameterList);
        List<StaticService> services = serviceList == null ? List.of() : StaticServices.read(serviceList);
        for (Address a : addresses) {
            if (a.protocol().equals("tcps") && tls.wallet().isEmpty()) {
                throw new NetParseException(a.nv().position(), "a TCPS address needs a wallet: write"
                        + " WALLET_LOCATION = (SOURCE=(METHOD=FILE)(METHOD_DATA=(DIRECTORY=/path/to/wallet)))"
                        + " at the top of cman.ora, the folder holding ewallet.p12 or ewallet.pem");
            }
        }
        return new CmanInstance(name, addresses, rules, parameters, services, entry.position(), tls);
    }

    private static NvPair once(NvPair earlier, NvPair section) {
        if (earlier != null) {
            throw new NetParseException(section.position(), section.name() + " is given twice; the first is at line "
                    + earlier.position().line() + " column " + earlier.position().column());
        }
        NetValues.requireContainer(section);
        return section;
    }

    private static Address listeningAddress(NvPair pair) {
        Address a = Address.from(pair);
        if (!a.isTcp()) {
            throw new NetParseException(pair.position(), "tnsrelay listens on TCP or TCPS, not " + a.protocol());
        }
        return a;
    }

    private static RuleList rules(NvPair ruleList) {
        List<Rule> rules = new ArrayList<>();
        for (NvPair r : ruleList.children()) {
            if (r.name().equals("ACTION_LIST")) {
                throw new NetParseException(r.position(),
                        "ACTION_LIST belongs inside a RULE; is there one ')' too many before it?");
            }
            if (!r.name().equals("RULE")) {
                throw unknown(r, "in RULE_LIST", Set.of("RULE"));
            }
            rules.add(rule(r));
        }
        return new RuleList(rules);
    }

    /**
     * One rule as an administrator types it, {@code (RULE=(SRC=…)(DST=…)(SRV=…)(ACT=…))}, checked as strictly as
     * in cman.ora; errors carry the column in {@code source}.
     */
    public static Rule rule(String text, String source) {
        requireLatin1(text, source);
        NvPair r = NvParser.parse(text, source);
        if (!r.name().equals("RULE")) {
            throw new NetParseException(r.position(), "expected (RULE=(SRC=…)(DST=…)(SRV=…)(ACT=…)), found ("
                    + r.name() + "=…)");
        }
        return rule(r);
    }

    /** A rule is written into cman.ora, which is ISO-8859-1 text as Oracle's tools write it. */
    private static void requireLatin1(String text, String source) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0xff) {
                throw new NetParseException(new TextPosition(source, line, column), String.format(Locale.ROOT,
                        "cman.ora is ISO-8859-1 text, which has no U+%04X", text.codePointAt(i)));
            }
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
    }

    private static Rule rule(NvPair r) {
        NetValues.requireContainer(r);
        for (NvPair key : r.children()) {
            if (!RULE_KEYS.contains(key.name())) {
                throw unknown(key, "in RULE", RULE_KEYS);
            }
        }
        HostPattern src = host(required(r, "SRC"));
        HostPattern dst = host(required(r, "DST"));
        String srv = service(required(r, "SRV"));
        NvPair act = required(r, "ACT");
        RuleAction action;
        try {
            action = RuleAction.valueOf(NetValues.text(act).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NetParseException(act.position(), "ACT must be accept, reject or drop, not '"
                    + NetValues.text(act).strip() + "'");
        }
        ActionList actions = r.child("ACTION_LIST").map(CmanOra::actions).orElse(ActionList.NONE);
        DnPattern dn = r.child("SRC_DN").map(CmanOra::dn).orElse(DnPattern.ANY);
        return new Rule(src, dst, srv, action, actions, r.position(), dn);
    }

    private static DnPattern dn(NvPair pair) {
        try {
            return DnPattern.parse(NetValues.text(pair));
        } catch (IllegalArgumentException e) {
            throw new NetParseException(pair.position(), "SRC_DN: " + e.getMessage());
        }
    }

    private static NvPair required(NvPair rule, String key) {
        return rule.child(key).orElseThrow(() -> new NetParseException(rule.position(), "RULE has no " + key
                + "; a rule is (RULE=(SRC=…)(DST=…)(SRV=…)(ACT=accept|reject|drop))"));
    }

    /** The service name, which a rule edit must be able to write back into cman.ora as it is. */
    private static String service(NvPair pair) {
        String srv = NetValues.text(pair).strip();
        try {
            NvValue.Atom.of(srv);
        } catch (IllegalArgumentException e) {
            throw new NetParseException(pair.position(), "SRV: " + e.getMessage());
        }
        return srv;
    }

    private static HostPattern host(NvPair pair) {
        try {
            return HostPattern.parse(NetValues.text(pair));
        } catch (IllegalArgumentException e) {
            throw new NetParseException(pair.position(), pair.name() + ": " + e.getMessage());
        }
    }

    private static ActionList actions(NvPair list) {
        NetValues.requireContainer(list);
        for (NvPair key : list.children()) {
            if (!ACTION_KEYS.contains(key.name())) {
                throw unknown(key, "in ACTION_LIST", ACTION_KEYS);
            }
        }
        return new ActionList(
                list.child("AUT").map(p -> offered(p, ActionListKey.AUT, switchOf(p))),
                list.child("MOCT").map(p -> offered(p, ActionListKey.MOCT, seconds(p))),
                list.child("MCT").map(p -> offered(p, ActionListKey.MCT, seconds(p))),
                list.child("MIT").map(p -> offered(p, ActionListKey.MIT, seconds(p))),
                list.child("CONN_STATS").map(p -> offered(p, ActionListKey.CONN_STATS, switchOf(p))));
    }

    /** A key's value, if tnsrelay honours it; else the reason, where the key is written. */
    private static <T> T offered(NvPair p, ActionListKey key, T value) {
        try {
            key.support().check(key.parameter().written(value));
            return value;
        } catch (NotOfferedException e) {
            throw new NetParseException(p.position(), p.name() + ": " + e.getMessage());
        }
    }

    private static Duration seconds(NvPair p) {
        return Duration.ofSeconds(NetValues.integer(p, 0, Integer.MAX_VALUE));
    }

    private static boolean switchOf(NvPair p) {
        try {
            return (Boolean) new ParameterType.Switch().read(NetValues.text(p));
        } catch (IllegalArgumentException e) {
            throw new NetParseException(p.position(), p.name() + ": " + e.getMessage());
        }
    }

    private static CmanParameters parameters(NvPair list) {
        CmanParameters parameters = CmanParameters.defaults();
        for (NvPair p : list.children()) {
            if (p.name().startsWith("PASSWORD_")) {
                throw new NetParseException(p.position(), p.name() + ": tnsrelay keeps no password in cman.ora"
                        + " (Oracle desupported it in 23ai); administrators log in to the admin interface");
            }
            Optional<CmanParameter> known = CmanParameter.byName(p.name());
            if (known.isEmpty()) {
                throw unknown(p, "in PARAMETER_LIST", CmanParameter.names());
            }
            parameters = with(parameters, p, known.get());
        }
        int min = parameters.number(CmanParameter.MIN_GATEWAY_PROCESSES);
        int max = parameters.number(CmanParameter.MAX_GATEWAY_PROCESSES);
        if (min > max) {
            throw new NetParseException(list.position(), "MIN_GATEWAY_PROCESSES (" + min
                    + ") is more than MAX_GATEWAY_PROCESSES (" + max + ")");
        }
        return parameters;
    }

    /** The parameters with one more read from the file: a bad value, or one tnsrelay refuses, says where. */
    private static CmanParameters with(CmanParameters parameters, NvPair p, CmanParameter parameter) {
        try {
            return parameters.with(parameter, textOf(p));
        } catch (IllegalArgumentException e) {
            throw new NetParseException(p.position(), p.name() + ": " + e.getMessage());
        }
    }

    /** A parameter's text; a list {@code (a, b)} is read as {@code a, b}. */
    private static String textOf(NvPair p) {
        if (p.value() instanceof NvValue.Items items) {
            return String.join(", ", items.items().stream().map(NvValue.Atom::unquoted).toList());
        }
        return NetValues.text(p);
    }

    private static NetParseException unknown(NvPair pair, String where, Collection<String> known) {
        return new NetParseException(pair.position(), "unknown name " + pair.name() + " " + where
                + NameSuggestions.hint(pair.name(), known));
    }
}
