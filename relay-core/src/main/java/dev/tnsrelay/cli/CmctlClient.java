package dev.tnsrelay.cli;

import dev.tnsrelay.admin.AdminError;
import dev.tnsrelay.admin.AdminException;
import dev.tnsrelay.admin.cmctl.CmctlCommand;
import dev.tnsrelay.admin.cmctl.CmctlHelp;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code cmctl}: the command line over the REST API of a running tnsrelay, typed as DBAs type Oracle's.
 * <pre>
 * cmctl [--url URL] [--user NAME] [--cacert FILE] command [args] [-c instance]   one command: cmctl show status -c cman_x
 * cmctl [--url URL] [--user NAME] [--cacert FILE] [-c instance]                  interactive: CMCTL&gt; administer cman_x, …, exit
 * cmctl [--url URL] [--user NAME] [--cacert FILE] @file                          a batch: the file's commands, one a line
 * </pre>
 * With an {@code https://} URL the server's certificate must be signed by a CA the JDK trusts, or by one in
 * {@code --cacert FILE} (PEM; also {@code $TNSRELAY_CACERT}), such as a self-signed server's own certificate.
 * URL defaults to {@code http://127.0.0.1:8080/admin}, the user to {@code admin}; the password comes from
 * {@code $TNSRELAY_PASSWORD}, else it is asked for. Commands are checked here first (a typo costs no round
 * trip), then run by the server, which answers in cmctl's layout; {@code help} answers here. After
 * {@code administer <instance>} (or with {@code -c}) every command names that instance, and one that is not the
 * server's answers TNS-04005. In a batch, blank lines and lines starting with {@code #} are skipped and
 * {@code exit} ends it. Exit status: 0 done, 1 a command failed, 2 usage, login or connection error.
 */
public final class CmctlClient {

    static final String USAGE = """
            usage: cmctl [--url URL] [--user NAME] [--cacert FILE] [command [args]] [-c instance]
                   cmctl [--url URL] [--user NAME] [--cacert FILE] @file
              with no command: interactive (CMCTL> prompt; administer <instance>, help, exit)
              --url URL     the server's admin application (default http://127.0.0.1:8080/admin)
              --user NAME   the administrator (default admin); the password is $TNSRELAY_PASSWORD, else asked
              --cacert FILE a PEM CA to trust for an https:// URL (also $TNSRELAY_CACERT)
              -c instance   the instance the commands are for (cmctl's option); another one answers TNS-04005
              @file         run the file's commands, one a line (# comments); exit status 1 if one failed
              help          the commands (help show: show's)""";

    private final HttpClient http;
    private final URI base;
    private final String authorization;
    /** The instance named by administer or -c, given with every command; empty: the server's. */
    private Optional<String> instance = Optional.empty();

    CmctlClient(URI base, String user, char[] password) {
        this(base, user, password, null);
    }

    CmctlClient(URI base, String user, char[] password, javax.net.ssl.SSLContext tls) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (tls != null) {
            b.sslContext(tls);
        }
        this.http = b.build();
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + new String(password)).getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.getenv(), System.console(), new BufferedReader(new InputStreamReader(System.in,
                StandardCharsets.UTF_8)), System.out, System.err));
    }

    public static int run(String[] args, Map<String, String> env, Console console, BufferedReader in, PrintStream out,
            PrintStream err) throws IOException {
        String url = "http://127.0.0.1:8080/admin";
        String user = "admin";
        String caCert = env.get("TNSRELAY_CACERT");
        Optional<String> instance = Optional.empty();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                out.println(USAGE);
                return 0;
            } else if ((a.equals("--url") || a.equals("--user") || a.equals("--cacert") || a.equals("-c")) && i + 1 < args.length) {
                String value = args[++i];
                switch (a) {
                    case "--url" -> url = value;
                    case "--user" -> user = value;
                    case "--cacert" -> caCert = value;
                    default -> instance = Optional.of(value);
                }
            } else if (a.startsWith("-")) {
                err.println("cmctl: unknown option " + a + "\n" + USAGE);
                return 2;
            } else {
                words.add(a);
            }
        }
        Optional<Path> batch = Optional.empty();
        if (!words.isEmpty() && words.get(0).startsWith("@")) {
            if (words.size() > 1) {
                err.println("cmctl: @file takes no other words\n" + USAGE);
                return 2;
            }
            batch = Optional.of(Path.of(words.get(0).substring(1)));
            if (!Files.isReadable(batch.get())) {
                err.println("cmctl: cannot read " + batch.get());
                return 2;
            }
        }
        if (words.size() >= 1 && words.get(0).equalsIgnoreCase("help")) {
            return help(CmctlCommand.line(words.subList(1, words.size())), out, err);
        }
        char[] password = env.containsKey("TNSRELAY_PASSWORD") ? env.get("TNSRELAY_PASSWORD").toCharArray()
                : console != null ? console.readPassword("Password for %s: ", user) : null;
        if (password == null) {
            err.println(AdminError.INVALID.message("no password: set TNSRELAY_PASSWORD or run cmctl in a terminal"));
            return 2;
        }
        javax.net.ssl.SSLContext tls = null;
        if (caCert != null && !caCert.isBlank()) {
            try {
                tls = trusting(java.nio.file.Path.of(caCert));
            } catch (IOException | java.security.GeneralSecurityException e) {
                err.println(AdminError.INVALID.message("--cacert " + caCert + ": " + e.getMessage()));
                return 2;
            }
        }
        CmctlClient client = new CmctlClient(URI.create(url.endsWith("/") ? url : url + "/"), user, password, tls);
        client.instance = instance;
        if (batch.isPresent()) {
            try (BufferedReader lines = Files.newBufferedReader(batch.get(), StandardCharsets.UTF_8)) {
                return client.session(lines, null, out, err);
            }
        }
        if (!words.isEmpty()) {
            return client.execute(CmctlCommand.line(words), out, err);
        }
        out.println("CMCTL for tnsrelay at " + url + " (help lists the commands, exit leaves)");
        return client.session(in, "CMCTL> ", out, err);
    }

    /** Commands one a line until the end or exit; the worst status of them (a connection error ends it). */
    int session(BufferedReader in, String prompt, PrintStream out, PrintStream err) throws IOException {
        int status = 0;
        while (true) {
            if (prompt != null) {
                out.print(prompt);
                out.flush();
            }
            String line = in.readLine();
            if (line == null) {
                return status;
            }
            String command = line.strip();
            if (command.isEmpty() || prompt == null && command.startsWith("#")) {
                continue;
            }
            String verb = command.split("\\s+")[0].toLowerCase(java.util.Locale.ROOT);
            if (verb.equals("exit") || verb.equals("quit")) {
                return status;
            }
            int s = verb.equals("help") ? help(command.substring(4), out, err) : execute(command, out, err);
            if (prompt == null) { // a batch: its status says whether every command did what it said
                status = Math.max(status, s);
            } else {
                status = s;
            }
            if (s == 2 && prompt == null) {
                return s;
            }
        }
    }

    private static int help(String topic, PrintStream out, PrintStream err) {
        try {
            out.print(CmctlHelp.text(topic));
            return 0;
        } catch (AdminException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    /** One command: those that only look with GET, the others with POST; prints the server's answer. */
    int execute(String line, PrintStream out, PrintStream err) {
        CmctlCommand command;
        try {
            command = CmctlCommand.parse(line);
        } catch (AdminException e) {
            err.println(e.getMessage());
            return 1;
        }
        String sent = command.instance().isEmpty() && instance.isPresent()
                ? line.strip() + " -c " + instance.get() : line.strip();
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).header("Accept", "text/plain, application/json");
        if (command.readOnly()) {
            request.uri(base.resolve("api/cmctl?command=" + URLEncoder.encode(sent, StandardCharsets.UTF_8))).GET();
        } else {
            request.uri(base.resolve("api/cmctl")).header("Content-Type", "text/plain; charset=UTF-8")
                    .header("X-Requested-By", "cmctl").POST(HttpRequest.BodyPublishers.ofString(sent));
        }
        try {
            HttpResponse<String> res = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() == 200) {
                out.print(res.body());
                if (command.verb() == CmctlCommand.Verb.ADMINISTER) {
                    instance = command.instance().or(() -> instance);
                }
                return 0;
            }
            err.println(res.statusCode() == 401 ? AdminError.DENIED.message("user name or password is wrong")
                    : errorText(res.body()));
            // a login refused (401, 429 while it must wait, 421 for a host name the server does not answer to) or
            // a server that cannot answer is 2, as cmctl's own login errors; a command that failed is 1
            int s = res.statusCode();
            return s == 401 || s == 421 || s == 429 || s >= 500 ? 2 : 1;
        } catch (IOException e) {
            err.println(AdminError.NOT_STARTED.message("cannot reach tnsrelay at " + base + ": " + e.getMessage()));
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    /** A TLS context that trusts the certificates in a PEM file (and no other). */
    static javax.net.ssl.SSLContext trusting(java.nio.file.Path pem) throws IOException,
            java.security.GeneralSecurityException {
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (var in = java.nio.file.Files.newInputStream(pem)) {
            int n = 0;
            for (var c : java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca" + n++, c);
            }
            if (n == 0) {
                throw new java.security.cert.CertificateException("no certificate in it (PEM expected)");
            }
        }
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** The {@code "error"} of a JSON answer, without a JSON library. */
    static String errorText(String body) {
        int key = body.indexOf("\"error\"");
        if (key < 0) {
            return body;
        }
        int start = body.indexOf('"', body.indexOf(':', key) + 1) + 1;
        StringBuilder out = new StringBuilder();
        for (int i = start; i < body.length() && body.charAt(i) != '"'; i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                c = body.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
