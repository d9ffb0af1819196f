package dev.tnsrelay.admin;

import dev.tnsrelay.net.IpLiteral;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Addresses as Oracle's tools and people write them: {@code (ADDRESS=(PROTOCOL=tcp)(HOST=::1)(PORT=1522))} for
 * cmctl, {@code [::1]:1522} in tables; never Java's {@code /[0:0:0:0:0:0:0:1]:1522}.
 */
public final class Endpoints {

    private Endpoints() {
    }

    /** {@code (ADDRESS=(PROTOCOL=tcp)(HOST=…)(PORT=…))}. */
    public static String address(InetSocketAddress a) {
        return address(a, false);
    }

    /** The same with {@code PROTOCOL=tcps} for a TLS endpoint. */
    public static String address(InetSocketAddress a, boolean tcps) {
        return "(ADDRESS=(PROTOCOL=" + (tcps ? "tcps" : "tcp") + ")(HOST=" + IpLiteral.text(a.getAddress()) + ")(PORT="
                + a.getPort() + "))";
    }

    /** The same from {@code host:port} as the engine writes it; the text as it is when it is not that. */
    public static String address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || !hostPort.substring(colon + 1).matches("\\d{1,5}")) {
            return hostPort;
        }
        String host = unbracketed(hostPort.substring(0, colon));
        String shown = IpLiteral.parse(host).map(IpLiteral::text).orElse(host);
        return "(ADDRESS=(PROTOCOL=tcp)(HOST=" + shown + ")(PORT=" + hostPort.substring(colon + 1) + "))";
    }

    /** {@code host:port} with an IPv6 literal short and in brackets ({@code [::1]:53422}). */
    public static String hostPort(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            return hostPort;
        }
        String host = unbracketed(hostPort.substring(0, colon));
        Optional<java.net.InetAddress> literal = IpLiteral.parse(host);
        String shown = literal.map(IpLiteral::text).orElse(host);
        return (shown.indexOf(':') >= 0 ? "[" + shown + "]" : shown) + hostPort.substring(colon);
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
