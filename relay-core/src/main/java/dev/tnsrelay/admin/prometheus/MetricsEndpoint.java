package dev.tnsrelay.admin.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tnsrelay.admin.stats.Statistics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

/**
 * {@code GET /metrics} in Prometheus's text format for an instance without an application server. The JDK's own
 * HTTP server (module jdk.httpserver) on the instance's executor: one read-only path needs no library, and Netty
 * stays inside the network layer. It answers the scraper and nobody else's requests: nothing but GET and HEAD
 * of {@code /metrics}, no body read.
 */
public final class MetricsEndpoint implements AutoCloseable {

    private final HttpServer server;

    private MetricsEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Listens on {@code address} (loopback unless the operator says otherwise) and serves the statistics. */
    public static MetricsEndpoint start(InetSocketAddress address, Statistics statistics, Executor executor)
            throws IOException {
        HttpServer server = HttpServer.create(address, 16);
        server.setExecutor(executor);
        server.createContext("/", exchange -> answer(exchange, statistics));
        server.start();
        return new MetricsEndpoint(server);
    }

    private static void answer(HttpExchange exchange, Statistics statistics) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = PrometheusText.of(statistics.families()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", PrometheusText.CONTENT_TYPE);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Where it listens (a port 0 shows the port chosen). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops listening; a scrape under way may finish within a second. */
    @Override
    public void close() {
        server.stop(1);
    }
}
