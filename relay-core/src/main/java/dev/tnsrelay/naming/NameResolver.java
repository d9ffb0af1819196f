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
 * TNSNAMES adds NAMES.DEFAULT_DOMAIN to a name without a dot; EZCONNECT takes what is left.
 *
 * <p>Errors name the identifier and say what each method of NAMES.DIRECTORY_PATH answered, in that order:
 * <ul>
 *   <li>A plain word ({@code sales}, {@code sales.example.com}) is taken for an Easy Connect host only where no
 *       names are configured (no tnsnames.ora for TNSNAMES, no ldap.ora for LDAP, among the methods of the
 *       path): where they are, a misspelt alias would otherwise become a connection attempt to a host of that
 *       name. {@code //sales} or {@code sales:1521} still mean a host.</li>
 *   <li>An alias that exists but cannot be read fails at once with its file, line and column; the methods
 *       after it are not asked (EZCONNECT would take the alias for a host).</li>
 *   <li>An LDAP server that cannot be reached is reported only if nothing else resolves the name.</li>
 * </ul>
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
                    case EZCONNECT -> viaEasyConnect(id, tried);
                };
                if (found.isPresent()) {
                    found.get().descriptor().requireAddress();
                    return found.get();
                }
            } catch (NameResolutionException e) {
                tried.add(method + ": " + e.getMessage());
                cause = cause == null ? e : cause;
            } catch (NetParseException e) {
                throw unusable(id, method, e);
            }
        }
        if (!sqlnet.directoryPath().contains(NamingMethod.EZCONNECT) && !isPlainWord(id)) {
            tried.add("Easy Connect is not tried: EZCONNECT is not in NAMES.DIRECTORY_PATH");
        }
        throw new NameResolutionException("ORA-12154: Cannot connect to database. Could not find alias " + id
                + " (" + path() + ": " + (tried.isEmpty() ? "nothing to try" : String.join("; ", tried)) + ")",
                cause);
    }

    /** A name that a method found but that does not give a usable descriptor: the search stops there. */
    private NameResolutionException unusable(String id, NamingMethod method, NetParseException e) {
        String what = switch (method) {
            case TNSNAMES -> "Alias " + id + " is in tnsnames.ora but cannot be used";
            case LDAP -> "Entry " + id + " is in the directory but cannot be used";
            case EZCONNECT -> id + " is not a valid Easy Connect string";
        };
        List<NamingMethod> path = sqlnet.directoryPath();
        String rest = path.indexOf(method) == path.size() - 1 ? ""
                : "; the methods after " + method + " are not asked";
        return new NameResolutionException("ORA-12154: Cannot connect to database. " + what + ": " + e.getMessage()
                + " (" + path() + rest + ")", e);
    }

    private String path() {
        return "NAMES.DIRECTORY_PATH = (" + String.join(", ", sqlnet.directoryPath().stream().map(Enum::name)
                .toList()) + ")";
    }

    private static boolean isPlainWord(String id) {
        return SERVICE_NAME.matcher(id).matches();
    }

    /**
     * Easy Connect, except a plain word where tnsnames.ora or ldap.ora name the services: that is a name the
     * other methods did not find, most likely misspelt, not a host.
     */
    private Optional<Resolution> viaEasyConnect(String id, List<String> tried) {
        if (isPlainWord(id)) {
            List<String> files = new ArrayList<>();
            if (sqlnet.directoryPath().contains(NamingMethod.TNSNAMES) && tnsnames.isPresent()) {
                files.add("tnsnames.ora");
            }
            if (sqlnet.directoryPath().contains(NamingMethod.LDAP) && ldap.isPresent()) {
                files.add("ldap.ora");
            }
            if (!files.isEmpty()) {
                tried.add("EZCONNECT: " + id + " is a plain word and " + String.join(" and ", files)
                        + (files.size() == 1 ? " names" : " name") + " the services here, so it is not taken for a"
                        + " host name (//" + id + " or " + id + ":1521 means a host)");
                return Optional.empty();
            }
        }
        return Optional.of(new Resolution(id, NamingMethod.EZCONNECT, "easy connect", EasyConnect.parse(id)));
    }

    private Optional<Resolution> viaTnsnames(String id, List<String> tried) {
        if (!isPlainWord(id)) {
            tried.add("TNSNAMES: not a net service name");
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
            tried.add("TNSNAMES: no alias " + alias + " in " + tnsnames.get().files().get(0));
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
        if (!isPlainWord(id)) {
            tried.add("LDAP: not a net service name");
            return Optional.empty();
        }
        if (ldap.isEmpty()) {
            tried.add("LDAP: no ldap.ora");
            return Optional.empty();
        }
        Optional<ConnectDescriptor> found = ldap.get().lookup(id);
        if (found.isEmpty()) {
            tried.add("LDAP: no entry " + id + " in the directory");
        }
        return found.map(d -> new Resolution(id, NamingMethod.LDAP, "ldap:" + id, d));
    }
}
