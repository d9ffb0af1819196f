package dev.tnsrelay.admin.cmctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.admin.AdminException;
import dev.tnsrelay.admin.Caller;
import dev.tnsrelay.admin.Connection;
import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.testing.TestInstance;
import dev.tnsrelay.tns.PacketType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What DBAs type at Oracle's cmctl, against a running instance: administer, -c on any command (TNS-04005 for an
 * instance that is not this one), help, show defaults, show connections detail with who the clients say they are
 * — a client's CID shown as text, control characters escaped, a long value cut — and filters by CID; the
 * instance log's line for such a session stays one line.
 */
class CmctlHabitsIT {

    private static final Caller ALICE = TestInstance.ALICE;
    private static final String XSS = "<img src=x onerror=alert(1)>";

    private static String cman(Path log) {
        return "cman_test = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=0))\n"
                + "(RULE_LIST=(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept)))\n"
                + "(PARAMETER_LIST=(LOG_DIRECTORY=" + log + ")(LOG_LEVEL=admin)))\n";
    }

    private static String connect(TestInstance gw, FakeTnsListener db, String service, String program, String host,
            String user) {
        return "(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address() + db.address() + "(CONNECT_DATA=(SERVICE_NAME="
                + service + ")(CID=(PROGRAM=\"" + program + "\")(HOST=\"" + host + "\")(USER=\"" + user + "\"))))";
    }

    @Test
    void administerDashCHelpDefaultsAndConnectionsInDetail(@TempDir Path dir) throws Exception {
        Path log = Files.createDirectories(dir.resolve("log"));
        String longHost = "h".repeat(3000);
        try (FakeTnsListener db = new FakeTnsListener();
             TestInstance gw = TestInstance.start(dir, cman(log));
             RawTnsClient evil = new RawTnsClient(gw.port());
             RawTnsClient jdbc = new RawTnsClient(gw.port())) {
            db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
            db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
            assertEquals(PacketType.ACCEPT, evil.handshake(connect(gw, db, "sales", XSS, longHost,
                    "mallory\u001b[31m")));
            assertEquals(PacketType.ACCEPT, jdbc.handshake(connect(gw, db, "hr", "JDBC Thin Client", "app1", "scott")));
            Cmctl cmctl = new Cmctl(gw.admin());

            String administer = cmctl.run(ALICE, "administer cman_test");
            assertEquals("Current instance cman_test is already started\nThe command completed successfully.\n",
                    administer);
            assertEquals(administer, cmctl.run(ALICE, "ADMINISTER -c CMAN_TEST"), "names are case-insensitive");
            AdminException other = assertThrows(AdminException.class, () -> cmctl.run(ALICE, "administer cman_x"));
            assertTrue(other.getMessage().startsWith("TNS-04005: Unable to resolve address for Oracle Connection"
                    + " Manager instance"), other.getMessage());
            assertTrue(cmctl.run(ALICE, "show status -c cman_test").contains("Instance name                cman_test"));
            assertThrows(AdminException.class, () -> cmctl.run(ALICE, "show status -c cman_x"));
            String status = cmctl.run(ALICE, "show status");
            assertTrue(status.contains("Listening on                 (ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT="
                    + gw.port() + "))\n"), status);

            String help = cmctl.run(ALICE, "help");
            assertTrue(help.startsWith("The following operations are available\nAn asterisk (*) denotes a modifier"
                    + " or extended command:\n\nadminister          close*              drain*              exit\n"),
                    help);
            assertTrue(cmctl.run(ALICE, "help show").contains("defaults"));
            assertTrue(cmctl.run(ALICE, "help close").startsWith("close connections [in <state>]"));
            assertTrue(cmctl.run(ALICE, "show defaults").contains("INBOUND_CONNECT_TIMEOUT      60\n"));

            String detail = cmctl.run(ALICE, "show connections detail");
            assertTrue(detail.contains("Program                      " + XSS + "\n"), detail);
            assertTrue(detail.contains("Program                      JDBC Thin Client\n"), detail);
            assertTrue(detail.contains("User                         mallory\\u001b[31m\n"), "escaped, not sent to a"
                    + " terminal: " + detail);
            assertFalse(detail.contains("\u001b"));
            assertTrue(detail.contains("Host                         " + "h".repeat(128) + "…(+2872 chars)\n"));
            assertTrue(detail.contains("Client address               (ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT="));
            assertTrue(detail.endsWith("Number of connections: 2\nThe command completed successfully.\n"), detail);

            assertEquals("Number of connections: 1\nThe command completed successfully.\n",
                    cmctl.run(ALICE, "show connections count for program \"JDBC Thin Client\""));
            assertEquals("Number of connections: 1\nThe command completed successfully.\n",
                    cmctl.run(ALICE, "show connections count for program jdbc*"));
            assertEquals("Number of connections: 1\nThe command completed successfully.\n",
                    cmctl.run(ALICE, "show connections count for user scott for host APP1"));
            List<Connection> rows = gw.admin().connections(ALICE, SessionFilter.parse("for program \"" + XSS + "\""));
            assertEquals(1, rows.size());
            assertEquals(XSS, rows.get(0).program(), "the model keeps the client's text as it is; doors escape it");
            assertEquals(longHost, rows.get(0).host());
            assertTrue(cmctl.run(ALICE, "close connections for user scott").startsWith("1 connection(s) closed"));
            assertTrue(jdbc.closedByPeer());
            evil.close();
            gw.manager.close();

            List<String> lines = Files.readAllLines(Files.list(log).filter(f -> f.toString().endsWith(".log"))
                    .findFirst().orElseThrow());
            List<String> established = lines.stream().filter(l -> l.contains(" established ")
                    && l.contains("service=\"sales\"")).toList();
            assertEquals(1, established.size(), lines.toString());
            assertTrue(established.get(0).contains(" program=\"" + XSS + "\" host=\"" + "h".repeat(128)
                    + "…(+2872 chars)\" user=\"mallory\\u001b[31m\""), established.get(0));
            assertTrue(lines.stream().allMatch(l -> l.matches("^\\S+Z \\w+ \\w+ .*")), "one event a line: " + lines);
        }
    }
}
