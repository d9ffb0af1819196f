package dev.tnsrelay.naming;

import dev.tnsrelay.descriptor.ConnectDescriptor;
import dev.tnsrelay.descriptor.NetValues;
import dev.tnsrelay.descriptor.ServerType;
import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.net.NvPair;
import dev.tnsrelay.net.NvValue;
import dev.tnsrelay.net.TextPosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Easy Connect Plus, as Oracle documents it:
 * {@code [[protocol:]//]host1{,host12}[:port1]{,host2:port2}{;host1…}[/[service_name][:server][/instance_name]][?name=value{&name=value}]}
 *
 * <p>Expansion choices, following Oracle's native client where it and python-oracledb differ:
 * <ul>
 *   <li>A port applies to every host before it back to the previous port; no port means 1521.</li>
 *   <li>Several hosts in one group get {@code (LOAD_BALANCE=ON)}, as the native client writes; with
 *       {@code ;} each group of several hosts becomes an ADDRESS_LIST that load-balances inside and the
 *       groups are tried in order (failover).</li>
 *   <li>{@code CONNECT_DATA} always carries SERVICE_NAME, empty when none is given (the listener then uses
 *       its default service).</li>
 *   <li>Parameters Oracle lists for the DESCRIPTION level go there; SSL_SERVER_DN_MATCH,
 *       SSL_SERVER_CERT_DN and WALLET_LOCATION go to SECURITY; HTTPS_PROXY(_PORT) to each ADDRESS;
 *       POOL_* to CONNECT_DATA. Other names are accepted and left out, as the clients do; a name that is
 *       not a plain word is an error.</li>
 * </ul>
 */
public final class EasyConnect {

    private static final Pattern PROTOCOL = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*)://");
    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*");
    private static final Set<String> DESCRIPTION_PARAMS = Set.of("ENABLE", "FAILOVER", "LOAD_BALANCE",
            "RECV_BUF_SIZE", "SEND_BUF_SIZE", "SDU", "SOURCE_ROUTE", "RETRY_COUNT", "RETRY_DELAY",
            "CONNECT_TIMEOUT", "TRANSPORT_CONNECT_TIMEOUT", "EXPIRE_TIME", "USE_SNI");
    private static final Map<String, String> SECURITY_PARAMS = Map.of("SSL_SERVER_DN_MATCH", "SSL_SERVER_DN_MATCH",
            "SSL_SERVER_CERT_DN", "SSL_SERVER_CERT_DN", "WALLET_LOCATION", "MY_WALLET_DIRECTORY");
    private static final Set<String> ADDRESS_PARAMS = Set.of("HTTPS_PROXY", "HTTPS_PROXY_PORT");
    private static final Set<String> CONNECT_DATA_PARAMS = Set.of("POOL_CONNECTION_CLASS", "POOL_PURITY",
            "POOL_BOUNDARY", "POOL_NAME");

    private EasyConnect() {
    }

    /** True if the text is not a descriptor and could be Easy Connect (it is not checked further). */
    public static boolean looksLike(String text) {
        String t = text.strip();
        return !t.isEmpty() && !t.startsWith("(");
    }

    public static ConnectDescriptor parse(String text) {
        try {
            return expand(text);
        } catch (NetParseException e) {
            // values are checked on pairs built in code: report them against the Easy Connect string
            throw e.position().line() == 0 ? error(e.detail()) : e;
        } catch (IllegalArgumentException e) {
            // a value that no quoting can write into a descriptor
            throw error(e.getMessage());
        }
    }

    private static ConnectDescriptor expand(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw error("an empty Easy Connect string");
        }
        int query = s.indexOf('?');
        String params = query < 0 ? "" : s.substring(query + 1);
        s = query < 0 ? s : s.substring(0, query);

        String protocol = "tcp";
        var m = PROTOCOL.matcher(s);
        if (m.lookingAt()) {
            protocol = m.group(1).toLowerCase(Locale.ROOT);
            if (!protocol.equals("tcp") && !protocol.equals("tcps")) {
                throw error("protocol " + m.group(1) + " is not supported by Easy Connect: use tcp or tcps");
            }
            s = s.substring(m.end());
        } else if (s.startsWith("//")) {
            s = s.substring(2);
        }

        int slash = firstSlashOutsideBrackets(s);
        String hostPart = slash < 0 ? s : s.substring(0, slash);
        String servicePart = slash < 0 ? null : s.substring(slash + 1);

        Map<String, String> named = parameters(params);
        List<List<NvPair>> groups = new ArrayList<>();
        for (String group : hostPart.split(";", -1)) {
            groups.add(addresses(group, protocol, named));
        }
        int total = groups.stream().mapToInt(List::size).sum();

        List<NvPair> description = new ArrayList<>();
        boolean explicitBalance = named.containsKey("LOAD_BALANCE");
        if (!explicitBalance && groups.size() == 1 && total > 1) {
            description.add(NvPair.of("LOAD_BALANCE", "ON"));
        }
        named.forEach((name, value) -> {
            if (DESCRIPTION_PARAMS.contains(name)) {
                descriptionParam(name, value).ifPresent(description::add);
            }
        });
        for (List<NvPair> group : groups) {
            if (group.size() == 1 || groups.size() == 1) {
                description.addAll(group);
            } else {
                List<NvPair> list = new ArrayList<>();
                if (!explicitBalance) {
                    list.add(NvPair.of("LOAD_BALANCE", "ON"));
                }
                list.addAll(group);
                description.add(NvPair.of("ADDRESS_LIST", list));
            }
        }
        description.add(connectData(servicePart, named));
        List<NvPair> security = new ArrayList<>();
        named.forEach((name, value) -> {
            if (SECURITY_PARAMS.containsKey(name)) {
                security.add(name.equals("SSL_SERVER_DN_MATCH")
                        ? NvPair.of(SECURITY_PARAMS.get(name), NetValues.isOn(value) ? "ON" : "OFF")
                        : written(SECURITY_PARAMS.get(name), value));
            }
        });
        if (!security.isEmpty()) {
            description.add(NvPair.of("SECURITY", security));
        }
        return ConnectDescriptor.of(NvPair.of("DESCRIPTION", description));
    }

    private static List<NvPair> addresses(String group, String protocol, Map<String, String> named) {
        List<String> hosts = new ArrayList<>();
        List<NvPair> result = new ArrayList<>();
        for (String token : group.split(",", -1)) {
            String t = token.strip();
            String host = t;
            String port = null;
            if (t.startsWith("[")) {
                int close = t.indexOf(']');
                if (close < 0) {
                    throw error("'[' without ']' around an IPv6 address in '" + group + "'");
                }
                host = t.substring(1, close);
                String rest = t.substring(close + 1);
                if (rest.startsWith(":")) {
                    port = rest.substring(1);
                } else if (!rest.isEmpty()) {
                    throw error("unexpected '" + rest + "' after the IPv6 address " + t);
                }
            } else if (t.indexOf(':') >= 0) {
                host = t.substring(0, t.indexOf(':'));
                port = t.substring(t.indexOf(':') + 1);
            }
            if (host.isEmpty()) {
                throw error("a host name is missing in '" + group + "'");
            }
            hosts.add(host);
            if (port != null) {
                String p = port.isEmpty() ? Integer.toString(1521) : checkPort(port);
                hosts.forEach(h -> result.add(address(protocol, h, p, named)));
                hosts.clear();
            }
        }
        hosts.forEach(h -> result.add(address(protocol, h, "1521", named)));
        return result;
    }

    private static NvPair address(String protocol, String host, String port, Map<String, String> named) {
        List<NvPair> parts = new ArrayList<>(List.of(NvPair.of("PROTOCOL", protocol), written("HOST", host),
                NvPair.of("PORT", port)));
        named.forEach((name, value) -> {
            if (ADDRESS_PARAMS.contains(name)) {
                parts.add(written(name, value));
            }
        });
        return NvPair.of("ADDRESS", parts);
    }

    private static NvPair connectData(String servicePart, Map<String, String> named) {
        String service = "";
        String server = null;
        String instance = null;
        if (servicePart != null) {
            int slash = servicePart.indexOf('/');
            String head = slash < 0 ? servicePart : servicePart.substring(0, slash);
            instance = slash < 0 ? null : servicePart.substring(slash + 1);
            int colon = head.indexOf(':');
            service = colon < 0 ? head : head.substring(0, colon);
            server = colon < 0 ? null : head.substring(colon + 1);
        }
        List<NvPair> data = new ArrayList<>();
        data.add(written("SERVICE_NAME", service));
        if (instance != null && !instance.isEmpty()) {
            data.add(written("INSTANCE_NAME", instance));
        }
        if (server != null && !server.isEmpty()) {
            NvPair pair = NvPair.of("SERVER", server);
            data.add(NvPair.of("SERVER", ServerType.from(pair).keyword()));
        }
        named.forEach((name, value) -> {
            if (CONNECT_DATA_PARAMS.contains(name)) {
                data.add(written(name, value));
            }
        });
        return NvPair.of("CONNECT_DATA", data);
    }

    private static Optional<NvPair> descriptionParam(String name, String value) {
        NvPair pair = written(name, value);
        switch (name) {
            case "FAILOVER":
                return NetValues.isOn(value) ? Optional.empty() : Optional.of(NvPair.of(name, "OFF"));
            case "LOAD_BALANCE", "SOURCE_ROUTE", "USE_SNI":
                return NetValues.isOn(value) ? Optional.of(NvPair.of(name, "ON")) : Optional.empty();
            case "RETRY_COUNT", "EXPIRE_TIME", "SDU", "RECV_BUF_SIZE", "SEND_BUF_SIZE":
                NetValues.integer(pair, 0, Integer.MAX_VALUE);
                return Optional.of(pair);
            case "RETRY_DELAY", "CONNECT_TIMEOUT", "TRANSPORT_CONNECT_TIMEOUT":
                NetValues.duration(pair);
                return Optional.of(pair);
            default:
                return Optional.of(pair);
        }
    }

    /** {@code name=value&name=value}; names upper-cased, values stripped of blanks around them. */
    private static Map<String, String> parameters(String params) {
        Map<String, String> named = new LinkedHashMap<>();
        if (params.isBlank()) {
            return named;
        }
        for (String part : params.split("&", -1)) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw error("parameter '" + part.strip() + "' has no '=value'");
            }
            String name = part.substring(0, eq).strip();
            if (!PARAM_NAME.matcher(name).matches()) {
                throw error("invalid parameter name '" + name + "': names are letters, digits, _ and .");
            }
            named.put(name.toUpperCase(Locale.ROOT), part.substring(eq + 1).strip());
        }
        return named;
    }

    private static String checkPort(String port) {
        NetValues.integer(NvPair.of("PORT", port.strip()), 1, 65535);
        return port.strip();
    }

    private static int firstSlashOutsideBrackets(String s) {
        boolean inBrackets = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                inBrackets = true;
            } else if (c == ']') {
                inBrackets = false;
            } else if (c == '/' && !inBrackets) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A value as written in the string: kept as it is when it is valid Oracle Net text (so quotes written around
     * a DN stay), quoted otherwise, so that the descriptor reads back the same and a value cannot add pairs.
     */
    private static NvPair written(String name, String text) {
        return NvPair.of(name, NvValue.Atom.asWritten(text));
    }

    private static NetParseException error(String detail) {
        return new NetParseException(new TextPosition("easy connect", 1, 1), detail);
    }
}
