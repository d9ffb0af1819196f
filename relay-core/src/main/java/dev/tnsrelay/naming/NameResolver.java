package dev.tnsrelay.naming;

import dev.tnsrelay.descriptor.ConnectDescriptor;
import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.net.NvValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resolves a connect identifier as an Oracle client does: a descriptor is taken as it is; otherwise the
 * methods of NAMES.DIRECTORY_PATH are asked in order. TNSNAMES and LDAP only take a net service name;
 * TNSNAMES adds NAMES.DEFAULT_DOMAIN to a name without a dot; EZCONNECT takes what is left (a bare word is
 * a host with the default service). An LDAP server that cannot be reached is remembered and reported if
 * nothing else resolves the name. An alias that exists but cannot be read raises its
 * {@link NetParseException} at once: falling through to EZCONNECT would quietly take the alias for a host.
 */
public final class NameResolver {

    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9_$][A-Za-z0-9_.$-]*");

    private final SqlnetOra sqlnet;
    private final Optional<TnsnamesFile> tnsnames;
    private final Optional<LdapNaming> ldap;

    public NameResolver(SqlnetOra sqlnet, Optional<TnsnamesFile> tnsnames, Optional<LdapNaming> ldap) {
        this.sqlnet = sqlnet;
        this.tnsnames = tnsnames;
        this.ldap = ldap;
    }

    /** Reads sqlnet.ora, tnsnames.ora and ldap.ora from a TNS_ADMIN folder; each is optional. */
    public static NameResolver fromTnsAdmin(Path dir) {
        Path sqlnet = dir.resolve("sqlnet.ora");
        Path tns = dir.resolve("tnsnames.ora");
        Path ldap = dir.resolve("ldap.ora");
        return new NameResolver(
                Files.isRegularFile(sqlnet) ? SqlnetOra.load(sqlnet) : SqlnetOra.defaults(),
                Files.isRegularFile(tns) ? Optional.of(TnsnamesFile.load(tns)) : Optional.empty(),
                Files.isRegularFile(ldap)
                        ? Optional.of(new LdapNaming(LdapOra.load(ldap), Duration.ofSeconds(5))) : Optional.empty());
    }

    public SqlnetOra sqlnet() {
        return sqlnet;
    }

    public Optional<TnsnamesFile> tnsnames() {
        return tnsnames;
    }

    public Resolution resolve(String identifier) {
        String id = identifier.strip();
        if (id.startsWith("(")) {
            return new Resolution(id, null, "connect descriptor", ConnectDescriptor.parse(id, "connect descriptor"));
        }
        List<String> tried = new ArrayList<>();
        RuntimeException cause = null;
        for (NamingMethod method : sqlnet.directoryPath()) {
            try {
                Optional<Resolution> found = switch (method) {
                    case TNSNAMES -> viaTnsnames(id, tried);
                    case LDAP -> viaLdap(id, tried);
                    case EZCONNECT -> Optional.of(new Resolution(id, method, "easy connect", EasyConnect.parse(id)));
                };
                if (found.isPresent()) {
                    found.get().descriptor().requireAddress();
                    return found.get();
                }
            } catch (NameResolutionException e) {
                tried.add(method + ": " + e.getMessage());
                cause = cause == null ? e : cause;
            }
        }
        throw new NameResolutionException("ORA-12154: Cannot connect to database. Could not find alias " + id
                + (tried.isEmpty() ? "" : " (" + String.join("; ", tried) + ")"), cause);
    }

    private Optional<Resolution> viaTnsnames(String id, List<String> tried) {
        if (!SERVICE_NAME.matcher(id).matches()) {
            return Optional.empty();
        }
        if (tnsnames.isEmpty()) {
            tried.add("TNSNAMES: no tnsnames.ora");
            return Optional.empty();
        }
        String alias = id.indexOf('.') < 0 && sqlnet.defaultDomain().isPresent()
                ? id + "." + sqlnet.defaultDomain().get() : id;
        Optional<TnsnamesFile.Entry> entry = tnsnames.get().lookup(alias);
        if (entry.isEmpty()) {
            tried.add("TNSNAMES: no alias " + alias);
            return Optional.empty();
        }
        NvValue value = entry.get().value();
        ConnectDescriptor descriptor;
        if (value instanceof NvValue.Pairs p && p.pairs().size() == 1) {
            descriptor = ConnectDescriptor.of(p.pairs().get(0));
        } else if (value instanceof NvValue.Atom a) {
            descriptor = EasyConnect.parse(a.unquoted());
        } else {
            throw new NetParseException(entry.get().position(),
                    alias + " must hold one connect descriptor or an Easy Connect string");
        }
        return Optional.of(new Resolution(id, NamingMethod.TNSNAMES, entry.get().position().toString(), descriptor));
    }

    private Optional<Resolution> viaLdap(String id, List<String> tried) {
        if (!SERVICE_NAME.matcher(id).matches()) {
            return Optional.empty();
        }
        if (ldap.isEmpty()) {
            tried.add("LDAP: no ldap.ora");
            return Optional.empty();
        }
        Optional<ConnectDescriptor> found = ldap.get().lookup(id);
        if (found.isEmpty()) {
            tried.add("LDAP: no entry " + id);
        }
        return found.map(d -> new Resolution(id, NamingMethod.LDAP, "ldap:" + id, d));
    }
}
