package dev.tnsrelay.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The commands in bin/ as an operator runs them: every one answers --help and -h with its usage and exit status 0
 * without building or starting anything; unknown options are exit status 2; {@code bin/tnsrelay --check} says
 * where a broken cman.ora is wrong; and the real server started by {@code bin/tnsrelay} writes its pid file once
 * it is ready, refuses a second start, logs without Payara's certificate noise or colour codes, and stops with
 * {@code bin/tnsrelay-stop}.
 */
class BinCommandsIT {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path BIN = REPO.resolve("bin");

    private record Run(int status, String out) {
    }

    private static Run run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder b = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true);
        b.environment().putAll(env);
        Process p = b.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " still running after 120 s");
        }
        return new Run(p.exitValue(), out.get(10, TimeUnit.SECONDS));
    }

    private static List<String> commands() throws IOException {
        try (Stream<Path> files = Files.list(BIN)) {
            return files.filter(Files::isExecutable).map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void everyCommandAnswersHelpWithItsUsageAndDoesNothingElse() throws Exception {
        Path pid = Path.of("target", "help-test.pid").toAbsolutePath();
        Map<String, String> env = Map.of("TNSRELAY_PIDFILE", pid.toString());
        List<String> all = commands();
        assertTrue(all.containsAll(List.of("tnsrelay", "tnsrelay-stop", "tnsrelay-standalone", "cmctl", "resolve",
                "tnsrelay-passwd", "benchmark", "benchmark-jmh", "relay-core-java")), all.toString());
        FileTime built = Files.getLastModifiedTime(REPO.resolve("it/target/tnsrelay-server.jar"));
        for (String c : all) {
            for (String help : List.of("--help", "-h")) {
                Run r = run(env, BIN.resolve(c).toString(), help);
                assertEquals(0, r.status(), c + " " + help + ": " + r.out());
                assertTrue(r.out().startsWith("usage: bin/" + c), c + " " + help + ": " + r.out());
            }
        }
        assertFalse(Files.exists(pid), "no pid file written");
        assertEquals(built, Files.getLastModifiedTime(REPO.resolve("it/target/tnsrelay-server.jar")), "nothing built");

        for (String c : all) {
            if (c.equals("benchmark-jmh")) {
                continue; // its options are JMH's: JMH judges them, after the build
            }
            Run r = run(env, BIN.resolve(c).toString(), "--no-such-option");
            assertEquals(2, r.status(), c + " --no-such-option: " + r.out());
        }
    }

    @Test
    void checkSaysWhereABrokenCmanOraIsWrong() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "check");
        Path broken = Files.writeString(dir.resolve("cman.ora"), "cman_x = (CONFIGURATION=\n"
                + "  (ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=1522))\n"
                + "  (RULE_LIST=(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=deny))))\n");
        Run r = run(Map.of(), BIN.resolve("tnsrelay").toString(), "--check", broken.toString());
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().startsWith(broken + ":3:"), "file:line:col: " + r.out());
        Files.writeString(broken, "cman_x = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=1522))\n"
                + "  (RULE_LIST=(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept))))\n");
        Run ok = run(Map.of(), BIN.resolve("tnsrelay").toString(), "--check", broken.toString());
        assertEquals(0, ok.status(), ok.out());
        assertTrue(ok.out().contains("Configuration file is valid"), ok.out());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aSecondStartIsRefusedAndTheFirstStillStops() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bin-tnsrelay");
        Path tnsAdmin = Files.createDirectories(dir.resolve("tns_admin"));
        Files.writeString(tnsAdmin.resolve("cman.ora"), "cman_bin = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)"
                + "(HOST=127.0.0.1)(PORT=" + freePort() + "))"
                + "(RULE_LIST=(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))))\n");
        // the adapter's settings go before the server jar's own post-boot commands deploy it
        Path preboot = Files.writeString(dir.resolve("preboot.asadmin"), "create-resource-adapter-config --property"
                + " jmxPort=" + freePort() + " adapter-rar\n");
        Path pid = dir.resolve("tnsrelay.pid");
        Map<String, String> env = Map.of("TNS_ADMIN", tnsAdmin.toString(), "TNSRELAY_HOME",
                dir.resolve("state").toString(), "TNSRELAY_PIDFILE", pid.toString(), "TNSRELAY_TMPDIR",
                dir.resolve("tmp").toString());
        int http = freePort();

        ProcessBuilder b = new ProcessBuilder(BIN.resolve("tnsrelay").toString(), "--port", Integer.toString(http),
                "--nohazelcast", "--prebootcommandfile", preboot.toString()).directory(REPO.toFile())
                .redirectErrorStream(true);
        b.environment().putAll(env);
        Process first = b.start();
        List<String> log = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(),
                    StandardCharsets.UTF_8));
            String ready = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        synchronized (log) {
                            log.add(line);
                        }
                        if (line.startsWith("tnsrelay: ready")) {
                            return line;
                        }
                    }
                    return null;
                } catch (IOException e) {
                    return null;
                }
            }).get(300, TimeUnit.SECONDS);
            assertTrue(ready != null && ready.contains("http://127.0.0.1:" + http + "/admin/"), "ready: " + log);
            CompletableFuture.runAsync(() -> out.lines().forEach(l -> { // keep reading, so the server never blocks
                synchronized (log) {
                    log.add(l);
                }
            }));
            long serverPid = Long.parseLong(Files.readString(pid).strip());
            assertTrue(ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false), "the pid file names it");
            synchronized (log) {
                assertTrue(log.stream().noneMatch(l -> l.contains("has expired")), "no expired-certificate warnings");
                assertTrue(log.stream().anyMatch(l -> l.contains("NCLS-SECURITY-05054") && l.startsWith("tnsrelay:")),
                        "one line says they were left out");
                assertTrue(log.stream().noneMatch(l -> l.indexOf('\u001b') >= 0), "no colour codes off a terminal");
                assertTrue(log.stream().anyMatch(l -> l.contains("listening on")), "the gateway logs its addresses");
            }

            Run second = run(env, BIN.resolve("tnsrelay").toString(), "--port", Integer.toString(freePort()));
            assertEquals(1, second.status(), second.out());
            assertTrue(second.out().contains("already running (pid " + serverPid + ","), second.out());
            assertEquals(Long.toString(serverPid), Files.readString(pid).strip(), "the pid file is not overwritten");

            Run stop = run(env, BIN.resolve("tnsrelay-stop").toString());
            assertEquals(0, stop.status(), stop.out());
            assertTrue(first.waitFor(60, TimeUnit.SECONDS), "bin/tnsrelay returns when its server stops");
            assertFalse(Files.exists(pid), "the pid file is gone");
            assertFalse(ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false));
        } finally {
            first.destroy();
            if (Files.exists(pid)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroy);
            }
        }
    }
}
