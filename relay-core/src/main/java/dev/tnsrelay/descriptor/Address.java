package dev.tnsrelay.descriptor;

import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.net.NvPair;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code (ADDRESS=(PROTOCOL=tcp)(HOST=h)(PORT=1521))}. The protocol is kept lower-case; a TCP address
 * without PORT uses 1521. Other keys (IPC's KEY, HTTPS_PROXY…) stay in {@link #nv()}.
 *
 * @param host as written; an IPv6 literal may come in brackets, see {@link #socketHost()}
 * @param port the port, or 0 for protocols that have none (IPC, BEQ)
 */
public record Address(String protocol, String host, int port, Optional<String> httpsProxy,
        OptionalInt httpsProxyPort, NvPair nv) implements AddressNode {

    /** Oracle's well-known listener port, used when a TCP address gives none. */
    public static final int DEFAULT_PORT = 1521;

    public static Address from(NvPair pair) {
        NetValues.requireContainer(pair);
        String protocol = pair.child("PROTOCOL").map(NetValues::text).orElse("tcp").strip().toLowerCase(Locale.ROOT);
        String host = pair.child("HOST").map(NetValues::text).map(String::strip).orElse("");
        boolean tcp = protocol.equals("tcp") || protocol.equals("tcps");
        if (tcp && host.isEmpty()) {
            throw new NetParseException(pair.position(), "a " + protocol.toUpperCase(Locale.ROOT)
                    + " ADDRESS needs a HOST");
        }
        int port = pair.child("PORT").map(p -> NetValues.integer(p, 0, 65535)).orElse(tcp ? DEFAULT_PORT : 0);
        Optional<String> proxy = pair.child("HTTPS_PROXY").map(NetValues::text);
        OptionalInt proxyPort = pair.child("HTTPS_PROXY_PORT")
                .map(p -> OptionalInt.of(NetValues.integer(p, 1, 65535))).orElse(OptionalInt.empty());
        return new Address(protocol, host, port, proxy, proxyPort, pair);
    }

    /** A TCP address built in code. */
    public static Address tcp(String host, int port) {
        return from(NvPair.of("ADDRESS", NvPair.of("PROTOCOL", "tcp"), NvPair.of("HOST", host),
                NvPair.of("PORT", Integer.toString(port))));
    }

    /** True for TCP and TCPS, the protocols a gateway can relay. */
    public boolean isTcp() {
        return protocol.equals("tcp") || protocol.equals("tcps");
    }

    /** The host name or literal to open a socket with: an IPv6 literal loses its brackets. */
    public String socketHost() {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public List<Address> addresses() {
        return List.of(this);
    }

    @Override
    public String toString() {
        return nv.toString();
    }
}
