package fr.guichet.bot.assistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import fr.guichet.bot.TestAssistants;
import fr.guichet.bot.feedback.InMemoryFeedbackStore;
import fr.guichet.bot.handoff.AdviserNotifier;
import fr.guichet.bot.handoff.CaseState;
import fr.guichet.bot.handoff.Contact;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.handoff.HandoffReason;
import fr.guichet.bot.handoff.HandoffStore;
import fr.guichet.bot.handoff.StoreException;
import fr.guichet.bot.store.SqliteHandoffStore;
import fr.guichet.knowledge.catalogue.Entry;
import fr.guichet.knowledge.catalogue.Theme;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.InOrder;

class AssistantTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T09:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path data;
    private SqliteHandoffStore cases;
    private InMemoryFeedbackStore feedback;
    private AdviserNotifier notifier;
    private Assistant assistant;

    @BeforeEach
    void setUp() {
        cases = SqliteHandoffStore.open(data, CLOCK);
        feedback = new InMemoryFeedbackStore();
        notifier = mock(AdviserNotifier.class);
        assistant = TestAssistants.assistant(cases, feedback, notifier, CLOCK);
    }

    @AfterEach
    void tearDown() {
        cases.close();
    }

    @Test
    void answersFromTheCatalogueWithCardsAndLinks() {
        Reply reply = assistant.handle("c1", "u1", "je suis au chomage et je veux creer ma boite, il y a une aide sur mes allocations ?");
        assertFalse(reply.handoff().needed(), reply.text());
        assertFalse(reply.cards().isEmpty());
        assertTrue(reply.cards().size() <= 3);
        List<String> ids = reply.cards().stream().map(Card::entryId).toList();
        assertTrue(ids.contains("arce") || ids.contains("maintien-are-creation"), ids.toString());
        assertTrue(reply.suggestions().size() <= 3 && !reply.suggestions().isEmpty());
        // every card's entry is named in the text
        for (Card card : reply.cards()) {
            assertTrue(reply.text().contains(card.title()), card.title());
        }
    }

    @Test
    void neverStatesAnAmountOrDateThatIsNotInACitedEntry() {
        for (String q : List.of("pret d'honneur pour creer", "formation hygiene alimentaire restaurant",
                "aide embauche apprenti", "microcredit adie", "formation excel")) {
            Reply reply = assistant.handle("c-" + q, "u1", q);
            String cited = reply.cards().stream()
                    .map(c -> TestAssistants.catalogue().entry(c.entryId()).orElseThrow())
                    .map(AssistantTest::allText).reduce("", String::concat);
            Matcher money = Pattern.compile("(\\d[\\d  .]*)\\s?€").matcher(reply.text());
            while (money.find()) {
                String digits = money.group(1).replaceAll("\\D", "");
                assertTrue(cited.replaceAll("[  .]", "").contains(digits), q + " -> " + money.group());
            }
        }
    }

    private static String allText(Entry e) {
        return String.join(" ", String.valueOf(e.summary()), String.valueOf(e.benefit()), String.valueOf(e.description()),
                String.valueOf(e.howToApply()), e.amountMin() == null ? "" : e.amountMin().toPlainString(),
                e.amountMax() == null ? "" : e.amountMax().toPlainString(),
                e.training().priceEur() == null ? "" : e.training().priceEur().toPlainString());
    }

    @Test
    void vagueQuestionGetsOneClarifyingQuestion() {
        Reply reply = assistant.handle("c2", "u2", "je cherche une aide");
        assertTrue(reply.cards().isEmpty());
        assertTrue(reply.text().contains("?"));
        assertFalse(reply.handoff().needed());
    }

    @Test
    void aGreetingIsGreetedAndAskedWhereTheyStand() {
        Reply reply = assistant.handle("c2b", "u2b", "Bonjour");
        assertTrue(reply.text().startsWith("Bonjour !"), reply.text());
        assertTrue(reply.text().contains("où en êtes-vous"), reply.text());
        assertTrue(reply.cards().isEmpty());
        assertFalse(assistant.handle("c2c", "u2c", "je cherche une aide").text().startsWith("Bonjour"));
    }

    @Test
    void profileIsFilledFromWhatTheEntrepreneurSays() {
        assistant.handle("c3", "u3", "j'ai un restaurant a Bethune avec 8 salaries");
        Profile p = assistant.profile("c3", "u3");
        assertEquals("hotellerie-restauration", p.sector());
        assertEquals("Béthune", p.place());
        assertEquals(8, p.headcount());
    }

    @Test
    void followUpsWorkAgainstThePreviousTurn() {
        Reply first = assistant.handle("c4", "u4", "formation hygiene alimentaire HACCP pour mon restaurant");
        assertFalse(first.cards().isEmpty());
        Reply price = assistant.handle("c4", "u4", "c'est combien ?");
        assertEquals(first.cards().get(0).entryId(), price.cards().get(0).entryId());
        assertTrue(price.text().contains("€") || price.text().contains("gratuit") || price.text().contains("prix sur demande"));
    }

    @Test
    void aShortFollowUpKeepsTheTopicAndTakesTheKindItAsksFor() {
        assistant.handle("c4b", "u4b", "jveux embaucher mon premier salarie");
        Reply aids = assistant.handle("c4b", "u4b", "ya des aides ?");
        assertFalse(aids.cards().isEmpty(), aids.text());
        assertTrue(aids.cards().stream().allMatch(card -> (card.title() + card.detail()).toLowerCase().matches(
                "(?s).*(embauch|recrut|employeur|salari).*")), "still about hiring: " + aids.cards());
        Reply trainings = assistant.handle("c4b", "u4b", "et des formations ?");
        assertFalse(trainings.cards().isEmpty(), trainings.text());
        assertTrue(trainings.cards().stream().limit(2).allMatch(card -> card.kind().equals("formation")),
                "trainings first: " + trainings.cards());
    }

    @Test
    void sensitiveSituationIsHandedToTheRightDomainAndStoredBeforeTheAdviserHears() {
        Reply reply = assistant.handle("c5", "u5", "mon entreprise est en cessation de paiement, que faire ?");
        assertTrue(reply.handoff().needed());
        assertEquals(Theme.DIFFICULTES, reply.handoff().domain());
        assertEquals(HandoffReason.SENSITIVE_SITUATION, reply.handoff().reason());
        String adviser = reply.proposedAdviser().orElseThrow().adviser().id();
        assertTrue(reply.text().contains(reply.proposedAdviser().get().adviser().name()));

        Assistant.HandoffOutcome outcome = assistant.openCase("c5", "u5", new Contact("Jean", "Boulangerie", "0600000000", true));
        HandoffCase stored = cases.find(outcome.handoffCase().id()).orElseThrow();
        assertEquals(CaseState.OPEN, stored.state());
        assertEquals(adviser, stored.adviserId());
        assertEquals(Theme.DIFFICULTES, stored.theme());
        assertEquals("0600000000", stored.contact().phoneOrEmail());
        assertTrue(stored.transcript().stream().anyMatch(l -> l.text().contains("cessation de paiement")));
        assertTrue(outcome.message().contains(outcome.adviser().name()));
        verify(notifier).caseOpened(any(HandoffCase.class), any());
    }

    @Test
    void askingForSomeoneTakesTheSubjectFromTheRestOfTheMessageOrFromBefore() {
        Reply alone = assistant.handle("c5b", "u5b", "pouvez vous me rappeler demain matin ?");
        assertEquals(HandoffReason.EXPLICIT_REQUEST, alone.handoff().reason());
        assertEquals(Theme.CREATION, alone.handoff().domain(), "no subject: the first-contact domain");
        assertTrue(alone.cards().isEmpty());
        assertTrue(feedback.unansweredSince(Instant.EPOCH).isEmpty(), "a request for a person is not a catalogue gap");

        Reply withSubject = assistant.handle("c5c", "u5c", "je voudrais parler a un conseiller pour exporter en Allemagne");
        assertEquals(Theme.INTERNATIONAL, withSubject.handoff().domain());

        assistant.handle("c5d", "u5d", "exporter nos biscuits en Allemagne, il y a un accompagnement ?");
        Reply after = assistant.handle("c5d", "u5d", "je veux un rdv avec un conseiller");
        assertEquals(HandoffReason.EXPLICIT_REQUEST, after.handoff().reason());
        assertEquals(Theme.INTERNATIONAL, after.handoff().domain(), "the subject asked about just before");
    }

    @Test
    void aSecondCaseOfTheSameConversationCarriesItsOwnExchangeOnly() {
        assistant.handle("c6b", "u6b", "mon entreprise est en cessation de paiement, que faire ?");
        HandoffCase first = assistant.openCase("c6b", "u6b", null).handoffCase();
        assistant.handle("c6b", "u6b", "autre chose : je veux vendre mon restaurant, combien ça vaut ?");
        HandoffCase second = assistant.openCase("c6b", "u6b", null).handoffCase();
        List<String> lines = cases.find(second.id()).orElseThrow().transcript().stream().map(l -> l.text()).toList();
        assertTrue(lines.stream().noneMatch(l -> l.contains("cessation de paiement") || l.contains(first.id())), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("vendre mon restaurant")), lines.toString());
    }

    @Test
    void noConsentMeansNoContactKept() {
        assistant.handle("c6", "u6", "je veux parler a un conseiller");
        HandoffCase stored = assistant.openCase("c6", "u6", new Contact("Jean", "X", "jean@example.org", false)).handoffCase();
        assertEquals(null, cases.find(stored.id()).orElseThrow().contact());
    }

    @Test
    void aStoreFailureIsReportedAndNobodyIsNotified() {
        HandoffStore broken = mock(HandoffStore.class);
        doThrow(new StoreException("Impossible d'écrire dans le dossier de données")).when(broken).create(any());
        Assistant a = TestAssistants.assistant(broken, feedback, notifier, CLOCK);
        a.handle("c7", "u7", "je veux parler a un conseiller");
        assertThrows(StoreException.class, () -> a.openCase("c7", "u7", null));
        verify(notifier, never()).caseOpened(any(), any());
    }

    @Test
    void aNotifierFailureDoesNotLoseTheCase() {
        doThrow(new RuntimeException("discord down")).when(notifier).caseOpened(any(), any());
        assistant.handle("c8", "u8", "un conseiller peut me rappeler ?");
        Assistant.HandoffOutcome outcome = assistant.openCase("c8", "u8", null);
        assertNotNull(cases.find(outcome.handoffCase().id()).orElse(null));
        InOrder order = inOrder(notifier);
        order.verify(notifier).caseOpened(any(), any());
    }

    @Test
    void aHalfMatchIsShownAsTheNearestNotAsTheAnswer() {
        Reply partial = assistant.handle("c9b", "u9b", "formation excel pour mon elevage d'escargots bio en montagne");
        assertTrue(partial.text().startsWith("Je n'ai pas de réponse exacte"), partial.text());
        assertFalse(partial.cards().isEmpty());
        assertFalse(partial.handoff().needed(), "part of the question is answered");
        Reply full = assistant.handle("c9c", "u9c", "formation excel debutant");
        assertFalse(full.cards().isEmpty());
        assertFalse(full.text().contains("pas de réponse exacte"), full.text());
    }

    @Test
    void nothingFitsSaysSoRecordsTheQuestionAndOffersAnAdviser() {
        for (String question : List.of("zxqwv blorptest", "quel est le meilleur logiciel de caisse pour une boulangerie ?",
                "un bon plombier pas cher a Beuvry ?", "quel est le taux de TVA sur une pizza a emporter ?")) {
            Reply reply = assistant.handle("c9-" + question.length(), "u9", question);
            assertTrue(reply.cards().isEmpty(), question);
            assertTrue(reply.handoff().needed(), question);
            assertEquals(HandoffReason.NO_ANSWER, reply.handoff().reason(), question);
            assertTrue(reply.text().startsWith("Je n'ai rien trouvé de sûr"), reply.text());
        }
        assertEquals(4, feedback.unansweredSince(Instant.EPOCH).size(), "each is recorded as a gap of the catalogue");
    }

    @Test
    void twoThumbsDownInARowProposeAnAdviser() {
        assistant.handle("c10", "u10", "formation excel");
        assertTrue(assistant.feedback("c10", "u10", false).isEmpty());
        assistant.handle("c10", "u10", "formation anglais");
        Reply proposal = assistant.feedback("c10", "u10", false).orElseThrow();
        assertEquals(HandoffReason.UNHELPFUL_ANSWERS, proposal.handoff().reason());
        assertEquals(2, feedback.feedbackSince(Instant.EPOCH).size());
    }

    @Test
    void forgettingAUserErasesFeedbackAndCaseContact() {
        assistant.handle("c11", "u11", "je veux parler a quelqu'un");
        String id = assistant.openCase("c11", "u11", new Contact("Jean", null, "0600", true)).handoffCase().id();
        assistant.feedback("c11", "u11", true);
        assertTrue(assistant.forget("u11") > 0);
        assertEquals(0, feedback.feedbackSince(Instant.EPOCH).size());
        HandoffCase forgotten = cases.find(id).orElseThrow();
        assertEquals(null, forgotten.contact());
        assertTrue(forgotten.transcript().isEmpty());
        assertEquals(Profile.EMPTY, assistant.profile("c11", "u11"));
    }

    @Test
    void tooLongMessagesArePolitelyRefused() {
        Reply reply = assistant.handle("c12", "u12", "a".repeat(Assistant.MAX_MESSAGE_CHARS + 1));
        assertTrue(reply.text().contains("trop long"));
        assertTrue(reply.cards().isEmpty());
    }

    @Test
    void theProfileNarrowsTheTerritory() {
        // a place said once is remembered: entries reserved to elsewhere stay out of later answers
        assistant.handle("c13", "u13", "je suis a Lille");
        assertEquals("Lille", assistant.profile("c13", "u13").place());
        Reply reply = assistant.handle("c13", "u13", "aide pour renover la vitrine de mon commerce");
        for (Card card : reply.cards()) {
            Entry e = TestAssistants.catalogue().entry(card.entryId()).orElseThrow();
            assertFalse(e.territories().contains("CABBALR"), card.entryId());
        }
    }

    @Test
    void concurrentConversationsLoseNoCase() throws Exception {
        int n = 200;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<String>> ids = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            ids.add(pool.submit(() -> {
                assistant.handle("conv-" + k, "user-" + k, "formation excel pour mon equipe");
                assistant.handle("conv-" + k, "user-" + k, "je veux parler a un conseiller");
                return assistant.openCase("conv-" + k, "user-" + k, null).handoffCase().id();
            }));
        }
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (var f : ids) {
            distinct.add(f.get());
        }
        pool.shutdown();
        assertEquals(n, distinct.size());
        assertEquals(n, cases.list(EnumSet.of(CaseState.OPEN)).size());
    }
}
