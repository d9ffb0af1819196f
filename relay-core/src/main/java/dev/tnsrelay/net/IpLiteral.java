package dev.tnsrelay.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address written as such, read without asking any name service: a host written as a literal
 * never costs a DNS lookup, and a name is never taken for an address.
 */
public final class IpLiteral {

    private IpLiteral() {
    }

    /** The address {@code host} spells (an IPv6 one with or without brackets), or empty for anything else. */
    public static Optional<InetAddress> parse(String host) {
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        byte[] v4 = ipv4(h);
        if (v4 != null) {
            return Optional.of(address(v4));
        }
        if (h.length() <= 45 && ipv6Characters(h)) {
            try {
                return Optional.of(InetAddress.getByName(h)); // a literal: parsed, no lookup
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Four dotted decimal parts of one to three digits, each at most 255; else null. By hand rather than by
     * regular expression: the gateway reads every next hop's host through here, on its event loop.
     */
    private static byte[] ipv4(String h) {
        byte[] b = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return null;
                }
                value = value * 10 + (c - '0');
            } else if (c == '.' && digits > 0 && part < 3) {
                if (value > 255) {
                    return null;
                }
                b[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        if (part != 3 || digits == 0 || value > 255) {
            return null;
        }
        b[3] = (byte) value;
        return b;
    }

    /** Only hexadecimal digits, colons and dots, with at least one colon: what an IPv6 literal can be. */
    private static boolean ipv6Characters(String h) {
        boolean colon = false;
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c == ':') {
                colon = true;
            } else if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '.')) {
                return false;
            }
        }
        return colon;
    }

    /**
     * The address as people write it: IPv4 dotted, IPv6 in RFC 5952's short form ({@code ::1}, not Java's
     * {@code 0:0:0:0:0:0:0:1}), without a scope or brackets.
     */
    public static String text(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return address.getHostAddress();
        }
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = (b[2 * i] & 0xff) << 8 | b[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero word is not shortened (RFC 5952 4.2.2)
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(words[i]));
        }
        return out.toString();
    }

    /** {@code host:port}, an IPv6 host in brackets ({@code [::1]:1522}), as URLs and logs write it. */
    public static String hostPort(InetAddress address, int port) {
        String host = text(address);
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static InetAddress address(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }
}
