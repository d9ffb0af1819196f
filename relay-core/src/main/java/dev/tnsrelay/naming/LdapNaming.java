package dev.tnsrelay.naming;

import dev.tnsrelay.descriptor.ConnectDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import javax.naming.CommunicationException;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * LDAP directory naming through the JDK's LDAP provider, as Oracle clients do it: an anonymous read of
 * {@code cn=<name>,cn=OracleContext,<DEFAULT_ADMIN_CONTEXT>} and its {@code orclNetDescString}. An entry
 * that carries {@code aliasedObjectName} (an {@code orclNetServiceAlias}) is followed, at most
 * {@link #MAX_ALIAS_HOPS} times.
 *
 * <p>A name with dots ({@code sales.example.com}) is looked up as {@code cn=sales} under the context made
 * from the rest ({@code cn=OracleContext,dc=example,dc=com}), Oracle's domain-component naming. Servers are
 * tried in the order of DIRECTORY_SERVERS until one answers.
 */
public final class LdapNaming {

    public static final int MAX_ALIAS_HOPS = 8;

    private static final String[] WANTED = {"orclNetDescString", "aliasedObjectName"};

    private final LdapOra config;
    private final Duration timeout;

    public LdapNaming(LdapOra config, Duration timeout) {
        this.config = config;
        this.timeout = timeout;
    }

    /** The descriptor stored for the name, or empty when the directory has no such entry. */
    public Optional<ConnectDescriptor> lookup(String name) {
        if (config.directoryServers().isEmpty()) {
            throw new NameResolutionException("ldap.ora lists no DIRECTORY_SERVERS", null);
        }
        List<String> failures = new ArrayList<>();
        NamingException last = null;
        for (LdapOra.DirectoryServer server : config.directoryServers()) {
            try {
                return lookup(server, entryDn(name));
            } catch (CommunicationException e) {
                failures.add(server.host() + ":" + server.port() + " (" + e.getMessage() + ")");
                last = e;
            } catch (NamingException e) {
                throw new NameResolutionException("LDAP lookup of " + name + " failed: " + e.getMessage(), e);
            }
        }
        throw new NameResolutionException("no directory server answered: " + String.join(", ", failures), last);
    }

    private Optional<ConnectDescriptor> lookup(LdapOra.DirectoryServer server, LdapName dn) throws NamingException {
        DirContext ctx = new InitialDirContext(environment(server));
        try {
            LdapName current = dn;
            for (int hop = 0; hop <= MAX_ALIAS_HOPS; hop++) {
                Attributes attrs;
                try {
                    attrs = ctx.getAttributes(current, WANTED);
                } catch (NameNotFoundException e) {
                    return Optional.empty();
                }
                Attribute desc = attrs.get("orclNetDescString");
                if (desc != null) {
                    return Optional.of(ConnectDescriptor.parse(desc.get().toString(), "ldap:" + current));
                }
                Attribute alias = attrs.get("aliasedObjectName");
                if (alias == null) {
                    throw new NameResolutionException(current + " has neither orclNetDescString nor aliasedObjectName", null);
                }
                current = new LdapName(alias.get().toString());
            }
            throw new NameResolutionException("more than " + MAX_ALIAS_HOPS + " aliases from " + dn, null);
        } finally {
            ctx.close();
        }
    }

    /** {@code cn=<name>,cn=OracleContext,<context>}. */
    LdapName entryDn(String name) throws NamingException {
        String cn = name;
        String context = config.defaultAdminContext();
        int dot = name.indexOf('.');
        if (dot > 0) {
            cn = name.substring(0, dot);
            StringBuilder dc = new StringBuilder();
            for (String label : name.substring(dot + 1).split("\\.")) {
                dc.append(dc.length() == 0 ? "" : ",").append("dc=").append(Rdn.escapeValue(label));
            }
            context = dc.toString();
        }
        String dn = "cn=" + Rdn.escapeValue(cn) + ",cn=OracleContext" + (context.isBlank() ? "" : "," + context);
        return new LdapName(dn);
    }

    private Hashtable<String, Object> environment(LdapOra.DirectoryServer server) {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(DirContext.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        String host = server.host().contains(":") ? "[" + server.host() + "]" : server.host();
        env.put(DirContext.PROVIDER_URL, "ldap://" + host + ":" + server.port());
        env.put(DirContext.SECURITY_AUTHENTICATION, "none");
        env.put("com.sun.jndi.ldap.connect.timeout", Long.toString(timeout.toMillis()));
        env.put("com.sun.jndi.ldap.read.timeout", Long.toString(timeout.toMillis()));
        // Oracle's alias entries are followed here, hop by hop; the server must not dereference on its own
        env.put("java.naming.ldap.derefAliases", "never");
        return env;
    }
}
