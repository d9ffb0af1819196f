package dev.tnsrelay.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The TLS settings of a cman.ora. They are written at the top level of the file, beside the instances, as Oracle
 * writes {@code WALLET_LOCATION} in its CMAN TLS procedure and these same names in sqlnet.ora and listener.ora
 * (profile parameters, not a PARAMETER_LIST's): so one file serves Oracle's CMAN and tnsrelay. They apply to every
 * instance of the file, change with RELOAD (for new sessions) and are not SET at run time. What tnsrelay does not
 * honour is refused at load, where it is written, with the reason ({@link Support}).
 *
 * <p>Defaults are Oracle's, except where Oracle's allows what tnsrelay refuses: SSL_VERSION {@code undetermined}
 * means TLS 1.2 and 1.3 only, and the cipher suites default to the strong ones. SSL_CLIENT_AUTHENTICATION is
 * TRUE as in Oracle's sqlnet.ora: a TCPS endpoint asks every client for a certificate unless told otherwise.
 */
public enum TlsParameter {
    WALLET_LOCATION(new ParameterType.Directory(), "",
            "(SOURCE=(METHOD=FILE)(METHOD_DATA=(DIRECTORY=…))): the wallet's folder, ewallet.p12 or ewallet.pem.",
            Support.honoured()),
    SSL_VERSION(new ParameterType.TlsVersions(), "undetermined",
            "TLS versions: 1.2, 1.3, '1.2 or 1.3', or undetermined (both).", NotOffered.WEAK_TLS),
    SSL_CIPHER_SUITES(new ParameterType.CipherSuites(), "",
            "Cipher suites, strongest first; empty: tnsrelay's strong defaults.", NotOffered.WEAK_CIPHERS),
    SSL_CLIENT_AUTHENTICATION(new ParameterType.Switch(), "true",
            "TCPS endpoints require a client certificate the wallet trusts (Oracle's default: true).",
            Support.honoured()),
    SSL_SERVER_DN_MATCH(new ParameterType.Switch(), "no",
            "A TCPS next hop's certificate must match its host name or SSL_SERVER_CERT_DN (the descriptor's SECURITY"
            + " says so per connect).", Support.honoured()),
    SSL_TRUSTED_CERTIFICATES(new ParameterType.AbsoluteFile(), "",
            "tnsrelay extension: a PEM file of CA certificates trusted for TCPS next hops and client certificates,"
            + " beside the wallet's.", Support.honoured()),
    SSL_CERT_REVOCATION(new ParameterType.Choice("none", "requested", "required"), "none",
            "Revocation checks of peer certificates: not offered, only none.", NotOffered.REVOCATION),
    SSL_CRL_FILE(new ParameterType.Text(), "", "A file of CRLs: not offered.", NotOffered.CRL),
    SSL_CRL_PATH(new ParameterType.Text(), "", "A folder of CRLs: not offered.", NotOffered.CRL),
    SSL_ALLOW_WEAK_DN_MATCH(new ParameterType.Switch(), "off",
            "Service-name-only DN matching: not offered, only off.", NotOffered.WEAK_DN_MATCH);

    private final ParameterType type;
    private final String defaultText;
    private final String description;
    private final Support support;

    TlsParameter(ParameterType type, String defaultText, String description, Support support) {
        this.type = type;
        this.defaultText = defaultText;
        this.description = description;
        this.support = support;
    }

    public static Optional<TlsParameter> byName(String name) {
        try {
            return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }

    public Object read(String text) {
        return type.read(text);
    }

    /**
     * Reads a value tnsrelay honours.
     *
     * @throws NotOfferedException for a valid value tnsrelay does not honour, saying why and what instead
     * @throws IllegalArgumentException for text that is not a value, saying what was expected
     */
    public Object readOffered(String text) {
        Object value = read(text);
        support.check(value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(write(value)));
        return value;
    }

    public String write(Object value) {
        return type.write(value);
    }

    public Object defaultValue() {
        return type.read(defaultText);
    }

    public Support support() {
        return support;
    }

    public String description() {
        return description;
    }
}
