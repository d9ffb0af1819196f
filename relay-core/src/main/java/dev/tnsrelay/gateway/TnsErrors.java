package dev.tnsrelay.gateway;

/** The Oracle error numbers the gateway puts in its REFUSE packets, and what clients show for them. */
final class TnsErrors {

    /** ORA-12529: connect request rejected based on current filtering rules. */
    static final int RULE_REJECTED = 12529;
    /** ORA-12514: the listener does not know the service (no route for it). */
    static final int UNKNOWN_SERVICE = 12514;
    /** ORA-12519: no appropriate service handler found (MAX_CONNECTIONS reached, or gateways suspended). */
    static final int NO_HANDLER = 12519;
    /** ORA-12541: no listener at the next hop (connection refused). */
    static final int NO_LISTENER = 12541;
    /** ORA-12545: the next hop's host does not exist, or it is no TCP/TCPS address with a host. */
    static final int UNKNOWN_HOST = 12545;
    /** ORA-12535: operation timed out (OUTBOUND_CONNECT_TIMEOUT). */
    static final int TIMED_OUT = 12535;
    /** ORA-12564: connection refused (more redirects than the gateway follows). */
    static final int REFUSED = 12564;
    /** ORA-12564 too for a routing loop: a next hop that is the gateway itself, or too many passes through it. */
    static final int ROUTING_LOOP = 12564;

    private TnsErrors() {
    }
}
