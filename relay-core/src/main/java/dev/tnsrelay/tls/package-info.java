/**
 * TLS for TCPS: wallets read as Java can read them (ewallet.p12 with its password, ewallet.pem), the TLS contexts
 * built from them with the cman.ora settings (OpenSSL through Netty where it loads, the JDK's otherwise), the
 * certificates they hold, how a next hop's certificate is matched (SSL_SERVER_DN_MATCH, SSL_SERVER_CERT_DN) and
 * why a TLS handshake failed. It knows no sessions: the gateway uses it.
 */
package dev.tnsrelay.tls;
