package fr.guichet.bot.reliability;

import fr.guichet.bot.TestAssistants;
import fr.guichet.bot.Wiring;
import fr.guichet.bot.assistant.Answerer;
import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.assistant.ExtractiveAnswerer;
import fr.guichet.bot.console.ConsoleChat;
import fr.guichet.bot.console.ConsoleNotifier;
import fr.guichet.bot.feedback.FeedbackStore;
import fr.guichet.bot.handoff.AdviserNotifier;
import fr.guichet.bot.handoff.AdviserRouter;
import fr.guichet.bot.handoff.Availability;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.handoff.HandoffStore;
import fr.guichet.bot.privacy.Forgetting;
import fr.guichet.knowledge.catalogue.Adviser;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console channel over stores, an answerer and absences a scenario chooses, as the chat
 * command builds it; sessions run on a thread with the JVM's default stack for new threads
 * (1 MB), as the Discord handlers do, so that a deep recursion fails here as it would there.
 */
final class Channel {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneId.of("Europe/Paris"));
    static final long STACK = 1 << 20;
    /** The confirmation given to the entrepreneur (not its copy in a later case's transcript). */
    private static final Pattern REFERENCE = Pattern.compile(
            "guichet > C'est transmis\\.[^\n]*Référence de votre demande : (D-\\d{4}-\\d{6})");

    /** What one session printed, and what escaped it (null when it ended normally). */
    record Session(String output, Throwable escaped) {
        boolean endedNormally() {
            return escaped == null && output.endsWith("À bientôt !\n");
        }

        /** The cases the entrepreneur was told are transmitted. */
        List<String> confirmed() {
            List<String> ids = new ArrayList<>();
            Matcher m = REFERENCE.matcher(output);
            while (m.find()) {
                ids.add(m.group(1));
            }
            return ids;
        }
    }

    final HandoffStore cases;
    final FeedbackStore feedback;
    final Assistant assistant;
    final Forgetting forgetting;
    final List<String> notified = new ArrayList<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    Channel(HandoffStore cases, FeedbackStore feedback) {
        this(cases, feedback, new ExtractiveAnswerer(), Availability.everyonePresent(), null);
    }

    /** @param failingNotifier thrown by every notification when not null */
    Channel(HandoffStore cases, FeedbackStore feedback, Answerer answerer, Availability availability,
            RuntimeException failingNotifier) {
        this.cases = cases;
        this.feedback = feedback;
        ConsoleNotifier console = new ConsoleNotifier(out);
        AdviserNotifier notifier = new AdviserNotifier() {
            private void note(String what, HandoffCase c) {
                notified.add(what + " " + c.id());
                if (failingNotifier != null) {
                    throw failingNotifier;
                }
            }

            @Override
            public void caseOpened(HandoffCase c, Adviser a) {
                note("opened", c);
                console.caseOpened(c, a);
            }

            @Override
            public void reminder(HandoffCase c, Adviser a) {
                note("reminder", c);
            }

            @Override
            public void escalated(HandoffCase c, Adviser a) {
                note("escalated", c);
            }

            @Override
            public void caseForgotten(HandoffCase c, Adviser a) {
                note("forgotten", c);
                console.caseForgotten(c, a);
            }
        };
        this.assistant = Assistant.builder(TestAssistants.index(), new AdviserRouter(TestAssistants.catalogue(), availability), cases, feedback)
                .answerer(answerer).notifier(notifier).clock(CLOCK).contactDelay(Wiring.contactDelay(Duration.ofHours(4))).build();
        this.forgetting = new Forgetting(assistant, cases, feedback, notifier, TestAssistants.catalogue().advisersById());
    }

    /** One console session fed with these lines, then the end of input. */
    Session session(String sessionId, List<String> lines) {
        bytes.reset();
        Throwable escaped = null;
        try {
            onSmallStack(() -> {
                new ConsoleChat(assistant, forgetting, new BufferedReader(new StringReader(String.join("\n", lines))), out,
                        sessionId).run();
                return null;
            });
        } catch (Throwable t) {
            escaped = t;
        }
        return new Session(bytes.toString(StandardCharsets.UTF_8), escaped);
    }

    Session session(String sessionId, String... lines) {
        return session(sessionId, List.of(lines));
    }

    /** Runs on a new thread with the default stack of new threads; what it throws is thrown here. */
    static <T> T onSmallStack(Callable<T> work) throws Throwable {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(null, task, "guichet-suite", STACK);
        thread.start();
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }
}
