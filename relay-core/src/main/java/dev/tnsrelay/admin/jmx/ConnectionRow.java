package dev.tnsrelay.admin.jmx;

import dev.tnsrelay.admin.Connection;

/**
 * One connection as a JMX console shows it (a CompositeData): the model's record without its start instant.
 *
 * @param peer the client certificate's subject DN on a TCPS endpoint with client authentication, else ""
 */
public record ConnectionRow(long id, String client, String server, String service, int gateway, String state,
        long ageSeconds, long idleSeconds, long bytesIn, long bytesOut, String peer) {

    static ConnectionRow of(Connection c) {
        return new ConnectionRow(c.id(), c.client(), c.server(), c.service(), c.gateway(), c.state(),
                c.ageSeconds(), c.idleSeconds(), c.bytesIn(), c.bytesOut(), c.peer());
    }
}
