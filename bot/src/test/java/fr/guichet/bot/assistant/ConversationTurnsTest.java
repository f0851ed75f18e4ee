package fr.guichet.bot.assistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.TestAssistants;
import fr.guichet.bot.feedback.InMemoryFeedbackStore;
import fr.guichet.bot.handoff.AdviserRouter;
import fr.guichet.bot.handoff.Availability;
import fr.guichet.bot.handoff.HandoffReason;
import fr.guichet.bot.handoff.InMemoryHandoffStore;
import fr.guichet.knowledge.catalogue.Theme;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each turn read with the conversation before it, each rule on three phrasings of its own. */
class ConversationTurnsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T09:30:00Z"), ZoneOffset.UTC);
    private final Assistant assistant = Assistant.builder(TestAssistants.index(),
                    new AdviserRouter(TestAssistants.catalogue(), Availability.everyonePresent()),
                    new InMemoryHandoffStore(CLOCK), new InMemoryFeedbackStore())
            .clock(CLOCK).build();
    private final String conversation = UUID.randomUUID().toString();

    private Reply say(String message) {
        return assistant.handle(conversation, "u", message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"et en formation ?", "ya des formations la dessus ?", "et côté formation, il y a quoi ?"})
    void askingForTheOtherKindKeepsTheTopic(String followUp) {
        say("je veux exporter mes produits en Belgique, quelles aides ?");
        Reply reply = say(followUp);
        assertFalse(reply.cards().isEmpty(), followUp);
        assertEquals("formation", reply.cards().get(0).kind(), followUp);
        assertTrue(reply.cards().stream().anyMatch(c -> c.entryId().matches(".*(export|international|douane|prospection).*")),
                followUp + " -> " + reply.cards());
    }

    @ParameterizedTest
    @ValueSource(strings = {"merci beaucoup, bonne journée", "ok super merci", "c'est noté, au revoir"})
    void thanksAndGoodbyesClosePolitely(String goodbye) {
        say("formation hygiène alimentaire pour ma pizzeria");
        Reply reply = say(goodbye);
        assertTrue(reply.cards().isEmpty(), goodbye);
        assertFalse(reply.handoff().needed(), goodbye);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ça ne m'aide pas du tout", "non c'est pas ça que je cherche", "bof, à côté de la plaque"})
    void aRejectionInWordsIsFeedbackAndTheSecondOffersTheSubjectsAdviser(String rejection) {
        say("je cherche des clients à l'étranger, un salon en Allemagne");
        Reply first = say(rejection);
        assertFalse(first.handoff().needed(), rejection);
        assertTrue(first.cards().isEmpty(), rejection);
        Reply second = say(rejection);
        assertTrue(second.handoff().needed(), rejection);
        assertEquals(HandoffReason.UNHELPFUL_ANSWERS, second.handoff().reason());
        assertEquals(Theme.INTERNATIONAL, second.handoff().domain(), "the subject of the conversation");
    }

    @ParameterizedTest
    @ValueSource(strings = {"je peux avoir un rendez-vous avec quelqu'un ?", "vous pouvez me rappeler ?",
            "je préfère en parler à une vraie personne"})
    void aRequestForAPersonInALaterTurnGoesToTheSubjectOfTheConversation(String request) {
        say("je veux exporter mes produits en Belgique, quelles aides ?");
        Reply reply = say(request);
        assertTrue(reply.handoff().needed(), request);
        assertEquals(HandoffReason.EXPLICIT_REQUEST, reply.handoff().reason());
        assertEquals(Theme.INTERNATIONAL, reply.handoff().domain(), request);
    }

    @ParameterizedTest
    @ValueSource(strings = {"à Lillers", "on est 6 salariés", "je suis à Bruay-la-Buissière"})
    void aDetailAloneRefinesTheNeed(String detail) {
        say("une aide pour rénover la vitrine de mon magasin");
        Reply reply = say(detail);
        assertFalse(reply.handoff().needed(), detail);
        assertFalse(reply.cards().isEmpty(), detail);
    }
}
