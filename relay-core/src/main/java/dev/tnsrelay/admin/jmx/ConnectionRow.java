package dev.tnsrelay.admin.jmx;

import dev.tnsrelay.admin.Connection;

/**
 * One connection as a JMX console shows it (a CompositeData): the model's record without its start instant.
 * {@code program}, {@code host} and {@code user} are the client's CID, {@code peer} its certificate's DN: what
 * the client wrote, as it wrote it; a console shows them as text.
 */
public record ConnectionRow(long id, String client, String server, String service, int gateway, String state,
        long ageSeconds, long idleSeconds, long bytesIn, long bytesOut, String program, String host, String user,
        String peer) {

    static ConnectionRow of(Connection c) {
        return new ConnectionRow(c.id(), c.client(), c.server(), c.service(), c.gateway(), c.state(),
                c.ageSeconds(), c.idleSeconds(), c.bytesIn(), c.bytesOut(), c.program(), c.host(), c.user(), c.peer());
    }
}
