package dev.tnsrelay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.admin.jmx.RuleListMXBean;
import dev.tnsrelay.testing.FakeTnsListener;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/tnsrelay-standalone}'s main in a child JVM, as an operator runs it: it starts the same instance as the
 * adapter, so a rule added over its remote JMX rejects the next real ojdbc connect with ORA-12529, and SIGTERM
 * stops it and frees its port.
 */
class StandaloneMainIT {

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int ojdbcError(String descriptor) {
        Properties p = new Properties();
        p.setProperty("user", "scott");
        p.setProperty("password", "tiger");
        p.setProperty("oracle.net.CONNECT_TIMEOUT", "10000");
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:oracle:thin:@" + descriptor, p).close());
        return e.getErrorCode();
    }

    @Test
    void aRuleAddedOverTheStandaloneRemoteJmxRejectsTheNextOjdbcConnect(@TempDir Path dir) throws Exception {
        int port = freePort();
        int jmxPort = freePort();
        int metricsPort = freePort();
        Path pid = dir.resolve("tnsrelay.pid");
        Files.writeString(dir.resolve("cman.ora"), "cman_alone = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)"
                + "(PORT=" + port + "))(RULE_LIST=(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))))\n");
        ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RelayMain.class.getName(), "--tns-admin", dir.toString(),
                "--state", dir.resolve("state").toString(), "--jmx", "127.0.0.1:" + jmxPort, "--metrics",
                Integer.toString(metricsPort), "--pid-file", pid.toString()).redirectErrorStream(true);
        b.environment().remove("TNS_ADMIN");
        b.environment().remove("TNSRELAY_HOME");
        Process main = b.start();
        java.net.URI metrics = java.net.URI.create("http://127.0.0.1:" + metricsPort + "/metrics");
        try (FakeTnsListener db = new FakeTnsListener();
             BufferedReader out = new BufferedReader(new InputStreamReader(main.getInputStream(), StandardCharsets.UTF_8))) {
            String listening = CompletableFuture.supplyAsync(() -> lineWith(out, "remote JMX at"))
                    .get(60, TimeUnit.SECONDS);
            assertTrue(listening.contains("service:jmx:rmi://127.0.0.1:" + jmxPort), listening);
            String password = Files.readString(dir.resolve("state/initial-admin-password")).strip();
            String sales = "(DESCRIPTION=(SOURCE_ROUTE=YES)(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)(PORT=" + port + "))"
                    + db.address() + "(CONNECT_DATA=(SERVICE_NAME=sales)))";
            db.enqueue(new FakeTnsListener.Refuse(12514));
            assertEquals(12514, ojdbcError(sales), "the standalone gateway relays to the listener");
            db.takeConnect();
            dev.tnsrelay.testing.Scrape scrape = dev.tnsrelay.testing.Scrape.get(metrics);
            assertEquals(1, scrape.value("tnsrelay_up"), "--metrics serves the instance's series");
            assertEquals(1, scrape.value("tnsrelay_refused_sessions_total", "reason", "next_hop", "error", "ORA-12514"));
            assertEquals(Long.toString(main.pid()), Files.readString(pid).strip(), "the pid file names it once it listens");
            Process second = new ProcessBuilder(b.command()).redirectErrorStream(true).start();
            String refused = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(second.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, second.exitValue(), refused);
            assertTrue(refused.contains("already running (pid " + main.pid()), refused);
            assertEquals(Long.toString(main.pid()), Files.readString(pid).strip(), "and keeps its pid file");

            try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(
                    "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"),
                    Map.of(JMXConnector.CREDENTIALS, new String[] {"admin", password}))) {
                MBeanServerConnection server = jmx.getMBeanServerConnection();
                ObjectName name = server.queryNames(new ObjectName("dev.tnsrelay:type=RuleList,*"), null).iterator().next();
                JMX.newMXBeanProxy(server, name, RuleListMXBean.class).insert(1, "(RULE=(SRC=*)(DST=*)(SRV=sales)(ACT=reject))");
            }
            int before = db.connections();
            assertEquals(12529, ojdbcError(sales), "the rule added over JMX rejects the next connect");
            assertEquals(before, db.connections(), "a rejected connect never reaches the listener");
            assertTrue(Files.readString(dir.resolve("cman.ora")).contains("(RULE = (SRC = *)(DST = *)(SRV = sales)(ACT = reject))"));
            assertTrue(Files.readString(dir.resolve("state/audit.log")).contains("user=admin action=\"rule insert 1"));
        } finally {
            main.destroy();
            assertTrue(main.waitFor(30, TimeUnit.SECONDS), "SIGTERM ends it");
        }
        assertEquals(143, main.exitValue(), "the JVM's status for SIGTERM, after the shutdown hook closed the instance");
        assertTrue(Files.notExists(pid), "the pid file went with it");
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
    }

    @Test
    void usageAndAStartThatFailsSayWhyWithTheirStatus(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(dir.resolve("cman.ora"), "c = (CONFIGURATION=(ADDRESS=(HOST=127.0.0.1)(PORT=0))\n(RULE_LIST=(RULE=(ACT=deny))))\n");
        for (var run : List.of(
                Map.entry(List.of("--jmx", "nowhere"), 2),
                Map.entry(List.of("--jmx", "off", "--state", dir.resolve("state").toString(), dir.resolve("cman.ora").toString()), 1))) {
            List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), RelayMain.class.getName()));
            command.addAll(run.getKey());
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(run.getValue(), p.exitValue(), text);
            assertTrue(run.getValue() == 2 ? text.contains("usage: tnsrelay-standalone")
                    : text.contains("TNS-04012: Unable to start Oracle Connection Manager instance: ")
                    && text.contains("cman.ora:2:"), text);
        }
    }

    private static String lineWith(BufferedReader out, String text) {
        try {
            StringBuilder seen = new StringBuilder();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                seen.append(line).append('\n');
                if (line.contains(text)) {
                    return line;
                }
            }
            throw new IllegalStateException("the main ended before printing '" + text + "':\n" + seen);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
