package fr.guichet.bot.assistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.TestAssistants;
import fr.guichet.bot.feedback.InMemoryFeedbackStore;
import fr.guichet.bot.handoff.AdviserRouter;
import fr.guichet.bot.handoff.Availability;
import fr.guichet.bot.handoff.HandoffReason;
import fr.guichet.bot.handoff.InMemoryHandoffStore;
import fr.guichet.bot.report.AskedKind;
import fr.guichet.bot.report.Channel;
import fr.guichet.bot.report.InMemoryQuestionLog;
import fr.guichet.bot.report.LoggedQuestion;
import fr.guichet.bot.report.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each question answered leaves one anonymous row for the CCI's report; greetings and goodbyes do not. */
class AssistantQuestionLogTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T09:30:00Z"), ZoneOffset.UTC);
    private final InMemoryQuestionLog log = new InMemoryQuestionLog();
    private final Assistant assistant = Assistant.builder(TestAssistants.index(),
                    new AdviserRouter(TestAssistants.catalogue(), Availability.everyonePresent()),
                    new InMemoryHandoffStore(CLOCK), new InMemoryFeedbackStore())
            .questionLog(log).clock(CLOCK).build();

    private List<LoggedQuestion> rows() {
        return log.between(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
    }

    @Test
    void anAnswerAHandoffAndDetailsAreCountedWithTheirChannelKindAndOutcome() {
        assistant.handle("c1", "u1", "bonjour");
        assertEquals(List.of(), rows(), "a greeting is not a question");

        Reply answer = assistant.handle("c1", "u1", "formation hygiene alimentaire HACCP pour mon restaurant", Channel.SLASH);
        assertFalse(answer.cards().isEmpty());
        LoggedQuestion first = rows().get(0);
        assertEquals(Channel.SLASH, first.question().channel());
        assertEquals(AskedKind.TRAINING, first.question().kind());
        assertEquals(Outcome.ANSWERED, first.question().outcome());
        assertEquals(answer.cards().stream().map(Card::entryId).toList(), first.question().entryIds());
        assertFalse(first.question().themes().isEmpty());

        assistant.handle("c1", "u1", "c'est combien ?", Channel.SLASH);
        assertEquals(2, rows().size(), "details about what was shown are a question too");

        Reply handoff = assistant.handle("c2", "u2", "mon entreprise est en cessation de paiement, que faire ?", Channel.DM);
        assertTrue(handoff.handoff().needed());
        LoggedQuestion third = rows().get(2);
        assertEquals(Outcome.HANDED_OFF, third.question().outcome());
        assertEquals(HandoffReason.SENSITIVE_SITUATION, third.question().handoffReason());
        assertEquals(Channel.DM, third.question().channel());

        assistant.handle("c2", "u2", "merci beaucoup, bonne journée");
        assertEquals(3, rows().size(), "a goodbye is not a question");
    }

    @Test
    void aThumbRatesTheRowOfTheLastQuestion() {
        assistant.handle("c3", "u3", "formation excel debutant");
        assertNull(rows().get(0).helpful());
        assistant.feedback("c3", "u3", false);
        assertEquals(Boolean.FALSE, rows().get(0).helpful());
        assistant.feedback("c3", "u3", true);
        assertEquals(Boolean.TRUE, rows().get(0).helpful(), "a later vote replaces the earlier one");
    }
}
