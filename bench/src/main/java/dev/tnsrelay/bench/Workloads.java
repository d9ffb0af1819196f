package dev.tnsrelay.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The work every target gets: the same clients, the same backend, the same durations. */
final class Workloads {

    /**
     * A measurement and the target's CPU time during it (0 for direct, which has no process).
     *
     * @param failures refusals plus time-outs (the logon storm)
     */
    record Result(double value, double p50Micros, double p99Micros, long units, long cpuMillis, double maxMicros,
            long refusals, long timeouts) {

        Result(double value, double p50Micros, double p99Micros, long units, long cpuMillis) {
            this(value, p50Micros, p99Micros, units, cpuMillis, 0, 0, 0);
        }

        Result withCpu(long cpu) {
            return new Result(value, p50Micros, p99Micros, units, cpu, maxMicros, refusals, timeouts);
        }
    }

    /** How long one client of the logon storm waits for its ACCEPT before it counts a time-out. */
    private static final int STORM_TIMEOUT_MILLIS = 10_000;

    private final int backendPort;
    private final long millis;

    Workloads(int backendPort, long millis) {
        this.backendPort = backendPort;
        this.millis = millis;
    }

    /** MB/s over {@code streams} connections; upload sends to a sink, download reads from a source. */
    Result throughput(Target t, int streams, boolean upload) throws Exception {
        return measured(t, () -> {
            List<Callable<Long>> work = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                work.add(() -> {
                    try (SocketChannel ch = Client.connect(t, backendPort, upload ? "sink" : "source")) {
                        ByteBuffer b = ByteBuffer.allocateDirect(64 * 1024);
                        long bytes = 0;
                        long end = System.nanoTime() + millis * 1_000_000;
                        while (System.nanoTime() < end) {
                            b.clear();
                            bytes += upload ? ch.write(b) : Math.max(0, ch.read(b));
                        }
                        return bytes;
                    }
                });
            }
            long start = System.nanoTime();
            long bytes = runAll(work).stream().mapToLong(Long::longValue).sum();
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(bytes / 1e6 / seconds, 0, 0, bytes, 0);
        });
    }

    /** 100-byte request, 100-byte answer, on {@code connections} connections: requests/s with p50 and p99. */
    Result pingPong(Target t, int connections) throws Exception {
        return measured(t, () -> {
            List<Callable<long[]>> work = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                work.add(() -> {
                    try (SocketChannel ch = Client.connect(t, backendPort, "echo")) {
                        ByteBuffer out = ByteBuffer.allocateDirect(100);
                        ByteBuffer in = ByteBuffer.allocateDirect(100);
                        long[] latencies = new long[1 << 20];
                        int n = 0;
                        long end = System.nanoTime() + millis * 1_000_000;
                        while (System.nanoTime() < end && n < latencies.length) {
                            long t0 = System.nanoTime();
                            out.clear();
                            while (out.hasRemaining()) {
                                ch.write(out);
                            }
                            in.clear();
                            Client.readFully(ch, in);
                            latencies[n++] = System.nanoTime() - t0;
                        }
                        return Arrays.copyOf(latencies, n);
                    }
                });
            }
            long start = System.nanoTime();
            List<long[]> all = runAll(work);
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            return new Result(merged.length / seconds, merged[merged.length / 2] / 1e3,
                    merged[(int) (merged.length * 0.99)] / 1e3, merged.length, 0);
        });
    }

    /** Connect, CONNECT → ACCEPT, close, by {@code workers} clients at once: handshakes/s with p50 and p99. */
    Result handshakes(Target t, int workers) throws Exception {
        return measured(t, () -> {
            List<Callable<long[]>> work = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                work.add(() -> {
                    long[] latencies = new long[1 << 20];
                    int n = 0;
                    long end = System.nanoTime() + millis * 1_000_000;
                    while (System.nanoTime() < end && n < latencies.length) {
                        long t0 = System.nanoTime();
                        Client.connect(t, backendPort, "hold").close();
                        latencies[n++] = System.nanoTime() - t0;
                    }
                    return Arrays.copyOf(latencies, n);
                });
            }
            long start = System.nanoTime();
            long[] merged = runAll(work).stream().flatMapToLong(Arrays::stream).sorted().toArray();
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(merged.length / seconds, merged[merged.length / 2] / 1e3,
                    merged[(int) (merged.length * 0.99)] / 1e3, merged.length, 0, merged[merged.length - 1] / 1e3, 0, 0);
        });
    }

    /**
     * A logon storm: {@code clients} clients, {@code inFlight} at a time, each connecting, CONNECT → ACCEPT and
     * closing as fast as the load generator can. The value is the seconds it took to serve them all.
     */
    Result logonStorm(Target t, int clients, int inFlight) throws Exception {
        return measured(t, () -> {
            java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(clients);
            java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicLong timedOut = new java.util.concurrent.atomic.AtomicLong();
            List<Callable<long[]>> work = new ArrayList<>();
            for (int i = 0; i < inFlight; i++) {
                work.add(() -> {
                    long[] latencies = new long[clients];
                    int n = 0;
                    while (left.getAndDecrement() > 0) {
                        long t0 = System.nanoTime();
                        try (java.net.Socket s = new java.net.Socket()) {
                            Client.handshake(s, t, backendPort, STORM_TIMEOUT_MILLIS);
                            latencies[n++] = System.nanoTime() - t0;
                        } catch (Client.Refused e) {
                            refused.incrementAndGet();
                        } catch (IOException e) {
                            timedOut.incrementAndGet();
                        }
                    }
                    return Arrays.copyOf(latencies, n);
                });
            }
            long start = System.nanoTime();
            long[] merged = runAll(work).stream().flatMapToLong(Arrays::stream).sorted().toArray();
            double seconds = (System.nanoTime() - start) / 1e9;
            return merged.length == 0 ? new Result(seconds, 0, 0, 0, 0, 0, refused.get(), timedOut.get())
                    : new Result(seconds, merged[merged.length / 2] / 1e3, merged[(int) (merged.length * 0.99)] / 1e3,
                            merged.length, 0, merged[merged.length - 1] / 1e3, refused.get(), timedOut.get());
        });
    }

    /**
     * KB of memory per established idle session beyond the target's baseline; -1 when the sessions could not
     * all be opened. HAProxy: growth of its resident set. A Java target, after a full GC each time: growth of
     * the live heap plus growth of what is resident outside the heap (resident set minus committed heap), so
     * that neither garbage nor a heap the GC resized counts for or against it.
     */
    Result idleMemory(Target t, int sessions) throws Exception {
        t.collectGarbage();
        long before = memoryKb(t);
        List<SocketChannel> open = new ArrayList<>();
        try {
            for (int i = 0; i < sessions; i++) {
                open.add(Client.connect(t, backendPort, "hold"));
            }
            t.collectGarbage();
            long after = memoryKb(t);
            return new Result((after - before) / (double) sessions, 0, 0, sessions, 0);
        } catch (IOException e) {
            System.err.println(t.name + ": only " + open.size() + " of " + sessions + " idle sessions: " + e.getMessage());
            return new Result(-1, 0, 0, open.size(), 0);
        } finally {
            for (SocketChannel ch : open) {
                ch.close();
            }
        }
    }

    static long memoryKb(Target t) throws Exception {
        long[] heap = t.heapKb();
        return ProcStat.rssKb(t.pid()) - heap[0] + heap[1];
    }

    interface Measurement {
        Result run() throws Exception;
    }

    static Result measured(Target t, Measurement m) throws Exception {
        long cpu0 = t.hasProcess() ? ProcStat.cpuMillis(t.pid()) : 0;
        Result r = m.run();
        long cpu = t.hasProcess() ? ProcStat.cpuMillis(t.pid()) - cpu0 : 0;
        return r.withCpu(cpu);
    }

    static <T> List<T> runAll(List<Callable<T>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(work)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
