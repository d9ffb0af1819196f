package dev.tnsrelay.admin.cmctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.admin.AdminException;
import dev.tnsrelay.admin.Caller;
import dev.tnsrelay.config.CmanParameter;
import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.testing.TestInstance;
import dev.tnsrelay.tns.PacketType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cmctl's commands against a running instance with live sessions. */
class CmctlIT {

    private static final Caller ALICE = TestInstance.ALICE;
    private static final String CMAN = "cman_test = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=0))\n"
            + "(RULE_LIST=(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept)))\n(PARAMETER_LIST=(MIN_GATEWAY_PROCESSES=1)))\n";

    private static String route(TestInstance gw, FakeTnsListener db, String service) {
        return "(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address() + db.address()
                + "(CONNECT_DATA=(SERVICE_NAME=" + service + ")))";
    }

    private static String idleTimeout(TestInstance gw) {
        return gw.admin().parameters(ALICE).stream().filter(p -> p.name().equals(CmanParameter.IDLE_TIMEOUT.name()))
                .findFirst().orElseThrow().value();
    }

    @Test
    void showAndCloseConnectionsSuspendResumeSetReloadShutdown(@TempDir Path dir) throws Exception {
        try (FakeTnsListener db = new FakeTnsListener();
             TestInstance gw = TestInstance.start(dir, CMAN);
             RawTnsClient sales = new RawTnsClient(gw.port());
             RawTnsClient hr = new RawTnsClient(gw.port())) {
            db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
            db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
            assertEquals(PacketType.ACCEPT, sales.handshake(route(gw, db, "sales")));
            assertEquals(PacketType.ACCEPT, hr.handshake(route(gw, db, "hr")));
            Cmctl admin = new Cmctl(gw.admin());
            var cmctl = new Object() {
                String run(String line) {
                    return admin.run(ALICE, line);
                }
            };

            String status = cmctl.run("show status");
            assertTrue(status.contains("Instance name                cman_test"), status);
            assertTrue(status.contains("Num of gateways started      1"), status);
            assertTrue(status.endsWith("The command completed successfully.\n"));

            assertTrue(cmctl.run("show connections count").startsWith("Number of connections: 2"));
            String listed = cmctl.run("show connections for sales");
            assertTrue(listed.contains("sales") && !listed.contains(" hr ") && listed.contains("established"), listed);
            assertTrue(cmctl.run("show gateways").contains("Number of active connections 2"));

            assertTrue(cmctl.run("close connections for hr").startsWith("1 connection(s) closed"));
            assertTrue(hr.closedByPeer());
            AdminException none = assertThrows(AdminException.class, () -> cmctl.run("close connections for hr"));
            assertEquals("TNS-04049: Specified connections do not exist", none.getMessage());

            cmctl.run("suspend gateway 0");
            assertTrue(cmctl.run("show gateways").contains("Gateway state                SUSPENDED"));
            cmctl.run("resume gateway");
            assertTrue(cmctl.run("show gateways").contains("Gateway state                READY"));
            assertThrows(AdminException.class, () -> cmctl.run("suspend gateway 7"));

            cmctl.run("set idle_timeout 45");
            assertEquals("45", idleTimeout(gw));
            assertTrue(cmctl.run("show parameters").contains("IDLE_TIMEOUT                 45\n"));
            assertThrows(AdminException.class, () -> cmctl.run("set max_gateway_processes 4"));

            Files.writeString(gw.cmanOra(), "cman_test = (CONFIGURATION=(ADDRESS=(HOST=127.0.0.1)(PORT=1))"
                    + "(RULE_LIST=(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=reject))))");
            cmctl.run("reload");
            assertTrue(cmctl.run("show rules").contains("1 (RULE=(SRC=*)(DST=*)(SRV=*)(ACT=reject))"));
            assertEquals("0", idleTimeout(gw), "reload overrides the earlier set");
            sales.out.write(new byte[10]);
            assertEquals(10, sales.in.readNBytes(10).length, "reload leaves the established session alone");

            cmctl.run("shutdown abort");
            assertTrue(cmctl.run("show status").contains("Instance state               STOPPED"), "abort returns stopped");
            assertTrue(sales.closedByPeer());
        }
    }
}
