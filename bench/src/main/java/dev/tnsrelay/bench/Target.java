package dev.tnsrelay.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the clients connect to: the backend itself, or a proxy in front of it running as its own process so
 * that its CPU time and memory can be read from /proc.
 */
final class Target implements AutoCloseable {

    /** The rules tnsrelay evaluates on every connect in the benchmark: a list as large as big sites keep. */
    static final int RULES = 1000;

    /** The standalone gateway's main class (what bin/tnsrelay-standalone runs). */
    static final String STANDALONE_MAIN = "dev.tnsrelay.cli.RelayMain";

    final String name;
    final int port;
    final boolean jvm;
    private final Process process;

    private Target(String name, int port, Process process, boolean jvm) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.jvm = jvm;
    }

    static Target direct(TnsBackend backend) {
        return new Target("direct", backend.port(), null, false);
    }

    /** tnsrelay standalone: RelayMain with a cman.ora that accepts local clients, no remote JMX, its own state. */
    static Target standalone(TnsBackend backend, Path dir) throws IOException, InterruptedException {
        int port = freePort();
        Path cman = Files.writeString(dir.resolve("cman.ora"), cmanOra(port));
        // the JVM flags a user gets from bin/tnsrelay-standalone: none
        List<String> command = new java.util.ArrayList<>(List.of(javaBin()));
        String extra = System.getProperty("bench.gatewayJvmOptions", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.split(" ")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), STANDALONE_MAIN, "--jmx", "off",
                "--state", dir.resolve("state").toString(), cman.toString()));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(dir.resolve("tnsrelay.log").toFile()).start();
        return started(new Target("tnsrelay", port, p, true), 30);
    }

    /** tnsrelay hosted: the Payara Micro server jar with the same cman.ora in its TNS_ADMIN. */
    static Target hosted(TnsBackend backend, Path dir, Path serverJar) throws IOException, InterruptedException {
        int port = freePort();
        Path admin = Files.createDirectories(dir.resolve("hosted-admin"));
        Files.writeString(admin.resolve("cman.ora"), cmanOra(port));
        // the JVM flags a user gets from bin/tnsrelay
        List<String> command = new java.util.ArrayList<>(List.of(javaBin(), "-Djava.io.tmpdir=" + dir, "-jar",
                serverJar.toString(), "--port", Integer.toString(freePort())));
        ProcessBuilder b = new ProcessBuilder(command);
        b.environment().put("TNS_ADMIN", admin.toString());
        Process p = b.redirectErrorStream(true).redirectOutput(dir.resolve("hosted.log").toFile()).start();
        return started(new Target("tnsrelay hosted", port, p, true), 120);
    }

    /** HAProxy in TCP mode, two threads like tnsrelay's two gateways, as many connections as the fd limit allows. */
    static Target haproxy(TnsBackend backend, Path dir, int maxConnections) throws IOException, InterruptedException {
        int port = freePort();
        Path cfg = Files.writeString(dir.resolve("haproxy.cfg"), String.join("\n", List.of(
                "global", "  maxconn " + maxConnections, "  nbthread 2",
                "defaults", "  mode tcp", "  timeout connect 5s", "  timeout client 1h", "  timeout server 1h",
                "frontend tns", "  bind 127.0.0.1:" + port, "  maxconn " + maxConnections, "  default_backend db",
                "backend db", "  server db1 127.0.0.1:" + backend.port() + " maxconn " + maxConnections, "")));
        Process p = new ProcessBuilder("haproxy", "-db", "-f", cfg.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        return started(new Target("haproxy", port, p, false), 30);
    }

    /** tnsrelay standalone with a TCPS endpoint: the benchmark's certificate, TLS 1.3 and one cipher. */
    static Target standaloneTls(Path dir, TlsCertificate tls) throws IOException, InterruptedException {
        int port = freePort();
        Path cman = Files.writeString(dir.resolve("cman-tls.ora"), tls.cmanOra() + cmanOra(port)
                .replace("(PROTOCOL=tcp)", "(PROTOCOL=tcps)"));
        List<String> command = new java.util.ArrayList<>(List.of(javaBin()));
        String extra = System.getProperty("bench.gatewayJvmOptions", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.split(" ")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), STANDALONE_MAIN, "--jmx", "off",
                "--state", dir.resolve("state-tls").toString(), cman.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("tnsrelay-tls.log").toFile()).start();
        return started(new Target("tnsrelay", port, p, true), 30);
    }

    /**
     * HAProxy terminating TLS ({@code bind … ssl crt …}, the same certificate, protocol and cipher) in front of
     * {@code serverLine}'s backend: plain TCP, or {@code ssl verify required ca-file …} to re-encrypt.
     */
    static Target haproxyTls(Path dir, String name, TlsCertificate tls, String serverLine)
            throws IOException, InterruptedException {
        int port = freePort();
        Path cfg = Files.writeString(dir.resolve(name.replace(' ', '-') + ".cfg"), String.join("\n", List.of(
                "global", "  maxconn 9900", "  nbthread 2",
                "defaults", "  mode tcp", "  timeout connect 5s", "  timeout client 1h", "  timeout server 1h",
                "frontend tns", "  bind 127.0.0.1:" + port + " " + String.join(" ", tls.haproxyBind()),
                "  default_backend db", "backend db", "  " + serverLine, "")));
        Process p = new ProcessBuilder("haproxy", "-db", "-f", cfg.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name.replace(' ', '-') + ".log").toFile()).start();
        return started(new Target(name, port, p, false), 30);
    }

    /**
     * {@value #RULES} rules, the benchmark's clients admitted by the last: half name services of their own, half
     * name subnets the clients are not in, so every connect is checked against the whole second half.
     */
    static String cmanOra(int port) {
        StringBuilder rules = new StringBuilder();
        for (int i = 0; i < RULES - 1; i++) {
            String src = "10." + (i / 250) + "." + (i % 250) + ".0/24";
            rules.append("    (RULE=(SRC=").append(src).append(")(DST=*)(SRV=")
                    .append(i % 2 == 0 ? "svc" + i : "*").append(")(ACT=accept))\n");
        }
        rules.append("    (RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))\n");
        return "cman_bench = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=" + port + "))\n"
                + "  (RULE_LIST=\n" + rules + "  )\n"
                + "  (PARAMETER_LIST=(MAX_CONNECTIONS=20000)(MIN_GATEWAY_PROCESSES=2)(CONNECTION_STATISTICS=no)))\n";
    }

    long pid() {
        return process.pid();
    }

    boolean hasProcess() {
        return process != null;
    }

    /** Waits until the port accepts: the process gives no other signal that it is ready. */
    private static Target started(Target t, int seconds) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!t.process.isAlive()) {
                throw new IOException(t.name + " ended at start (see its log in the work folder)");
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), t.port)) {
                return t;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        t.close();
        throw new IOException(t.name + " did not listen within " + seconds + " s");
    }

    /** A full GC in a Java target, so that resident memory is measured without garbage. */
    void collectGarbage() throws IOException, InterruptedException {
        if (jvm) {
            new ProcessBuilder("jcmd", Long.toString(pid()), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
    }

    /**
     * Heap of a Java target as {@code {committed KB, used KB}}, from {@code jcmd GC.heap_info} (G1 or Serial
     * layouts); {@code {0, 0}} for a non-Java target.
     */
    long[] heapKb() throws IOException, InterruptedException {
        if (!jvm) {
            return new long[] {0, 0};
        }
        Process p = new ProcessBuilder("jcmd", Long.toString(pid()), "GC.heap_info").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?m)^\\s*(garbage-first heap|def new generation|tenured generation)\\s+total (\\d+)K, used (\\d+)K")
                .matcher(text);
        long committed = 0;
        long used = 0;
        while (m.find()) {
            committed += Long.parseLong(m.group(2));
            used += Long.parseLong(m.group(3));
        }
        return new long[] {committed, used};
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
