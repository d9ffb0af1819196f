/**
 * The gateway engine: the listener, the gateways (NIO selector loops run as long-lived tasks on an
 * {@link java.util.concurrent.Executor}), the sessions with their handshake state machine and byte relay,
 * timeouts on one deadline queue per gateway, and the control operations behind cmctl (shutdown, suspend,
 * resume, reload, close, show). Knows nothing of JCA or the web.
 */
package dev.tnsrelay.gateway;
