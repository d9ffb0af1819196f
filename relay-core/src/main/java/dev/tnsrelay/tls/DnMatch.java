package dev.tnsrelay.tls;

import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Whether a next hop's certificate is the one expected, as Oracle documents DN matching: with SSL_SERVER_CERT_DN
 * the whole subject must be that DN; else the host name is compared with the certificate's DNS and IP names (a
 * leading {@code *.} covering one label), then with its CN, then the service name with the same names. By hand:
 * the JDK's host name check is internal to it and knows no service names.
 */
public final class DnMatch {

    private DnMatch() {
    }

    /**
     * @param host the next hop's host as its ADDRESS writes it
     * @param service the SERVICE_NAME asked for (empty when none)
     * @param certDn SSL_SERVER_CERT_DN, when given
     * @return why the certificate does not match; empty when it does
     */
    public static Optional<String> mismatch(X509Certificate cert, String host, String service,
            Optional<String> certDn) {
        X500Principal subject = cert.getSubjectX500Principal();
        if (certDn.isPresent()) {
            try {
                if (new X500Principal(certDn.get()).equals(subject)) {
                    return Optional.empty();
                }
            } catch (IllegalArgumentException e) {
                return Optional.of("SSL_SERVER_CERT_DN '" + certDn.get() + "' is not a DN: " + e.getMessage());
            }
            return Optional.of("the certificate's subject " + subject.getName() + " is not SSL_SERVER_CERT_DN "
                    + certDn.get());
        }
        List<String> names = names(cert);
        if (matchesAny(host, names) || !service.isEmpty() && matchesAny(service, names)) {
            return Optional.empty();
        }
        return Optional.of("the certificate (" + subject.getName() + ", names " + names + ") is not for " + host
                + (service.isEmpty() ? "" : " nor for service " + service));
    }

    /** DNS and IP subject alternative names, then the CN. */
    static List<String> names(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alt = cert.getSubjectAlternativeNames();
            if (alt != null) {
                for (List<?> entry : alt) {
                    int type = (Integer) entry.get(0);
                    if (type == 2 || type == 7) { // dNSName, iPAddress
                        names.add(String.valueOf(entry.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // no usable alternative names: the CN alone
        }
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    names.add(String.valueOf(rdn.getValue()).toLowerCase(Locale.ROOT));
                }
            }
        } catch (InvalidNameException e) {
            // a subject the JDK printed is a valid name
        }
        return names;
    }

    private static boolean matchesAny(String wanted, List<String> names) {
        String w = wanted.toLowerCase(Locale.ROOT).replaceAll("^\\[|\\]$", "");
        for (String n : names) {
            if (n.equals(w) || sameAddress(n, w)
                    || n.startsWith("*.") && w.indexOf('.') > 0 && w.substring(w.indexOf('.')).equals(n.substring(1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameAddress(String a, String b) {
        if (!dev.tnsrelay.net.IpLiteral.parse(a).isPresent()) {
            return false;
        }
        Optional<InetAddress> x = dev.tnsrelay.net.IpLiteral.parse(a);
        Optional<InetAddress> y = dev.tnsrelay.net.IpLiteral.parse(b);
        return x.isPresent() && y.isPresent() && x.get().equals(y.get());
    }
}
