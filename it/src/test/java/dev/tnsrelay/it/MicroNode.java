package dev.tnsrelay.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One tnsrelay server of a cluster on loopback, run as a user runs it: {@code java -jar tnsrelay-server.jar} with
 * Payara Micro's cluster options, its own TNS_ADMIN (cman.ora, tnsnames.ora), state folder and remote JMX port,
 * and its output in {@code target/cluster/node<n>.log}.
 */
final class MicroNode {

    final int number;
    final Path dir;
    final int http;
    final int gateway;
    final int jmx;
    final int hazelcast;
    private final List<String> arguments = new ArrayList<>();
    private Process process;

    /**
     * @param members the cluster's TCP/IP member list, {@code 127.0.0.1:p1,127.0.0.1:p2,…}
     * @param deploy an application to deploy beside the adapter
     */
    MicroNode(Path root, int number, int hazelcast, String cluster, String members, Path jar, Path deploy,
            String tnsnames) throws IOException {
        this.number = number;
        this.dir = Files.createDirectories(root.resolve("node" + number));
        this.http = 18080 + number;
        this.gateway = 15250 + number; // apart from the other hosted tests' 15231-15243
        this.jmx = 15290 + number;
        this.hazelcast = hazelcast;
        Files.createDirectories(tnsAdmin());
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(cmanOra(), """
                # node %d of the cluster test
                cman_cluster =
                  (CONFIGURATION =
                    (ADDRESS = (PROTOCOL = tcp)(HOST = 127.0.0.1)(PORT = %d))
                    (RULE_LIST =
                      (RULE = (SRC = 127.0.0.1)(DST = *)(SRV = *)(ACT = accept))
                    )
                    (PARAMETER_LIST = (MAX_CMCTL_SESSIONS = 32))
                  )
                """.formatted(number, gateway));
        Files.writeString(tnsAdmin().resolve("tnsnames.ora"), tnsnames);
        // the adapter's settings before the server jar's own post-boot commands deploy it (docs/hosting.md)
        Path preBoot = Files.writeString(dir.resolve("preboot.asadmin"),
                "create-resource-adapter-config --property jmxPort=" + jmx + " adapter-rar\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        arguments.addAll(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                // a killed member is noticed in seconds, not the minute Hazelcast waits by default
                "-Dhazelcast.heartbeat.interval.seconds=1", "-Dhazelcast.max.no.heartbeat.seconds=6",
                "-Djava.io.tmpdir=" + dir.resolve("tmp"), "-jar", jar.toString(),
                "--port", Integer.toString(http), "--clustername", cluster, "--clustermode", "tcpip:" + members,
                "--interfaces", "127.0.0.1", "--startport", Integer.toString(hazelcast),
                "--prebootcommandfile", preBoot.toString(), "--deploy", deploy.toString()));
    }

    Path tnsAdmin() {
        return dir.resolve("tns_admin");
    }

    Path cmanOra() {
        return tnsAdmin().resolve("cman.ora");
    }

    Path state() {
        return dir.resolve("state");
    }

    /** The node's name in the cluster: its Hazelcast address. */
    String node() {
        return "127.0.0.1:" + hazelcast;
    }

    URI admin() {
        return URI.create("http://127.0.0.1:" + http + "/admin/");
    }

    String gatewayAddress() {
        return "(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)(PORT=" + gateway + "))";
    }

    void start() throws IOException {
        ProcessBuilder b = new ProcessBuilder(arguments).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.getParent().resolve("node" + number + ".log")
                        .toFile()));
        b.environment().put("TNS_ADMIN", tnsAdmin().toString());
        b.environment().put("TNSRELAY_HOME", state().toString());
        process = b.start();
    }

    /** Waits until the server's readiness check says UP (the instance listens), or fails after {@code limit}. */
    void awaitReady(Duration limit) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + number + " ended with " + process.exitValue()
                        + "; see target/cluster/node" + number + ".log");
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.http
                        + "/health/ready")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                // UP with tnsrelay's own check in it (Payara answers UP with no checks at all before the admin
                // WAR, which holds the check, is deployed), and the WAR serving (its check is registered while
                // it is still being deployed)
                if (r.statusCode() == 200 && r.body().contains("\"tnsrelay\"") && http.send(HttpRequest.newBuilder(
                        admin()).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() < 400) { // the login page, or a redirect to it
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(250); // polling the server's own readiness: there is no event to await
        }
        throw new IllegalStateException("node " + number + " not ready within " + limit.toSeconds() + " s");
    }

    /** kill -9: no shutdown hook, no goodbye to the cluster. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as bin/tnsrelay-stop does; forcibly if it does not end in 30 s. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
