package dev.tnsrelay.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.Gateways;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.tns.PacketType;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** After ACCEPT the gateway copies bytes both ways, exactly, whatever the segmentation and the pace. */
class RelayIT {

    private static String route(Gateways gw, FakeTnsListener db) {
        return "(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address() + db.address()
                + "(CONNECT_DATA=(SERVICE_NAME=sales)))";
    }

    /** Writes {@code total} random bytes in odd-sized pieces while reading the echo; both digests must agree. */
    private static void echoSession(int port, String descriptor, int total, long seed) throws Exception {
        try (RawTnsClient c = new RawTnsClient(port)) {
            assertEquals(PacketType.ACCEPT, c.handshake(descriptor));
            MessageDigest sent = FakeTnsListener.sha256();
            MessageDigest got = FakeTnsListener.sha256();
            CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
                long n = 0;
                byte[] buf = new byte[7919];
                try {
                    for (int r = c.in.read(buf); r >= 0; r = c.in.read(buf)) {
                        got.update(buf, 0, r);
                        n += r;
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return n;
            });
            Random random = new Random(seed);
            for (int written = 0; written < total; ) {
                byte[] piece = new byte[Math.min(total - written, 1 + random.nextInt(random.nextBoolean() ? 7 : 40_000))];
                random.nextBytes(piece);
                c.out.write(piece);
                sent.update(piece);
                written += piece.length;
            }
            c.socket.shutdownOutput();
            assertEquals(total, reader.get(120, TimeUnit.SECONDS));
            assertArrayEquals(sent.digest(), got.digest());
        }
    }

    @Test
    void manyConcurrentSessionsEchoRandomDataExactly() throws Exception {
        int sessions = 32;
        try (FakeTnsListener db = new FakeTnsListener(); Gateways gw = Gateways.acceptingAll("")) {
            for (int i = 0; i < sessions; i++) {
                db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
            }
            ExecutorService clients = Executors.newFixedThreadPool(sessions);
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                long seed = i;
                done.add(CompletableFuture.runAsync(() -> {
                    try {
                        echoSession(gw.port(), route(gw, db), 1 << 20, seed);
                    } catch (Exception e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                }, clients));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
            clients.shutdown();
            long total = gw.engine.gateways().stream().mapToLong(GatewayInfo::total).sum();
            assertEquals(sessions, total);
            assertTrue(gw.engine.gateways().stream().allMatch(g -> g.total() > 0), "sessions spread over gateways");
        }
    }

    @Test
    void afterTheClientHalfClosesTheServerStillAnswers() throws Exception {
        int trailing = 3 << 20;
        try (FakeTnsListener db = new FakeTnsListener()
                .enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.DigestThenSend(trailing, 42));
             Gateways gw = Gateways.acceptingAll("");
             RawTnsClient c = new RawTnsClient(gw.port())) {
            assertEquals(PacketType.ACCEPT, c.handshake(route(gw, db)));
            byte[] request = new byte[500_000];
            new Random(7).nextBytes(request);
            c.out.write(request);
            c.socket.shutdownOutput();
            DataInputStream in = new DataInputStream(c.in);
            byte[] digest = new byte[32];
            in.readFully(digest);
            assertArrayEquals(FakeTnsListener.sha256().digest(request), digest);
            byte[] answer = new byte[trailing];
            in.readFully(answer);
            byte[] expected = new byte[trailing];
            new Random(42).nextBytes(expected);
            assertArrayEquals(expected, answer);
            assertEquals(-1, in.read(), "both sides are closed once the server has finished");
        }
    }

    /**
     * A client that does not read must slow the server down: the gateway holds at most one read's worth, so
     * what the server manages to write stays near the sockets' buffers, far below what it wants to send.
     */
    @Test
    void aSlowReaderSlowsTheWriter() throws Exception {
        int wanted = 256 << 20;
        AtomicLong written = new AtomicLong();
        try (java.net.ServerSocket backend = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             Gateways gw = Gateways.acceptingAll("")) {
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                try (java.net.Socket s = backend.accept()) {
                    InputStream in = s.getInputStream();
                    byte[] connect = new byte[4096];
                    in.read(connect);
                    OutputStream out = s.getOutputStream();
                    out.write(dev.tnsrelay.tns.AcceptPacket.build(319, 8192));
                    byte[] chunk = new byte[64 * 1024];
                    while (written.get() < wanted) {
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (RawTnsClient c = new RawTnsClient(gw.port())) {
                String descriptor = "(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address()
                        + "(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)(PORT=" + backend.getLocalPort() + "))"
                        + "(CONNECT_DATA=(SERVICE_NAME=sales)))";
                assertEquals(PacketType.ACCEPT, c.handshake(descriptor));
                long stable = awaitStable(written);
                assertTrue(stable < 64L << 20, "the server wrote " + stable + " bytes to a client that reads nothing");
                byte[] buf = new byte[1 << 16];
                long read = 0;
                while (read < wanted) {
                    int n = c.in.read(buf);
                    assertTrue(n > 0);
                    read += n;
                }
                server.get(60, TimeUnit.SECONDS);
                assertEquals(wanted, written.get());
            }
        }
    }

    /** The writer's count once it has not moved for a while: nothing can signal that a write is blocked. */
    private static long awaitStable(AtomicLong counter) throws InterruptedException {
        long last = -1;
        int unchanged = 0;
        for (int i = 0; i < 200 && unchanged < 5; i++) {
            Thread.sleep(100);
            long now = counter.get();
            unchanged = now == last ? unchanged + 1 : 0;
            last = now;
        }
        return last;
    }
}
