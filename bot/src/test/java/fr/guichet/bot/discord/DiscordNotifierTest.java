package fr.guichet.bot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import fr.guichet.bot.discord.DiscordMessage.Button;
import fr.guichet.bot.handoff.CaseEvent;
import fr.guichet.bot.handoff.CaseState;
import fr.guichet.bot.handoff.Contact;
import fr.guichet.bot.handoff.ForgottenCases;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.handoff.TranscriptLine;
import fr.guichet.knowledge.catalogue.Adviser;
import fr.guichet.knowledge.catalogue.Theme;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class DiscordNotifierTest {
    private static final Adviser ALICE = new Adviser("alice", "Alice Exemple", "Conseillère création", List.of(Theme.CREATION),
            List.of(), "100000000000000001", "alice@example.org", null, "bruno");
    private static final Adviser BRUNO = new Adviser("bruno", "Bruno Exemple", "Conseiller reprise", List.of(Theme.CREATION),
            List.of(), "100000000000000002", null, null, "alice");
    private static final Adviser NOBODY = new Adviser("nadia", "Nadia Exemple", "Conseillère export", List.of(Theme.INTERNATIONAL),
            List.of(), null, "nadia@example.org", null, "alice");

    private final StaffChannel staff = mock(StaffChannel.class);
    private final Map<String, Adviser> advisers = new LinkedHashMap<>(Map.of("alice", ALICE, "bruno", BRUNO, "nadia", NOBODY));
    private final DiscordNotifier notifier = new DiscordNotifier(staff, advisers);

    static HandoffCase aCase(String adviser, String backup, String userText) {
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        return new HandoffCase("D-2026-000001", at, CaseState.OPEN, "discord:555", new Contact("Jean Dupont", "Boulangerie",
                "06 00 00 00 00", true), Theme.CREATION, adviser, backup, "demande explicite d'un conseiller",
                List.of(new TranscriptLine(at, TranscriptLine.ENTREPRENEUR, userText),
                        new TranscriptLine(at, TranscriptLine.GUICHET, "Je peux transmettre votre demande.")),
                List.of("pret-honneur"), List.of());
    }

    @SuppressWarnings("unchecked")
    private List<DiscordMessage> opened() {
        ArgumentCaptor<List<DiscordMessage>> messages = ArgumentCaptor.forClass(List.class);
        verify(staff).openThread(eq("D-2026-000001"), any(), messages.capture());
        return messages.getValue();
    }

    @Test
    void theThreadPingsOnlyTheAssignedAdviserAndCarriesTheWholeCase() {
        notifier.caseOpened(aCase("alice", "bruno", "@everyone je veux créer ma boulangerie, <@&123> aidez-moi"), ALICE);

        List<DiscordMessage> messages = opened();
        DiscordFixtures.assertWithinLimits(messages);
        DiscordMessage first = messages.get(0);
        assertTrue(first.content().startsWith("<@100000000000000001> "), first.content());
        assertEquals(Set.of(100000000000000001L), first.mentionUsers(), "only Alice may be pinged");
        messages.subList(1, messages.size()).forEach(m -> assertTrue(m.mentionUsers().isEmpty()));
        String text = messages.stream().flatMap(m -> m.embeds().stream()).map(e -> e.title() + "\n" + e.description())
                .collect(Collectors.joining("\n"));
        assertTrue(text.contains("Jean Dupont") && text.contains("06 00 00 00 00"), "contact given with consent");
        assertTrue(text.contains("boulangerie"), "the transcript is there");
        assertTrue(text.contains("Compte Discord : <@555>"), "the adviser can find the entrepreneur's account");
        assertFalse(text.contains("@everyone"), "echoed user text cannot ping");
        assertFalse(text.contains("<@&"), "nor mention a role");
        List<String> buttons = messages.get(messages.size() - 1).buttons().stream().map(Button::label).toList();
        assertEquals(List.of("Je prends", "Clos", "Réaffecter"), buttons);
        assertEquals(DiscordNotifier.CLAIM + "D-2026-000001", messages.get(messages.size() - 1).buttons().get(0).target());
    }

    @Test
    @SuppressWarnings("unchecked")
    void remindersPingTheAdviserAndTheBackupAndEscalationsTheBackup() {
        HandoffCase c = aCase("alice", "bruno", "bonjour");
        notifier.reminder(c, ALICE);
        ArgumentCaptor<List<DiscordMessage>> reminder = ArgumentCaptor.forClass(List.class);
        ArgumentCaptor<List<DiscordMessage>> ifNew = ArgumentCaptor.forClass(List.class);
        verify(staff).postInThread(eq("D-2026-000001"), any(), reminder.capture(), ifNew.capture());
        assertEquals(Set.of(100000000000000001L, 100000000000000002L), reminder.getValue().get(0).mentionUsers());
        assertTrue(reminder.getValue().get(0).content().contains("Rappel"));
        assertTrue(ifNew.getValue().stream().allMatch(m -> m.mentionUsers().isEmpty()),
                "the summary reposted in a new thread pings nobody");

        StaffChannel staff2 = mock(StaffChannel.class);
        new DiscordNotifier(staff2, advisers).escalated(c, BRUNO);
        ArgumentCaptor<List<DiscordMessage>> escalation = ArgumentCaptor.forClass(List.class);
        verify(staff2).postInThread(eq("D-2026-000001"), any(), escalation.capture(), anyList());
        assertEquals(Set.of(100000000000000002L), escalation.getValue().get(0).mentionUsers());
        assertTrue(escalation.getValue().get(0).content().startsWith("<@100000000000000002> "));
    }

    @Test
    void anAdviserWithoutDiscordAccountIsNamedButNobodyIsPinged() {
        notifier.caseOpened(aCase("nadia", "alice", "export au Maroc"), NOBODY);
        DiscordMessage first = opened().get(0);
        assertTrue(first.mentionUsers().isEmpty());
        assertFalse(first.content().contains("<@"));
        assertTrue(first.content().contains("Nadia Exemple") && first.content().contains("nadia@example.org"));
    }

    @Test
    void aMissingPermissionIsToldInTheStaffChannelAndThrownToTheCaller() {
        doThrow(new StaffChannel.DiscordFailure("create thread: MissingPermissionsException", null, true))
                .when(staff).openThread(any(), any(), anyList());
        StaffChannel.DiscordFailure thrown = assertThrows(StaffChannel.DiscordFailure.class,
                () -> notifier.caseOpened(aCase("alice", "bruno", "bonjour"), ALICE));
        assertTrue(thrown.missingPermissions());
        ArgumentCaptor<DiscordMessage> notice = ArgumentCaptor.forClass(DiscordMessage.class);
        verify(staff).notice(notice.capture());
        assertTrue(notice.getValue().content().contains("D-2026-000001"));
        assertTrue(notice.getValue().mentionUsers().isEmpty());
    }
    /** The case as erasing its entrepreneur leaves it: no contact, no transcript, neutral reason, no entrepreneur. */
    static HandoffCase forgotten(CaseState before) {
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        Instant erasedAt = Instant.parse("2026-12-02T09:00:00Z");
        List<CaseEvent> events = new java.util.ArrayList<>(List.of(new CaseEvent(at, CaseEvent.CREATED, "guichet", null)));
        if (before.isClosed()) {
            events.add(new CaseEvent(at.plusSeconds(600), CaseEvent.RESOLVED, "alice", "OPEN -> RESOLVED"));
        } else {
            events.add(new CaseEvent(erasedAt, CaseEvent.CANCELLED, ForgottenCases.ACTOR, before + " -> CANCELLED"));
        }
        events.add(new CaseEvent(erasedAt, CaseEvent.FORGOTTEN, ForgottenCases.ACTOR, "effacés"));
        return new HandoffCase("D-2026-000001", at, before.isClosed() ? before : CaseState.CANCELLED, null, null,
                Theme.CREATION, "alice", "bruno", ForgottenCases.NEUTRAL_REASON, List.of(), List.of("pret-honneur"), events);
    }

    @Test
    void aForgottenOpenCasePingsItsAdviserAndRewritesTheThreadWithoutAnythingErased() {
        notifier.caseForgotten(forgotten(CaseState.OPEN), ALICE);
        ArgumentCaptor<DiscordMessage> notice = ArgumentCaptor.forClass(DiscordMessage.class);
        ArgumentCaptor<DiscordMessage> first = ArgumentCaptor.forClass(DiscordMessage.class);
        ArgumentCaptor<DiscordMessage> others = ArgumentCaptor.forClass(DiscordMessage.class);
        verify(staff).rewriteCase(eq("D-2026-000001"), notice.capture(), first.capture(), others.capture());
        assertEquals(Set.of(100000000000000001L), notice.getValue().mentionUsers(), "nobody must call: Alice is told");
        assertTrue(notice.getValue().content().startsWith("<@100000000000000001> 🗑️ Dossier D-2026-000001 annulé : "
                + "l'entrepreneur a demandé à être oublié (/oublier). Ne le recontactez pas."), notice.getValue().content());
        assertTrue(first.getValue().content().startsWith("🗑️ Dossier D-2026-000001 annulé"), first.getValue().content());
        assertTrue(first.getValue().mentionUsers().isEmpty() && others.getValue().mentionUsers().isEmpty());
        assertTrue(first.getValue().rows().isEmpty(), "no « Je prends » under a cancelled case");
        String shown = first.getValue().embeds().stream().map(e -> e.title() + " " + e.description()).collect(Collectors.joining());
        assertTrue(shown.contains("annulé") && !shown.contains("Compte Discord"), shown);
        DiscordFixtures.assertWithinLimits(List.of(notice.getValue(), first.getValue(), others.getValue()));
        verify(staff, never()).notice(any());
    }

    @Test
    void aForgottenClosedCasePingsNobodyAndAThreadOutOfReachIsLeftToTheStaff() {
        when(staff.rewriteCase(any(), any(), any(), any())).thenReturn(StaffChannel.Rewrite.OUT_OF_REACH);
        notifier.caseForgotten(forgotten(CaseState.RESOLVED), ALICE);
        ArgumentCaptor<DiscordMessage> notice = ArgumentCaptor.forClass(DiscordMessage.class);
        verify(staff).rewriteCase(eq("D-2026-000001"), notice.capture(), any(), any());
        assertTrue(notice.getValue().mentionUsers().isEmpty(), "a closed case: nobody to stop");
        assertFalse(notice.getValue().content().contains("<@"));
        ArgumentCaptor<DiscordMessage> told = ArgumentCaptor.forClass(DiscordMessage.class);
        verify(staff).notice(told.capture());
        assertTrue(told.getValue().content().contains("supprimez-en les messages"), told.getValue().content());

        // Discord refusing: the staff are asked to do it, and the caller hears of the failure (Forgetting logs it)
        StaffChannel refusing = mock(StaffChannel.class);
        when(refusing.rewriteCase(any(), any(), any(), any()))
                .thenThrow(new StaffChannel.DiscordFailure("read the thread: MissingPermissionsException", null, true));
        assertThrows(StaffChannel.DiscordFailure.class,
                () -> new DiscordNotifier(refusing, advisers).caseForgotten(forgotten(CaseState.OPEN), ALICE));
        verify(refusing).notice(told.capture());
        assertTrue(told.getValue().content().contains("supprimez-en les messages")
                && told.getValue().content().contains("Voir les anciens messages"), told.getValue().content());
    }
}
