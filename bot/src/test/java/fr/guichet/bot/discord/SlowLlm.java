package fr.guichet.bot.discord;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A language model on the loopback address speaking OpenAI's chat-completions API, that takes
 * {@link #delayMillis} to answer (a slow model, or a busy provider).
 */
public final class SlowLlm implements AutoCloseable {
    /** An entry of the prompt, {@code <fiche id="…">}, as it reads inside the request's JSON. */
    private static final java.util.regex.Pattern FICHE = java.util.regex.Pattern.compile("fiche id=\\\\\"([^\\\\\"]+)\\\\\"");
    private final HttpServer server;
    public volatile long delayMillis;
    public final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();

    public SlowLlm() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            int now = running.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Thread.sleep(delayMillis);
                // cites the first entry of the prompt, as a good model would (an answer citing none is discarded)
                java.util.regex.Matcher fiche = FICHE.matcher(request);
                String cited = fiche.find() ? "\\\"" + fiche.group(1) + "\\\"" : "";
                String content = "{\\\"answer\\\": \\\"Plusieurs dispositifs peuvent vous aider.\\\", \\\"cited\\\": ["
                        + cited + "], \\\"complex\\\": false}";
                byte[] body = ("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"stand-in\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + content + "\"},"
                        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
                exchange.close();
            }
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
