package fr.guichet.bot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.guichet.bot.handoff.CaseState;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.handoff.StoreException;
import fr.guichet.bot.store.SqliteHandoffStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.javacord.api.entity.channel.TextChannel;
import org.javacord.api.entity.message.Message;
import org.javacord.api.entity.message.MessageAuthor;
import org.javacord.api.entity.message.MessageBuilder;
import org.javacord.api.entity.message.MessageFlag;
import org.javacord.api.entity.message.component.HighLevelComponent;
import org.javacord.api.entity.message.embed.EmbedBuilder;
import org.javacord.api.entity.message.mention.AllowedMentions;
import org.javacord.api.entity.server.Server;
import org.javacord.api.interaction.ButtonInteraction;
import org.javacord.api.interaction.ModalInteraction;
import org.javacord.api.interaction.SlashCommandInteraction;
import org.javacord.api.interaction.callback.InteractionMessageBuilderBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/** The entrepreneur's side, on Javacord mocks, with the real assistant and a real SQLite case store. */
class DiscordBotTest {
    private static final long USER = 1001L;
    private static final long BOT = 999L;
    private static final String QUESTION = "pret d'honneur pour creer mon commerce a bethune";

    @TempDir
    Path data;
    private SqliteHandoffStore store;
    private final StaffChannel staff = mock(StaffChannel.class);
    private DiscordBot bot;
    private DiscordFixtures.Core core;
    private final List<MessageBuilder> channelMessages = new ArrayList<>();

