package dev.tnsrelay.admin;

import java.time.Instant;

/**
 * One certificate of the instance's wallet, as {@code show status}, REST, JMX and the screens list it.
 *
 * @param role {@code gateway} for the one TCPS clients see, {@code trusted} for a CA the gateway trusts
 * @param daysLeft whole days until it expires; negative once it has
 */
public record CertificateStatus(String role, String subject, String issuer, Instant notAfter, long daysLeft) {
}
