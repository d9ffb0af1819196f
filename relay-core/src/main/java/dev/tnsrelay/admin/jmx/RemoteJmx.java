package dev.tnsrelay.admin.jmx;

import dev.tnsrelay.admin.AdminException;
import dev.tnsrelay.admin.AdminSession;
import dev.tnsrelay.admin.Administration;
import dev.tnsrelay.admin.Caller;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.MBeanServer;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnection;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;
import javax.security.auth.Subject;

/**
 * Remote JMX for consoles (JConsole, VisualVM, JMC) at {@code service:jmx:rmi:///jndi/rmi://<host>:<port>/jmxrmi}:
 * one port for the registry and the connector, bound to {@code host} only (loopback unless asked otherwise), and
 * a login checked by the admin model against the same users as the screens.
 *
 * <p>Roles are the model's: calls on tnsrelay's MBeans reach it in the caller's name and it checks them. Of the
 * rest of the platform MBeanServer a console reads a few harmless figures and nothing else ({@link JmxAccess}).
 * A failed login is written to the audit log with the console's address, and logins are slowed per user and per
 * address as on the other doors. Each connection is an administration session from connect to close, counted against
 * MAX_CMCTL_SESSIONS; one more is refused at connect with the model's message. A console that vanishes without
 * closing frees its session when RMI's lease on it ends ({@code java.rmi.dgc.leaseValue}, 10 minutes).
 *
 * <p>There is no TLS here: on a non-loopback address, credentials would cross the network in clear, so
 * tnsrelay warns when it is asked to.
 */
public final class RemoteJmx implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.admin");

    private final JMXConnectorServer connector;
    private final Registry registry;
    private final SessionCountingServer sessions;

    private RemoteJmx(JMXConnectorServer connector, Registry registry, SessionCountingServer sessions) {
        this.connector = connector;
        this.registry = registry;
        this.sessions = sessions;
    }

    public static RemoteJmx start(String host, int port, Administration admin, MBeanServer mbeans) throws IOException {
        InetAddress bind = InetAddress.getByName(host);
        if (!bind.isLoopbackAddress()) {
            LOG.log(System.Logger.Level.WARNING, "remote JMX on {0}: passwords cross the network without TLS", host);
        }
        if (System.getProperty("java.rmi.server.hostname") == null) {
            // the connector's stub must name the address it is bound to, not this host's first address
            System.setProperty("java.rmi.server.hostname", bind.getHostAddress());
        }
        RMIServerSocketFactory sockets = new BoundSocketFactory(bind);
        Registry registry = LocateRegistry.createRegistry(port, null, sockets);
        try {
            Map<String, Object> env = new HashMap<>();
            env.put(JMXConnectorServer.AUTHENTICATOR, authenticator(admin));
            env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
            env.put("jmx.remote.rmi.server.credential.types", new String[] {String[].class.getName(), String.class.getName()});
            env.put("jmx.remote.x.daemon", "true");
            String h = bind.getHostAddress().contains(":") ? "[" + bind.getHostAddress() + "]" : bind.getHostAddress();
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://" + h + ":" + port + "/jndi/rmi://" + h + ":" + port
                    + "/jmxrmi");
            SessionCountingServer server = new SessionCountingServer(port, sockets, env, admin);
            RMIConnectorServer connector = new RMIConnectorServer(url, env, server, mbeans);
            connector.setMBeanServerForwarder(JmxAccess.forwarder(admin));
            connector.start();
            LOG.log(System.Logger.Level.INFO, "remote JMX at {0}", url);
            return new RemoteJmx(connector, registry, server);
        } catch (IOException | RuntimeException e) {
            UnicastRemoteObject.unexportObject(registry, true);
            throw e;
        }
    }

    public JMXServiceURL address() {
        return connector.getAddress();
    }

    @Override
    public void close() throws IOException {
        try {
            connector.stop();
        } finally {
            sessions.closeAll();
            UnicastRemoteObject.unexportObject(registry, true);
        }
    }

    private static JMXAuthenticator authenticator(Administration admin) {
        return credentials -> {
            String[] c = credentials instanceof String[] given && given.length == 2 ? given : new String[2];
            try {
                Caller caller = admin.authenticate(c[0] == null ? "" : c[0],
                        c[1] == null ? new char[0] : c[1].toCharArray(), "JMX", clientHost());
                return new Subject(true, Set.of(new JMXPrincipal(caller.name()),
                        new JmxCaller.Administrator(caller.name(), caller.role())), Set.of(), Set.of());
            } catch (AdminException e) {
                throw new SecurityException(e.error() == dev.tnsrelay.admin.AdminError.DENIED
                        ? "authentication failed: user name or password is wrong" : e.getMessage());
            }
        };
    }

    /** The console's address: the authenticator runs in the RMI call of its connect. */
    private static String clientHost() {
        try {
            return java.rmi.server.RemoteServer.getClientHost();
        } catch (java.rmi.server.ServerNotActiveException e) {
            return "(not over RMI)";
        }
    }

    /** The connector's server side: each client connection is an administration session until it closes. */
    private static final class SessionCountingServer extends RMIJRMPServerImpl {

        private final Administration admin;
        private final Map<String, AdminSession> open = new ConcurrentHashMap<>();

        SessionCountingServer(int port, RMIServerSocketFactory sockets, Map<String, ?> env, Administration admin)
                throws IOException {
            super(port, null, sockets, env);
            this.admin = admin;
        }

        @Override
        protected RMIConnection makeClient(String connectionId, Subject subject) throws IOException {
            Caller caller = subject.getPrincipals(JmxCaller.Administrator.class).stream().findFirst()
                    .map(JmxCaller.Administrator::caller)
                    .orElseThrow(() -> new SecurityException("authentication failed: no administrator"));
            AdminSession session;
            try {
                session = admin.openSession(caller, "JMX " + connectionId);
            } catch (AdminException e) {
                throw new SecurityException(e.getMessage());
            }
            try {
                RMIConnection client = super.makeClient(connectionId, subject);
                open.put(connectionId, session);
                return client;
            } catch (IOException | RuntimeException e) {
                session.close();
                throw e;
            }
        }

        @Override
        protected void clientClosed(RMIConnection client) throws IOException {
            try {
                super.clientClosed(client);
            } finally {
                AdminSession s = open.remove(client.getConnectionId());
                if (s != null) {
                    s.close();
                }
            }
        }

        void closeAll() {
            open.values().forEach(AdminSession::close);
            open.clear();
        }
    }

    /** Server sockets bound to one address; equal when the address is, so the registry and connector share a port. */
    private record BoundSocketFactory(InetAddress address) implements RMIServerSocketFactory {
        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return new ServerSocket(port, 50, address);
        }
    }
}
