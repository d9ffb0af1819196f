package dev.tnsrelay.adapter;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/** A pooled naming "connection": no physical resource, just the way to the adapter's resolver. */
final class NetNamingManagedConnection implements ManagedConnection {

    private final TnsRelayResourceAdapter adapter;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private PrintWriter logWriter;

    NetNamingManagedConnection(TnsRelayResourceAdapter adapter) {
        this.adapter = adapter;
    }

    /** The handle an application holds; closing it returns the managed connection to the pool. */
    public static final class Handle implements NetNamingConnection {
        private volatile NetNamingManagedConnection owner;

        Handle(NetNamingManagedConnection owner) {
            this.owner = owner;
        }

        @Override
        public Resolved resolve(String identifier, boolean throughGateway) throws ResourceException {
            NetNamingManagedConnection m = owner;
            if (m == null) {
                throw new ResourceException("this naming connection is closed");
            }
            return m.adapter.resolve(identifier, throughGateway);
        }

        @Override
        public void close() {
            NetNamingManagedConnection m = owner;
            owner = null;
            if (m != null) {
                m.closed(this);
            }
        }
    }

    private void closed(Handle handle) {
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        listeners.forEach(l -> l.connectionClosed(event));
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) {
        return new Handle(this);
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof Handle h)) {
            throw new ResourceException("not a tnsrelay naming connection: " + connection);
        }
        h.owner = this;
    }

    @Override
    public void cleanup() {
        // no per-use state
    }

    @Override
    public void destroy() {
        listeners.clear();
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("naming connections take no part in transactions");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("naming connections take no part in transactions");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return "tnsrelay naming";
            }

            @Override
            public String getEISProductVersion() {
                return "0.1";
            }

            @Override
            public int getMaxConnections() {
                return 0;
            }

            @Override
            public String getUserName() {
                return "";
            }
        };
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }
}
