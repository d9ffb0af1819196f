package dev.tnsrelay.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.Gateways;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.tns.PacketType;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An {@link Error} in a loop — the heap exhausted, a stack overflow — fails the instance loudly: it stops
 * listening and closes every session, instead of a port that accepts and never answers (issue 11 item 1).
 */
class EngineFailureIT {

    /** Fails with an Error at the {@code n}th session: a fault inside the gateway's loop. */
    private static final class FailingAt implements SessionListener {
        private final int n;
        private int seen;

        FailingAt(int n) {
            this.n = n;
        }

        @Override
        public void opened(SessionInfo session) {
            if (++seen == n) {
                throw new OutOfMemoryError("test: Java heap space");
            }
        }
    }

    @Test
    void anErrorInALoopStopsTheInstanceInsteadOfLeavingItOpenAndSilent() throws Exception {
        try (FakeTnsListener db = new FakeTnsListener().enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
             Gateways gw = Gateways.start("(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))", "",
                     e -> e.addListener(new FailingAt(2)))) {
            int port = gw.port();
            RawTnsClient established = new RawTnsClient(port);
            assertEquals(PacketType.ACCEPT, established.handshake("(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address()
                    + db.address() + "(CONNECT_DATA=(SERVICE_NAME=sales)))"));
            try (RawTnsClient victim = new RawTnsClient(port)) {
                assertTrue(victim.closedByPeer(), "the session the fault struck is closed");
            }
            assertTrue(gw.engine.awaitTermination(Duration.ofSeconds(10)), "every loop has ended");
            assertEquals(EngineState.FAILED, gw.engine.state());
            assertTrue(gw.engine.failure().orElseThrow() instanceof OutOfMemoryError);
            assertTrue(established.closedByPeer(), "every session is closed");
            assertThrows(ConnectException.class, () -> new RawTnsClient(port).close(), "nothing listens any more");
            assertTrue(gw.engine.events().since(0, 10).stream().anyMatch(e -> e.text().contains("failed")));
        }
    }
}
