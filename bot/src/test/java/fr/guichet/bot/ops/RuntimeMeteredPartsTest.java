package fr.guichet.bot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.TestAssistants;
import fr.guichet.bot.assistant.Answer;
import fr.guichet.bot.assistant.AnswerRequest;
import fr.guichet.bot.assistant.Answerer;
import fr.guichet.bot.assistant.Profile;
import fr.guichet.bot.handoff.AdviserNotifier;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.knowledge.catalogue.Adviser;
import fr.guichet.knowledge.catalogue.Entry;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The LLM's calls and fallbacks, and the reminders and escalations, as the metrics count them. */
class RuntimeMeteredPartsTest {
    private final Metrics metrics = new Metrics();

    private static AnswerRequest request(List<Entry> entries) {
        return new AnswerRequest("question", entries, Profile.EMPTY, LocalDate.of(2026, 12, 1));
    }

    private double count(String name, String tag, String value) {
        var counter = metrics.registry().find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void llmCallsAreCountedByWhatWasUsed() {
        List<Entry> entries = TestAssistants.catalogue().schemes().subList(0, 2);
        Answer byModel = new Answer("texte", List.of(entries.get(0).id()), true, false);
        Answer byRules = new Answer("texte", List.of(entries.get(0).id()), false, false);
        Answerer[] next = {r -> byModel};
        Answerer metered = metrics.llm(r -> next[0].answer(r));

        metered.answer(request(entries));
        next[0] = r -> byRules; // the model timed out or its text failed the checks: LlmAnswerer fell back
        metered.answer(request(entries));
        metered.answer(request(entries));
        next[0] = r -> {
            throw new IllegalStateException("bug");
        };
        assertThrows(IllegalStateException.class, () -> metered.answer(request(entries)));
        next[0] = r -> byRules;
        metered.answer(request(List.of())); // nothing to compose from: LlmAnswerer calls no model

        assertEquals(1, count("guichet.llm.calls", "result", "llm"));
        assertEquals(2, count("guichet.llm.calls", "result", "fallback"));
        assertEquals(1, count("guichet.llm.calls", "result", "error"));
        assertEquals(4, metrics.registry().find("guichet.llm.duration").timer().count());
    }

    @Test
    void remindersAndEscalationsAreCountedSentOrFailed() {
        Adviser adviser = TestAssistants.catalogue().advisers().get(0);
        HandoffCase c = org.mockito.Mockito.mock(HandoffCase.class);
        boolean[] fail = {false};
        AdviserNotifier metered = metrics.notifier(new AdviserNotifier() {
            @Override
            public void caseOpened(HandoffCase handoffCase, Adviser a) {
            }

            @Override
            public void reminder(HandoffCase handoffCase, Adviser a) {
                if (fail[0]) {
                    throw new IllegalStateException("Discord injoignable");
                }
            }

            @Override
            public void escalated(HandoffCase handoffCase, Adviser backup) {
            }
        });
        metered.caseOpened(c, adviser);
        metered.reminder(c, adviser);
        metered.escalated(c, adviser);
        fail[0] = true;
        assertThrows(IllegalStateException.class, () -> metered.reminder(c, adviser), "the failure still reaches the caller");
        String text = metrics.scrape();
        for (String expected : List.of("guichet_cases_opened_total{application=\"guichet\",result=\"sent\"} 1.0",
                "guichet_reminders_total{application=\"guichet\",result=\"sent\",step=\"reminder\"} 1.0",
                "guichet_reminders_total{application=\"guichet\",result=\"failed\",step=\"reminder\"} 1.0",
                "guichet_reminders_total{application=\"guichet\",result=\"sent\",step=\"escalation\"} 1.0")) {
            assertTrue(text.contains(expected), "missing " + expected + " in\n" + text);
        }
    }
}
