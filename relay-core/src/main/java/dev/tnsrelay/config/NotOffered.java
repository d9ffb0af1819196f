package dev.tnsrelay.config;

import java.util.Set;

/**
 * What tnsrelay says about the cman.ora parameters it does not offer, or offers only in part: one place for
 * the reasons and for what to do instead, shared by parameters of one family (TRACE_*, ADR, TDM).
 */
final class NotOffered {

    private NotOffered() {
    }

    private static final String TRACE = "tnsrelay writes no Oracle Net trace files";
    private static final String TRACE_INSTEAD = "set LOG_DIRECTORY and LOG_LEVEL=support for the handshake detail of"
            + " every session in the instance log, or capture the packets (tcpdump)";
    private static final String ADR = "tnsrelay keeps no Automatic Diagnostic Repository (ADR)";
    private static final String ADR_INSTEAD = "set LOG_DIRECTORY for a plain log file per instance, rotated by"
            + " LOG_FILELEN and LOG_FILENO";
    private static final String TDM = "tnsrelay does not offer Traffic Director Mode: its proxy resident"
            + " connection pool reads the OCI protocol, and tnsrelay relays sessions without reading them";
    private static final String TDM_INSTEAD = "pool connections in the application (the server's JDBC pool, UCP) or"
            + " at the database (DRCP)";

    static final Support ASO_OFF = Support.offOnly("off", "tnsrelay cannot tell from a CONNECT whether the client will"
            + " use Oracle Net authentication or encryption: both are negotiated after ACCEPT, between client and"
            + " database, in bytes the gateway relays without reading them, and the CONNECT's NA flags carry only the"
            + " client's own wish (ojdbc sends the same flags with encryption REQUESTED as with it REJECTED)",
            "require it at the database (SQLNET.ENCRYPTION_SERVER=required, SQLNET.CRYPTO_CHECKSUM_SERVER=required,"
            + " SQLNET.AUTHENTICATION_SERVICES), or, once tnsrelay offers TLS, listen on TCPS with"
            + " SSL_CLIENT_AUTHENTICATION=true");
    static final Support TRACE_OFF = Support.offOnly("off", TRACE, TRACE_INSTEAD);
    static final Support TRACE_REFUSED = Support.refused(TRACE, TRACE_INSTEAD);
    static final Support TRACE_SIZE_REFUSED = Support.refused(TRACE,
            "LOG_FILELEN and LOG_FILENO size the instance log in LOG_DIRECTORY");
    static final Support ADR_OFF = Support.offOnly("off", ADR, ADR_INSTEAD);
    static final Support ADR_REFUSED = Support.refused(ADR, ADR_INSTEAD);
    static final Support TDM_OFF = Support.offOnly("off", TDM, TDM_INSTEAD);
    static final Support TDM_REFUSED = Support.refused(TDM, TDM_INSTEAD + "; leave this parameter out");
    static final Support REMOTE_ADMIN = Support.refused("tnsrelay does not offer REMOTE_ADMIN: it is administered"
            + " through its REST API, screens and JMX, which listen where the server binds them (loopback by default)"
            + " and need a login as monitor or admin; cman.ora neither opens nor closes them",
            "bind the server's HTTP and JMX ports to the interface administrators use (docs/hosting.md) and add"
            + " administrators with bin/tnsrelay-passwd");
    static final Support REST_ADDRESS = Support.refused("tnsrelay does not offer REST_ADDRESS: its REST API is the"
            + " admin application's /admin/api on the server's HTTP listener, not a listener of the instance",
            "set the server's HTTP address and port (docs/hosting.md)");
    static final Support VALID_NODE_CHECKING = Support.honouredFor(
            Set.of("on", "off", "local", "yes", "no", "true", "false", "0", "1"),
            "tnsrelay does not work out this machine's subnets for valid node checking",
            "list the subnets in REGISTRATION_INVITED_NODES (such as 10.1.35.0/24) and keep"
            + " VALID_NODE_CHECKING_REGISTRATION=on");
    static final Support EVENT_GROUPS = Support.honouredFor(Set.copyOf(EventGroup.withEvents()),
            "tnsrelay has no events of this group (memory is the Java VM's, and its loops are not woken by timers of"
            + " their own)", "watch the Java VM through JMX (java.lang:type=Memory) and its GC log; the groups with"
            + " events are " + String.join(", ", EventGroup.withEvents()));

    static final Support WEAK_TLS = Support.honouredFor(Set.of("1.2", "1.3"), "tnsrelay refuses SSL 3.0, TLS 1.0 and TLS"
            + " 1.1: they are deprecated (RFC 8996) and the JDK and BoringSSL turn them off", "upgrade the client to"
            + " TLS 1.2 or 1.3 (ojdbc 8 and later, node-oracledb 6 and later speak both) and write SSL_VERSION=1.2,"
            + " 1.3, '1.2 or 1.3' or undetermined");
    static final Support WEAK_CIPHERS = Support.honouredFor(Set.copyOf(CipherNames.STRONG), "tnsrelay refuses cipher"
            + " suites without forward secrecy or authenticated encryption (RSA key exchange, CBC, SHA-1, 3DES, RC4,"
            + " NULL, anonymous, export)", "leave SSL_CIPHER_SUITES out for the strong defaults, or list some of "
            + String.join(", ", CipherNames.STRONG));
    static final Support REVOCATION = Support.offOnly("none", "tnsrelay does not check certificate revocation"
            + " (CRLs or OCSP) yet", "keep SSL_CERT_REVOCATION=none and remove a revoked client's or server's CA"
            + " certificate from the wallet, or reject its DN with a rule (SRC_DN)");
    static final Support CRL = Support.refused("tnsrelay does not check certificate revocation (CRLs or OCSP) yet",
            "leave SSL_CRL_FILE and SSL_CRL_PATH out; reject a revoked client certificate's DN with a rule (SRC_DN)");
    static final Support WEAK_DN_MATCH = Support.offOnly("off", "tnsrelay matches a next hop's certificate against its"
            + " host name or SSL_SERVER_CERT_DN, never the weaker service-name-only match",
            "keep SSL_ALLOW_WEAK_DN_MATCH=off and name the next hop by a host name its certificate carries");
}
