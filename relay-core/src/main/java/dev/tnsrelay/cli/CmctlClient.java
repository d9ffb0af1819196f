package dev.tnsrelay.cli;

import dev.tnsrelay.admin.AdminError;
import dev.tnsrelay.admin.AdminException;
import dev.tnsrelay.admin.cmctl.CmctlCommand;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code cmctl}: the command line over the REST API of a running tnsrelay.
 * <pre>
 * cmctl [--url URL] [--user NAME] [--cacert FILE] [command]   one-shot: cmctl show connections in established
 * cmctl [--url URL] [--user NAME] [--cacert FILE]             interactive: CMCTL&gt; prompts until exit
 * </pre>
 * With an {@code https://} URL the server's certificate must be signed by a CA the JDK trusts, or by one in
 * {@code --cacert FILE} (PEM; also {@code $TNSRELAY_CACERT}), such as a self-signed server's own certificate.
 * URL defaults to {@code http://127.0.0.1:8080/admin}, the user to {@code admin}; the password comes from
 * {@code $TNSRELAY_PASSWORD}, else it is asked for. Commands are checked here first (a typo costs no round
 * trip), then run by the server, which answers in cmctl's layout. Exit status: 0 done, 1 the command failed,
 * 2 usage or connection error.
 */
public final class CmctlClient {

    private final HttpClient http;
    private final URI base;
    private final String authorization;

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
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--url") && i + 1 < args.length) {
                url = args[++i];
            } else if (args[i].equals("--user") && i + 1 < args.length) {
                user = args[++i];
            } else if (args[i].equals("--cacert") && i + 1 < args.length) {
                caCert = args[++i];
            } else if (args[i].startsWith("--")) {
                err.println("usage: cmctl [--url URL] [--user NAME] [--cacert FILE] [command]");
                return 2;
            } else {
                words.add(args[i]);
            }
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
        if (!words.isEmpty()) {
            return client.execute(String.join(" ", words), out, err);
        }
        out.println("CMCTL for tnsrelay at " + url + " (exit to leave)");
        int status = 0;
        while (true) {
            out.print("CMCTL> ");
            out.flush();
            String line = in.readLine();
            if (line == null || line.strip().equalsIgnoreCase("exit") || line.strip().equalsIgnoreCase("quit")) {
                return status;
            }
            if (!line.isBlank()) {
                status = client.execute(line, out, err);
            }
        }
    }

    /** One command: SHOW with GET, the others with POST; prints the server's answer. */
    int execute(String line, PrintStream out, PrintStream err) {
        CmctlCommand command;
        try {
            command = CmctlCommand.parse(line);
        } catch (AdminException e) {
            err.println(e.getMessage());
            return 1;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).header("Accept", "text/plain, application/json");
        if (command.verb() == CmctlCommand.Verb.SHOW) {
            request.uri(base.resolve("api/cmctl?command=" + URLEncoder.encode(line.strip(), StandardCharsets.UTF_8))).GET();
        } else {
            request.uri(base.resolve("api/cmctl")).header("Content-Type", "text/plain; charset=UTF-8")
                    .header("X-Requested-By", "cmctl").POST(HttpRequest.BodyPublishers.ofString(line.strip()));
        }
        try {
            HttpResponse<String> res = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() == 200) {
                out.print(res.body());
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
