package fr.guichet.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.handoff.AdviserNotifier;
import fr.guichet.bot.handoff.HandoffReason;
import fr.guichet.bot.ops.Health;
import fr.guichet.bot.report.AnsweredQuestion;
import fr.guichet.bot.report.AskedKind;
import fr.guichet.bot.report.Channel;
import fr.guichet.bot.report.Outcome;
import fr.guichet.knowledge.catalogue.Theme;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /health} and {@code /metrics} of a running Guichet, over loopback HTTP. */
class RuntimeHealthAndMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;
    Application app;
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        Path catalogue = RuntimeFixtures.catalogueCopy(tmp.resolve("catalogue"));
        app = RuntimeFixtures.start(RuntimeFixtures.settings(catalogue, tmp.resolve("data"),
                Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))), err);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort().orElseThrow() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIs200WithTheCatalogueAndTheDatabaseWhenAllIsWell() throws Exception {
        HttpResponse<String> r = get("/health");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        JsonNode body = JSON.readTree(r.body());
        assertEquals("ok", body.path("status").asText());
        assertEquals(app.catalogue().snapshot().entries(), body.path("checks").path("catalogue").path("entries").asInt());
        assertTrue(body.path("checks").path("catalogue").path("entries").asInt() > 100);
        assertEquals(app.catalogue().snapshot().loadedAt().toString(),
                body.path("checks").path("catalogue").path("loaded_at").asText());
        assertTrue(body.path("checks").path("database").path("ok").asBoolean());
        assertFalse(body.has("problems"));
    }

    @Test
    void healthIs503NamingWhatIsWrong() throws Exception {
        // the bot's gateway check, as DiscordCommand registers it, while the connection is lost
        app.health().register("discord", () -> Health.Status.problem("connexion à Discord perdue, reconnexion en cours",
                Map.of("state", "lost")));
        HttpResponse<String> r = get("/health");
        assertEquals(503, r.statusCode());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("unavailable", body.path("status").asText());
        assertEquals("discord : connexion à Discord perdue, reconnexion en cours", body.path("problems").get(0).asText());
        assertEquals("lost", body.path("checks").path("discord").path("state").asText());
        assertTrue(body.path("checks").path("database").path("ok").asBoolean(), "the other parts are still told");

        app.health().unregister("discord");
        assertEquals(200, get("/health").statusCode());
        app.database().close(); // the database can no longer be written
        r = get("/health");
        assertEquals(503, r.statusCode());
        String problem = JSON.readTree(r.body()).path("problems").get(0).asText();
        assertTrue(problem.startsWith("database : ") && problem.contains("fermée"), problem);
    }

    @Test
    void otherAddressesAndMethodsAreRefused() throws Exception {
        assertEquals(404, get("/admin").statusCode());
        assertEquals(404, get("/health/extra").statusCode());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort().orElseThrow()
                + "/health")).POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    @Test
    void metricsCountQuestionsHandoffsLatencyRemindersDiscordErrorsAndTheCatalogueWithoutPersonalData() throws Exception {
        // what the assistant records for each answer (the question log is the one place every answer passes)
        app.questions().record(new AnsweredQuestion(RuntimeFixtures.CLOCK.instant(), Channel.CONSOLE, AskedKind.ANY,
                List.of(Theme.CREATION), List.of("acre"), Outcome.ANSWERED, null, Duration.ofMillis(40), false));
        long id = app.questions().record(new AnsweredQuestion(RuntimeFixtures.CLOCK.instant(), Channel.SLASH, AskedKind.SCHEME,
                List.of(), List.of(), Outcome.HANDED_OFF, HandoffReason.NO_ANSWER, Duration.ofMillis(1500), false));
        app.questions().rate(id, false);
        app.metrics().discordError("403");
        app.metrics().discordError("timeout");
        // a conversation with personal data in it: none of it may reach a label
        Assistant assistant = app.assistant(AdviserNotifier.NONE);
        assistant.handle("c", "discord:123456789", "Je suis Zorglub Secretnom, 0611223344, je veux créer ma boulangerie",
                Channel.DM);

        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
        String text = r.body();
        for (String expected : List.of(
                "guichet_questions_total{application=\"guichet\",channel=\"console\",outcome=\"answered\"} 1.0",
                "guichet_questions_total{application=\"guichet\",channel=\"slash\",outcome=\"handed_off\"} 1.0",
                "guichet_handoffs_total{application=\"guichet\",reason=\"no_answer\"} 1.0",
                "guichet_reply_latency_seconds_bucket{application=\"guichet\",channel=\"console\",le=\"0.05\"} 1",
                "guichet_reply_latency_seconds_bucket{application=\"guichet\",channel=\"slash\",le=\"1.0\"} 0",
                "guichet_reply_latency_seconds_bucket{application=\"guichet\",channel=\"slash\",le=\"2.0\"} 1",
                "guichet_feedback_total{application=\"guichet\",helpful=\"no\"} 1.0",
                "guichet_discord_errors_total{application=\"guichet\",code=\"403\"} 1.0",
                "guichet_discord_errors_total{application=\"guichet\",code=\"timeout\"} 1.0",
                "guichet_catalogue_entries{application=\"guichet\"} " + app.catalogue().snapshot().entries() + ".0",
                "guichet_catalogue_loaded_timestamp_seconds{application=\"guichet\"} "
                        + (double) RuntimeFixtures.CLOCK.instant().getEpochSecond(),
                "guichet_questions_total{application=\"guichet\",channel=\"dm\"", // the assistant counts its own answers
                "jvm_memory_used_bytes{")) {
            assertTrue(text.contains(expected), "missing " + expected + " in\n" + text);
        }
        for (String personal : List.of("Zorglub", "Secretnom", "0611223344", "boulangerie", "123456789", "discord:")) {
            assertFalse(text.contains(personal), personal + " in the metrics");
        }
    }

    @Test
    void theEndpointListensOnLoopbackUnlessToldOtherwiseAndBadSettingsAreRefusedInFrench() throws Exception {
        Wiring.Settings s = Wiring.settings(Args.parse(List.of(), java.util.Set.of()), Map.of("GUICHET_HTTP_PORT", "9464"));
        assertEquals(new InetSocketAddress("127.0.0.1", 9464), s.http().orElseThrow());
        assertTrue(s.http().orElseThrow().getAddress().isLoopbackAddress());
        s = Wiring.settings(Args.parse(List.of(), java.util.Set.of()), Map.of("GUICHET_HTTP_PORT", "9464",
                "GUICHET_HTTP_BIND", "0.0.0.0"));
        assertTrue(s.http().orElseThrow().getAddress().isAnyLocalAddress());
        assertTrue(Wiring.settings(Args.parse(List.of(), java.util.Set.of()), Map.of()).http().isEmpty(), "unset: no server");
        Args.UsageException bad = assertThrows(Args.UsageException.class, () -> Wiring.settings(
                Args.parse(List.of(), java.util.Set.of()), Map.of("GUICHET_HTTP_PORT", "80000")));
        assertTrue(bad.getMessage().startsWith("GUICHET_HTTP_PORT doit être un numéro de port"), bad.getMessage());
    }

    @Test
    void aPortAlreadyTakenIsAWarningNotAStop() throws Exception {
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        Path catalogue = tmp.resolve("catalogue");
        try (Application beside = RuntimeFixtures.start(RuntimeFixtures.settings(catalogue, tmp.resolve("data"),
                Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), app.httpPort().orElseThrow()))), second)) {
            assertTrue(beside.httpPort().isEmpty());
            assertTrue(second.toString().contains("/health et /metrics indisponibles"), second.toString());
        }
        assertEquals(200, get("/health").statusCode(), "the first one still serves");
    }
}
