package dev.tnsrelay.gateway;

/**
 * Every Oracle error number the gateway puts in a REFUSE, with the text clients show for it (classic texts;
 * shared/design/CMAN-REFERENCE.md §3.4). The one place these numbers are written.
 */
enum OracleError {
    /** The service is not registered, or a connect without SOURCE_ROUTE names none. */
    UNKNOWN_SERVICE(12514, "TNS:listener does not currently know of service requested in connect descriptor"),
    /** No handler: MAX_CONNECTIONS reached, every gateway suspended or full, or no handler of the kind asked. */
    NO_HANDLER(12519, "TNS:no appropriate service handler found"),
    /** Every instance of the service is in restricted mode. */
    ALL_RESTRICTED(12526, "TNS:listener: all appropriate instances are in restricted mode"),
    /** Instances are restricted or blocking. */
    RESTRICTED_OR_BLOCKING(12527,
            "TNS:listener: all appropriate instances are in restricted mode or blocking new connections"),
    /** Every instance blocks new connections. */
    ALL_BLOCKING(12528, "TNS:listener: all appropriate instances are blocking new connections"),
    /**
     * The client's address is blocked by the IP rate limit (IP_RATE_*). Oracle does not say what its CMAN sends a
     * blocked client; tnsrelay sends the database listener's own answer to a client over its rate.
     */
    RATE_LIMITED(12530, "TNS:listener: rate limit reached"),
    /** A rule rejected the connect, or no rule accepted it. */
    RULE_REJECTED(12529, "TNS:connect request rejected based on current filtering rules"),
    /** OUTBOUND_CONNECT_TIMEOUT (or MOCT) ran out: no connection, or no answer, from the next hop. */
    TIMED_OUT(12535, "TNS:operation timed out"),
    /** Nobody listens at the next hop. */
    NO_LISTENER(12541, "TNS:no listener"),
    /** The next hop's host does not exist, or the next hop is no TCP/TCPS address with a host. */
    UNKNOWN_HOST(12545, "Connect failed because target host or object does not exist"),
    /** A routing loop, or more redirects than the gateway follows. */
    REFUSED(12564, "TNS:connection refused"),
    /** A TCPS next hop's certificate is not the one SSL_SERVER_DN_MATCH or SSL_SERVER_CERT_DN expects. */
    SERVER_DN_MISMATCH(29003, "SSL transport detected mismatched server certificate"),
    /** A TCPS next hop's certificate is not signed by a CA the gateway trusts, or has expired. */
    CERTIFICATE_VALIDATION(29024, "Certificate validation failure"),
    /** The TLS handshake with a TCPS next hop failed otherwise (versions, ciphers, a closed connection). */
    TLS_FAILED(28860, "Fatal SSL error");

    private final int number;
    private final String text;

    OracleError(int number, String text) {
        this.number = number;
        this.text = text;
    }

    int number() {
        return number;
    }

    /** {@code ORA-12529: TNS:connect request rejected…}. */
    @Override
    public String toString() {
        return "ORA-" + number + ": " + text;
    }
}
