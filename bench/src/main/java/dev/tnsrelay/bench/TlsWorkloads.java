package dev.tnsrelay.bench;

import dev.tnsrelay.tns.ConnectPacket;
import dev.tnsrelay.tns.PacketType;
import dev.tnsrelay.tns.TnsReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLSocket;

/**
 * The TLS work every TLS target gets: full TLS handshakes (no resumption: each session is invalidated) followed by
 * the TNS CONNECT and ACCEPT, and bytes through a TLS session, up to a sink or down from a source. The TNS next
 * hop is {@code hop} (the plain backend, or the TLS one when the target re-encrypts); HAProxy ignores the route,
 * tnsrelay follows it.
 */
final class TlsWorkloads {

    /** Where the benchmark's TNS clients ask to be routed: a TCP or a TCPS next hop. */
    record Hop(String protocol, String host, int port) {
    }

    private final TlsCertificate tls;
    private final Hop hop;
    private final long millis;

    TlsWorkloads(TlsCertificate tls, Hop hop, long millis) {
        this.tls = tls;
        this.hop = hop;
        this.millis = millis;
    }

    /** TLS handshake, CONNECT → ACCEPT, close, by {@code workers} clients at once: handshakes/s, p50 and p99. */
    Workloads.Result handshakes(Target t, int workers) throws Exception {
        return Workloads.measured(t, () -> {
            List<Callable<long[]>> work = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                work.add(() -> {
                    long[] latencies = new long[1 << 20];
                    int n = 0;
                    long end = System.nanoTime() + millis * 1_000_000;
                    while (System.nanoTime() < end && n < latencies.length) {
                        long t0 = System.nanoTime();
                        connect(t, "hold").close();
                        latencies[n++] = System.nanoTime() - t0;
                    }
                    return Arrays.copyOf(latencies, n);
                });
            }
            long start = System.nanoTime();
            long[] merged = Workloads.runAll(work).stream().flatMapToLong(Arrays::stream).sorted().toArray();
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Workloads.Result(merged.length / seconds, merged[merged.length / 2] / 1e3,
                    merged[(int) (merged.length * 0.99)] / 1e3, merged.length, 0);
        });
    }

    /** MB/s over {@code streams} TLS sessions; up sends to a sink, down reads from a source. */
    Workloads.Result throughput(Target t, int streams, boolean up) throws Exception {
        return Workloads.measured(t, () -> {
            List<Callable<Long>> work = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                work.add(() -> {
                    try (SSLSocket s = connect(t, up ? "sink" : "source")) {
                        byte[] b = new byte[64 * 1024];
                        long bytes = 0;
                        long end = System.nanoTime() + millis * 1_000_000;
                        OutputStream out = s.getOutputStream();
                        InputStream in = s.getInputStream();
                        while (System.nanoTime() < end) {
                            if (up) {
                                out.write(b);
                                bytes += b.length;
                            } else {
                                bytes += Math.max(0, in.read(b));
                            }
                        }
                        return bytes;
                    }
                });
            }
            long start = System.nanoTime();
            long bytes = Workloads.runAll(work).stream().mapToLong(Long::longValue).sum();
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Workloads.Result(bytes / 1e6 / seconds, 0, 0, bytes, 0);
        });
    }

    /**
     * KB of memory per established idle TLS session beyond the target's baseline, measured as
     * {@link Workloads#idleMemory} measures a plain one (for the ratio TLS / plain of the same target).
     */
    Workloads.Result idleMemory(Target t, int sessions) throws Exception {
        t.collectGarbage();
        long before = Workloads.memoryKb(t);
        List<SSLSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < sessions; i++) {
                open.add(connect(t, "hold"));
            }
            t.collectGarbage();
            long after = Workloads.memoryKb(t);
            return new Workloads.Result((after - before) / (double) sessions, 0, 0, sessions, 0);
        } finally {
            for (SSLSocket s : open) {
                s.close();
            }
        }
    }

    /** A full TLS handshake with the target (TLS 1.3, the one cipher), then CONNECT and its ACCEPT. */
    private SSLSocket connect(Target t, String mode) throws IOException {
        SSLSocket s = (SSLSocket) tls.client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), t.port);
        s.setTcpNoDelay(true);
        s.setSoTimeout(30_000);
        s.setEnabledProtocols(new String[] {TlsCertificate.PROTOCOL});
        s.setEnabledCipherSuites(new String[] {TlsCertificate.CIPHER});
        s.startHandshake();
        s.getSession().invalidate(); // the next connect is a full handshake again
        OutputStream out = s.getOutputStream();
        for (byte[] p : ConnectPacket.build("(DESCRIPTION=(SOURCE_ROUTE=yes)(ADDRESS=(PROTOCOL=tcps)(HOST=127.0.0.1)"
                + "(PORT=" + t.port + "))(ADDRESS=(PROTOCOL=" + hop.protocol() + ")(HOST=" + hop.host() + ")(PORT="
                + hop.port() + "))(CONNECT_DATA=(SERVICE_NAME=" + mode + ")(CID=(PROGRAM=bench)(HOST=localhost)"
                + "(USER=bench))))")) {
            out.write(p);
        }
        out.flush();
        if (new TnsReader(s.getInputStream()).next().type() != PacketType.ACCEPT) {
            s.close();
            throw new Client.Refused(t.name + " did not accept a TLS client");
        }
        return s;
    }
}
