package fr.guichet.bot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anySet;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.javacord.api.DiscordApi;
import org.javacord.api.entity.channel.ServerTextChannel;
import org.javacord.api.entity.permission.Role;
import org.javacord.api.entity.server.Server;
import org.javacord.api.entity.user.User;
import org.javacord.api.interaction.SlashCommandBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscordCommandTest {
    @TempDir
    Path data;
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    private final AtomicInteger logins = new AtomicInteger();

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("DISCORD_TOKEN", "MTAwMDAwMDAwMDAwMDAwMDAx.fake.token");
        env.put("DISCORD_STAFF_CHANNEL_ID", String.valueOf(DiscordFixtures.STAFF));
        env.put("DISCORD_ADVISER_ROLE_ID", String.valueOf(DiscordFixtures.ROLE));
        return env;
    }

    private int run(Map<String, String> env, DiscordPreflight.Result preflight, DiscordCommand.Connector connector)
            throws Exception {
        return command(env, preflight, connector).run(args(), out, err);
    }

    private DiscordCommand command(Map<String, String> env, DiscordPreflight.Result preflight,
                                   DiscordCommand.Connector connector) {
        return new DiscordCommand(env, DiscordFixtures.CLOCK, token -> preflight, s -> {
            logins.incrementAndGet();
            return connector.login(s);
        });
    }

    private List<String> args() {
        return List.of("--catalogue", DiscordFixtures.CATALOGUE.toString(), "--data", data.toString());
    }

    private List<String> errLines() {
        return errBytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static final DiscordPreflight.Result OK = new DiscordPreflight.Result(DiscordPreflight.Status.OK, "ok", 123L, "Guichet");

    @Test
    void aMissingSettingStopsBeforeConnecting() throws Exception {
        Map<String, String> env = env();
        env.remove("DISCORD_ADVISER_ROLE_ID");
        assertEquals(2, run(env, OK, s -> CompletableFuture.failedFuture(new AssertionError("no login"))));
        assertEquals(1, errLines().size());
        assertTrue(errLines().get(0).startsWith("DISCORD_ADVISER_ROLE_ID manquant"), errLines().toString());
        assertEquals(0, logins.get());
    }

    @Test
    void aRefusedTokenIsOneClearLine() throws Exception {
        DiscordPreflight.Result refused = new DiscordPreflight.Result(DiscordPreflight.Status.TOKEN_REFUSED,
                "jeton invalide, révoqué ou d'un autre type que « Bot » (HTTP 401).", 0, null);
        assertEquals(2, run(env(), refused, s -> CompletableFuture.failedFuture(new AssertionError("no login"))));
        assertEquals(List.of("Discord refuse le jeton (DISCORD_TOKEN) : jeton invalide, révoqué ou d'un autre type que "
                + "« Bot » (HTTP 401)."), errLines());
        assertEquals(0, logins.get());
        assertTrue(!errBytes.toString(StandardCharsets.UTF_8).contains("fake.token"), "the token is never printed");
    }

    @Test
    void unreachableDiscordAndAFailedLoginAreOneLineEach() throws Exception {
        DiscordPreflight.Result offline = new DiscordPreflight.Result(DiscordPreflight.Status.UNREACHABLE,
                "adresse de Discord introuvable (discord.com).", 0, null);
        assertEquals(1, run(env(), offline, s -> CompletableFuture.failedFuture(new AssertionError("no login"))));
        assertEquals(List.of("Connexion à Discord impossible : adresse de Discord introuvable (discord.com)."), errLines());

        errBytes.reset();
        assertEquals(2, run(env(), OK, s -> CompletableFuture.failedFuture(
                new IllegalStateException("Websocket closed before READY packet was received!"))));
        assertEquals(1, errLines().size());
        assertTrue(errLines().get(0).startsWith("Discord refuse la connexion : Discord a fermé la connexion"), errLines().get(0));
        assertTrue(errLines().get(0).contains("jeton refusé (DISCORD_TOKEN)"));
    }

    private DiscordApi api(boolean staffChannel, boolean role) {
        DiscordApi api = mock(DiscordApi.class);
        ServerTextChannel staff = mock(ServerTextChannel.class);
        org.mockito.Mockito.lenient().when(staff.getType()).thenReturn(org.javacord.api.entity.channel.ChannelType.SERVER_TEXT_CHANNEL);
        org.mockito.Mockito.lenient().when(staff.asServerTextChannel()).thenReturn(Optional.of(staff));
        org.mockito.Mockito.lenient().when(staff.getServer()).thenReturn(mock(Server.class));
        org.mockito.Mockito.lenient().when(staff.hasPermission(any(), any())).thenReturn(true);
        org.javacord.api.entity.server.ArchivedThreads none = mock(org.javacord.api.entity.server.ArchivedThreads.class);
        org.mockito.Mockito.lenient().when(staff.getPublicArchivedThreads()).thenReturn(CompletableFuture.completedFuture(none));
        org.mockito.Mockito.lenient().when(api.getChannelById(DiscordFixtures.STAFF))
                .thenReturn(staffChannel ? Optional.of(staff) : Optional.empty());
        org.mockito.Mockito.lenient().when(api.getServerTextChannelById(DiscordFixtures.STAFF))
                .thenReturn(staffChannel ? Optional.of(staff) : Optional.empty());
        when(api.getRoleById(DiscordFixtures.ROLE)).thenReturn(role ? Optional.of(mock(Role.class)) : Optional.empty());
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
    void aStaffChannelOrRoleTheBotCannotSeeIsNamedAndTheBotDisconnects() throws Exception {
        DiscordApi noChannel = api(false, true);
        assertEquals(2, run(env(), OK, s -> CompletableFuture.completedFuture(noChannel)));
        assertTrue(errLines().get(0).startsWith("DISCORD_STAFF_CHANNEL_ID : le salon 900 est introuvable"));
        verify(noChannel).disconnect();

        errBytes.reset();
        DiscordApi noRole = api(true, false);
        assertEquals(2, run(env(), OK, s -> CompletableFuture.completedFuture(noRole)));
        assertTrue(errLines().get(0).startsWith("DISCORD_ADVISER_ROLE_ID : le rôle 42 est introuvable"));
        verify(noRole).disconnect();
    }

    @Test
    void aStaffChannelThatCannotHoldCaseThreadsIsRefusedWithTheReason() {
        DiscordApi api = api(true, true);
        ServerTextChannel staff = (ServerTextChannel) api.getChannelById(DiscordFixtures.STAFF).orElseThrow();
        when(staff.hasPermission(any(), eq(org.javacord.api.entity.permission.PermissionType.CREATE_PUBLIC_THREADS)))
                .thenReturn(false);
        assertEquals(Optional.of("dans le salon 900, il manque au bot : Créer des fils publics. Ajoutez le rôle du bot aux "
                + "permissions du salon (Modifier le salon › Permissions)."), DiscordCommand.staffChannelProblem(api, 900));

        when(staff.getType()).thenReturn(org.javacord.api.entity.channel.ChannelType.SERVER_FORUM_CHANNEL);
        assertTrue(DiscordCommand.staffChannelProblem(api, 900).orElseThrow().contains("est un forum"));
        when(staff.getType()).thenReturn(org.javacord.api.entity.channel.ChannelType.SERVER_NEWS_CHANNEL);
        assertTrue(DiscordCommand.staffChannelProblem(api, 900).orElseThrow().contains("salon d'annonces"));
    }

    @Test
    void theBotStartsRegistersItsCommandsOnTheGuildsAndStopsCleanly() throws Exception {
        Map<String, String> env = env();
        env.put("DISCORD_GUILD_IDS", "7,8");
        DiscordApi api = api(true, true);
        DiscordCommand command = command(env, OK, s -> CompletableFuture.completedFuture(api));
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = runner.submit(() -> command.run(args(), out, err));
            long deadline = System.currentTimeMillis() + 20_000;
            // the invitation link is the last line printed before serving
            while (!outBytes.toString(StandardCharsets.UTF_8).contains("Lien d'invitation") && !exit.isDone()
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            String printed = outBytes.toString(StandardCharsets.UTF_8);
            if (exit.isDone()) {
                throw new AssertionError("the command ended before serving: exit " + exit.get() + ", " + printed + errLines());
            }
            assertTrue(printed.contains("Guichet est connecté à Discord en tant que Guichet"), printed + errLines());
            assertTrue(printed.contains("https://discord.com/oauth2/authorize?client_id=123&scope=bot%20applications.commands"
                    + "&permissions=311385246720"), printed);
            verify(api).addSlashCommandCreateListener(any());
            verify(api).addButtonClickListener(any());
            verify(api).addModalSubmitListener(any());
            verify(api).addSelectMenuChooseListener(any());
            verify(api).addMessageCreateListener(any());
            verify(api).setMessageCacheSize(0, 0); // Guichet never reads past messages
            command.stop();
            assertEquals(0, exit.get(20, TimeUnit.SECONDS));
            verify(api).disconnect();
        } finally {
            runner.shutdownNow();
        }
        // the commands went to both guilds, and none stay global (no command shown twice)
        verify(api).bulkOverwriteServerApplicationCommands(eq(7L), argThat(set -> set.size() == 8));
        verify(api).bulkOverwriteServerApplicationCommands(eq(8L), argThat(set -> set.size() == 8));
        verify(api).bulkOverwriteGlobalApplicationCommands(Set.of());
    }

    @Test
    void globalRegistrationClearsServerCommandsAndAFailureIsReported() {
        DiscordApi api = api(true, true);
        Server server = mock(Server.class);
        when(server.getId()).thenReturn(7L);
        when(api.getServers()).thenReturn(Set.of(server));
        Set<SlashCommandBuilder> commands = DiscordBot.commands();
        when(api.bulkOverwriteGlobalApplicationCommands(commands))
                .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("403 Missing Access")));
        List<String> problems = DiscordCommand.registerCommands(api, List.of(), commands);
        verify(api).bulkOverwriteServerApplicationCommands(7L, Set.of());
        verify(api, never()).bulkOverwriteServerApplicationCommands(eq(7L), eq(commands));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("applications.commands"), problems.get(0));
    }

    @Test
    void theCommandsAreFrenchAndComplete() {
        Map<String, com.fasterxml.jackson.databind.node.ObjectNode> byName = new HashMap<>();
        for (SlashCommandBuilder b : DiscordBot.commands()) {
            var json = ((org.javacord.core.interaction.SlashCommandBuilderDelegateImpl) b.getDelegate())
                    .getJsonBodyForApplicationCommand();
            byName.put(json.path("name").asText(), json);
        }
        assertEquals(Set.of("question", "dispositifs", "formations", "conseiller", "profil", "oublier", "dossiers",
                "statistiques"), byName.keySet());
        var texte = byName.get("question").path("options").get(0);
        assertEquals("texte", texte.path("name").asText());
        assertTrue(texte.path("required").asBoolean());
        assertEquals(2000, texte.path("max_length").asInt());
        var theme = byName.get("dispositifs").path("options").get(0);
        assertEquals("thème", theme.path("name").asText());
        assertEquals(fr.guichet.knowledge.catalogue.Theme.values().length, theme.path("choices").size());
        assertTrue(theme.path("choices").size() <= 25, "Discord allows 25 choices");
        assertEquals("creation", theme.path("choices").get(0).path("value").asText());
        assertEquals(false, byName.get("dossiers").path("dm_permission").asBoolean(true));
        for (String advisers : List.of("dossiers", "statistiques")) {
            assertEquals(false, byName.get(advisers).path("dm_permission").asBoolean(true), advisers);
            assertEquals("32", byName.get(advisers).path("default_member_permissions").asText(),
                    advisers + ": hidden from members without Manage Server until opened to the adviser role");
        }
        var period = byName.get("statistiques").path("options").get(0);
        assertEquals("période", period.path("name").asText());
        assertFalse(period.path("required").asBoolean(true), "by default the last 30 days");
        assertEquals(AdviserDesk.PERIOD_LENGTH, period.path("max_length").asInt());
        byName.values().forEach(c -> c.path("options").forEach(o -> assertTrue(o.path("description").asText().length() <= 100,
                o.path("description").asText())));
        assertTrue(byName.get("question").path("default_member_permissions").isMissingNode()
                || byName.get("question").path("default_member_permissions").isNull());
        byName.values().forEach(c -> assertTrue(c.path("description").asText().length() <= 100));
    }
}
