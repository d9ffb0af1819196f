package dev.tnsrelay.tls;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One certificate of the wallet, as show status, the screens and JMX list it.
 *
 * @param role {@code gateway} for the certificate the gateway presents, {@code trusted} for one it trusts
 */
public record CertificateInfo(String role, String subject, String issuer, Instant notAfter, String serial) {

    static CertificateInfo of(String role, X509Certificate c) {
        return new CertificateInfo(role, c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
                c.getNotAfter().toInstant(), HexFormat.of().formatHex(c.getSerialNumber().toByteArray()));
    }
}
