package dev.tnsrelay.adapter;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import javax.naming.Reference;

/** Takes a handle from the server's pool for each call and gives it back. */
final class NetNamingFactoryImpl implements NetNamingFactory {

    private static final long serialVersionUID = 1L;

    private final NetNamingManagedConnectionFactory mcf;
    private final transient ConnectionManager manager;
    private Reference reference;

    NetNamingFactoryImpl(NetNamingManagedConnectionFactory mcf, ConnectionManager manager) {
        this.mcf = mcf;
        this.manager = manager;
    }

    @Override
    public Resolved resolve(String identifier) throws ResourceException {
        return call(identifier, false);
    }

    @Override
    public Resolved resolveThroughGateway(String identifier) throws ResourceException {
        return call(identifier, true);
    }

    private Resolved call(String identifier, boolean throughGateway) throws ResourceException {
        try (NetNamingConnection c = (NetNamingConnection) manager.allocateConnection(mcf, null)) {
            return c.resolve(identifier, throughGateway);
        }
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
