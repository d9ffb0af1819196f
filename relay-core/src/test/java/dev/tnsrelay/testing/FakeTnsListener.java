package dev.tnsrelay.testing;

import dev.tnsrelay.tns.ConnectPacket;
import dev.tnsrelay.tns.ConnectRequest;
import dev.tnsrelay.tns.FrameDecoder;
import dev.tnsrelay.tns.AcceptPacket;
import dev.tnsrelay.tns.RedirectPacket;
import dev.tnsrelay.tns.RefusePacket;
import dev.tnsrelay.tns.ResendPacket;
import dev.tnsrelay.tns.TnsPacket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scripted database listener in the MockWebServer style: {@link #enqueue} one script per TCP connection,
 * {@link #takeConnect} what arrived. Behind the gateway it stands for the listener the test is not about; the
 * gateway and the client in front of it are real.
 */
public final class FakeTnsListener implements AutoCloseable {

    /** What the listener does, step by step, on one connection. */
    public sealed interface Step permits Refuse, Accept, Resend, ResendTls, Redirect, Echo, Hold, DigestThenSend,
            Silent, CloseAfterConnect, ResetAfterConnect, Pause {
    }

    /**
     * Read a connect request, answer RESEND with flag 0x08, then expect a fresh TLS handshake on the same TCP
     * connection (a TLS listener only), as a 26ai listener handing over to the database's certificate does.
     */
    public record ResendTls() implements Step {
    }

    /** Read a connect request and say nothing, ever (until the peer goes): a listener that hangs. */
    public record Silent() implements Step {
    }

    /** Read a connect request, then close the connection without a word. */
    public record CloseAfterConnect() implements Step {
    }

    /** Read a connect request, then reset the connection (RST). */
    public record ResetAfterConnect() implements Step {
    }

    /** Wait this long before the next step (an answer that comes late). */
    public record Pause(long millis) implements Step {
    }

    /** Read a connect request, answer REFUSE with this error, close. */
    public record Refuse(int error) implements Step {
    }

    /** Read a connect request, answer ACCEPT (61 bytes, as JDBC needs at 319). */
    public record Accept(int version) implements Step {
    }

    /** Read a connect request, answer RESEND; the client sends it again on the same connection. */
    public record Resend() implements Step {
    }

    /** Read a connect request, answer REDIRECT to the address, with new connect data or null. */
    public record Redirect(String address, String connectData) implements Step {
    }

    /** After ACCEPT: send every byte back until the peer closes. */
    public record Echo() implements Step {
    }

    /** After ACCEPT: read and count bytes, answer nothing, until the peer closes. */
    public record Hold() implements Step {
    }

    /**
     * After ACCEPT: read until the peer half-closes, then send the SHA-256 of what arrived followed by
     * {@code bytes} bytes of {@code new Random(seed)} data, then close. Tests half-close and the direction
     * that outlives the other.
     */
    public record DigestThenSend(int bytes, long seed) implements Step {
    }

    /** A connect request as received, with the header flags of its CONNECT. */
    public record Received(String connectData, int flags, int connection) {
    }

    private final ServerSocket server;
    /** TLS mode: every connection is a TLS server socket over the accepted one; null for plain TCP. */
    private final javax.net.ssl.SSLContext tls;
    private final List<String> serverNames = java.util.Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.atomic.AtomicInteger tlsHandshakes = new java.util.concurrent.atomic.AtomicInteger();
    private final Thread acceptor;
    private final ConcurrentLinkedQueue<List<Step>> scripts = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final CountDownLatch bytesAfterAccept = new CountDownLatch(1);
    private final Object serving = new Object();
    private int open;
    private volatile int connections;

    public FakeTnsListener() throws IOException {
        this(0);
    }

    /** On a given loopback port (0: any free one), e.g. to come back where a stopped listener was. */
    public FakeTnsListener(int port) throws IOException {
        this(port, null);
    }

    /** A listener that speaks TLS (a TCPS database listener) with this context's key and trust. */
    public static FakeTnsListener tls(javax.net.ssl.SSLContext context) throws IOException {
        return new FakeTnsListener(0, context);
    }

    private FakeTnsListener(int port, javax.net.ssl.SSLContext tls) throws IOException {
        this.tls = tls;
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        acceptor = new Thread(this::acceptLoop, "fake-listener-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public String address() {
        return tls != null ? "(ADDRESS=(PROTOCOL=TCPS)(HOST=localhost)(PORT=" + port() + "))"
                : "(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)(PORT=" + port() + "))";
    }

    /** The SNI host names the TLS clients sent, one per handshake. */
    public List<String> serverNames() {
        synchronized (serverNames) {
            return List.copyOf(serverNames);
        }
    }

    /** TLS handshakes completed, renegotiations on one connection included. */
    public int tlsHandshakes() {
        return tlsHandshakes.get();
    }

    /** A TLS server socket over {@code raw}, its handshake done; the SNI it got is recorded. */
    private Socket overTls(Socket raw) throws IOException {
        javax.net.ssl.SSLSocket ssl = (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket(raw,
                raw.getInetAddress().getHostAddress(), raw.getPort(), false);
        ssl.setUseClientMode(false);
        ssl.startHandshake();
        tlsHandshakes.incrementAndGet();
        if (ssl.getSession() instanceof javax.net.ssl.ExtendedSSLSession e) {
            serverNames.add(e.getRequestedServerNames().stream().map(n -> n instanceof javax.net.ssl.SNIHostName h
                    ? h.getAsciiName() : n.toString()).findFirst().orElse(""));
        }
        return ssl;
    }

    public FakeTnsListener enqueue(Step... steps) {
        scripts.add(List.of(steps));
        return this;
    }

    /** The next connect request received, waiting up to 10 s. */
    public Received takeConnect() throws InterruptedException {
        Received r = received.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no connect request reached the listener on port " + port());
        }
        return r;
    }

    public boolean nothingReceived() {
        return received.isEmpty() && connections == 0;
    }

    public int connections() {
        return connections;
    }

    /** Waits until every connection it accepted has ended and its socket is closed; false after the time. */
    public boolean awaitNoConnections(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (serving) {
            while (open > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                serving.wait(left);
            }
        }
        return true;
    }

    /** Waits until a client has sent bytes after an ACCEPT (the session is live end to end). */
    public boolean awaitBytesAfterAccept(long seconds) throws InterruptedException {
        return bytesAfterAccept.await(seconds, TimeUnit.SECONDS);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                int n = ++connections;
                synchronized (sockets) {
                    sockets.add(s);
                }
                List<Step> script = scripts.poll();
                synchronized (serving) {
                    open++;
                }
                Thread t = new Thread(() -> {
                    try {
                        serve(s, script == null ? List.of() : script, n);
                    } finally {
                        synchronized (serving) {
                            open--;
                            serving.notifyAll();
                        }
                    }
                }, "fake-conn-" + n);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket raw, List<Step> script, int connection) {
        try (raw) {
            Socket s = tls == null ? raw : overTls(raw);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            FrameDecoder frames = new FrameDecoder(1 << 20);
            for (Step step : script) {
                if (step instanceof DigestThenSend d) {
                    java.security.MessageDigest sha = sha256();
                    sha.update(frames.drain());
                    byte[] buf = new byte[16 * 1024];
                    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                        sha.update(buf, 0, n);
                    }
                    out.write(sha.digest());
                    byte[] data = new byte[d.bytes()];
                    new java.util.Random(d.seed()).nextBytes(data);
                    out.write(data);
                    out.flush();
                    return;
                }
                if (step instanceof Pause p) {
                    Thread.sleep(p.millis());
                    continue;
                }
                if (step instanceof Echo || step instanceof Hold) {
                    byte[] buf = new byte[16 * 1024];
                    byte[] early = frames.drain();
                    if (early.length > 0) {
                        bytesAfterAccept.countDown();
                        if (step instanceof Echo) {
                            out.write(early);
                        }
                    }
                    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                        bytesAfterAccept.countDown();
                        if (step instanceof Echo) {
                            out.write(buf, 0, n);
                        }
                    }
                    return;
                }
                ConnectRequest request = readRequest(in, frames);
                if (request == null) {
                    return;
                }
                received.add(new Received(request.connectData(), request.connect().packet().flags(), connection));
                if (step instanceof Silent) {
                    in.transferTo(OutputStream.nullOutputStream());
                    return;
                } else if (step instanceof CloseAfterConnect) {
                    return;
                } else if (step instanceof ResetAfterConnect) {
                    s.setSoLinger(true, 0);
                    return;
                } else if (step instanceof Refuse r) {
                    out.write(RefusePacket.build(r.error()));
                    out.flush();
                    return;
                } else if (step instanceof Accept a) {
                    out.write(AcceptPacket.build(a.version(), 8192));
                } else if (step instanceof Resend) {
                    out.write(ResendPacket.build());
                } else if (step instanceof ResendTls) {
                    byte[] resend = ResendPacket.build();
                    resend[5] = (byte) TnsPacket.FLAG_RESEND_TLS;
                    out.write(resend);
                    out.flush();
                    s = overTls(raw); // the old TLS session is dropped without a word, as the listener does
                    in = s.getInputStream();
                    out = s.getOutputStream();
                    frames = new FrameDecoder(1 << 20);
                    continue;
                } else if (step instanceof Redirect r) {
                    out.write(RedirectPacket.build(r.address(), r.connectData()));
                    out.flush();
                    return;
                }
                out.flush();
            }
        } catch (IOException e) {
            // the peer went away: the script ends here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ConnectRequest readRequest(InputStream in, FrameDecoder frames) throws IOException {
        ConnectRequest request = null;
        byte[] buf = new byte[8192];
        while (true) {
            for (TnsPacket p = frames.next(); p != null; p = frames.next()) {
                request = request == null ? new ConnectRequest(ConnectPacket.of(p)) : addTo(request, p);
                if (request.complete()) {
                    return request;
                }
            }
            int n = in.read(buf);
            if (n < 0) {
                return null;
            }
            frames.feed(ByteBuffer.wrap(buf, 0, n));
        }
    }

    public static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConnectRequest addTo(ConnectRequest request, TnsPacket p) {
        request.add(p);
        return request;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        synchronized (sockets) {
            for (Socket s : sockets) {
                s.close();
            }
        }
        acceptor.join(5000);
    }
}
