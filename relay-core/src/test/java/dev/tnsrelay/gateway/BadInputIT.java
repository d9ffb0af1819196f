package dev.tnsrelay.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.Gateways;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.testing.TcpSockets;
import dev.tnsrelay.tns.ConnectPacket;
import dev.tnsrelay.tns.PacketType;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Bad input on the wire ends that session only — with a refusal or a close within the configured time — while
 * the gateway and every other session carry on, and nothing is left behind.
 */
class BadInputIT {

    private static final String GOOD = "(DESCRIPTION=(SOURCE_ROUTE=YES)%s%s(CONNECT_DATA=(SERVICE_NAME=sales)))";

    private interface Attack {
        void on(RawTnsClient c) throws IOException;
    }

    private static byte[] connect(String descriptor) {
        return ConnectPacket.build(descriptor)[0];
    }

    @Test
    void badClientsLoseOnlyTheirOwnSession() throws Exception {
        try (FakeTnsListener db = new FakeTnsListener(); Gateways gw = Gateways.acceptingAll("(INBOUND_CONNECT_TIMEOUT=2)")) {
            String good = GOOD.formatted(gw.address(), db.address());
            db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
            db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
            echoOnce(gw, good, 100_000); // warm-up: classes loaded, gateways running
            assertTrue(db.awaitNoConnections(10), "the listener closed the warm-up connection");
            List<String> threadsBefore = relayThreads();

            try (RawTnsClient survivor = new RawTnsClient(gw.port())) {
                assertEquals(PacketType.ACCEPT, survivor.handshake(good));
                byte[] longer = ("(DESCRIPTION=(CONNECT_DATA=(SERVICE_NAME=" + "s".repeat(3000) + ")))").getBytes(StandardCharsets.ISO_8859_1);
                List<Attack> attacks = List.of(
                        c -> c.out.write(Arrays.copyOf(connect(good), 40)), // truncated, then silence
                        c -> {
                            c.out.write(Arrays.copyOf(connect(good), 40)); // truncated, then gone
                            c.socket.shutdownOutput();
                        },
                        c -> {
                            byte[] huge = new byte[65535]; // a 64 KB "CONNECT" of garbage
                            new Random(1).nextBytes(huge);
                            huge[0] = (byte) 0xff;
                            huge[1] = (byte) 0xff;
                            huge[4] = 1;
                            c.out.write(huge);
                        },
                        c -> c.out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                        c -> c.out.write(connect("(DESCRIPTION=(((")), // framing fine, descriptor not
                        c -> {
                            byte[][] packets = ConnectPacket.build(new String(longer, StandardCharsets.ISO_8859_1));
                            c.out.write(packets[0]);
                            for (int i = 0; i < 100; i++) { // connect data one byte a packet
                                c.out.write(new byte[] {0, 11, 0, 0, 6, 0, 0, 0, 0, 0, 'x'});
                            }
                        },
                        c -> { // one byte at a time, slower than INBOUND_CONNECT_TIMEOUT allows
                            for (byte b : connect(good)) {
                                c.out.write(b);
                                c.out.flush();
                                try {
                                    Thread.sleep(500);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                    return;
                                }
                            }
                        });
                List<CompletableFuture<Boolean>> outcomes = attacks.stream().map(a -> CompletableFuture.supplyAsync(() -> {
                    try (RawTnsClient c = new RawTnsClient(gw.port())) {
                        try {
                            a.on(c);
                        } catch (IOException closedWhileSending) {
                            return true;
                        }
                        return c.closedByPeer();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })).toList();

                // the good session relays all along
                byte[] payload = new byte[200_000];
                new Random(3).nextBytes(payload);
                CompletableFuture<byte[]> echoed = CompletableFuture.supplyAsync(() -> readExactly(survivor, payload.length));
                survivor.out.write(payload);
                for (int i = 0; i < outcomes.size(); i++) {
                    assertTrue(outcomes.get(i).get(60, TimeUnit.SECONDS), "attack " + i + " was not ended by the gateway");
                }
                assertArrayEquals(payload, echoed.get(30, TimeUnit.SECONDS));
            }
            gw.awaitNoSessions();
            assertTrue(db.awaitNoConnections(10), "the listener closed the survivor's connection");
            assertEquals(threadsBefore, relayThreads(), "no thread per session");
            assertEquals(0, TcpSockets.openOn(gw.port()), "every socket of the bad sessions is closed");
            assertEquals(0, TcpSockets.openOn(db.port()), "and every socket to the listener");
        }
    }

    private static void echoOnce(Gateways gw, String descriptor, int size) throws Exception {
        try (RawTnsClient c = new RawTnsClient(gw.port())) {
            assertEquals(PacketType.ACCEPT, c.handshake(descriptor));
            byte[] data = new byte[size];
            CompletableFuture<byte[]> back = CompletableFuture.supplyAsync(() -> readExactly(c, size));
            c.out.write(data);
            assertArrayEquals(data, back.get(30, TimeUnit.SECONDS));
        }
        gw.awaitNoSessions();
    }

    private static byte[] readExactly(RawTnsClient c, int size) {
        try {
            return new java.io.DataInputStream(c.in).readNBytes(size);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> relayThreads() {
        return Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
                .map(t -> t.getThreadName()).filter(n -> n.startsWith("tnsrelay-")).sorted().toList();
    }
}
