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
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.rmi.ssl.SslRMIClientSocketFactory;
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
 * <p>Off loopback the registry and the connector speak TLS ({@code tls}: the admin wallet's key, see
 * docs/admin.md), so that passwords never cross the network in clear; consoles then connect with
 * {@code -Djavax.net.ssl.trustStore=…} and the JNDI property {@code com.sun.jndi.rmi.factory.socket} set to a
 * {@link SslRMIClientSocketFactory} (JConsole: {@code -J-Dcom.sun.management.jmxremote.registry.ssl=true}).
 */
public final class RemoteJmx implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.admin");

    private final JMXConnectorServer connector;
    private final JMXServiceURL address;
    private final Registry registry;
    private final SessionCountingServer sessions;

    private RemoteJmx(JMXConnectorServer connector, Registry registry, SessionCountingServer sessions,
            JMXServiceURL address) {
        this.address = address;
        this.connector = connector;
        this.registry = registry;
        this.sessions = sessions;
    }

    public static RemoteJmx start(String host, int port, Administration admin, MBeanServer mbeans) throws IOException {
        return start(host, port, admin, mbeans, null);
    }

    /**
     * @param tls the server's TLS context, required off loopback; null on loopback (plain RMI)
     * @throws IOException when off loopback without {@code tls}: credentials must not cross the network in clear
     */
    public static RemoteJmx start(String host, int port, Administration admin, MBeanServer mbeans, SSLContext tls)
            throws IOException {
        InetAddress bind = InetAddress.getByName(host);
        if (!bind.isLoopbackAddress() && tls == null) {
            throw new IOException("remote JMX on " + host + " is off loopback and needs TLS, or passwords would cross"
                    + " the network in clear: put a wallet in the state folder's admin-wallet (docs/admin.md)");
        }
        if (System.getProperty("java.rmi.server.hostname") == null) {
            // the connector's stub must name the address it is bound to, not this host's first address
            System.setProperty("java.rmi.server.hostname", bind.getHostAddress());
        }
        RMIServerSocketFactory sockets = tls == null ? new BoundSocketFactory(bind) : new TlsSocketFactory(bind, tls);
        RMIClientSocketFactory clients = tls == null ? null : new SslRMIClientSocketFactory();
        Registry registry = LocateRegistry.createRegistry(port, clients, sockets);
        try {
            Map<String, Object> env = new HashMap<>();
            env.put(JMXConnectorServer.AUTHENTICATOR, authenticator(admin));
            env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
            if (clients != null) {
                env.put(RMIConnectorServer.RMI_CLIENT_SOCKET_FACTORY_ATTRIBUTE, clients);
            }
            env.put("jmx.remote.rmi.server.credential.types", new String[] {String[].class.getName(), String.class.getName()});
            env.put("jmx.remote.x.daemon", "true");
            String h = bind.getHostAddress().contains(":") ? "[" + bind.getHostAddress() + "]" : bind.getHostAddress();
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://" + h + ":" + port + "/jndi/rmi://" + h + ":" + port
                    + "/jmxrmi");
            SessionCountingServer server = new SessionCountingServer(port, clients, sockets, env, admin);
            // over TLS the stub goes straight into the registry: binding through JNDI would make this JVM a TLS
            // client of itself, trusting its own certificate (the JDK's own agent binds so, too)
            RMIConnectorServer connector = new RMIConnectorServer(tls == null ? url
                    : new JMXServiceURL("service:jmx:rmi://" + h + ":" + port), env, server, mbeans);
            connector.setMBeanServerForwarder(JmxAccess.forwarder(admin));
            connector.start();
            if (tls != null) {
                registry.rebind("jmxrmi", server.toStub());
            }
            LOG.log(System.Logger.Level.INFO, "remote JMX at {0}{1}", url, tls == null ? "" : " over TLS");
            return new RemoteJmx(connector, registry, server, url);
        } catch (IOException | RuntimeException e) {
            UnicastRemoteObject.unexportObject(registry, true);
            throw e;
        }
    }

    public JMXServiceURL address() {
        return address;
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

        SessionCountingServer(int port, RMIClientSocketFactory clients, RMIServerSocketFactory sockets,
                Map<String, ?> env, Administration admin) throws IOException {
            super(port, clients, sockets, env);
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

    /** TLS server sockets bound to one address; equal when the address is, so the registry and connector share a port. */
    private record TlsSocketFactory(InetAddress address, SSLContext tls) implements RMIServerSocketFactory {
        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            SSLServerSocket s = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(port, 50, address);
            s.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            return s;
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
