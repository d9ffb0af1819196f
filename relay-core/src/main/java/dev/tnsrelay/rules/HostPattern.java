package dev.tnsrelay.rules;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The SRC or DST of a rule: {@code *} (any), an IPv4 or IPv6 address, a subnet in {@code /nn} notation, or
 * a host name. Partial wildcards such as {@code 192.168.1.*} are not CMAN syntax since 10g and are refused
 * with the subnet to write instead.
 */
public sealed interface HostPattern permits HostPattern.Any, HostPattern.Subnet, HostPattern.HostName {

    /** {@code *}. */
    record Any() implements HostPattern {
        @Override
        public String toString() {
            return "*";
        }
    }

    /** An address with the number of leading bits that must match (32 or 128 for a single address). */
    record Subnet(InetAddress network, int prefix, String text) implements HostPattern {
        public boolean contains(InetAddress address) {
            byte[] a = network.getAddress();
            byte[] b = address.getAddress();
            if (a.length != b.length) {
                return false;
            }
            int bits = prefix;
            for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
                if ((a[i] & mask) != (b[i] & mask)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A host name, compared case-insensitively (and resolved by the gateway where it must be). */
    record HostName(String name) implements HostPattern {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * True if the pattern covers the address: {@code *} always, a subnet by its bits, a host name by any of
     * its addresses, as {@code addressesOf} looks them up (a caller may cache the lookups).
     */
    default boolean covers(InetAddress address, Function<String, List<InetAddress>> addressesOf) {
        if (this instanceof Subnet s) {
            return s.contains(address);
        }
        if (this instanceof HostName h) {
            return addressesOf.apply(h.name()).contains(address);
        }
        return true;
    }

    /**
     * Like {@link #parse}, but a partial wildcard such as {@code 10.1.35.*} is read as its subnet: Oracle allows
     * that form in registration node lists, though not in rules.
     */
    static HostPattern parseAllowingWildcards(String text) {
        String t = text.strip();
        return parse(!t.equals("*") && PARTIAL_IPV4.matcher(t).matches() && t.contains("*") ? subnetFor(t) : t);
    }

    Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    Pattern PARTIAL_IPV4 = Pattern.compile("(\\d{1,3}|\\*)(\\.(\\d{1,3}|\\*)){0,3}");
    Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\\.?");

    /**
     * Reads a pattern.
     *
     * @throws IllegalArgumentException with a message for the user (the caller adds the position)
     */
    static HostPattern parse(String text) {
        String t = text.strip();
        if (t.equals("*")) {
            return new Any();
        }
        if (t.contains("*")) {
            if (PARTIAL_IPV4.matcher(t).matches()) {
                throw new IllegalArgumentException("partial wildcards such as " + t
                        + " are not supported: write the subnet as " + subnetFor(t));
            }
            throw new IllegalArgumentException("'*' stands only for a whole address, not inside '" + t + "'");
        }
        String address = t;
        int prefix = -1;
        int slash = t.indexOf('/');
        if (slash >= 0) {
            address = t.substring(0, slash);
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + t + "': the prefix after '/' must be a number of bits");
            }
        }
        if (IPV4.matcher(address).matches() || address.contains(":")) {
            InetAddress ip = literal(address, t);
            int max = ip.getAddress().length * 8;
            if (prefix == -1) {
                prefix = max;
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("'" + t + "': the prefix must be from 0 to " + max);
            }
            return new Subnet(ip, prefix, t);
        }
        if (slash >= 0) {
            throw new IllegalArgumentException("'" + t + "': a /nn prefix needs an IP address, not a host name");
        }
        if (!HOST_NAME.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + t + "' is neither *, an IP address, a subnet nor a host name");
        }
        return new HostName(t.toLowerCase(Locale.ROOT));
    }

    private static InetAddress literal(String address, String text) {
        for (String part : address.contains(":") ? new String[0] : address.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
            }
        }
        if (address.contains(":") && !address.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv6 address");
        }
        try {
            // a literal: no name service is asked
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
    }

    /** {@code 192.168.1.*} → {@code 192.168.1.0/24}. */
    private static String subnetFor(String partial) {
        String[] parts = partial.split("\\.");
        StringBuilder net = new StringBuilder();
        int fixed = 0;
        for (int i = 0; i < 4; i++) {
            boolean known = i < parts.length && !parts[i].equals("*") && fixed == i;
            if (known) {
                fixed++;
            }
            net.append(i == 0 ? "" : ".").append(known ? parts[i] : "0");
        }
        return net + "/" + fixed * 8;
    }
}
