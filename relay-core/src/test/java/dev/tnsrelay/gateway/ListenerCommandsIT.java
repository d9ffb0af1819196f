package dev.tnsrelay.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.Gateways;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.tns.PacketType;
import dev.tnsrelay.tns.RefusePacket;
import dev.tnsrelay.tns.TnsPacket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What lsnrctl and the listener scanners send (issue 11): a CONNECT whose CONNECT_DATA carries a COMMAND. A
 * listener answers those itself (its status, its services, its version); a connection manager relays sessions, so
 * tnsrelay refuses each with ORA-12564 and an event, passes none on, and says nothing more than the error number.
 */
class ListenerCommandsIT {

    /** lsnrctl 19c's request for a command: its CID, the command, ARGUMENTS=64, the listener's name, its version. */
    private static String lsnrctl(String address, String command) {
        return "(DESCRIPTION=" + address + "(CONNECT_DATA=(CID=(PROGRAM=)(HOST=dbhost)(USER=oracle))(COMMAND=" + command
                + ")(ARGUMENTS=64)(SERVICE=LISTENER)(VERSION=318767104)))";
    }

    @Test
    void everyListenerCommandIsRefusedWithoutALeakAndNoneReachesTheListenerBehind() throws Exception {
        try (FakeTnsListener db = new FakeTnsListener(); Gateways gw = Gateways.acceptingAll("")) {
            List<String> requests = List.of(
                    lsnrctl(gw.address(), "status"),
                    lsnrctl(gw.address(), "services"),
                    lsnrctl(gw.address(), "version"),
                    lsnrctl(gw.address(), "stop"),
                    "(CONNECT_DATA=(COMMAND=version))", // nmap's oracle-tns-version, tnscmd
                    "(CONNECT_DATA=(COMMAND=status))",
                    "(CONNECT_DATA=(COMMAND=service_register_NSGR))", // the TNS poison check
                    "(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address() + db.address()
                            + "(CONNECT_DATA=(SERVICE_NAME=sales)(COMMAND=status)))", // routed to the real listener
                    "(CONNECT_DATA=(COMMAND=" + "x".repeat(3000) + "\n))");
            byte[] refusal = RefusePacket.build(12564);
            for (String request : requests) {
                try (RawTnsClient c = new RawTnsClient(gw.port())) {
                    TnsPacket answer = c.answer(request);
                    assertEquals(PacketType.REFUSE, answer.type(), request);
                    assertArrayEquals(refusal, answer.bytes(), "the error number and nothing else: " + request);
                    assertTrue(c.closedByPeer(), "then closed: " + request);
                }
            }
            assertTrue(db.nothingReceived(), "no command reached the listener behind the gateway");

            List<Event> events = gw.engine.events().since(0, 100);
            for (String command : List.of("status", "services", "version", "stop", "service_register_NSGR")) {
                assertTrue(events.stream().anyMatch(e -> e.kind().equals("refused")
                        && e.text().contains("ORA-12564: listener command " + command + ": ")), command + " in " + events);
            }
            Event longest = events.get(events.size() - 1);
            assertTrue(longest.text().contains("listener command " + "x".repeat(32) + "…:") && longest.text().length() < 300,
                    longest.text());

            db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
            try (RawTnsClient good = new RawTnsClient(gw.port())) {
                assertEquals(PacketType.ACCEPT, good.handshake("(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address()
                        + db.address() + "(CONNECT_DATA=(SERVICE_NAME=sales)))"));
                assertTrue(good.echoes(10_000), "the gateway serves sessions as before");
            }
        }
    }
}
