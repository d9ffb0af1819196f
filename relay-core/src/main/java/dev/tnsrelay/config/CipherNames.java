package dev.tnsrelay.config;

import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Cipher suite names for SSL_CIPHER_SUITES: the strong suites tnsrelay offers — forward secrecy (ECDHE, or TLS
 * 1.3) and authenticated encryption (GCM, ChaCha20-Poly1305) — and the names it recognises, so that a weak suite
 * is refused for being weak and a misspelt one for being unknown.
 */
final class CipherNames {

    /** What tnsrelay offers, TLS 1.3's first; the default order when SSL_CIPHER_SUITES is not given. */
    static final List<String> STRONG = List.of(
            "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private static volatile Set<String> known;

    private CipherNames() {
    }

    /** The standard name of a suite given by its standard name or Oracle's {@code SSL_} form; empty if unknown. */
    static Optional<String> standard(String name) {
        Set<String> all = known();
        if (all.contains(name)) {
            return Optional.of(name);
        }
        if (name.startsWith("SSL_") && all.contains("TLS_" + name.substring(4))) {
            return Optional.of("TLS_" + name.substring(4));
        }
        return Optional.empty();
    }

    private static Set<String> known() {
        Set<String> k = known;
        if (k == null) {
            Set<String> names = new LinkedHashSet<>(STRONG);
            try {
                names.addAll(List.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites()));
            } catch (NoSuchAlgorithmException e) {
                // a JVM without TLS knows only the strong list
            }
            known = k = Set.copyOf(names);
        }
        return k;
    }
}
