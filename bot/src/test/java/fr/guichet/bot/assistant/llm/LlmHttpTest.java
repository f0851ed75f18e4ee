package fr.guichet.bot.assistant.llm;

import static fr.guichet.bot.assistant.llm.LlmFixtures.FALLBACK;
import static fr.guichet.bot.assistant.llm.LlmFixtures.FALLBACK_ANSWERER;
import static fr.guichet.bot.assistant.llm.LlmFixtures.QUESTION;
import static fr.guichet.bot.assistant.llm.LlmFixtures.json;
import static fr.guichet.bot.assistant.llm.LlmFixtures.loan;
import static fr.guichet.bot.assistant.llm.LlmFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import fr.guichet.bot.assistant.Answer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real {@link OpenAiChatModel}, built by {@link ChatModels}, against a local server that
 * speaks the chat-completions API. Nothing leaves 127.0.0.1.
 */
class LlmHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the fake server does with a request. */
    private interface Behaviour {
        void respond(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private HttpServer server;
    private ExecutorService executor;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private volatile Behaviour behaviour;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                requests.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
                behaviour.respond(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private ChatModel model(int timeoutSeconds, String apiKey) {
        Map<String, String> env = new HashMap<>(Map.of(
                LlmSettings.PROVIDER, "openai",
                LlmSettings.MODEL, "modele-test",
                LlmSettings.BASE_URL, baseUrl(),
                LlmSettings.TIMEOUT_SECONDS, String.valueOf(timeoutSeconds)));
        if (apiKey != null) {
            env.put(LlmSettings.API_KEY, apiKey);
        }
        return ChatModels.create(LlmSettings.fromEnvironment(env).orElseThrow());
    }

    private Answer ask(ChatModel model) {
        return new LlmAnswerer(model, FALLBACK_ANSWERER).answer(request(loan()));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A chat-completions response whose assistant message is {@code content}. */
    private static String completion(String content) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "x").put("object", "chat.completion").put("created", 0).put("model", "m");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        root.putObject("usage").put("prompt_tokens", 1).put("completion_tokens", 1).put("total_tokens", 1);
        return root.toString();
    }

    private void serverAnswers(String content) {
        behaviour = exchange -> send(exchange, 200, completion(content));
    }

    @Test
    void acceptsAGroundedAnswerAndSendsSystemAndQuestionInTheirRoles() {
        serverAnswers(json("Le prêt d'honneur reprise va jusqu'à 50 000 €.", List.of("pret-honneur-reprise"), true));

        Answer answer = ask(model(5, "cle-de-test"));

        assertTrue(answer.fromLlm());
        assertTrue(answer.complex());
        assertEquals(List.of("pret-honneur-reprise"), answer.citedIds());
        assertEquals("Le prêt d'honneur reprise va jusqu'à 50 000 €.", answer.text());

        assertEquals(List.of("POST /v1/chat/completions"), paths);
        assertEquals(List.of("Bearer cle-de-test"), authorizations);
        JsonNode body = requests.get(0);
        assertEquals("modele-test", body.path("model").asText());
        assertEquals("json_object", body.path("response_format").path("type").asText());
        assertEquals(ChatModels.TEMPERATURE, body.path("temperature").asDouble(), 1e-9);
        JsonNode messages = body.path("messages");
        assertEquals(2, messages.size());
        assertEquals("system", messages.get(0).path("role").asText());
        assertEquals(LlmPrompt.SYSTEM, messages.get(0).path("content").asText());
        assertFalse(messages.get(0).path("content").asText().contains("Dupont"));
        assertEquals("user", messages.get(1).path("role").asText());
        String user = messages.get(1).path("content").asText();
        assertTrue(user.contains(QUESTION), user);
        assertTrue(user.contains("<fiche id=\"pret-honneur-reprise\">"), user);
    }

    @Test
    void worksWithoutAKeyForALocalServer() {
        serverAnswers(json("Le prêt d'honneur reprise convient.", List.of("pret-honneur-reprise"), false));

        Answer answer = ask(model(5, null));

        assertTrue(answer.fromLlm());
        assertEquals(1, requests.size());
    }

    @Test
    void fallsBackOnAnInventedCitation() {
        serverAnswers(json("Le prêt BPI convient.", List.of("pret-bpi"), false));

        assertSame(FALLBACK, ask(model(5, "k")));
        assertEquals(1, requests.size());
    }

    @Test
    void fallsBackOnAnInventedAmount() {
        serverAnswers(json("Le prêt va jusqu'à 75 000 €.", List.of("pret-honneur-reprise"), false));

        assertSame(FALLBACK, ask(model(5, "k")));
    }

    @Test
    void fallsBackOnTimeoutWithinAFewSeconds() {
        behaviour = exchange -> {
            Thread.sleep(10_000);
            send(exchange, 200, completion(json("Trop tard.", List.of("pret-honneur-reprise"), false)));
        };
        ChatModel model = model(1, "k");

        long start = System.nanoTime();
        Answer answer = ask(model);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertSame(FALLBACK, answer);
        assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "took " + took);
        assertEquals(1, requests.size(), "no retry");
    }

    @Test
    void fallsBackOnAServerErrorWithoutRetrying() {
        behaviour = exchange -> send(exchange, 500, "{\"error\": {\"message\": \"boom\", \"type\": \"server_error\"}}");

        assertSame(FALLBACK, ask(model(5, "k")));
        assertEquals(1, requests.size(), "no retry");
    }

    @Test
    void fallsBackOnABodyThatIsNotJson() {
        behaviour = exchange -> send(exchange, 200, "<html>proxy error</html>");

        assertSame(FALLBACK, ask(model(5, "k")));
    }

    @Test
    void fallsBackOnAnAnswerThatIsNotTheAskedJson() {
        serverAnswers("Bien sûr ! Le prêt d'honneur vous conviendra.");

        assertSame(FALLBACK, ask(model(5, "k")));
    }

    @Test
    void fallsBackWhenNothingListens() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ChatModel model = ChatModels.create(new LlmSettings(LlmSettings.Provider.OPENAI, "m",
                "http://127.0.0.1:" + closedPort + "/v1", "k", Duration.ofSeconds(2)));

        assertSame(FALLBACK, ask(model));
    }
}
