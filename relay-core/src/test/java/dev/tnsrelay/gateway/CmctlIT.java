package dev.tnsrelay.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.admin.Cmctl;
import dev.tnsrelay.admin.CmctlException;
import dev.tnsrelay.config.CmanOra;
import dev.tnsrelay.config.CmanParameter;
import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.Gateways;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.tns.PacketType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** cmctl's commands against a running gateway with live sessions. */
class CmctlIT {

    private static String route(Gateways gw, FakeTnsListener db, String service) {
        return "(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address() + db.address()
                + "(CONNECT_DATA=(SERVICE_NAME=" + service + ")))";
    }

    @Test
    void showAndCloseConnectionsSuspendResumeSetReloadShutdown() throws Exception {
        try (FakeTnsListener db = new FakeTnsListener();
             Gateways gw = Gateways.acceptingAll("(MIN_GATEWAY_PROCESSES=1)");
             RawTnsClient sales = new RawTnsClient(gw.port());
             RawTnsClient hr = new RawTnsClient(gw.port())) {
            db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
            db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
            assertEquals(PacketType.ACCEPT, sales.handshake(route(gw, db, "sales")));
            assertEquals(PacketType.ACCEPT, hr.handshake(route(gw, db, "hr")));
            Cmctl cmctl = new Cmctl(gw.engine, () -> CmanOra.parse("c = (CONFIGURATION=(ADDRESS=(HOST=127.0.0.1)(PORT=1))"
                    + "(RULE_LIST=(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=reject))))", "reloaded").instances().get(0));

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
            CmctlException none = assertThrows(CmctlException.class, () -> cmctl.run("close connections for hr"));
            assertEquals("TNS-04049: Specified connections do not exist", none.getMessage());

            cmctl.run("suspend gateway 0");
            assertTrue(cmctl.run("show gateways").contains("Gateway state                SUSPENDED"));
            cmctl.run("resume gateway");
            assertTrue(cmctl.run("show gateways").contains("Gateway state                READY"));
            assertThrows(CmctlException.class, () -> cmctl.run("suspend gateway 7"));

            cmctl.run("set idle_timeout 45");
            assertEquals(Duration.ofSeconds(45), gw.engine.parameters().duration(CmanParameter.IDLE_TIMEOUT));
            assertTrue(cmctl.run("show parameters").contains("IDLE_TIMEOUT                 45\n"));
            assertThrows(CmctlException.class, () -> cmctl.run("set max_gateway_processes 4"));

            cmctl.run("reload");
            assertTrue(cmctl.run("show rules").contains("1 (RULE=(SRC=*)(DST=*)(SRV=*)(ACT=reject))"));
            assertEquals(Duration.ZERO, gw.engine.parameters().duration(CmanParameter.IDLE_TIMEOUT),
                    "reload overrides the earlier set");
            sales.out.write(new byte[10]);
            assertEquals(10, sales.in.readNBytes(10).length, "reload leaves the established session alone");

            cmctl.run("shutdown abort");
            assertTrue(gw.engine.awaitTermination(Duration.ofSeconds(10)));
            assertTrue(sales.closedByPeer());
        }
    }
}
