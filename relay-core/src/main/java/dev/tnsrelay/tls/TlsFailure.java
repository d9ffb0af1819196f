package dev.tnsrelay.tls;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/**
 * Why a TLS handshake failed, in words an operator acts on, counted per {@link Cause}. The cause is read from
 * what the TLS library says; the JDK's and BoringSSL's words differ, so both are listed for each.
 *
 * @param leg {@code client} (a TCPS endpoint) or {@code next hop}
 * @param detail the library's own message, for the log
 */
public record TlsFailure(Cause cause, String leg, String detail) {

    /** What went wrong, as a client or a next hop made it go wrong. */
    public enum Cause {
        /** The peer did not speak TLS: a plain TCP client on a TCPS endpoint. */
        NOT_TLS("not TLS: the peer spoke plain TCP to a TCPS endpoint"),
        /** The peer offered only protocol versions tnsrelay refuses (TLS 1.0, 1.1) or none in common. */
        PROTOCOL_TOO_OLD("no TLS version in common: the peer offered only versions SSL_VERSION does not allow"),
        /** No cipher suite in common. */
        NO_SHARED_CIPHER("no cipher suite in common with SSL_CIPHER_SUITES"),
        /** SSL_CLIENT_AUTHENTICATION is TRUE and the client sent no certificate. */
        NO_CERTIFICATE("no certificate: SSL_CLIENT_AUTHENTICATION requires one"),
        /** The peer's certificate is not signed by a CA the wallet trusts. */
        UNKNOWN_CA("unknown CA: the certificate is not signed by one the wallet trusts"),
        /** The peer's certificate has expired or is not valid yet. */
        CERTIFICATE_EXPIRED("certificate expired or not yet valid"),
        /** The peer's certificate was refused for another reason (bad signature, key usage). */
        BAD_CERTIFICATE("certificate refused"),
        /** The next hop's certificate matches neither its host name nor SSL_SERVER_CERT_DN. */
        DN_MISMATCH("the certificate does not match the host name or SSL_SERVER_CERT_DN"),
        /** The handshake did not complete in time. */
        TIMEOUT("no complete TLS handshake in time"),
        /** The peer closed the connection during the handshake. */
        CLOSED("closed during the TLS handshake"),
        OTHER("TLS handshake failed");

        private final String text;

        Cause(String text) {
            this.text = text;
        }

        /** A sentence for the events and the log. */
        public String text() {
            return text;
        }

        /** The name counts and metrics use: {@code unknown_ca}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The cause of a failed handshake on {@code leg}, from what the TLS library threw. */
    public static TlsFailure of(Throwable error, String leg) {
        Throwable root = error;
        StringBuilder words = new StringBuilder();
        for (Throwable c = error; c != null; c = c.getCause()) {
            words.append(' ').append(c.getClass().getSimpleName()).append(' ').append(c.getMessage());
            root = c;
            if (c instanceof NotSslRecordException) {
                return new TlsFailure(Cause.NOT_TLS, leg, "not a TLS record");
            }
            if (c instanceof SslHandshakeTimeoutException) {
                return new TlsFailure(Cause.TIMEOUT, leg, c.getMessage());
            }
            if (c instanceof ClosedChannelException) {
                return new TlsFailure(Cause.CLOSED, leg, "closed");
            }
        }
        String w = words.toString().toLowerCase(Locale.ROOT);
        Cause cause;
        if (w.contains("protocol_version") || w.contains("unsupported_protocol") || w.contains("no appropriate protocol")
                || w.contains("wrong_version") || w.contains("protocol is disabled")
                || w.contains("client requested protocol") || w.contains("unsupported protocol")) {
            cause = Cause.PROTOCOL_TOO_OLD;
        } else if (w.contains("no_shared_cipher") || w.contains("no cipher suites in common")
                || w.contains("no_cipher_match") || w.contains("insufficient_security")) {
            cause = Cause.NO_SHARED_CIPHER;
        } else if (w.contains("peer_did_not_return_a_certificate") || w.contains("empty client certificate chain")
                || w.contains("empty server certificate chain") || w.contains("certificate_required")
                || w.contains("null cert chain") || w.contains("peer_did_not_return")) {
            cause = Cause.NO_CERTIFICATE;
        } else if (w.contains("certificate_expired") || w.contains("certificateexpired") || w.contains("has expired")
                || w.contains("not yet valid") || w.contains("notyetvalid")) {
            cause = Cause.CERTIFICATE_EXPIRED;
        } else if (w.contains("unknown_ca") || w.contains("pkix path") || w.contains("unable to find valid certification")
                || w.contains("certificate_verify_failed") || w.contains("unable_to_get_issuer")
                || w.contains("self signed") || w.contains("self-signed")) {
            cause = Cause.UNKNOWN_CA;
        } else if (w.contains("bad_certificate") || w.contains("certificate_unknown") || w.contains("unsupported_certificate")
                || w.contains("bad certificate")) {
            cause = Cause.BAD_CERTIFICATE;
        } else if (w.contains("connection reset") || w.contains("closed") || w.contains("eof")) {
            cause = Cause.CLOSED;
        } else {
            cause = Cause.OTHER;
        }
        return new TlsFailure(cause, leg, String.valueOf(root.getMessage()));
    }

    /** One line for events and the log: {@code client: unknown CA: … (PKIX path building failed)}. */
    public String text() {
        return leg + ": " + cause.text() + " (" + detail + ")";
    }
}
