package fr.guichet.bot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anySet;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.guichet.bot.ops.Termination;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.javacord.api.DiscordApi;
import org.javacord.api.entity.channel.ChannelType;
import org.javacord.api.entity.channel.ServerTextChannel;
import org.javacord.api.entity.permission.Role;
import org.javacord.api.entity.server.ArchivedThreads;
import org.javacord.api.entity.server.Server;
import org.javacord.api.entity.user.User;
import org.javacord.api.event.connection.LostConnectionEvent;
import org.javacord.api.event.connection.ResumeEvent;
import org.javacord.api.listener.connection.LostConnectionListener;
import org.javacord.api.listener.connection.ResumeListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/**
 * The bot's {@code /health}: 503 until the gateway is connected, 200 while it is, 503 naming
 * Discord when the connection is lost, 200 again once resumed; a stop signal ends the bot
 * with exit code 0 and closes the endpoint.
 */
class RuntimeDiscordHealthTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path data;
    private final HttpClient http = HttpClient.newHttpClient();

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private HttpResponse<String> health(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A Discord where the bot sees its staff channel and role, and every call succeeds. */
    private static DiscordApi api() {
        DiscordApi api = mock(DiscordApi.class);
        ServerTextChannel staff = mock(ServerTextChannel.class);
        lenient().when(staff.getType()).thenReturn(ChannelType.SERVER_TEXT_CHANNEL);
        lenient().when(staff.asServerTextChannel()).thenReturn(Optional.of(staff));
        lenient().when(staff.getServer()).thenReturn(mock(Server.class));
        lenient().when(staff.hasPermission(any(), any())).thenReturn(true);
        ArchivedThreads none = mock(ArchivedThreads.class);
        lenient().when(staff.getPublicArchivedThreads()).thenReturn(CompletableFuture.completedFuture(none));
        lenient().when(api.getChannelById(DiscordFixtures.STAFF)).thenReturn(Optional.of(staff));
        lenient().when(api.getServerTextChannelById(DiscordFixtures.STAFF)).thenReturn(Optional.of(staff));
        when(api.getRoleById(DiscordFixtures.ROLE)).thenReturn(Optional.of(mock(Role.class)));
        when(api.disconnect()).thenReturn(CompletableFuture.completedFuture(null));
        User me = mock(User.class);
        when(me.getName()).thenReturn("Guichet");
        when(me.getId()).thenReturn(999L);
        when(api.getYourself()).thenReturn(me);
        when(api.getServers()).thenReturn(Set.of());
        when(api.bulkOverwriteGlobalApplicationCommands(anySet())).thenReturn(CompletableFuture.completedFuture(Set.of()));
        when(api.bulkOverwriteServerApplicationCommands(anyLong(), anySet()))
                .thenReturn(CompletableFuture.completedFuture(Set.of()));
        return api;
    }

    @Test
    void healthFollowsTheGatewayAndAStopSignalEndsTheBotWithZero() throws Exception {
        int port = freePort();
        Map<String, String> env = new HashMap<>();
        env.put("DISCORD_TOKEN", "MTAwMDAwMDAwMDAwMDAwMDAx.fake.token");
        env.put("DISCORD_STAFF_CHANNEL_ID", String.valueOf(DiscordFixtures.STAFF));
        env.put("DISCORD_ADVISER_ROLE_ID", String.valueOf(DiscordFixtures.ROLE));
        env.put("DISCORD_GUILD_IDS", "7");
        env.put("GUICHET_HTTP_PORT", Integer.toString(port));
        DiscordApi api = api();
        CompletableFuture<DiscordApi> login = new CompletableFuture<>();
        Termination termination = Termination.forTests();
        DiscordCommand command = new DiscordCommand(env, DiscordFixtures.CLOCK,
                token -> new DiscordPreflight.Result(DiscordPreflight.Status.OK, "ok", 123L, "Guichet"), s -> login,
                termination);
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = runner.submit(() -> command.run(List.of("--catalogue", DiscordFixtures.CATALOGUE.toString(),
                    "--data", data.toString()), new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                    new PrintStream(errBytes, true, StandardCharsets.UTF_8)));
            // started, not yet logged in: the endpoint says Discord is not there
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            HttpResponse<String> before = null;
            while (System.nanoTime() < deadline) {
                try {
                    before = health(port);
                    break;
                } catch (java.net.ConnectException notYet) {
                    Thread.sleep(20);
                }
            }
            assertEquals(503, before.statusCode(), before.body());
            assertEquals("discord : pas connecté à Discord", JSON.readTree(before.body()).path("problems").get(0).asText());

            login.complete(api);
            while (!outBytes.toString(StandardCharsets.UTF_8).contains("Lien d'invitation") && !exit.isDone()
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(exit.isDone(), errBytes.toString(StandardCharsets.UTF_8));
            assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("Catalogue : "), "the served catalogue is named");
            HttpResponse<String> connected = health(port);
            assertEquals(200, connected.statusCode(), connected.body());
            JsonNode body = JSON.readTree(connected.body());
            assertEquals("connected", body.path("checks").path("discord").path("state").asText());
            assertTrue(body.path("checks").path("database").path("ok").asBoolean());

            ArgumentCaptor<LostConnectionListener> lost = ArgumentCaptor.forClass(LostConnectionListener.class);
            verify(api).addLostConnectionListener(lost.capture());
            lost.getValue().onLostConnection(mock(LostConnectionEvent.class));
            HttpResponse<String> down = health(port);
            assertEquals(503, down.statusCode());
            assertEquals("discord : connexion à Discord perdue, reconnexion en cours",
                    JSON.readTree(down.body()).path("problems").get(0).asText());

            ArgumentCaptor<ResumeListener> resumed = ArgumentCaptor.forClass(ResumeListener.class);
            verify(api).addResumeListener(resumed.capture());
            resumed.getValue().onResume(mock(ResumeEvent.class));
            assertEquals(200, health(port).statusCode());

            Thread stopping = termination.signal("TERM");
            assertEquals(0, exit.get(30, TimeUnit.SECONDS), errBytes.toString(StandardCharsets.UTF_8));
            stopping.join(10_000);
            verify(api).disconnect();
            assertTrue(command.gatewayStatus().isEmpty());
            try {
                health(port);
                throw new AssertionError("the endpoint is closed with the bot");
            } catch (java.io.IOException closed) {
                // expected
            }
        } finally {
            runner.shutdownNow();
        }
    }

    @Test
    void aRefusedCatalogueIsToldToTheStaffChannelInOneMessage() {
        String notice = DiscordCommand.refusedCatalogue(List.of("schemes.json: ligne 112, colonne 32: JSON mal formé",
                "advisers.json: conseiller « x » sans domaine"));
        assertTrue(notice.startsWith("⚠️ Le catalogue modifié est refusé : Guichet continue de répondre avec le précédent. "
                + "2 problème(s)"), notice);
        assertTrue(notice.contains("\n• schemes.json: ligne 112") && notice.contains("\n• advisers.json"), notice);
        String many = DiscordCommand.refusedCatalogue(java.util.Collections.nCopies(200, "trainings.csv: ligne 3: date illisible"));
        assertTrue(many.length() <= DiscordLimits.CONTENT, "within one Discord message: " + many.length());
        assertTrue(many.endsWith("… (voir les journaux ou `./guichet validate`)"));
    }

    @Test
    void discordErrorsAreCountedByCodeOnceEach() throws Exception {
        org.javacord.api.exception.MissingPermissionsException refused =
                mock(org.javacord.api.exception.MissingPermissionsException.class);
        org.javacord.api.util.rest.RestRequestResponseInformation response =
                mock(org.javacord.api.util.rest.RestRequestResponseInformation.class);
        when(response.getCode()).thenReturn(403);
        when(refused.getResponse()).thenReturn(Optional.of(response));
        assertEquals("403", Futures.code(new java.util.concurrent.CompletionException(refused)));
        assertEquals("timeout", Futures.code(new java.util.concurrent.TimeoutException()));
        assertEquals("other", Futures.code(new IllegalStateException("?")));

        List<String> codes = new java.util.concurrent.CopyOnWriteArrayList<>();
        Futures.countErrors(codes::add);
        try {
            // logged, then awaited: one failure, counted once
            CompletableFuture<Object> failed = CompletableFuture.failedFuture(refused);
            try {
                Futures.await(Futures.logged(failed, "send"), Duration.ofSeconds(1), "send");
            } catch (StaffChannel.DiscordFailure expected) {
                // the caller handles it
            }
            // a call Discord never answers
            try {
                Futures.await(new CompletableFuture<>(), Duration.ofMillis(10), "slow");
            } catch (StaffChannel.DiscordFailure expected) {
                // likewise
            }
        } finally {
            Futures.countErrors(null);
        }
        assertEquals(List.of("403", "timeout"), codes);
    }
}
