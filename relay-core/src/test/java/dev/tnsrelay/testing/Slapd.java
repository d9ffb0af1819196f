package dev.tnsrelay.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real OpenLDAP {@code slapd} (Debian package {@code slapd}) on a free loopback port, with a throw-away
 * configuration and data loaded by {@code slapadd} before it starts. No password exists: the test reads
 * anonymously, as Oracle clients do.
 */
public final class Slapd implements AutoCloseable {

    private static final Path SLAPD = Path.of("/usr/sbin/slapd");
    private static final Path SLAPADD = Path.of("/usr/sbin/slapadd");

    private final Process process;
    private final int port;

    private Slapd(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts slapd serving {@code suffix} with the schema files and the LDIF given (paths in the test resources). */
    public static Slapd start(Path workDir, String suffix, List<Path> schemas, Path ldif)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(SLAPD) || !Files.isExecutable(SLAPADD)) {
            throw new IllegalStateException("slapd is not installed: install the Debian packages slapd and"
                    + " ldap-utils (scripts/prerequisites does)");
        }
        Path data = Files.createDirectories(workDir.resolve("data"));
        StringBuilder conf = new StringBuilder("include /etc/ldap/schema/core.schema\n");
        for (Path schema : schemas) {
            conf.append("include ").append(schema.toAbsolutePath()).append('\n');
        }
        conf.append("modulepath /usr/lib/ldap\nmoduleload back_mdb\n")
                .append("pidfile ").append(workDir.resolve("slapd.pid")).append('\n')
                .append("database mdb\nsuffix \"").append(suffix).append("\"\n")
                .append("directory ").append(data).append("\nmaxsize 10485760\n");
        Path confFile = Files.writeString(workDir.resolve("slapd.conf"), conf);
        run(new ProcessBuilder(SLAPADD.toString(), "-f", confFile.toString(), "-l", ldif.toAbsolutePath().toString()),
                workDir.resolve("slapadd.log"));

        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process process = new ProcessBuilder(SLAPD.toString(), "-f", confFile.toString(),
                "-h", "ldap://127.0.0.1:" + port + "/", "-d", "0")
                .redirectErrorStream(true).redirectOutput(workDir.resolve("slapd.log").toFile()).start();
        Slapd slapd = new Slapd(process, port);
        slapd.awaitListening(Duration.ofSeconds(30), workDir.resolve("slapd.log"));
        return slapd;
    }

    public int port() {
        return port;
    }

    /** Polls the port until slapd accepts a connection: an outside process gives no other signal. */
    private void awaitListening(Duration limit, Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("slapd ended at start: " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IllegalStateException("slapd did not listen on port " + port + " within " + limit);
    }

    private static void run(ProcessBuilder builder, Path log) throws IOException, InterruptedException {
        Process p = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", builder.command()) + " failed: " + Files.readString(log));
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
