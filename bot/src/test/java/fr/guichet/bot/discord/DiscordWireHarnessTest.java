package fr.guichet.bot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.guichet.bot.discord.DiscordStandIn.Request;
import fr.guichet.knowledge.catalogue.Adviser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.javacord.api.DiscordApi;
import org.javacord.api.DiscordApiBuilder;
import org.javacord.api.entity.intent.Intent;
import org.javacord.core.util.gateway.DiscordWebSocketAdapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

/**
 * Guichet's Discord adapter on the wire: the real {@code discord} command, with the real
 * Javacord 3.8.0 client, against {@link DiscordStandIn} (Discord's REST API and gateway on the
 * loopback address) and {@link SlowLlm} (a language model that takes its time). One login is
 * shared by the scenarios, in order; the ones that break the connection come last, and the
 * shutdown ends it. Each scenario asserts what Discord receives and when: every interaction's
 * first callback within 3 seconds of its event, {@code allowed_mentions} on every message
 * (nobody but the one adviser a case is for), and no log line with what a user typed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiscordWireHarnessTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final long ACK_LIMIT_MS = 3_000;
    /** Words only users type here: none may reach a log line. */
    private static final List<String> TYPED = List.of("zorglub", "Secretnom", "0611223344", "Boulangerie Secrete");

    private DiscordStandIn discord;
    private SlowLlm llm;
    private DiscordCommand command;
    private Future<Integer> exit;
    private final ExecutorService runner = Executors.newSingleThreadExecutor();
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Set<Long> adviserIds = new HashSet<>();
    /** Every interaction sent, with when: each must be acknowledged in time. */
    private final Map<String, Long> sentAt = Collections.synchronizedMap(new LinkedHashMap<>());
    private Path data;

    @BeforeAll
    void connect() throws Exception {
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        discord = new DiscordStandIn();
        llm = new SlowLlm();
        data = Files.createTempDirectory("guichet-wire");
        DiscordWebSocketAdapter.setGateway(discord.gatewayUrl());
        for (Adviser a : DiscordFixtures.catalogue().advisersById().values()) {
            DiscordNotifier.discordId(a).ifPresent(adviserIds::add);
        }
        Map<String, String> env = new HashMap<>();
        env.put("DISCORD_TOKEN", "MTAwMDAwMDAwMDAwMDAwMDAx.stand.in");
        env.put("DISCORD_STAFF_CHANNEL_ID", Long.toString(DiscordStandIn.STAFF));
        env.put("DISCORD_ADVISER_ROLE_ID", Long.toString(DiscordStandIn.ADVISER_ROLE));
        env.put("DISCORD_GUILD_IDS", Long.toString(DiscordStandIn.GUILD));
        env.put("GUICHET_LLM_PROVIDER", "openai");
        env.put("GUICHET_LLM_MODEL", "stand-in");
        env.put("GUICHET_LLM_BASE_URL", llm.baseUrl());
        env.put("GUICHET_LLM_API_KEY", "stand-in-key");
        env.put("GUICHET_LLM_TIMEOUT_SECONDS", "30");
        command = new DiscordCommand(env, DiscordFixtures.CLOCK,
                token -> new DiscordPreflight.Result(DiscordPreflight.Status.OK, "application « Guichet »", DiscordStandIn.APP,
                        "Guichet"),
                settings -> DiscordCommand.builder(settings).setProxySelector(discord.proxySelector())
                        .setTrustAllCertificates(true).login());
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        long started = System.nanoTime();
        exit = runner.submit(() -> command.run(List.of("--catalogue", DiscordFixtures.CATALOGUE.toString(),
                "--data", data.toString()), out, err));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        // the invitation link is the last line printed before serving
        while (!outBytes.toString(StandardCharsets.UTF_8).contains("Lien d'invitation") && !exit.isDone()
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(exit.isDone(), () -> "the bot stopped: " + errBytes.toString(StandardCharsets.UTF_8));
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("Guichet est connecté à Discord"),
                () -> outBytes + " / " + errBytes);
        // a figure for docs/benchmarks.md, not a limit: start to serving, login to the stand-in included
        System.out.printf("[runtime] discord: start to ready (loopback stand-in, login included) %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    void disconnect() throws Exception {
        if (exit != null && !exit.isDone()) {
            command.stop();
            exit.get(30, TimeUnit.SECONDS);
        }
        runner.shutdownNow();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        DiscordWebSocketAdapter.setGateway(null);
        if (discord != null) {
            discord.close();
        }
        if (llm != null) {
            llm.close();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private ObjectNode send(ObjectNode interaction) {
        long at = discord.gateway().dispatch("INTERACTION_CREATE", interaction);
        sentAt.put(interaction.path("id").asText(), at);
        return interaction;
    }

    private ObjectNode slash(long user, long channel, String name, String option, String value) {
        return send(discord.interaction(2, channel, DiscordStandIn.GUILD, user, false, DiscordStandIn.slash(name, option, value)));
    }

    private ObjectNode click(long user, long channel, boolean adviser, String customId, boolean onPrivateMessage) {
        return send(discord.componentInteraction(channel, DiscordStandIn.GUILD, user, adviser, discord.buttonData(customId),
                customId, onPrivateMessage));
    }

    /** The interaction's first callback, asserted to come within Discord's 3 seconds of the event. */
    private Request acknowledged(JsonNode interaction) throws InterruptedException {
        String prefix = "/api/v10/interactions/" + interaction.path("id").asText() + "/";
        Request callback = discord.await(r -> r.is("POST", prefix), WAIT, "the callback of " + interaction.path("id"));
        long ms = TimeUnit.NANOSECONDS.toMillis(callback.nanos() - sentAt.get(interaction.path("id").asText()));
        assertTrue(ms < ACK_LIMIT_MS, "acknowledged after " + ms + " ms");
        return callback;
    }

    private static Predicate<Request> original(JsonNode interaction) {
        String path = "/api/v10/webhooks/" + DiscordStandIn.APP + "/" + interaction.path("token").asText() + "/messages/@original";
        return r -> r.is("PATCH", path);
    }

    private static Predicate<Request> followUp(JsonNode interaction) {
        String path = "/api/v10/webhooks/" + DiscordStandIn.APP + "/" + interaction.path("token").asText();
        return r -> r.method().equals("POST") && r.path().equals(path);
    }

    /** The deferred answer that replaced « Guichet réfléchit… ». */
    private Request answered(JsonNode interaction) throws InterruptedException {
        return discord.await(original(interaction), WAIT, "the answer to " + interaction.path("id"));
    }

    private static void assertDeferredPrivately(Request callback) {
        assertEquals(5, callback.body().path("type").asInt(), callback.body().toString());
        assertEquals(64, callback.body().path("data").path("flags").asInt(), callback.body().toString());
    }

    private static String text(Request r) {
        StringBuilder s = new StringBuilder(r.body().path("content").asText(""));
        r.body().path("embeds").forEach(e -> s.append(' ').append(e.path("title").asText("")).append(' ')
                .append(e.path("description").asText("")));
        return s.toString();
    }

    private static List<String> customIds(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.path("components").forEach(row -> row.path("components").forEach(c -> {
            if (c.has("custom_id")) {
                ids.add(c.path("custom_id").asText());
            }
        }));
        return ids;
    }

    private List<String> logLines() {
        List<String> lines = new ArrayList<>();
        synchronized (logs) {
            for (ILoggingEvent e : new ArrayList<>(logs.list)) {
                lines.add(e.getLoggerName() + " " + e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()));
            }
        }
        return lines;
    }

    private boolean logged(String part) {
        return logLines().stream().anyMatch(l -> l.contains(part));
    }

    private void awaitLog(String part) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!logged(part)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no log line with « " + part + " »: " + logLines());
            }
            Thread.sleep(10);
        }
    }

    // ---- the plain flow -----------------------------------------------------------------------

    @Test
    @Order(1)
    void aQuestionThenTheHandoffFormOpensACaseThreadPingingOnlyTheAdviserWhoThenWorksIt() throws Exception {
        ObjectNode question = slash(2001, DiscordStandIn.TEXT, "question", "texte",
                "pret d'honneur pour creer mon commerce a bethune zorglub");
        assertDeferredPrivately(acknowledged(question));
        Request answer = answered(question);
        assertTrue(answer.body().path("embeds").size() >= 1, answer.body().toString());
        assertTrue(customIds(answer.body()).contains(ReplyRenderer.HANDOFF), answer.body().toString());

        // « Parler à un conseiller »: the form, as the first callback
        ObjectNode button = click(2001, DiscordStandIn.TEXT, false, ReplyRenderer.HANDOFF, true);
        Request form = acknowledged(button);
        assertEquals(9, form.body().path("type").asInt());
        assertEquals(DiscordBot.MODAL, form.body().path("data").path("custom_id").asText());

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(DiscordBot.NAME, "Jean Secretnom");
        fields.put(DiscordBot.COMPANY, "Boulangerie Secrete");
        fields.put(DiscordBot.REACH, "0611223344");
        fields.put(DiscordBot.CONSENT, "oui");
        ObjectNode submit = send(discord.interaction(5, DiscordStandIn.TEXT, DiscordStandIn.GUILD, 2001, false,
                DiscordStandIn.modalData(DiscordBot.MODAL, fields)));
        assertDeferredPrivately(acknowledged(submit));
        Request thread = discord.await(r -> r.is("POST", "/api/v10/channels/" + DiscordStandIn.STAFF + "/threads"), WAIT,
                "the case thread");
        String caseId = thread.body().path("name").asText().split(" ")[0];
        assertTrue(caseId.matches("D-2026-[0-9]{6}"), caseId);
        Request confirmation = answered(submit);
        assertTrue(confirmation.body().path("content").asText().startsWith("C'est transmis. "), confirmation.body().toString());
        assertTrue(confirmation.body().path("content").asText().contains(caseId));

        // the thread's first message pings the assigned adviser, and only them
        long threadId = discord.matching(r -> r.is("POST", "/api/v10/channels/") && r.path().endsWith("/messages")
                && !r.path().contains("/" + DiscordStandIn.STAFF + "/") && !r.path().contains("/" + DiscordStandIn.TEXT + "/"))
                .stream().map(r -> Long.parseLong(r.path().split("/")[4])).findFirst().orElseThrow();
        Request first = discord.await(r -> r.is("POST", "/api/v10/channels/" + threadId + "/messages"), WAIT, "the case");
        JsonNode users = first.body().path("allowed_mentions").path("users");
        assertEquals(1, users.size(), first.body().toString());
        long adviser = users.get(0).asLong();
        assertTrue(adviserIds.contains(adviser));
        assertTrue(first.body().path("content").asText().startsWith("<@" + adviser + ">"));

        // someone without the adviser role: refused privately, at once
        ObjectNode stranger = click(2002, threadId, false, DiscordNotifier.CLAIM + caseId, false);
        Request refusal = acknowledged(stranger);
        assertEquals(4, refusal.body().path("type").asInt());
        assertEquals(AdviserDesk.NOT_ADVISER, refusal.body().path("data").path("content").asText());
        assertEquals(64, refusal.body().path("data").path("flags").asInt());

        // « Je prends »: acknowledged without a message, then told publicly in the thread
        ObjectNode claim = click(adviser, threadId, true, DiscordNotifier.CLAIM + caseId, false);
        assertEquals(6, acknowledged(claim).body().path("type").asInt());
        Request claimed = discord.await(followUp(claim), WAIT, "the claim");
        assertTrue(claimed.body().path("content").asText().startsWith("✋ Dossier " + caseId + " pris en charge par "));
        assertEquals(0, claimed.body().path("flags").asInt(0), "public in the thread");

        // « Réaffecter »: a private menu, then the choice pings the new adviser only, and the menu goes
        ObjectNode reassign = click(adviser, threadId, true, DiscordNotifier.REASSIGN + caseId, false);
        assertEquals(6, acknowledged(reassign).body().path("type").asInt());
        Request menu = discord.await(followUp(reassign), WAIT, "the menu");
        assertEquals(64, menu.body().path("flags").asInt());
        JsonNode options = menu.body().path("components").get(0).path("components").get(0).path("options");
        String to = null;
        long toDiscord = 0;
        for (JsonNode o : options) {
            Adviser a = DiscordFixtures.catalogue().advisersById().get(o.path("value").asText());
            if (a != null && DiscordNotifier.discordId(a).isPresent()) {
                to = a.id();
                toDiscord = DiscordNotifier.discordId(a).get();
                break;
            }
        }
        assertTrue(to != null, options.toString());
        ObjectNode menuData = DiscordStandIn.JSON.createObjectNode().put("custom_id", DiscordNotifier.REASSIGN_TO + caseId)
                .put("component_type", 3);
        menuData.putArray("values").add(to);
        ObjectNode choice = send(discord.componentInteraction(threadId, DiscordStandIn.GUILD, adviser, true, menuData,
                DiscordNotifier.REASSIGN_TO + caseId, true));
        assertEquals(6, acknowledged(choice).body().path("type").asInt());
        long newAdviser = toDiscord;
        Request pinged = discord.await(r -> r.is("POST", "/api/v10/channels/" + threadId + "/messages")
                && r.body().path("content").asText().contains("🔁"), WAIT, "the reassignment in the thread");
        assertEquals(List.of(newAdviser), List.of(pinged.body().path("allowed_mentions").path("users").get(0).asLong()));
        Request menuGone = discord.await(original(choice), WAIT, "the menu replaced");
        assertTrue(menuGone.body().path("content").asText().startsWith("C'est fait : le dossier " + caseId));
        assertEquals(0, menuGone.body().path("components").size(), "the menu is gone");

        // « Clos »: told publicly, and the buttons of that message go
        ObjectNode resolve = click(newAdviser, threadId, true, DiscordNotifier.RESOLVE + caseId, false);
        assertEquals(6, acknowledged(resolve).body().path("type").asInt());
        Request resolved = discord.await(followUp(resolve), WAIT, "the resolution");
        assertTrue(resolved.body().path("content").asText().startsWith("✅ Dossier " + caseId + " clos par "));
        Request buttonsGone = discord.await(original(resolve), WAIT, "the buttons removed");
        assertEquals(0, buttonsGone.body().path("components").size());

        // asking again for an adviser later reuses nothing closed: a new form is offered
        ObjectNode again = click(2001, DiscordStandIn.TEXT, false, ReplyRenderer.HANDOFF, true);
        assertEquals(9, acknowledged(again).body().path("type").asInt());
    }

    @Test
    @Order(2)
    void anOpenCaseIsReusedInsteadOfASecondForm() throws Exception {
        Map<String, String> fields = Map.of(DiscordBot.CONSENT, "non");
        ObjectNode submit = send(discord.interaction(5, DiscordStandIn.TEXT, DiscordStandIn.GUILD, 2010, false,
                DiscordStandIn.modalData(DiscordBot.MODAL, fields)));
        acknowledged(submit);
        String caseRef = answered(submit).body().path("content").asText();
        assertTrue(caseRef.startsWith("C'est transmis."), caseRef);

        ObjectNode button = click(2010, DiscordStandIn.TEXT, false, ReplyRenderer.HANDOFF, true);
        Request reused = acknowledged(button);
        assertEquals(4, reused.body().path("type").asInt(), "no second form");
        assertTrue(reused.body().path("data").path("content").asText().contains("est déjà transmise"));
        ObjectNode second = send(discord.interaction(5, DiscordStandIn.TEXT, DiscordStandIn.GUILD, 2010, false,
                DiscordStandIn.modalData(DiscordBot.MODAL, fields)));
        acknowledged(second);
        assertTrue(answered(second).body().path("content").asText().contains("est déjà transmise"), "no second case");
    }

    // ---- the other commands, mentions, direct messages -----------------------------------------

    @Test
    @Order(3)
    void theCommandsAnswerPrivatelyAndDossiersOnlyForAdvisers() throws Exception {
        ObjectNode schemes = slash(2020, DiscordStandIn.TEXT, "dispositifs", null, null);
        ObjectNode schemesTheme = slash(2020, DiscordStandIn.TEXT, "dispositifs", "thème", "creation");
        ObjectNode trainings = slash(2020, DiscordStandIn.TEXT, "formations", null, null);
        ObjectNode profile = slash(2020, DiscordStandIn.TEXT, "profil", null, null);
        ObjectNode cases = send(discord.interaction(2, DiscordStandIn.TEXT, DiscordStandIn.GUILD,
                adviserIds.iterator().next(), true, DiscordStandIn.slash("dossiers", null, null)));
        ObjectNode casesRefused = slash(2020, DiscordStandIn.TEXT, "dossiers", null, null);
        for (ObjectNode i : List.of(schemes, schemesTheme, trainings, profile, cases, casesRefused)) {
            assertDeferredPrivately(acknowledged(i));
        }
        assertTrue(text(answered(schemes)).contains("Dispositifs par thème"));
        assertTrue(answered(schemesTheme).body().path("components").size() == 1, "the details menu");
        assertTrue(text(answered(trainings)).contains("Formations par thème"));
        assertTrue(answered(profile).body().path("content").asText().startsWith("Je ne sais encore rien"));
        assertTrue(text(answered(cases)).contains("Dossiers en cours"));
        assertEquals(AdviserDesk.NOT_ADVISER, answered(casesRefused).body().path("content").asText());
    }

    @Test
    @Order(2)
    void withoutEmbedLinksTheAnswerComesAsTextAndTheStaffChannelIsTold() throws Exception {
        ObjectNode i = discord.interaction(2, DiscordStandIn.OTHER_TEXT, DiscordStandIn.GUILD, 2025, false,
                DiscordStandIn.slash("dispositifs", null, null));
        i.put("app_permissions", Long.toString(DiscordStandIn.BOT_PERMISSIONS & ~(1L << 14)));
        send(i);
        assertDeferredPrivately(acknowledged(i));
        Request answer = answered(i);
        assertEquals(0, answer.body().path("embeds").size(), answer.body().toString());
        assertTrue(answer.body().path("content").asText().contains("Dispositifs par thème"), answer.body().toString());
        Request notice = discord.await(r -> r.is("POST", "/api/v10/channels/" + DiscordStandIn.STAFF + "/messages")
                && r.body().path("content").asText().contains("<#" + DiscordStandIn.OTHER_TEXT + ">"), WAIT, "the staff notice");
        assertTrue(notice.body().path("content").asText().contains("Intégrer des liens"));
    }

    @Test
    @Order(4)
    void aMentionIsAnsweredInTheChannelItsButtonsAnswerOnlyTheAskerAndADirectMessageIsAnswered() throws Exception {
        ObjectNode mention = discord.message(DiscordStandIn.TEXT, DiscordStandIn.GUILD,
                DiscordStandIn.JSON.createObjectNode().put("content", "<@" + DiscordStandIn.BOT + "> formation hygiene restaurant zorglub"));
        mention.set("author", DiscordStandIn.user(2030, "user2030", false));
        ObjectNode member = DiscordStandIn.member(2030, "user2030");
        member.remove("user");
        mention.set("member", member);
        mention.putArray("mentions").add(DiscordStandIn.user(DiscordStandIn.BOT, "Guichet", true));
        discord.gateway().dispatch("MESSAGE_CREATE", mention);
        Request reply = discord.await(r -> r.is("POST", "/api/v10/channels/" + DiscordStandIn.TEXT + "/messages")
                && r.body().path("message_reference").path("message_id").asText().equals(mention.path("id").asText()),
                WAIT, "the reply to the mention");
        assertFalse(reply.body().path("message_reference").path("fail_if_not_exists").asBoolean(true),
                "a deleted question still gets its answer");
        assertFalse(reply.body().path("allowed_mentions").path("replied_user").asBoolean(true));
        List<String> ids = discord.matching(r -> r.is("POST", "/api/v10/channels/" + DiscordStandIn.TEXT + "/messages"))
                .stream().flatMap(r -> customIds(r.body()).stream()).toList();
        assertTrue(ids.contains(DiscordBot.OWNER + "2030:" + ReplyRenderer.HELPFUL), ids.toString());

        // another member clicks 👍 under it: refused, privately, at once
        ObjectNode other = click(2031, DiscordStandIn.TEXT, false, DiscordBot.OWNER + "2030:" + ReplyRenderer.HELPFUL, false);
        Request notYours = acknowledged(other);
        assertEquals(4, notYours.body().path("type").asInt());
        assertEquals(DiscordBot.NOT_YOURS, notYours.body().path("data").path("content").asText());
        // the asker's click counts
        ObjectNode mine = click(2030, DiscordStandIn.TEXT, false, DiscordBot.OWNER + "2030:" + ReplyRenderer.HELPFUL, false);
        assertDeferredPrivately(acknowledged(mine));
        assertEquals("Merci pour votre retour.", answered(mine).body().path("content").asText());

        ObjectNode direct = discord.message(DiscordStandIn.DM, null,
                DiscordStandIn.JSON.createObjectNode().put("content", "pret d'honneur commerce zorglub"));
        direct.set("author", DiscordStandIn.user(2032, "user2032", false));
        discord.gateway().dispatch("MESSAGE_CREATE", direct);
        Request dm = discord.await(r -> r.is("POST", "/api/v10/channels/" + DiscordStandIn.DM + "/messages"), WAIT,
                "the reply to the direct message");
        assertTrue(dm.body().path("embeds").size() >= 1);
    }

    // ---- /oublier and /statistiques ---------------------------------------------------------------

    @Test
    @Order(3)
    void forgetErasesTheCaseAndRewritesWhatTheStaffThreadShowedOfIt() throws Exception {
        ObjectNode question = slash(2150, DiscordStandIn.TEXT, "question", "texte",
                "pret d'honneur pour creer mon commerce a bethune zorglub");
        acknowledged(question);
        answered(question);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(DiscordBot.NAME, "Jean Secretnom");
        fields.put(DiscordBot.COMPANY, "Boulangerie Secrete");
        fields.put(DiscordBot.REACH, "0611223344");
        fields.put(DiscordBot.CONSENT, "oui");
        ObjectNode submit = send(discord.interaction(5, DiscordStandIn.TEXT, DiscordStandIn.GUILD, 2150, false,
                DiscordStandIn.modalData(DiscordBot.MODAL, fields)));
        acknowledged(submit);
        String confirmation = answered(submit).body().path("content").asText();
        String caseId = confirmation.replaceAll("(?s).*Référence de votre demande : (D-[0-9]{4}-[0-9]{6}).*", "$1");
        Request opened = discord.await(r -> r.is("POST", "/api/v10/channels/" + DiscordStandIn.STAFF + "/threads")
                && r.body().path("name").asText().startsWith(caseId + " "), WAIT, "the case thread");
        long threadId = discord.matching(r -> r.nanos() > opened.nanos() && r.is("POST", "/api/v10/channels/")
                && r.path().endsWith("/messages") && !r.path().contains("/" + DiscordStandIn.STAFF + "/"))
                .stream().map(r -> Long.parseLong(r.path().split("/")[4])).findFirst().orElseThrow();
        List<ObjectNode> before = discord.postedIn(threadId);
        List<String> aboutTheCase = before.stream().filter(m -> m.path("embeds").size() > 0).map(m -> m.path("id").asText())
                .toList();
        assertFalse(aboutTheCase.isEmpty());
        assertTrue(before.get(0).toString().contains("Secretnom") && before.get(0).toString().contains("0611223344"),
                "the thread showed the contact");
        long adviser = discord.await(r -> r.is("POST", "/api/v10/channels/" + threadId + "/messages"), WAIT, "the case")
                .body().path("allowed_mentions").path("users").get(0).asLong();

        ObjectNode forget = slash(2150, DiscordStandIn.TEXT, "oublier", null, null);
        assertDeferredPrivately(acknowledged(forget));
        String told = answered(forget).body().path("content").asText();
        assertTrue(told.startsWith("C'est fait. J'ai effacé :"), told);
        assertTrue(told.contains("la demande " + caseId + " : vos coordonnées") && told.contains("cette demande est annulée"),
                told);

        // the thread: read, told (pinging the adviser only: nobody must call), then each of Guichet's
        // messages about the case rewritten, the first into the case as it now is
        Request read = discord.await(r -> r.is("GET", "/api/v10/channels/" + threadId + "/messages"), WAIT, "the thread read");
        Request notice = discord.await(r -> r.is("POST", "/api/v10/channels/" + threadId + "/messages")
                && r.body().path("content").asText().contains("🗑️"), WAIT, "the notice in the thread");
        assertTrue(notice.body().path("content").asText().startsWith("<@" + adviser + "> 🗑️ Dossier " + caseId
                + " annulé : l'entrepreneur a demandé à être oublié"), notice.body().toString());
        assertEquals(1, notice.body().path("allowed_mentions").path("users").size());
        assertEquals(adviser, notice.body().path("allowed_mentions").path("users").get(0).asLong());
        for (String id : aboutTheCase) {
            Request edit = discord.await(r -> r.is("PATCH", "/api/v10/channels/" + threadId + "/messages/" + id), WAIT,
                    "the rewrite of message " + id);
            assertTrue(read.nanos() < notice.nanos() && notice.nanos() < edit.nanos(), "read, told, then rewritten");
            assertEquals(0, edit.body().path("components").size(), "no button left: " + edit.body());
            assertEquals("[]", edit.body().path("allowed_mentions").path("parse").toString());
            assertEquals(0, edit.body().path("allowed_mentions").path("users").size(), "an edit pings nobody");
        }
        Request first = discord.await(r -> r.is("PATCH", "/api/v10/channels/" + threadId + "/messages/" + aboutTheCase.get(0)),
                WAIT, "the first message");
        assertTrue(first.body().path("content").asText().startsWith("🗑️ Dossier " + caseId + " annulé"), first.body().toString());
        for (ObjectNode m : discord.postedIn(threadId)) {
            for (String typed : List.of("Secretnom", "Boulangerie Secrete", "0611223344", "zorglub", "<@2150>")) {
                assertFalse(m.toString().contains(typed), "still in the thread: " + typed + " in " + m);
            }
        }
    }

    @Test
    @Order(4)
    void statisticsComeToAnAdviserWithTheChartAsAnAttachment() throws Exception {
        long adviser = adviserIds.iterator().next();
        ObjectNode stats = send(discord.interaction(2, DiscordStandIn.STAFF, DiscordStandIn.GUILD, adviser, true,
                DiscordStandIn.slash("statistiques", null, null)));
        ObjectNode month = send(discord.interaction(2, DiscordStandIn.STAFF, DiscordStandIn.GUILD, adviser, true,
                DiscordStandIn.slash("statistiques", AdviserDesk.PERIOD, "2026-12")));
        ObjectNode unreadable = send(discord.interaction(2, DiscordStandIn.STAFF, DiscordStandIn.GUILD, adviser, true,
                DiscordStandIn.slash("statistiques", AdviserDesk.PERIOD, "hier")));
        ObjectNode refused = slash(2160, DiscordStandIn.TEXT, "statistiques", null, null);
        for (ObjectNode i : List.of(stats, month, unreadable, refused)) {
            assertDeferredPrivately(acknowledged(i));
        }

        // the figures in the message, the chart beside it: a multipart edit of « Guichet réfléchit… »
        Request answer = answered(stats);
        String text = answer.body().path("content").asText();
        assertTrue(text.startsWith("Statistiques de Guichet du 2 novembre 2026 au 1 décembre 2026\n"), text);
        assertTrue(text.matches("(?s).*Questions posées : [1-9][0-9]*\n.*"), text);
        assertTrue(text.contains("Mises en relation : ") && text.contains("Délai médian de prise en charge : "), text);
        assertEquals(1, answer.files().size(), "one file: " + answer.files());
        DiscordStandIn.Part chart = answer.files().get(0);
        assertEquals(AdviserDesk.CHART, chart.filename());
        assertEquals("image/png", chart.contentType());
        assertTrue(chart.bytes().length > 1_000, chart.bytes().length + " bytes");
        assertEquals(List.of((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G', (byte) '\r', (byte) '\n', (byte) 0x1a, (byte) '\n'),
                List.of(chart.bytes()[0], chart.bytes()[1], chart.bytes()[2], chart.bytes()[3], chart.bytes()[4],
                        chart.bytes()[5], chart.bytes()[6], chart.bytes()[7]), "a PNG");
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(chart.bytes()));
        assertTrue(image != null && image.getWidth() > 100 && image.getHeight() > 100, "a readable picture");
        assertEquals("[]", answer.body().path("allowed_mentions").path("parse").toString());

        Request monthly = answered(month);
        assertTrue(monthly.body().path("content").asText().startsWith("Statistiques de Guichet du 1 décembre 2026 au "
                + "31 décembre 2026"), monthly.body().toString());
        assertEquals(1, monthly.files().size());
        assertEquals("Période illisible « hier » : écrivez par exemple 30j, 2026-03 ou 2026-03-01..2026-03-31.",
                answered(unreadable).body().path("content").asText());
        assertTrue(answered(unreadable).files().isEmpty());
        assertEquals(AdviserDesk.NOT_ADVISER, answered(refused).body().path("content").asText());
        assertTrue(answered(refused).files().isEmpty());
    }

    // ---- what Javacord gets wrong ---------------------------------------------------------------

    @Test
    @Order(5)
    void anInteractionFromAThreadJavacordHasNotCachedIsAnsweredAndItsPacketStaysOutOfTheLogs() throws Exception {
        ObjectNode hidden = slash(2040, 777, "question", "texte", "une question zorglub depuis un fil invisible");
        Request callback = acknowledged(hidden);
        assertEquals(4, callback.body().path("type").asInt());
        assertEquals(DiscordCommand.NOT_SEEN, callback.body().path("data").path("content").asText());
        assertFalse(callback.body().path("data").has("flags"), "public: a private answer would break that channel too");
        awaitLog("Couldn't handle packet of type INTERACTION_CREATE");
        assertTrue(logged("[packet left out"));
    }

    @Test
    @Order(5)
    void aButtonInACaseThreadArchivedBeforeTheStartIsHandled() throws Exception {
        // Guichet loaded the staff channel's archived threads at start: Javacord knows this one
        long adviser = adviserIds.iterator().next();
        ObjectNode claim = click(adviser, DiscordStandIn.ARCHIVED_THREAD, true,
                DiscordNotifier.CLAIM + DiscordStandIn.ARCHIVED_CASE, false);
        assertEquals(6, acknowledged(claim).body().path("type").asInt(), "handled by Guichet, not dropped");
        Request told = discord.await(followUp(claim), WAIT, "the answer in the archived thread");
        assertEquals("Dossier inconnu : " + DiscordStandIn.ARCHIVED_CASE + ".", told.body().path("content").asText());
    }

    @Test
    @Order(6)
    void inAVoiceChannelsTextChatNothingPrivateIsSentSoTheChannelKeepsWorking() throws Exception {
        for (int n = 0; n < 2; n++) {
            ObjectNode inVoice = slash(2050 + n, DiscordStandIn.VOICE, "question", "texte", "aides commerce");
            Request callback = acknowledged(inVoice);
            assertEquals(4, callback.body().path("type").asInt());
            assertEquals(DiscordBot.IN_VOICE_CHAT, callback.body().path("data").path("content").asText());
            assertFalse(callback.body().path("data").has("flags"), "public");
        }
        // what one private message there does to Javacord 3.8.0 (its echo comes without guild_id):
        // the channel is cached as a direct message and the next interaction is dropped; the log
        // guard still gets the user an answer
        ObjectNode echo = discord.message(DiscordStandIn.VOICE, null, DiscordStandIn.JSON.createObjectNode()
                .put("content", "privé").put("flags", 64));
        // no wait needed: Javacord handles the packets of one gateway in order, on one thread ("Handlers Processor")
        discord.gateway().dispatch("MESSAGE_CREATE", echo);
        ObjectNode after = slash(2052, DiscordStandIn.VOICE, "question", "texte", "aides commerce");
        Request callback = acknowledged(after);
        assertEquals(DiscordCommand.NOT_SEEN, callback.body().path("data").path("content").asText(),
                "dropped by Javacord, answered by the guard");
    }

    @Test
    @Order(7)
    void feedbackAndProfileDuringTheSameUsersRunningAnswerAreAcknowledgedAtOnce() throws Exception {
        llm.delayMillis = 3_000;
        try {
            ObjectNode question = slash(2060, DiscordStandIn.TEXT, "question", "texte",
                    "pret d'honneur pour creer mon commerce a bethune");
            acknowledged(question);
            Thread.sleep(300);
            ObjectNode up = click(2060, DiscordStandIn.TEXT, false, ReplyRenderer.HELPFUL, true);
            ObjectNode profile = slash(2060, DiscordStandIn.TEXT, "profil", null, null);
            long upAck = TimeUnit.NANOSECONDS.toMillis(acknowledged(up).nanos() - sentAt.get(up.path("id").asText()));
            long profileAck = TimeUnit.NANOSECONDS.toMillis(acknowledged(profile).nanos()
                    - sentAt.get(profile.path("id").asText()));
            long upDone = TimeUnit.NANOSECONDS.toMillis(answered(up).nanos() - sentAt.get(up.path("id").asText()));
            long profileDone = TimeUnit.NANOSECONDS.toMillis(answered(profile).nanos()
                    - sentAt.get(profile.path("id").asText()));
            long questionDone = TimeUnit.NANOSECONDS.toMillis(answered(question).nanos()
                    - sentAt.get(question.path("id").asText()));
            System.out.printf("[harness] item 5: LLM 3,000 ms; 👍 sent 300 ms after the question: acknowledged in %d ms,"
                    + " answered after %d ms; /profil acknowledged in %d ms, answered after %d ms; the question answered"
                    + " after %d ms%n", upAck, upDone, profileAck, profileDone, questionDone);
            assertTrue(upAck < 1_000 && profileAck < 1_000, "acknowledged at once: " + upAck + ", " + profileAck);
            // answered too, without waiting for the model: the assistant no longer holds the conversation's lock
            // during the model's call (before: about 2,750 ms each, the rest of the model's time)
            assertTrue(upDone < 1_000, "👍 answered after " + upDone + " ms");
            assertTrue(profileDone < 1_000, "/profil answered after " + profileDone + " ms");
            assertTrue(questionDone >= 3_000, "the question waited for the model: " + questionDone + " ms");
            assertEquals("Merci pour votre retour.", answered(up).body().path("content").asText());
        } finally {
            llm.delayMillis = 0;
        }
    }

    /** The acknowledgement times of interactions sent together, sorted, in milliseconds. */
    private List<Long> acknowledgements(List<ObjectNode> all) throws InterruptedException {
        List<Long> acks = new ArrayList<>();
        for (ObjectNode i : all) {
            Request callback = acknowledged(i);
            acks.add(TimeUnit.NANOSECONDS.toMillis(callback.nanos() - sentAt.get(i.path("id").asText())));
        }
        Collections.sort(acks);
        return acks;
    }

    @Test
    @Order(8)
    void fiftyInteractionsAtOnceWithASlowModelAreAllAcknowledgedInTimeAndAllAnswered() throws Exception {
        discord.callbackLatencyMillis = 400;
        // first burst: every callback opens its own TLS connection to the stand-in (HTTP/1.1), in a JVM whose TLS
        // code is barely compiled yet; discord.com multiplexes them on one HTTP/2 connection
        List<ObjectNode> cold = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            cold.add(slash(3100 + n, DiscordStandIn.TEXT, "profil", null, null));
        }
        List<Long> coldAcks = acknowledgements(cold);
        for (ObjectNode i : cold) {
            answered(i);
        }
        System.out.printf("[harness] 50 interactions at once, new connections, callbacks answered after 400 ms: "
                + "acknowledgement p50 %d ms, p99 %d ms, max %d ms%n", coldAcks.get(24), coldAcks.get(48), coldAcks.get(49));
        assertTrue(coldAcks.get(49) < ACK_LIMIT_MS, "max " + coldAcks.get(49));
        llm.delayMillis = 10_000;
        int before = llm.calls.get();
        try {
            List<ObjectNode> all = new ArrayList<>();
            long start = System.nanoTime();
            for (int n = 0; n < 50; n++) {
                all.add(slash(3000 + n, DiscordStandIn.TEXT, "question", "texte",
                        "pret d'honneur pour creer mon commerce a bethune"));
            }
            List<Long> acks = acknowledgements(all);
            long last = 0;
            for (ObjectNode i : all) {
                Request answer = discord.await(original(i), Duration.ofSeconds(90), "an answer");
                assertTrue(text(answer).contains("Plusieurs dispositifs peuvent vous aider."), "the model's answer");
                last = Math.max(last, answer.nanos());
            }
            System.out.println("[harness] acknowledgements (ms, sorted): " + acks);
            long p50 = acks.get(24);
            long p99 = acks.get(48);
            long max = acks.get(49);
            long lastAnswer = TimeUnit.NANOSECONDS.toMillis(last - start);
            System.out.printf("[harness] 50 interactions at once, LLM 10 s, callbacks answered after 400 ms: "
                    + "acknowledgement p50 %d ms, p99 %d ms, max %d ms; last answer after %d ms; %d model calls, "
                    + "at most %d at once%n", p50, p99, max, lastAnswer, llm.calls.get() - before, llm.mostAtOnce.get());
            assertTrue(max < ACK_LIMIT_MS, "max " + max);
            assertTrue(llm.mostAtOnce.get() <= DiscordCommand.CONCURRENT_ANSWERS, "model calls bounded");
        } finally {
            llm.delayMillis = 0;
            discord.callbackLatencyMillis = 0;
        }
    }

    @Test
    @Order(9)
    void aRateLimitedCallbackOrEditIsRetriedAfterRetryAfter() throws Exception {
        ObjectNode i = discord.interaction(2, DiscordStandIn.TEXT, DiscordStandIn.GUILD, 2090, false,
                DiscordStandIn.slash("profil", null, null));
        String token = i.path("token").asText();
        String limited = "{\"message\": \"You are being rate limited.\", \"retry_after\": 0.3, \"global\": false}";
        discord.fault(r -> r.is("POST", "/api/v10/interactions/" + i.path("id").asText() + "/"), 429, limited, 1);
        discord.fault(r -> token.equals(r.token()) && r.method().equals("PATCH"), 429, limited, 1);
        send(i);
        List<Request> callbacks = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (callbacks.size() < 2 && System.nanoTime() < deadline) {
            callbacks = discord.matching(r -> r.is("POST", "/api/v10/interactions/" + i.path("id").asText() + "/"));
            Thread.sleep(10);
        }
        assertEquals(2, callbacks.size(), "the refused callback is sent again");
        long acked = TimeUnit.NANOSECONDS.toMillis(callbacks.get(1).nanos() - sentAt.get(i.path("id").asText()));
        assertTrue(acked >= 300 && acked < ACK_LIMIT_MS, "after retry_after, within 3 s: " + acked);
        deadline = System.nanoTime() + WAIT.toNanos();
        List<Request> edits = List.of();
        while (edits.size() < 2 && System.nanoTime() < deadline) {
            edits = discord.matching(original(i));
            Thread.sleep(10);
        }
        assertEquals(2, edits.size(), "the edit is sent again by Javacord");
        assertTrue(TimeUnit.NANOSECONDS.toMillis(edits.get(1).nanos() - edits.get(0).nanos()) >= 250);
        discord.clearFaults();
    }

    @Test
    @Order(10)
    void aMissingPermissionInAChannelIsToldInTheStaffChannel() throws Exception {
        discord.fault(r -> r.is("POST", "/api/v10/channels/" + DiscordStandIn.TEXT + "/messages"), 403,
                "{\"message\": \"Missing Permissions\", \"code\": 50013}", 1);
        ObjectNode mention = discord.message(DiscordStandIn.TEXT, DiscordStandIn.GUILD,
                DiscordStandIn.JSON.createObjectNode().put("content", "<@" + DiscordStandIn.BOT + "> aides zorglub"));
        mention.set("author", DiscordStandIn.user(2100, "user2100", false));
        mention.putArray("mentions").add(DiscordStandIn.user(DiscordStandIn.BOT, "Guichet", true));
        long sent = discord.gateway().dispatch("MESSAGE_CREATE", mention);
        Request notice = discord.await(r -> r.nanos() > sent && r.is("POST", "/api/v10/channels/" + DiscordStandIn.STAFF + "/messages")
                && r.body().path("content").asText().contains("<#" + DiscordStandIn.TEXT + ">"), WAIT,
                "the notice in the staff channel");
        assertTrue(notice.body().path("content").asText().contains("<#" + DiscordStandIn.TEXT + ">"));
        assertTrue(notice.body().path("content").asText().startsWith("⚠️ Guichet n'a pas la permission"));
        discord.clearFaults();
    }

    @Test
    @Order(11)
    void anEditDiscordRefusesIsReplacedByAnApology() throws Exception {
        ObjectNode i = discord.interaction(2, DiscordStandIn.TEXT, DiscordStandIn.GUILD, 2110, false,
                DiscordStandIn.slash("dispositifs", null, null));
        String token = i.path("token").asText();
        discord.fault(r -> token.equals(r.token()) && r.method().equals("PATCH"), 400,
                "{\"message\": \"Invalid Form Body\", \"code\": 50035}", 1);
        send(i);
        acknowledged(i);
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<Request> edits = List.of();
        while (edits.size() < 2 && System.nanoTime() < deadline) {
            edits = discord.matching(original(i));
            Thread.sleep(10);
        }
        assertEquals(2, edits.size(), "the refused answer, then the apology");
        assertEquals(DiscordBot.SORRY, edits.get(1).body().path("content").asText());
        discord.clearFaults();
    }

    // ---- the gateway ------------------------------------------------------------------------------

    @Test
    @Order(12)
    void aClosedSocketIsResumedSaidAtWarnAndTheBotKeepsAnswering() throws Exception {
        int resumes = discord.gateway().resumes.get();
        discord.gateway().closeForResume();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (discord.gateway().resumes.get() == resumes && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(resumes + 1, discord.gateway().resumes.get(), "Javacord resumed the session");
        awaitLog("Discord gateway: connection lost");
        awaitLog("Discord gateway: session resumed");
        deadline = System.nanoTime() + WAIT.toNanos();
        while (command.gatewayStatus().orElseThrow().state() != GatewayWatch.State.CONNECTED && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(GatewayWatch.State.CONNECTED, command.gatewayStatus().orElseThrow().state());
        ObjectNode i = slash(2120, DiscordStandIn.TEXT, "profil", null, null);
        assertDeferredPrivately(acknowledged(i));
    }

    @Test
    @Order(13)
    void aGatewayThatStopsAcknowledgingHeartbeatsIsClosedAndResumed() throws Exception {
        try (DiscordStandIn zombie = new DiscordStandIn()) {
            // Javacord reserves 60,000 / interval of its 120 frames a minute for heartbeats: 1 s is as short as it takes
            zombie.gateway().heartbeatInterval = 1_000;
            DiscordWebSocketAdapter.setGateway(zombie.gatewayUrl());
            DiscordApi api = new DiscordApiBuilder().setToken("MTAwMDAwMDAwMDAwMDAwMDAx.zombie")
                    .setIntents(Intent.GUILDS).setProxySelector(zombie.proxySelector()).setTrustAllCertificates(true)
                    .setShutdownHookRegistrationEnabled(false).login().get(30, TimeUnit.SECONDS);
            DiscordWebSocketAdapter.setGateway(discord.gatewayUrl());
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
            try {
                GatewayWatch watch = new GatewayWatch(api, DiscordFixtures.CLOCK, Duration.ofMillis(2_500));
                watch.start(scheduler, Duration.ofMillis(100));
                zombie.gateway().acknowledgeHeartbeats = false;
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (zombie.gateway().resumes.get() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertTrue(zombie.gateway().clientCloseCodes.contains(GatewayWatch.STALE_CLOSE_CODE),
                        "closed by the watch: " + zombie.gateway().clientCloseCodes);
                assertEquals(1, zombie.gateway().resumes.get(), "then resumed");
                awaitLog("Discord gateway: no heartbeat acknowledged");
                zombie.gateway().acknowledgeHeartbeats = true;
                deadline = System.nanoTime() + WAIT.toNanos();
                while (watch.status().state() != GatewayWatch.State.CONNECTED && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(GatewayWatch.State.CONNECTED, watch.status().state());
                watch.stop();
            } finally {
                scheduler.shutdownNow();
                DiscordCommand.disconnect(api);
            }
        } finally {
            DiscordWebSocketAdapter.setGateway(discord.gatewayUrl());
        }
    }

    @Test
    @Order(14)
    void anInvalidSessionLeadsToANewSessionSaidAtWarn() throws Exception {
        int identifies = discord.gateway().identifies.get();
        discord.gateway().invalidSession();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (discord.gateway().identifies.get() == identifies && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(identifies + 1, discord.gateway().identifies.get(), "identified again");
        awaitLog("Discord gateway: reconnected with a new session");
        ObjectNode i = slash(2140, DiscordStandIn.TEXT, "profil", null, null);
        assertDeferredPrivately(acknowledged(i));
    }

    // ---- what every scenario sent, and the end --------------------------------------------------

    @Test
    @Order(90)
    void everyInteractionWasAcknowledgedInTimeEveryMessageCarriesExplicitMentionsAndNoLogHasUserText() throws Exception {
        for (Map.Entry<String, Long> sent : new ArrayList<>(sentAt.entrySet())) {
            Request callback = discord.await(r -> r.is("POST", "/api/v10/interactions/" + sent.getKey() + "/"), WAIT,
                    "the callback of " + sent.getKey());
            assertTrue(callback.nanos() - sent.getValue() < TimeUnit.MILLISECONDS.toNanos(ACK_LIMIT_MS), sent.getKey());
        }
        int messages = 0;
        for (Request r : discord.requests) {
            JsonNode message = r.path().startsWith("/api/v10/interactions/") ? r.body().path("data") : r.body();
            boolean isMessage = (r.method().equals("POST") || r.method().equals("PATCH"))
                    && (r.path().startsWith("/api/v10/webhooks/") || r.path().endsWith("/messages")
                    || r.path().matches("/api/v10/channels/[0-9]+/messages/[0-9]+")
                    || (r.path().startsWith("/api/v10/interactions/") && r.body().path("type").asInt() != 9));
            if (!isMessage) {
                continue;
            }
            messages++;
            JsonNode allowed = message.path("allowed_mentions");
            assertTrue(allowed.path("parse").isArray() && allowed.path("parse").isEmpty(), r.path() + " " + r.body());
            assertTrue(allowed.path("users").size() <= 1, r.body().toString());
            allowed.path("users").forEach(u -> assertTrue(adviserIds.contains(u.asLong()), "only an adviser: " + u));
            assertEquals(0, allowed.path("roles").size());
        }
        assertTrue(messages > 100, "messages checked: " + messages);
        for (String line : logLines()) {
            for (String typed : TYPED) {
                assertFalse(line.contains(typed), "user text in a log line: " + line);
            }
        }
    }

    @Test
    @Order(99)
    void shutdownEndsCleanly() throws Exception {
        int closes = discord.gateway().closesByClient.get();
        command.stop();
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (discord.gateway().closesByClient.get() == closes && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(closes + 1, discord.gateway().closesByClient.get(), "the gateway was told goodbye");
        assertTrue(command.gatewayStatus().isEmpty());
        assertFalse(logged("RejectedExecutionException"), logLines().toString());
        assertEquals("", errBytes.toString(StandardCharsets.UTF_8).strip());
    }
}
