import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * How fast a password guesser gets answers from an admin door (issue 11, item 7): wrong passwords for one user from
 * several threads for a while, counting the guesses the server checked (a wrong-password answer) apart from the
 * attempts it refused unchecked (429 or "too many failed logins"). Run against a server you own:
 *
 * <pre>
 * java scripts/LoginGuessing.java screens http://127.0.0.1:8080/admin/ 60 8
 * java scripts/LoginGuessing.java basic   http://127.0.0.1:8080/admin/ 60 8
 * java scripts/LoginGuessing.java jmx     service:jmx:rmi:///jndi/rmi://127.0.0.1:8686/jmxrmi 60 8
 * </pre>
 */
public final class LoginGuessing {

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: LoginGuessing screens|basic|jmx <url> <seconds> <threads>");
            System.exit(2);
        }
        String door = args[0];
        String url = args[1];
        long seconds = Long.parseLong(args[2]);
        int threads = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Map<String, LongAdder> answers = new ConcurrentHashMap<>();
        AtomicLong n = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    String guess = "guess-" + n.incrementAndGet();
                    String answer;
                    try {
                        answer = switch (door) {
                            case "screens" -> status(http.send(HttpRequest.newBuilder(URI.create(url + "api/login"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"admin\",\"password\":\""
                                            + guess + "\"}")).build(), HttpResponse.BodyHandlers.ofString()));
                            case "basic" -> status(http.send(HttpRequest.newBuilder(URI.create(url + "api/status"))
                                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                            ("admin:" + guess).getBytes(StandardCharsets.UTF_8)))
                                    .header("X-Requested-With", "guess").GET().build(),
                                    HttpResponse.BodyHandlers.ofString()));
                            case "jmx" -> jmx(url, guess);
                            default -> throw new IllegalArgumentException(door);
                        };
                    } catch (Exception e) {
                        answer = "error " + e.getClass().getSimpleName();
                    }
                    answers.computeIfAbsent(answer, k -> new LongAdder()).increment();
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60, TimeUnit.SECONDS);
        double took = (System.nanoTime() - start) / 1e9;
        long checked = answers.getOrDefault("checked", new LongAdder()).sum();
        long all = answers.values().stream().mapToLong(LongAdder::sum).sum();
        System.out.printf("%s %s, %d threads, %.1f s: %d attempts (%.2f/s), %d guesses checked (%.3f/s); %s%n", door,
                url, threads, took, all, all / took, checked, checked / took, answers);
    }

    private static String status(HttpResponse<String> r) {
        return switch (r.statusCode()) {
            case 401 -> "checked";
            case 429 -> "refused unchecked";
            default -> "HTTP " + r.statusCode();
        };
    }

    private static String jmx(String url, String guess) throws Exception {
        try (JMXConnector c = JMXConnectorFactory.connect(new JMXServiceURL(url),
                Map.of(JMXConnector.CREDENTIALS, new String[] {"admin", guess}))) {
            return "logged in";
        } catch (SecurityException e) {
            return String.valueOf(e.getMessage()).contains("too many failed logins") ? "refused unchecked" : "checked";
        }
    }
}
