package dev.tnsrelay.admin.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.instance.JmxMode;
import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.TestInstance;
import java.nio.file.Path;
import java.time.Clock;
import java.lang.management.ManagementFactory;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.security.auth.Subject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registering an instance over a real, authenticated remote JMX connection (the JVM's own connector, as a
 * database's script would use it), then connecting by service. The instance registers its ServiceRegistry MXBean
 * in the platform MBeanServer itself.
 */
class RegistryJmxIT {

    private static final JMXAuthenticator ONE_USER = credentials -> {
        if (credentials instanceof String[] c && c.length == 2 && c[0].equals("dbreg") && c[1].equals("s3cret-for-test")) {
            return new Subject();
        }
        throw new SecurityException("authentication failed");
    };

    private static JMXConnectorServer jmxServer() throws Exception {
        System.setProperty("java.rmi.server.hostname", "127.0.0.1");
        JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(
                new JMXServiceURL("rmi", "127.0.0.1", 0), Map.of(JMXConnectorServer.AUTHENTICATOR, ONE_USER),
                ManagementFactory.getPlatformMBeanServer());
        server.start();
        return server;
    }

    @Test
    void aDatabaseRegistersOverJmxAndClientsReachItByServiceName(@TempDir Path dir) throws Exception {
        JMXConnectorServer jmx = jmxServer();
        try (FakeTnsListener db = new FakeTnsListener().enqueue(new FakeTnsListener.Refuse(12514));
             TestInstance gw = TestInstance.start(dir, "cman_test = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)"
                     + "(HOST=127.0.0.1)(PORT=0))(RULE_LIST=(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))))",
                     new JmxMode.Platform(), Clock.systemUTC());
             JMXConnector client = JMXConnectorFactory.connect(jmx.getAddress(),
                     Map.of(JMXConnector.CREDENTIALS, new String[] {"dbreg", "s3cret-for-test"}))) {
            MBeanServerConnection connection = client.getMBeanServerConnection();
            javax.management.ObjectName name = ManagementNames.of("ServiceRegistry", "cman_test@" + gw.port(), null);
            ServiceRegistryMXBean registry = JMX.newMXBeanProxy(connection, name, ServiceRegistryMXBean.class);
            registry.register("sales", "sales1", "127.0.0.1", "127.0.0.1", db.port(), "dedicated", 0, 100, "READY", 60);
            assertTrue(registry.getServices().contains("Instance \"sales1\", status READY"), registry.getServices());

            Properties p = new Properties();
            p.setProperty("user", "scott");
            p.setProperty("password", "tiger");
            SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:oracle:thin:@"
                    + "(DESCRIPTION=" + gw.address() + "(CONNECT_DATA=(SERVICE_NAME=sales)))", p).close());
            assertEquals(12514, e.getErrorCode(), "the registered listener's own answer: " + e.getMessage());
            assertTrue(db.takeConnect().connectData().contains("(SERVICE_NAME=sales)"));

            RuntimeException bad = assertThrows(RuntimeException.class, () -> registry.register("sales", "sales2",
                    "127.0.0.1", "127.0.0.1", db.port(), "dedicated", 0, 100, "SLEEPING", 60));
            assertTrue(String.valueOf(bad.getMessage()).contains("READY, BLOCKED or RESTRICTED")
                    || String.valueOf(bad.getCause()).contains("READY, BLOCKED or RESTRICTED"), bad.toString());

            registry.unregister("sales", "sales1");
            assertTrue(registry.getServices().contains("supports no services"));
        } finally {
            jmx.stop();
        }
        assertTrue(ManagementFactory.getPlatformMBeanServer().queryNames(
                new javax.management.ObjectName("dev.tnsrelay:type=ServiceRegistry,*"), null).isEmpty(),
                "the instance unregistered its MBean at its end");
    }

    @Test
    void withoutCredentialsTheConnectionIsRefused() throws Exception {
        JMXConnectorServer jmx = jmxServer();
        try {
            assertThrows(SecurityException.class, () -> JMXConnectorFactory.connect(jmx.getAddress()).close());
            assertThrows(SecurityException.class, () -> JMXConnectorFactory.connect(jmx.getAddress(),
                    Map.of(JMXConnector.CREDENTIALS, new String[] {"dbreg", "wrong"})).close());
        } finally {
            jmx.stop();
        }
    }
}