    @BeforeEach
    void bot() {
        store = spy(SqliteHandoffStore.open(data, DiscordFixtures.CLOCK));
        DiscordNotifier notifier = new DiscordNotifier(staff, DiscordFixtures.catalogue().advisersById());
        core = DiscordFixtures.core(store, notifier, data);
        bot = DiscordFixtures.bot(core, store, notifier, new ReplyRenderer(Optional.of(LocalDate.of(2026, 11, 28))),
                DiscordFixtures.outbound(() -> {
                    MessageBuilder b = DiscordFixtures.builder(MessageBuilder.class);
                    when(b.send(any(TextChannel.class))).thenReturn(CompletableFuture.completedFuture(mock(Message.class)));
                    channelMessages.add(b);
                    return b;
                }));
        bot.botUserId(BOT);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static SlashCommandInteraction slash(String command, String option, String value, DiscordFixtures.Responses[] out) {
        SlashCommandInteraction i = mock(SlashCommandInteraction.class);
        out[0] = DiscordFixtures.wire(i, USER, false);
        when(i.getCommandName()).thenReturn(command);
        when(i.getArgumentStringValueByName(anyString())).thenReturn(Optional.empty());
        if (option != null) {
            when(i.getArgumentStringValueByName(option)).thenReturn(Optional.of(value));
        }
        return i;
    }

    @SuppressWarnings("unchecked")
    private static List<EmbedBuilder> embeds(InteractionMessageBuilderBase<?> builder) {
        ArgumentCaptor<List<EmbedBuilder>> captor = ArgumentCaptor.forClass(List.class);
        verify(builder).addEmbeds(captor.capture());
        return captor.getValue();
    }

    private static AllowedMentions mentions(InteractionMessageBuilderBase<?> builder) {
        ArgumentCaptor<AllowedMentions> captor = ArgumentCaptor.forClass(AllowedMentions.class);
        verify(builder).setAllowedMentions(captor.capture());
        return captor.getValue();
    }

    private static void assertNoPing(AllowedMentions m) {
        assertTrue(m.getMentionTypes().isEmpty(), "no @everyone, @here, roles or users at large");
        assertTrue(m.getAllowedUserMentions().isEmpty());
        assertTrue(m.getAllowedRoleMentions().isEmpty());
        assertFalse(m.getMentionRepliedUser());
    }

    private static String content(InteractionMessageBuilderBase<?> builder) {
        ArgumentCaptor<String> captor = ArgumentCaptor.forClass(String.class);
        verify(builder).setContent(captor.capture());
        return captor.getValue();
    }

    /** The interaction was acknowledged by a private deferral (« Guichet réfléchit… » for the user only). */
    private static void assertDeferredPrivately(DiscordFixtures.Responses r) {
        Callbacks.Callback first = r.callbacks().get(0);
        assertEquals(Callbacks.Callback.DEFERRED_MESSAGE, first.type());
        assertEquals(Callbacks.Callback.EPHEMERAL, first.data().path("flags").asInt());
        assertEquals("[]", first.data().path("allowed_mentions").path("parse").toString());
    }

    @Test
    void aQuestionIsDeferredThenAnsweredWithEmbedsWithinDiscordsLimits() {
        DiscordFixtures.Responses[] r = new DiscordFixtures.Responses[1];
        SlashCommandInteraction i = slash("question", "texte", QUESTION, r);

        bot.onSlash(i);

        assertDeferredPrivately(r[0]);
        verify(r[0].updater()).update();
        verify(i, never()).createImmediateResponder();
        verify(i, never()).respondLater(anyBoolean());
        List<EmbedBuilder> embeds = embeds(r[0].updater());
        assertTrue(embeds.size() >= 2 && embeds.size() <= 10, "the answer and its cards: " + embeds.size());
        int total = 0;
        for (EmbedBuilder e : embeds) {
            ObjectNode json = DiscordFixtures.json(e);
            assertTrue(json.path("title").asText("").length() <= 256);
            assertTrue(json.path("description").asText("").length() <= 4096);
            assertTrue(json.path("fields").size() <= 25);
            json.path("fields").forEach(f -> assertTrue(f.path("value").asText().length() <= 1024));
            total += DiscordFixtures.length(json);
        }
        assertTrue(total <= 6000, "6,000 characters per message at most: " + total);
        ObjectNode card = DiscordFixtures.json(embeds.get(1));
        assertFalse(card.path("title").asText().isEmpty(), card.toString());
        assertTrue(card.path("description").asText().startsWith("**Dispositif** · "), card.toString());
        assertEquals("Sources : catalogue d'exemple, à faire vérifier par la CCI",
                DiscordFixtures.json(embeds.get(embeds.size() - 1)).path("footer").path("text").asText());
        verify(r[0].updater()).addComponents(any(HighLevelComponent[].class));
        assertNoPing(mentions(r[0].updater()));
    }

    @Test
    void theSeventhQuestionInAMinuteIsPolitelyRefused() {
        for (int n = 1; n <= 6; n++) {
            DiscordFixtures.Responses[] r = new DiscordFixtures.Responses[1];
            SlashCommandInteraction i = slash("question", "texte", "formation hygiene restaurant " + n, r);
            bot.onSlash(i);
            verify(r[0].updater()).addEmbeds(anyList()); // an answer, not the refusal
        }
        DiscordFixtures.Responses[] r = new DiscordFixtures.Responses[1];
        SlashCommandInteraction seventh = slash("question", "texte", "formation hygiene restaurant 7", r);
        bot.onSlash(seventh);
        assertDeferredPrivately(r[0]);
        assertEquals(DiscordBot.RATE_LIMITED, content(r[0].updater()));
        assertNoPing(mentions(r[0].updater()));
    }

    @Test
    void anOverLongQuestionIsPolitelyRefusedWithoutSearching() {
        DiscordFixtures.Responses[] r = new DiscordFixtures.Responses[1];
        SlashCommandInteraction i = slash("question", "texte", "aide ".repeat(401), r); // 2,005 characters
        bot.onSlash(i);
        assertDeferredPrivately(r[0]);
        String refusal = content(r[0].updater());
        assertTrue(refusal.startsWith("Votre message est trop long (2005 caractères, 2000 au plus)"), refusal);
    }

    private ModalInteraction form(String consent, DiscordFixtures.Responses[] out) {
        ModalInteraction m = mock(ModalInteraction.class);
        out[0] = DiscordFixtures.wire(m, USER, false);
        when(m.getCustomId()).thenReturn(DiscordBot.MODAL);
        when(m.getTextInputValueByCustomId(anyString())).thenReturn(Optional.empty());
        when(m.getTextInputValueByCustomId(DiscordBot.NAME)).thenReturn(Optional.of("Jean Dupont"));
        when(m.getTextInputValueByCustomId(DiscordBot.COMPANY)).thenReturn(Optional.of("Boulangerie Dupont"));
        when(m.getTextInputValueByCustomId(DiscordBot.REACH)).thenReturn(Optional.of("06 00 00 00 00"));
        when(m.getTextInputValueByCustomId(DiscordBot.CONSENT)).thenReturn(Optional.of(consent));
        return m;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theHandoffFormStoresTheCaseBeforeTheThreadOpensAndConfirmsPrivately() {
        // the question first, then « Parler à un conseiller », which opens the form
        bot.onSlash(slash("question", "texte", QUESTION, new DiscordFixtures.Responses[1]));
        ButtonInteraction button = mock(ButtonInteraction.class);
        DiscordFixtures.Responses shown = DiscordFixtures.wire(button, USER, false);
        when(button.getCustomId()).thenReturn(ReplyRenderer.HANDOFF);
        bot.onButton(button);
        assertEquals(Callbacks.Callback.MODAL, shown.callback().type());
        assertEquals(DiscordBot.MODAL, shown.callback().data().path("custom_id").asText());
        assertEquals(4, shown.callback().data().path("components").size(), "name, company, reach, consent");

        DiscordFixtures.Responses[] r = new DiscordFixtures.Responses[1];
        ModalInteraction submit = form("Oui", r);
        bot.onModal(submit);

        InOrder order = inOrder(store, staff);
        order.verify(store).create(any());
        ArgumentCaptor<List<DiscordMessage>> thread = ArgumentCaptor.forClass(List.class);
        order.verify(staff).openThread(anyString(), anyString(), thread.capture());
        List<HandoffCase> open = store.list(EnumSet.of(CaseState.OPEN));
        assertEquals(1, open.size());
        HandoffCase stored = open.get(0);
        assertEquals("discord:" + USER, stored.entrepreneurId());
        assertEquals("Jean Dupont", stored.contact().name());
        assertTrue(stored.transcript().stream().anyMatch(t -> t.text().equals(QUESTION)));
        // the thread pings the assigned adviser only
        String discordId = DiscordFixtures.catalogue().adviser(stored.adviserId()).orElseThrow().discordUserId();
        assertEquals(Set.of(Long.parseLong(discordId)), thread.getValue().get(0).mentionUsers());
        // the entrepreneur's confirmation: private, with the adviser's name and role and when
        assertDeferredPrivately(r[0]);
        String confirmation = content(r[0].updater());
        var adviser = DiscordFixtures.catalogue().adviser(stored.adviserId()).orElseThrow();
        assertTrue(confirmation.startsWith("C'est transmis. " + adviser.name() + ", " + adviser.role()), confirmation);
        assertTrue(confirmation.contains("sous 4 heures ouvrées") && confirmation.contains(stored.id()), confirmation);
        assertNoPing(mentions(r[0].updater()));
    }

    @Test
    void withoutConsentTheCaseKeepsNoContactAndTheAnswerComesOnDiscord() {
        DiscordFixtures.Responses[] r = new DiscordFixtures.Responses[1];
        bot.onModal(form("non", r));
        HandoffCase stored = store.list(EnumSet.of(CaseState.OPEN)).get(0);
        assertEquals(null, stored.contact(), "no consent, nothing kept");
        assertTrue(content(r[0].updater()).contains("la réponse viendra ici, sur Discord"));
    }

    @Test
    void anOpenCaseIsReusedAndFormsAreLimitedToThreeAnHour() {
        for (int n = 1; n <= 3; n++) {
            DiscordFixtures.Responses[] r = new DiscordFixtures.Responses[1];
            bot.onModal(form("oui", r));
            assertTrue(content(r[0].updater()).startsWith("C'est transmis."), "form " + n);
            HandoffCase open = store.list(EnumSet.of(CaseState.OPEN)).get(0);
            // while it is open, a second form opens no second case
            DiscordFixtures.Responses[] again = new DiscordFixtures.Responses[1];
            bot.onModal(form("oui", again));
            assertTrue(content(again[0].updater()).contains("est déjà transmise"));
            assertEquals(n, store.byEntrepreneur("discord:" + USER).size());
            store.transition(open.id(), CaseState.RESOLVED, "alice-creation");
        }
        DiscordFixtures.Responses[] fourth = new DiscordFixtures.Responses[1];
        bot.onModal(form("oui", fourth));
        assertEquals(DiscordBot.TOO_MANY_FORMS, content(fourth[0].updater()));
        assertEquals(3, store.byEntrepreneur("discord:" + USER).size());
    }

    @Test
    void aCaseThatCannotBeStoredIsNeverAnnouncedAndTheUserIsTold() {
        doThrow(new StoreException("disque plein")).when(store).create(any());
        DiscordFixtures.Responses[] r = new DiscordFixtures.Responses[1];
        bot.onModal(form("oui", r));
        verify(staff, never()).openThread(anyString(), anyString(), anyList());
        String text = content(r[0].updater());
        assertTrue(text.startsWith("Désolé, votre demande n'a pas pu être enregistrée"), text);
        assertFalse(text.contains("transmis."), "no claim of success");
        assertFalse(text.contains("disque plein"), "operators' details stay in the logs");
    }

    @Test
    void aDiscordErrorOnSendIsLoggedAndReportedNeverThrown() {
        ListAppender<ILoggingEvent> logs = DiscordFixtures.captureLogs(Futures.class);
        try {
            DiscordFixtures.Responses[] r = new DiscordFixtures.Responses[1];
            SlashCommandInteraction i = slash("question", "texte", QUESTION, r);
            Exception refused = DiscordFixtures.missingPermissions();
            when(r[0].updater().update()).thenReturn(CompletableFuture.failedFuture(refused));

            bot.onSlash(i); // must not throw

            assertTrue(logs.list.stream().anyMatch(e -> e.getLevel() == Level.WARN
                    && e.getFormattedMessage().contains("failed: MissingPermissionsException")), logs.list.toString());
            assertTrue(logs.list.stream().noneMatch(e -> e.getFormattedMessage().contains("commerce")),
                    "the user's words are not logged");
            ArgumentCaptor<DiscordMessage> notice = ArgumentCaptor.forClass(DiscordMessage.class);
            verify(staff).notice(notice.capture());
            assertTrue(notice.getValue().content().contains("<#" + DiscordFixtures.CHANNEL + ">"));

            // any other failure of a future is logged the same way
            DiscordFixtures.Responses[] r2 = new DiscordFixtures.Responses[1];
            SlashCommandInteraction other = slash("profil", null, null, r2);
            when(r2[0].updater().update()).thenReturn(CompletableFuture.failedFuture(new IllegalStateException("boom")));
            bot.onSlash(other);
            assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains("IllegalStateException: boom")),
                    logs.list.toString());
        } finally {
            DiscordFixtures.stopCapture(Futures.class, logs);
        }
    }

