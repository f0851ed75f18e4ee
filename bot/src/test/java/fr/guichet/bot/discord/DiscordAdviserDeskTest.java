package fr.guichet.bot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import fr.guichet.bot.handoff.CaseEvent;
import fr.guichet.bot.handoff.CaseState;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.handoff.NewCase;
import fr.guichet.bot.store.SqliteHandoffStore;
import fr.guichet.knowledge.catalogue.Theme;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.javacord.api.entity.message.MessageBuilder;
import org.javacord.api.entity.message.MessageFlag;
import org.javacord.api.entity.message.component.ActionRow;
import org.javacord.api.entity.message.component.HighLevelComponent;
import org.javacord.api.entity.message.component.SelectMenu;
import org.javacord.api.entity.message.component.SelectMenuOption;
import org.javacord.api.interaction.ButtonInteraction;
import org.javacord.api.interaction.SelectMenuInteraction;
import org.javacord.api.interaction.SlashCommandInteraction;
import org.javacord.api.interaction.callback.InteractionMessageBuilderBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/** « Je prends », « Clos », « Réaffecter » and /dossiers, on a real SQLite case store. */
class DiscordAdviserDeskTest {
    /** Alice and Bruno of the bundled catalogue, with their Discord accounts. */
    private static final long ALICE = 100000000000000001L;
    private static final long BRUNO = 100000000000000002L;
    private static final long STRANGER = 555L;

    @TempDir
    Path data;
    private SqliteHandoffStore store;
    private final StaffChannel staff = mock(StaffChannel.class);
    private DiscordBot bot;
    private String caseId;

