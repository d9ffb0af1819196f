package dev.tnsrelay.gateway;

import dev.tnsrelay.config.CmanParameters;
import dev.tnsrelay.registry.ServiceRegistry;
import dev.tnsrelay.rules.RuleList;
import java.net.InetAddress;
import java.util.Random;

/** What a handshake decides with, read afresh at each decision (a RELOAD or SET applies to the next one). */
interface HandshakePolicy {

    RuleList rules();

    CmanParameters parameters();

    ServiceRegistry registry();

    /** Ties between equally loaded handlers are broken with this; used on the session's thread only. */
    Random random();

    /** True if {@code address:port} is one of the instance's listening sockets: a next hop there would loop. */
    boolean listensOn(InetAddress address, int port);

    RouteLoops routeLoops();

    /** SSL_SERVER_DN_MATCH of cman.ora: whether a TCPS next hop's certificate must match, unless SECURITY says. */
    boolean serverDnMatch();
}