    @Test
    void aCardsDetailsComeFromTheCatalogue() {
        var entry = DiscordFixtures.catalogue().schemes().get(0);
        ButtonInteraction button = mock(ButtonInteraction.class);
        DiscordFixtures.Responses r = DiscordFixtures.wire(button, USER, false);
        when(button.getCustomId()).thenReturn(ReplyRenderer.MORE + entry.id());
        bot.onButton(button);
        assertEquals(entry.title(), DiscordFixtures.json(embeds(r.updater()).get(0)).path("title").asText()
                .replace("\u200B", ""));
        assertDeferredPrivately(r);
    }

    // ---- consent, /oublier, containment ------------------------------------------------------

    @Test
    void anUnclearConsentKeepsNoContactAndSaysSoAndANoIsANo() {
        DiscordFixtures.Responses[] r = new DiscordFixtures.Responses[1];
        bot.onModal(form("oui enfin non", r)); // starts with « oui », is no clear yes
        HandoffCase stored = store.list(EnumSet.of(CaseState.OPEN)).get(0);
        assertEquals(null, stored.contact(), "unclear: nothing kept");
        String text = content(r[0].updater());
        assertTrue(text.contains(DiscordBot.CONSENT_UNCLEAR), text);

        store.transition(stored.id(), CaseState.RESOLVED, "alice-creation");
        DiscordFixtures.Responses[] no = new DiscordFixtures.Responses[1];
        bot.onModal(form("oh non merci", no));
        HandoffCase second = store.list(EnumSet.of(CaseState.OPEN)).get(0);
        assertEquals(null, second.contact());
        String told = content(no[0].updater());
        assertTrue(told.contains("la réponse viendra ici, sur Discord") && !told.contains(DiscordBot.CONSENT_UNCLEAR), told);
    }

