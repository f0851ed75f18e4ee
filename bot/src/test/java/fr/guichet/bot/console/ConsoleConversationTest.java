package fr.guichet.bot.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.TestAssistants;
import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.cli.ConversationEvaluator;
import fr.guichet.bot.feedback.InMemoryFeedbackStore;
import fr.guichet.bot.handoff.AdviserNotifier;
import fr.guichet.bot.handoff.AdviserRouter;
import fr.guichet.bot.handoff.Availability;
import fr.guichet.bot.handoff.InMemoryHandoffStore;
import fr.guichet.bot.privacy.Forgetting;
import fr.guichet.knowledge.eval.EvalQuestion;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The labelled validation conversations typed into the console, as a person would: each turn
 * on the prompt, « non » whenever the console asks whether to pass the request on. What the
 * console prints after each turn is checked against what the turn expects: an offer of an
 * adviser, catalogue sources, a question back, or none of these.
 */
class ConsoleConversationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T09:30:00Z"), ZoneOffset.UTC);
    private static final String OFFER = "Voulez-vous lui transmettre votre demande ?";
    private static final String SOURCE = "┃ Source :";

    /** Feeds the turns to the console one by one, answering « non » to its yes/no questions, and keeps each turn's output. */
    private static final class Typist extends BufferedReader {
        private final ByteArrayOutputStream printed;
        private final List<String> turns;
        private final List<String> outputs = new ArrayList<>();
        private int next;
        private int mark;

        Typist(ByteArrayOutputStream printed, List<String> turns) {
            super(new StringReader(""));
            this.printed = printed;
            this.turns = turns;
        }

        @Override
        public String readLine() {
            String sofar = printed.toString(StandardCharsets.UTF_8);
            if (sofar.endsWith("(oui/non) : ")) {
                return "non"; // the person declines the adviser for now and goes on
            }
            if (next > 0) {
                outputs.add(sofar.substring(mark));
            }
            mark = sofar.length();
            return next < turns.size() ? turns.get(next++) : null;
        }
    }

    @Test
    void theValidationConversationsThroughTheConsole() throws IOException {
        List<ConversationEvaluator.Conversation> conversations = ConversationEvaluator
                .read(Path.of("src/test/resources/handoff/conversations-validation.jsonl")).stream()
                .filter(c -> c.catalogue().equals(EvalQuestion.BUNDLED)).toList();
        Assistant assistant = Assistant.builder(TestAssistants.index(),
                        new AdviserRouter(TestAssistants.catalogue(), Availability.everyonePresent()),
                        new InMemoryHandoffStore(CLOCK), new InMemoryFeedbackStore())
                .clock(CLOCK).build();
        Forgetting forgetting = new Forgetting(assistant, new InMemoryHandoffStore(CLOCK), new InMemoryFeedbackStore(),
                AdviserNotifier.NONE, TestAssistants.catalogue().advisersById());
        int checks = 0;
        int passed = 0;
        List<String> failures = new ArrayList<>();
        for (ConversationEvaluator.Conversation c : conversations) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            List<String> typed = c.turns().stream().map(ConversationEvaluator.Turn::user).toList();
            Typist typist = new Typist(printed, typed);
            new ConsoleChat(assistant, forgetting, typist, new PrintStream(printed, true, StandardCharsets.UTF_8),
                    "console-" + c.id()).run();
            assertTrue(typist.outputs.size() == typed.size(), c.id() + ": every turn was answered");
            for (int i = 0; i < typed.size(); i++) {
                String out = typist.outputs.get(i);
                String expect = c.turns().get(i).expect();
                boolean offer = out.contains(OFFER);
                boolean sources = out.contains(SOURCE);
                boolean ok = switch (expect) {
                    case "handoff" -> offer;
                    case "answer", "details" -> !offer && sources;
                    case "clarify" -> !offer && !sources && out.contains("?");
                    default -> !offer && !sources; // feedback, close
                };
                checks++;
                if (ok) {
                    passed++;
                } else {
                    failures.add(c.id() + " #" + (i + 1) + " " + expect + " « " + typed.get(i) + " »");
                }
            }
        }
        double rate = (double) passed / checks;
        System.out.printf("[validation] console conversations: %d/%d checks passed (%.3f)%n", passed, checks, rate);
        failures.forEach(f -> System.out.println("  " + f));
        // a regression guard set under the measured rate (docs/benchmarks.md, "Handoff")
        assertTrue(rate >= 0.82, "console conversations: " + rate);
    }
}
