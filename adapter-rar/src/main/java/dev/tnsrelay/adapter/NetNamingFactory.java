package dev.tnsrelay.adapter;

import jakarta.resource.ResourceException;
import jakarta.resource.Referenceable;
import java.io.Serializable;

/**
 * What applications look up in JNDI (under the name the deployer gives the connector resource): connect
 * descriptors for net service names, Easy Connect strings or descriptors, resolved through the naming
 * methods of the adapter's sqlnet.ora (tnsnames, LDAP, Easy Connect).
 *
 * <p>{@code dev.tnsrelay.datasource.NetServiceDataSource}, in the server's library folder where these types are
 * out of sight, calls {@link #resolve} and {@link #resolveThroughGateway} (and {@link Resolved}'s accessors) by
 * name: keep the names, or change both (its tests run against this adapter).
 */
public interface NetNamingFactory extends Serializable, Referenceable {

    /** The descriptor as the naming methods give it. */
    Resolved resolve(String identifier) throws ResourceException;

    /**
     * The descriptor routed through this server's gateway: SOURCE_ROUTE with the gateway first. In a cluster,
     * through the gateway of every node that takes connections now, in a DESCRIPTION_LIST with FAILOVER and
     * LOAD_BALANCE on, so that the application keeps connecting when a node dies.
     */
    Resolved resolveThroughGateway(String identifier) throws ResourceException;
}