    @Test
    @SuppressWarnings("unchecked")
    void forgetErasesTheCaseTellsExactlyWhatWentAndRewritesTheStaffThread() {
        bot.onSlash(slash("question", "texte", QUESTION, new DiscordFixtures.Responses[1]));
        bot.onModal(form("oui", new DiscordFixtures.Responses[1]));
        HandoffCase opened = store.list(EnumSet.of(CaseState.OPEN)).get(0);

        DiscordFixtures.Responses[] r = new DiscordFixtures.Responses[1];
        bot.onSlash(slash("oublier", null, null, r));

        assertDeferredPrivately(r[0]);
        String told = content(r[0].updater());
        assertTrue(told.startsWith("C'est fait. J'ai effacé :"), told);
        assertTrue(told.contains("la demande " + opened.id() + " : vos coordonnées, la conversation transmise et le motif"
                + " ; cette demande est annulée"), told);
        assertTrue(told.contains("notre conversation en cours"), told);
        HandoffCase erased = store.find(opened.id()).orElseThrow();
        assertEquals(CaseState.CANCELLED, erased.state());
        assertEquals(null, erased.contact());
        assertTrue(erased.transcript().isEmpty());
        // the thread: told (the adviser pinged: nobody must call), and its copy of the case rewritten
        ArgumentCaptor<DiscordMessage> notice = ArgumentCaptor.forClass(DiscordMessage.class);
        ArgumentCaptor<DiscordMessage> first = ArgumentCaptor.forClass(DiscordMessage.class);
        ArgumentCaptor<DiscordMessage> others = ArgumentCaptor.forClass(DiscordMessage.class);
        verify(staff).rewriteCase(eq(opened.id()), notice.capture(), first.capture(), others.capture());
        long adviser = Long.parseLong(DiscordFixtures.catalogue().adviser(opened.adviserId()).orElseThrow().discordUserId());
        assertEquals(Set.of(adviser), notice.getValue().mentionUsers());
        assertTrue(notice.getValue().content().contains("annulé : l'entrepreneur a demandé à être oublié"),
                notice.getValue().content());
        for (DiscordMessage m : List.of(notice.getValue(), first.getValue(), others.getValue())) {
            DiscordFixtures.assertWithinLimits(List.of(m));
            String all = m.content() + m.embeds().stream().map(e -> e.title() + " " + e.description()).toList();
            for (String gone : List.of("Jean Dupont", "Boulangerie Dupont", "06 00 00 00 00", "bethune", "<@" + USER + ">")) {
                assertFalse(all.contains(gone), gone + " still shown: " + all);
            }
            assertTrue(m.rows().isEmpty(), "no button left under a forgotten case");
        }
        assertTrue(first.getValue().content().startsWith("🗑️ Dossier " + opened.id() + " annulé"), first.getValue().content());

        // a second time, nothing is left
        DiscordFixtures.Responses[] again = new DiscordFixtures.Responses[1];
        bot.onSlash(slash("oublier", null, null, again));
        assertEquals("Je ne gardais rien de vous : il n'y avait rien à effacer.", content(again[0].updater()));
    }