    @BeforeEach
    void desk() {
        store = SqliteHandoffStore.open(data, DiscordFixtures.CLOCK);
        DiscordNotifier notifier = new DiscordNotifier(staff, DiscordFixtures.catalogue().advisersById());
        bot = DiscordFixtures.bot(DiscordFixtures.core(store, notifier, data), store, notifier,
                new ReplyRenderer(Optional.of(LocalDate.of(2026, 11, 28))),
                DiscordFixtures.outbound(() -> DiscordFixtures.builder(MessageBuilder.class)));
        caseId = store.create(new NewCase("discord:1001", null, Theme.CREATION, "alice-creation", "bruno-creation",
                "demande explicite d'un conseiller", List.of(), List.of())).id();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private DiscordFixtures.Responses click(String customId, long user, boolean adviser) {
        ButtonInteraction i = mock(ButtonInteraction.class);
        DiscordFixtures.Responses r = DiscordFixtures.wire(i, user, adviser);
        when(i.getCustomId()).thenReturn(customId);
        bot.onButton(i);
        return r;
    }

    private static String content(InteractionMessageBuilderBase<?> b) {
        ArgumentCaptor<String> captor = ArgumentCaptor.forClass(String.class);
        verify(b).setContent(captor.capture());
        return captor.getValue();
    }

    private HandoffCase stored() {
        return store.find(caseId).orElseThrow();
    }

    @Test
    void claimingMakesTheCaseTheClickingAdvisersAndSaysSoInTheThread() {
        DiscordFixtures.Responses r = click(DiscordNotifier.CLAIM + caseId, ALICE, true);
        assertEquals(CaseState.CLAIMED, stored().state());
        CaseEvent claimed = stored().events().get(stored().events().size() - 1);
        assertEquals(CaseEvent.CLAIMED, claimed.action());
        assertEquals("alice-creation", claimed.actor());
        assertEquals(Callbacks.Callback.DEFERRED_UPDATE, r.callback().type());
        assertEquals("✋ Dossier " + caseId + " pris en charge par Alice Exemple.", content(r.followUp()));
        verify(r.followUp(), never()).setFlags(MessageFlag.EPHEMERAL); // public in the thread

        // a second claim is refused privately, and changes nothing
        DiscordFixtures.Responses again = click(DiscordNotifier.CLAIM + caseId, BRUNO, true);
        assertTrue(content(again.followUp()).contains("déjà pris en charge"));
        verify(again.followUp()).setFlags(MessageFlag.EPHEMERAL);
        assertEquals("alice-creation", stored().adviserId());
    }

    @Test
    void aColleagueWhoClaimsTakesTheCaseOverInOneTransaction() {
        SqliteHandoffStore spied = org.mockito.Mockito.spy(store);
        DiscordNotifier notifier = new DiscordNotifier(staff, DiscordFixtures.catalogue().advisersById());
        bot = DiscordFixtures.bot(DiscordFixtures.core(spied, notifier, data), spied, notifier,
                new ReplyRenderer(Optional.empty()), DiscordFixtures.outbound(() -> DiscordFixtures.builder(MessageBuilder.class)));
        click(DiscordNotifier.CLAIM + caseId, BRUNO, true);
        // reassigned and claimed by the store in one transaction: both happen or neither
        verify(spied).claim(eq(caseId), eq("bruno-creation"), anyString(), eq("bruno-creation"));
        verify(spied, never()).reassign(anyString(), anyString(), anyString(), anyString());
        verify(spied, never()).transition(anyString(), any(), anyString());
        assertEquals(CaseState.CLAIMED, stored().state());
        assertEquals("bruno-creation", stored().adviserId());
        assertTrue(stored().events().stream().anyMatch(e -> e.action().equals(CaseEvent.REASSIGNED)
                && e.actor().equals("bruno-creation")));
    }

    @Test
    void onlyAdvisersMayActOnCases() {
        DiscordFixtures.Responses r = click(DiscordNotifier.RESOLVE + caseId, STRANGER, false);
        assertEquals(Callbacks.Callback.MESSAGE, r.callback().type());
        assertEquals(AdviserDesk.NOT_ADVISER, r.callback().data().path("content").asText());
        assertEquals(Callbacks.Callback.EPHEMERAL, r.callback().data().path("flags").asInt());
        assertEquals(CaseState.OPEN, stored().state());

        SlashCommandInteraction list = mock(SlashCommandInteraction.class);
        DiscordFixtures.Responses lr = DiscordFixtures.wire(list, STRANGER, false);
        when(list.getCommandName()).thenReturn("dossiers");
        bot.onSlash(list);
        assertEquals(AdviserDesk.NOT_ADVISER, content(lr.updater()));
    }

    @Test
    void resolvingClosesTheCaseWithTheAdviserAsActor() {
        DiscordFixtures.Responses r = click(DiscordNotifier.RESOLVE + caseId, ALICE, true);
        assertEquals(CaseState.RESOLVED, stored().state());
        assertEquals("alice-creation", stored().events().get(stored().events().size() - 1).actor());
        assertEquals("✅ Dossier " + caseId + " clos par Alice Exemple.", content(r.followUp()));
        // nothing left to click under a closed case: its message loses its buttons
        verify(r.updater()).update();
        verify(r.updater(), never()).addComponents(any(HighLevelComponent[].class));
        // an adviser the catalogue does not know acts under their Discord id
        String other = store.create(new NewCase("discord:1002", null, Theme.CREATION, "alice-creation", "bruno-creation",
                "x", List.of(), List.of())).id();
        click(DiscordNotifier.RESOLVE + other, 4242L, true);
        HandoffCase closed = store.find(other).orElseThrow();
        assertEquals("discord:4242", closed.events().get(closed.events().size() - 1).actor());
    }

    @Test
    void reassigningOffersTheOtherAdvisersThenGivesTheCaseAndPingsOnlyTheNewOne() {
        DiscordFixtures.Responses r = click(DiscordNotifier.REASSIGN + caseId, ALICE, true);
        ArgumentCaptor<HighLevelComponent> rows = ArgumentCaptor.forClass(HighLevelComponent.class);
        verify(r.followUp()).addComponents(rows.capture());
        SelectMenu menu = (SelectMenu) ((ActionRow) rows.getValue()).getComponents().get(0);
        assertEquals(DiscordNotifier.REASSIGN_TO + caseId, menu.getCustomId());
        List<String> offered = menu.getOptions().stream().map(SelectMenuOption::getValue).toList();
        assertTrue(offered.contains("bruno-creation"));
        assertTrue(!offered.contains("alice-creation"), "not the adviser who holds it");
        verify(r.followUp()).setFlags(MessageFlag.EPHEMERAL);

        SelectMenuInteraction choice = mock(SelectMenuInteraction.class);
        DiscordFixtures.Responses cr = DiscordFixtures.wire(choice, ALICE, true);
        when(choice.getCustomId()).thenReturn(DiscordNotifier.REASSIGN_TO + caseId);
        SelectMenuOption bruno = mock(SelectMenuOption.class);
        when(bruno.getValue()).thenReturn("bruno-creation");
        when(choice.getChosenOptions()).thenReturn(List.of(bruno));
        bot.onSelect(choice);

        assertEquals("bruno-creation", stored().adviserId());
        assertEquals("alice-creation", stored().backupId(), "Bruno's backup stands in");
        assertEquals("alice-creation", stored().events().get(stored().events().size() - 1).actor());
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<DiscordMessage>> posted = ArgumentCaptor.forClass(List.class);
        verify(staff).postInThread(eq(caseId), anyString(), posted.capture(), anyList());
        assertEquals(Set.of(BRUNO), posted.getValue().get(0).mentionUsers());
        assertTrue(content(cr.updater()).startsWith("C'est fait : le dossier " + caseId + " est à Bruno Exemple."));
    }

    @Test
    void advisersListTheCasesInProgress() {
        click(DiscordNotifier.CLAIM + caseId, ALICE, true);
        store.create(new NewCase("discord:1003", null, Theme.FINANCEMENT, "david-financement", "chloe-transmission",
                "projet d'un montant important", List.of(), List.of()));
        SlashCommandInteraction list = mock(SlashCommandInteraction.class);
        DiscordFixtures.Responses r = DiscordFixtures.wire(list, ALICE, true);
        when(list.getCommandName()).thenReturn("dossiers");
        bot.onSlash(list);
        assertEquals(Callbacks.Callback.DEFERRED_MESSAGE, r.callback().type());
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<org.javacord.api.entity.message.embed.EmbedBuilder>> embeds = ArgumentCaptor.forClass(List.class);
        verify(r.updater()).addEmbeds(embeds.capture());
        var json = DiscordFixtures.json(embeds.getValue().get(0));
        assertEquals("Dossiers en cours (2)", json.path("title").asText());
        assertEquals(2, json.path("fields").size());
        assertTrue(json.path("fields").get(0).path("name").asText().contains("pris en charge"));

        List<HandoffCase> many = new java.util.ArrayList<>();
        for (int n = 0; n < 70; n++) {
            many.add(stored());
        }
        DiscordFixtures.assertWithinLimits(AdviserDesk.render(many));
    }
}
