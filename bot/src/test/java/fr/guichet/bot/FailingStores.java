package fr.guichet.bot;

import fr.guichet.bot.feedback.Feedback;
import fr.guichet.bot.feedback.FeedbackStore;
import fr.guichet.bot.feedback.UnansweredQuestion;
import fr.guichet.bot.handoff.CaseEvent;
import fr.guichet.bot.handoff.CaseState;
import fr.guichet.bot.handoff.ForgottenCases;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.handoff.HandoffStore;
import fr.guichet.bot.handoff.NewCase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores whose every call fails, as on a full disk or a vanished volume: injected faults for
 * the channels above them. {@link #calls} counts the attempts, so that a test sees the fault
 * was really met.
 */
public final class FailingStores {
    public static final AtomicInteger calls = new AtomicInteger();

    private FailingStores() {
    }

    public static HandoffStore handoff(RuntimeException failure) {
        return new HandoffStore() {
            private <T> T fail() {
                calls.incrementAndGet();
                throw failure;
            }

            @Override
            public HandoffCase create(NewCase newCase) {
                return fail();
            }

            @Override
            public Optional<HandoffCase> find(String id) {
                return fail();
            }

            @Override
            public List<HandoffCase> list(Set<CaseState> states) {
                return fail();
            }

            @Override
            public HandoffCase transition(String id, CaseState to, String actor) {
                return fail();
            }

            @Override
            public HandoffCase reassign(String id, String adviserId, String backupId, String actor) {
                return fail();
            }

            @Override
            public HandoffCase record(String id, CaseEvent event) {
                return fail();
            }

            @Override
            public List<HandoffCase> byEntrepreneur(String entrepreneurId) {
                return fail();
            }

            @Override
            public ForgottenCases eraseEntrepreneur(String entrepreneurId) {
                return fail();
            }

            @Override
            public int purgeClosedBefore(Instant cutoff) {
                return fail();
            }

            @Override
            public void close() {
            }
        };
    }

    public static FeedbackStore feedback(RuntimeException failure) {
        return new FeedbackStore() {
            private <T> T fail() {
                calls.incrementAndGet();
                throw failure;
            }

            @Override
            public void recordFeedback(Feedback feedback) {
                fail();
            }

            @Override
            public void recordUnanswered(UnansweredQuestion question) {
                fail();
            }

            @Override
            public List<Feedback> feedbackSince(Instant since) {
                return fail();
            }

            @Override
            public List<UnansweredQuestion> unansweredSince(Instant since) {
                return fail();
            }

            @Override
            public int forgetEntrepreneur(String entrepreneurId) {
                return fail();
            }

            @Override
            public int purgeBefore(Instant cutoff) {
                return fail();
            }
        };
    }
}