    @Test
    void whenTheStoreFailsForgetSaysNothingWasErased() {
        bot.onModal(form("oui", new DiscordFixtures.Responses[1]));
        doThrow(new StoreException("base verrouillée")).when(store).eraseEntrepreneur(anyString());
        DiscordFixtures.Responses[] r = new DiscordFixtures.Responses[1];
        bot.onSlash(slash("oublier", null, null, r));
        assertEquals(DiscordBot.FORGET_FAILED, content(r[0].updater()));
        assertEquals("Jean Dupont", store.list(EnumSet.of(CaseState.OPEN)).get(0).contact().name(), "nothing erased");
        verify(staff, never()).rewriteCase(anyString(), any(), any(), any());
    }

    @Test
    void anErrorInOneEventIsContainedTheUserGetsTheApologyAndTheBotGoesOn() {
        ListAppender<ILoggingEvent> logs = DiscordFixtures.captureLogs(DiscordBot.class);
        try {
            // deep in a handler, after the acknowledgement: the apology replaces « Guichet réfléchit… »
            doThrow(new StackOverflowError()).when(store).eraseEntrepreneur(anyString());
            DiscordFixtures.Responses[] r = new DiscordFixtures.Responses[1];
            bot.onSlash(slash("oublier", null, null, r)); // must not throw
            assertEquals(DiscordBot.SORRY, content(r[0].updater()));

            // before anything was sent: the listener contains it (Javacord's thread and the bot go on)
            org.javacord.api.DiscordApi api = mock(org.javacord.api.DiscordApi.class);
            org.javacord.api.entity.user.User yourself = mock(org.javacord.api.entity.user.User.class);
            when(api.getYourself()).thenReturn(yourself);
            bot.attach(api);
            ArgumentCaptor<org.javacord.api.listener.interaction.SlashCommandCreateListener> listener =
                    ArgumentCaptor.forClass(org.javacord.api.listener.interaction.SlashCommandCreateListener.class);
            verify(api).addSlashCommandCreateListener(listener.capture());
            org.javacord.api.event.interaction.SlashCommandCreateEvent event =
                    mock(org.javacord.api.event.interaction.SlashCommandCreateEvent.class);
            SlashCommandInteraction broken = mock(SlashCommandInteraction.class);
            when(event.getSlashCommandInteraction()).thenReturn(broken);
            when(broken.getCommandName()).thenThrow(new OutOfMemoryError("Java heap space"));
            listener.getValue().onSlashCommandCreate(event); // must not throw

            assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains("StackOverflowError")), logs.list.toString());
            assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains("slash command: handling failed")
                    && e.getFormattedMessage().contains("OutOfMemoryError")), logs.list.toString());

            // and the next event is answered as usual
            DiscordFixtures.Responses[] next = new DiscordFixtures.Responses[1];
            bot.onSlash(slash("profil", null, null, next));
            assertTrue(content(next[0].updater()).startsWith("Je ne sais encore rien"));
        } finally {
            DiscordFixtures.stopCapture(DiscordBot.class, logs);
        }
    }

    @Test
    void whenEveryAdviserIsAwayTheProposalSaysSoOnce() throws Exception {
        StringBuilder absences = new StringBuilder();
        DiscordFixtures.catalogue().advisers().forEach(a -> absences.append(a.id()).append(" 2026-12-20\n"));
        java.nio.file.Files.writeString(data.resolve("absences.txt"), absences);

        DiscordFixtures.Responses[] r = new DiscordFixtures.Responses[1];
        bot.onSlash(slash("conseiller", null, null, r));

        String shown = embeds(r[0].updater()).stream().map(e -> DiscordFixtures.json(e).path("description").asText(""))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertTrue(shown.contains("sont tous absents en ce moment"), shown);
        assertTrue(shown.contains("à partir du lundi 21 décembre 2026"), shown);
        assertEquals(shown.indexOf("sont tous absents"), shown.lastIndexOf("sont tous absents"), "said once: " + shown);
    }

    // ---- /statistiques ---------------------------------------------------------------------------

    private SlashCommandInteraction statistics(String period, boolean adviser, DiscordFixtures.Responses[] out) {
        SlashCommandInteraction i = mock(SlashCommandInteraction.class);
        out[0] = DiscordFixtures.wire(i, USER, adviser);
        when(i.getCommandName()).thenReturn("statistiques");
        when(i.getArgumentStringValueByName(anyString())).thenReturn(Optional.ofNullable(period));
        return i;
    }

    @Test
    void statisticsGiveTheKeyFiguresAndTheChartToAdvisersOnly() {
        bot.onSlash(slash("question", "texte", QUESTION, new DiscordFixtures.Responses[1]));
        bot.onSlash(slash("question", "texte", "formation hygiene restaurant", new DiscordFixtures.Responses[1]));

        DiscordFixtures.Responses[] r = new DiscordFixtures.Responses[1];
        bot.onSlash(statistics(null, true, r));

        assertDeferredPrivately(r[0]);
        String text = content(r[0].updater());
        assertTrue(text.startsWith("Statistiques de Guichet du 2 novembre 2026 au 1 décembre 2026"), text);
        assertTrue(text.contains("Questions posées : 2"), text);
        ArgumentCaptor<byte[]> png = ArgumentCaptor.forClass(byte[].class);
        verify(r[0].updater()).addAttachment(png.capture(), eq(AdviserDesk.CHART));
        assertTrue(png.getValue().length > 1000, "a chart: " + png.getValue().length + " bytes");
        assertEquals("\u0089PNG", new String(png.getValue(), 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
        verify(r[0].updater()).update();
        assertNoPing(mentions(r[0].updater()));

        // someone without the adviser role: refused, and reads nothing
        DiscordFixtures.Responses[] refused = new DiscordFixtures.Responses[1];
        bot.onSlash(statistics(null, false, refused));
        assertEquals(AdviserDesk.NOT_ADVISER, content(refused[0].updater()));
        verify(refused[0].updater(), never()).addAttachment(any(byte[].class), anyString());
    }

    @Test
    void statisticsSayAnUnreadablePeriodAndWithoutAttachFilesComeAsText() {
        DiscordFixtures.Responses[] bad = new DiscordFixtures.Responses[1];
        bot.onSlash(statistics("le mois dernier", true, bad));
        assertEquals("Période illisible « le mois dernier » : écrivez par exemple 30j, 2026-03 ou 2026-03-01..2026-03-31.",
                content(bad[0].updater()));

        DiscordFixtures.Responses[] empty = new DiscordFixtures.Responses[1];
        bot.onSlash(statistics("7j", true, empty));
        assertTrue(content(empty[0].updater()).contains("rien à montrer pour l'instant"));
        verify(empty[0].updater(), never()).addAttachment(any(byte[].class), anyString());

        bot.onSlash(slash("question", "texte", QUESTION, new DiscordFixtures.Responses[1]));
        DiscordFixtures.Responses[] noFiles = new DiscordFixtures.Responses[1];
        SlashCommandInteraction i = statistics("2026-12", true, noFiles);
        // what Discord gives in app_permissions: everything Guichet asks for but Attach Files
        when(i.getBotPermissions()).thenReturn(Optional.of(EnumSet.complementOf(
                EnumSet.of(org.javacord.api.entity.permission.PermissionType.ATTACH_FILE))));
        bot.onSlash(i);
        String text = content(noFiles[0].updater());
        assertTrue(text.startsWith("Statistiques de Guichet du 1 décembre 2026 au 31 décembre 2026"), text);
        assertTrue(text.endsWith(AdviserDesk.NO_ATTACH), text);
        verify(noFiles[0].updater(), never()).addAttachment(any(byte[].class), anyString());
    }

    // ---- mentions and direct messages ---------------------------------------------------------

    private static Message message(String content, boolean direct, long channelId, boolean bot, boolean yourself) {
        Message m = mock(Message.class);
        MessageAuthor author = mock(MessageAuthor.class);
        when(author.getId()).thenReturn(USER);
        when(author.isBotUser()).thenReturn(bot);
        when(author.isYourself()).thenReturn(yourself);
        when(m.getAuthor()).thenReturn(author);
        when(m.getContent()).thenReturn(content);
        when(m.getServer()).thenReturn(direct ? Optional.empty() : Optional.of(mock(Server.class)));
        TextChannel channel = mock(TextChannel.class);
        when(channel.getId()).thenReturn(channelId);
        lenient().when(channel.canYouEmbedLinks()).thenReturn(true);
        when(m.getChannel()).thenReturn(channel);
        return m;
    }

    private static AllowedMentions mentions(MessageBuilder builder) {
        ArgumentCaptor<AllowedMentions> captor = ArgumentCaptor.forClass(AllowedMentions.class);
        verify(builder).setAllowedMentions(captor.capture());
        return captor.getValue();
    }

    @Test
    void aMentionOfTheBotIsAnsweredInTheChannelWithoutPingingAnyone() {
        Message m = message("<@" + BOT + "> " + QUESTION + " @everyone", false, DiscordFixtures.CHANNEL, false, false);
        bot.onMessage(m);
        assertFalse(channelMessages.isEmpty());
        MessageBuilder first = channelMessages.get(0);
        verify(first).replyTo(m, false); // a deleted question still gets its answer
        verify(first).send(m.getChannel());
        channelMessages.forEach(b -> assertNoPing(mentions(b)));
    }

    @Test
    void otherBotsItselfUnmentionedMessagesAndTheStaffChannelAreIgnored() {
        bot.onMessage(message("<@" + BOT + "> " + QUESTION, false, DiscordFixtures.CHANNEL, true, false));
        bot.onMessage(message("<@" + BOT + "> " + QUESTION, true, DiscordFixtures.CHANNEL, false, true));
        bot.onMessage(message(QUESTION, false, DiscordFixtures.CHANNEL, false, false));
        bot.onMessage(message("<@" + BOT + "> " + QUESTION, false, DiscordFixtures.STAFF, false, false));
        Message inCaseThread = message("<@" + BOT + "> " + QUESTION, false, 4444L, false, false);
        org.javacord.api.entity.channel.ServerThreadChannel thread = mock(org.javacord.api.entity.channel.ServerThreadChannel.class);
        org.javacord.api.entity.channel.RegularServerChannel staffChannel = mock(org.javacord.api.entity.channel.RegularServerChannel.class);
        when(staffChannel.getId()).thenReturn(DiscordFixtures.STAFF);
        when(thread.getParent()).thenReturn(staffChannel);
        when(inCaseThread.getChannel().asServerThreadChannel()).thenReturn(Optional.of(thread));
        bot.onMessage(inCaseThread);
        assertTrue(channelMessages.isEmpty());
    }

    @Test
    void aDirectMessageIsAnsweredAndAnOverLongOneRefused() {
        bot.onMessage(message(QUESTION, true, 321L, false, false));
        assertFalse(channelMessages.isEmpty(), "a direct message needs no mention");

        channelMessages.clear();
        bot.onMessage(message("x".repeat(2001), true, 321L, false, false));
        assertEquals(1, channelMessages.size());
        ArgumentCaptor<String> text = ArgumentCaptor.forClass(String.class);
        verify(channelMessages.get(0)).setContent(text.capture());
        assertEquals(DiscordBot.tooLong(2001), text.getValue());
    }

    @Test
    void aSendFailureOnAMentionIsContained() {
        Message m = message("<@" + BOT + "> " + QUESTION, false, DiscordFixtures.CHANNEL, false, false);
        Exception refused = DiscordFixtures.missingPermissions();
        DiscordNotifier notifier = new DiscordNotifier(staff, DiscordFixtures.catalogue().advisersById());
        DiscordBot failing = DiscordFixtures.bot(DiscordFixtures.core(store, notifier, data), store, notifier,
                new ReplyRenderer(Optional.empty()), DiscordFixtures.outbound(() -> {
                    MessageBuilder b = DiscordFixtures.builder(MessageBuilder.class);
                    when(b.send(any(TextChannel.class))).thenReturn(CompletableFuture.failedFuture(refused));
                    return b;
                }));
        failing.botUserId(BOT);
        failing.onMessage(m); // must not throw
        verify(staff).notice(any());
    }
}
