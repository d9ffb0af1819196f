package dev.tnsrelay.naming;

import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.net.NvFile;
import dev.tnsrelay.net.TextPosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ldap.ora: {@code DIRECTORY_SERVERS = (host:port[:sslport], …)}, {@code DIRECTORY_SERVER_TYPE = OID|AD|OUD}
 * and {@code DEFAULT_ADMIN_CONTEXT = "dc=example,dc=com"} (may be empty: the entries then sit under
 * {@code cn=OracleContext} at the root).
 */
public record LdapOra(List<DirectoryServer> directoryServers, String serverType, String defaultAdminContext) {

    /** One directory server; {@code sslPort} is 0 when none is given. */
    public record DirectoryServer(String host, int port, int sslPort) {
    }

    public LdapOra {
        directoryServers = List.copyOf(directoryServers);
    }

    public static LdapOra load(Path file) {
        Map<String, NvFile.Entry> settings = OraFiles.settings(file);
        List<DirectoryServer> servers = new ArrayList<>();
        NvFile.Entry configured = settings.get("DIRECTORY_SERVERS");
        if (configured != null) {
            for (String s : OraFiles.list(configured.value())) {
                servers.add(server(s, configured.position()));
            }
        }
        String type = settings.containsKey("DIRECTORY_SERVER_TYPE")
                ? OraFiles.text(settings.get("DIRECTORY_SERVER_TYPE").value()) : "OID";
        String context = settings.containsKey("DEFAULT_ADMIN_CONTEXT")
                ? OraFiles.text(settings.get("DEFAULT_ADMIN_CONTEXT").value()) : "";
        return new LdapOra(servers, type, context);
    }

    private static DirectoryServer server(String text, TextPosition at) {
        String s = text.strip();
        String host;
        String rest;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            host = close < 0 ? s : s.substring(1, close);
            rest = close < 0 ? "" : s.substring(close + 1);
        } else {
            int colon = s.indexOf(':');
            host = colon < 0 ? s : s.substring(0, colon);
            rest = colon < 0 ? "" : s.substring(colon);
        }
        String[] ports = rest.startsWith(":") ? rest.substring(1).split(":", -1) : new String[0];
        try {
            int port = ports.length > 0 && !ports[0].isEmpty() ? Integer.parseInt(ports[0]) : 389;
            int ssl = ports.length > 1 && !ports[1].isEmpty() ? Integer.parseInt(ports[1]) : 0;
            if (host.isEmpty() || port < 1 || port > 65535 || ssl < 0 || ssl > 65535 || ports.length > 2) {
                throw new NumberFormatException();
            }
            return new DirectoryServer(host, port, ssl);
        } catch (NumberFormatException e) {
            throw new NetParseException(at,
                    "DIRECTORY_SERVERS entry '" + s + "' is not host:port[:sslport]");
        }
    }
}
