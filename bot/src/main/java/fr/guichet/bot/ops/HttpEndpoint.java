package fr.guichet.bot.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /health} and {@code /metrics} over HTTP, with the JDK's own server (two endpoints need
 * no framework). Bound to the loopback address unless {@code GUICHET_HTTP_BIND} says
 * otherwise: the metrics are not for the whole network. {@code /health} answers 200 with a
 * JSON body when every part is well, 503 naming what is wrong otherwise; {@code /metrics}
 * serves the Prometheus text.
 */
public final class HttpEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts serving. @throws IOException when the address cannot be bound (port taken…) */
    public static HttpEndpoint start(InetSocketAddress address, Health health, Metrics metrics) throws IOException {
        HttpServer server = HttpServer.create(address, 16);
        // a probe every few seconds, a scrape every fifteen: two threads are plenty, and daemons never hold the JVM
        ExecutorService executor = Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().name("guichet-http-", 1).factory());
        server.setExecutor(executor);
        server.createContext("/health", exchange -> handle(exchange, "/health", () -> health(health)));
        server.createContext("/metrics", exchange -> handle(exchange, "/metrics",
                () -> new Response(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape())));
        server.createContext("/", exchange -> handle(exchange, null, () -> new Response(404, "text/plain; charset=utf-8",
                "Adresses : /health, /metrics\n")));
        server.start();
        LOG.info("health and metrics on http://{}:{}/health and /metrics", address.getHostString(), server.getAddress().getPort());
        return new HttpEndpoint(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private record Response(int status, String type, String body) {
    }

    @FunctionalInterface
    private interface Handler {
        Response respond() throws IOException;
    }

    private static void handle(HttpExchange exchange, String path, Handler handler) throws IOException {
        try (exchange) {
            Response r;
            String method = exchange.getRequestMethod();
            if (path != null && !exchange.getRequestURI().getPath().equals(path)) {
                r = new Response(404, "text/plain; charset=utf-8", "Adresses : /health, /metrics\n");
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                r = new Response(405, "text/plain; charset=utf-8", "GET ou HEAD\n");
            } else {
                try {
                    r = handler.respond();
                } catch (RuntimeException e) {
                    LOG.warn("{} failed: {}", path, e.getClass().getSimpleName());
                    r = new Response(500, "text/plain; charset=utf-8", "Erreur interne\n");
                }
            }
            byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", r.type());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = method.equals("HEAD");
            exchange.sendResponseHeaders(r.status(), head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private static Response health(Health health) throws IOException {
        Health.Report report = health.check();
        ObjectNode body = JSON.createObjectNode();
        body.put("status", report.healthy() ? "ok" : "unavailable");
        if (!report.healthy()) {
            report.problems().forEach(body.putArray("problems")::add);
        }
        ObjectNode parts = body.putObject("checks");
        report.parts().forEach((name, s) -> {
            ObjectNode part = parts.putObject(name);
            part.put("ok", s.ok());
            if (s.problem() != null) {
                part.put("problem", s.problem());
            }
            s.details().forEach((k, v) -> part.set(k, JSON.valueToTree(v)));
        });
        return new Response(report.healthy() ? 200 : 503, "application/json; charset=utf-8",
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body) + "\n");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
