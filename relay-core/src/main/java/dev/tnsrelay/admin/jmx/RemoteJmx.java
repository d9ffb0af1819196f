package dev.tnsrelay.admin.jmx;

import dev.tnsrelay.admin.Role;
import dev.tnsrelay.admin.Users;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.MBeanServerForwarder;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.security.auth.Subject;

/**
 * Remote JMX for consoles (JConsole, VisualVM, JMC) at {@code service:jmx:rmi:///jndi/rmi://<host>:<port>/jmxrmi}:
 * one port for the registry and the connector, bound to {@code host} only (loopback by default), and a login
 * checked against the same {@link Users} as the screens. A MONITOR reads attributes and calls {@code show} and
 * {@code count}; every other operation and every attribute write needs ADMIN.
 *
 * <p>There is no TLS here: on a non-loopback address, credentials would cross the network in clear, so
 * tnsrelay warns when it is asked to.
 */
public final class RemoteJmx implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.admin");
    private static final Set<String> MONITOR_OPERATIONS = Set.of("show", "count");

    private final JMXConnectorServer connector;
    private final Registry registry;

    private RemoteJmx(JMXConnectorServer connector, Registry registry) {
        this.connector = connector;
        this.registry = registry;
    }

    public static RemoteJmx start(String host, int port, Users users, MBeanServer mbeans) throws IOException {
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
            env.put(JMXConnectorServer.AUTHENTICATOR, authenticator(users));
            env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
            env.put("jmx.remote.rmi.server.credential.types", new String[] {String[].class.getName(), String.class.getName()});
            env.put("jmx.remote.x.daemon", "true");
            String h = bind.getHostAddress().contains(":") ? "[" + bind.getHostAddress() + "]" : bind.getHostAddress();
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://" + h + ":" + port + "/jndi/rmi://" + h + ":" + port
                    + "/jmxrmi");
            JMXConnectorServer connector = JMXConnectorServerFactory.newJMXConnectorServer(url, env, mbeans);
            connector.setMBeanServerForwarder(rolesChecked());
            connector.start();
            LOG.log(System.Logger.Level.INFO, "remote JMX at {0}", url);
            return new RemoteJmx(connector, registry);
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
            UnicastRemoteObject.unexportObject(registry, true);
        }
    }

    private static JMXAuthenticator authenticator(Users users) {
        return credentials -> {
            if (credentials instanceof String[] c && c.length == 2 && c[0] != null && c[1] != null) {
                Role role = users.check(c[0], c[1].toCharArray()).orElse(null);
                if (role != null) {
                    return new Subject(true, Set.of(new JMXPrincipal(c[0]), new JmxCaller.Administrator(c[0], role)),
                            Set.of(), Set.of());
                }
            }
            throw new SecurityException("authentication failed: user name or password is wrong");
        };
    }

    /** Lets a MONITOR look and an ADMIN change. */
    private static MBeanServerForwarder rolesChecked() {
        MBeanServer[] target = new MBeanServer[1];
        InvocationHandler handler = (proxy, method, args) -> {
            String m = method.getName();
            if (m.equals("getMBeanServer")) {
                return target[0];
            }
            if (m.equals("setMBeanServer")) {
                target[0] = (MBeanServer) args[0];
                return null;
            }
            boolean changes = switch (m) {
                case "invoke" -> !MONITOR_OPERATIONS.contains((String) args[1]);
                case "setAttribute", "setAttributes", "createMBean", "registerMBean", "unregisterMBean" -> true;
                default -> false;
            };
            if (changes && !JmxCaller.administrator().map(a -> a.role().mayChange()).orElse(false)) {
                throw new SecurityException("access denied: " + m + " needs the admin role");
            }
            try {
                return method.invoke(target[0], args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (MBeanServerForwarder) Proxy.newProxyInstance(MBeanServerForwarder.class.getClassLoader(),
                new Class<?>[] {MBeanServerForwarder.class}, handler);
    }

    /** Server sockets bound to one address; equal when the address is, so the registry and connector share a port. */
    private record BoundSocketFactory(InetAddress address) implements RMIServerSocketFactory {
        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return new ServerSocket(port, 50, address);
        }
    }
}
