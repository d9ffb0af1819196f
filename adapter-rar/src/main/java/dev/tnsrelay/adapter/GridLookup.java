package dev.tnsrelay.adapter;

import dev.tnsrelay.grid.Grid;
import java.lang.System.Logger.Level;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Finds the server's data grid when the instance starts: Payara binds its Hazelcast instance in JNDI as
 * {@code payara/Hazelcast}. Looked up then, not injected: an adapter is no CDI bean, and a lookup at deployment
 * fails validation on some Payara versions. No grid (another server, {@code --nohazelcast}) or Payara's default
 * cluster name means alone: tnsrelay shares its state only in a cluster given a name of its own, so that two
 * servers started alone never share rules by accident.
 */
final class GridLookup {

    static final String JNDI_NAME = "payara/Hazelcast";
    /** The name Payara gives a cluster nobody named. */
    static final String PAYARA_DEFAULT_CLUSTER = "development";
    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.adapter");

    private GridLookup() {
    }

    static Optional<Grid> find() {
        Object found;
        try {
            found = new InitialContext().lookup(JNDI_NAME);
        } catch (NamingException e) {
            LOG.log(Level.INFO, "tnsrelay: no data grid ({0} is not bound): this server runs alone", JNDI_NAME);
            return Optional.empty();
        }
        try {
            Grid grid = Payara.grid(found);
            if (grid.clusterName().equals(PAYARA_DEFAULT_CLUSTER)) {
                LOG.log(Level.INFO, "tnsrelay: the Hazelcast cluster has Payara''s default name ''{0}'': this"
                        + " server shares nothing (start every server with --clustername NAME to share rules,"
                        + " registrations and administrators)", PAYARA_DEFAULT_CLUSTER);
                return Optional.empty();
            }
            return Optional.of(grid);
        } catch (LinkageError | ClassCastException e) {
            LOG.log(Level.WARNING, "tnsrelay: {0} is not a Hazelcast instance this adapter can use ({1}): this server"
                    + " runs alone", JNDI_NAME, e.toString());
            return Optional.empty();
        }
    }

    /** Kept apart so that a server without Hazelcast's classes fails here, where it is caught, not in find(). */
    private static final class Payara {
        static Grid grid(Object hazelcast) {
            return new PayaraGrid((com.hazelcast.core.HazelcastInstance) hazelcast);
        }
    }
}
