package dev.tnsrelay.adapter;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import java.io.PrintWriter;
import java.util.Set;
import javax.security.auth.Subject;

/** The naming connection definition. Its "connections" hold no socket: they call the adapter's resolver. */
@ConnectionDefinition(connectionFactory = NetNamingFactory.class, connectionFactoryImpl = NetNamingFactoryImpl.class,
        connection = NetNamingConnection.class, connectionImpl = NetNamingManagedConnection.Handle.class)
public class NetNamingManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation {

    private static final long serialVersionUID = 1L;

    private transient TnsRelayResourceAdapter adapter;
    private transient PrintWriter logWriter;

    @Override
    public Object createConnectionFactory(ConnectionManager manager) {
        return new NetNamingFactoryImpl(this, manager);
    }

    @Override
    public Object createConnectionFactory() {
        return new NetNamingFactoryImpl(this, (mcf, info) -> mcf.createManagedConnection(null, info).getConnection(null, info));
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) {
        return new NetNamingManagedConnection(adapter);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo info) {
        for (Object c : candidates) {
            if (c instanceof NetNamingManagedConnection m) {
                return m;
            }
        }
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return adapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        if (!(ra instanceof TnsRelayResourceAdapter t)) {
            throw new ResourceException("not a tnsrelay resource adapter: " + ra);
        }
        adapter = t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetNamingManagedConnectionFactory other && other.adapter == adapter;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(adapter);
    }
}
