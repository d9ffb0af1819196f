package dev.tnsrelay.admin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The host names the admin screens and REST API answer to, checked against each request's Host header: a page of
 * another site whose name an attacker rebinds to 127.0.0.1 (DNS rebinding) sends its own name as Host, so the
 * browser's same-origin rule no longer protects the server but this check does. Loopback names always: {@code
 * localhost}, {@code 127.0.0.1}, {@code [::1]}; more when the administrator names them (the adapter's
 * {@code adminHosts}: the names a TLS proxy in front, or users on the network, reach the server by). The port is not
 * part of the check, and a name matches whatever its case and a trailing dot.
 */
public final class AdminHosts {

    /** What every instance answers to. */
    public static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1");
    /** The longest Host header looked at: a DNS name is at most 253 characters. */
    private static final int MAX_HOST = 300;

    private final Set<String> names;

    private AdminHosts(Set<String> names) {
        this.names = names;
    }

    /**
     * Loopback and {@code configured}: names or addresses separated by commas or spaces ({@code "admin.example.com,
     * 10.1.2.3"}); IPv6 addresses with or without brackets.
     *
     * @throws IllegalArgumentException for an entry that is no host name or address (a port, a path, a wildcard)
     */
    public static AdminHosts of(String configured) {
        Set<String> names = new LinkedHashSet<>(LOOPBACK);
        for (String entry : configured == null ? new String[0] : configured.split("[,\\s]+")) {
            if (entry.isBlank()) {
                continue;
            }
            String name = normal(entry.startsWith("[") && entry.endsWith("]") ? entry.substring(1, entry.length() - 1)
                    : entry);
            if (!name.matches("[a-z0-9._-]+|[0-9a-f:.]+") || name.length() > 253) {
                throw new IllegalArgumentException("adminHosts: '" + entry + "' is not a host name or address"
                        + " (no port, path or wildcard: list each name)");
            }
            names.add(name);
        }
        return new AdminHosts(names);
    }

    /** True if the Host header names one of these hosts (any port). */
    public boolean allows(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty() || hostHeader.length() > MAX_HOST) {
            return false;
        }
        String host;
        if (hostHeader.startsWith("[")) {
            int close = hostHeader.indexOf(']');
            if (close < 0 || !(close == hostHeader.length() - 1 || hostHeader.charAt(close + 1) == ':')) {
                return false;
            }
            host = hostHeader.substring(1, close);
            if (!hostHeader.substring(close + 1).matches("(:[0-9]{1,5})?")) {
                return false;
            }
        } else {
            int colon = hostHeader.indexOf(':');
            if (colon >= 0 && hostHeader.indexOf(':', colon + 1) >= 0) {
                return false; // an IPv6 address without brackets is no Host header
            }
            host = colon < 0 ? hostHeader : hostHeader.substring(0, colon);
            if (colon >= 0 && !hostHeader.substring(colon + 1).matches("[0-9]{1,5}")) {
                return false;
            }
        }
        return names.contains(normal(host));
    }

    /** The names, loopback first. */
    public List<String> names() {
        return new ArrayList<>(names);
    }

    private static String normal(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
