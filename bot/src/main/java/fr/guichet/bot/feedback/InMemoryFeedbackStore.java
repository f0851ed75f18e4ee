package fr.guichet.bot.feedback;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Feedback kept in memory only: for evaluations, which must not write anywhere, and tests. */
public final class InMemoryFeedbackStore implements FeedbackStore {
    private final List<Feedback> feedback = new ArrayList<>();
    private final List<UnansweredQuestion> unanswered = new ArrayList<>();

    @Override
    public synchronized void recordFeedback(Feedback f) {
        feedback.add(f);
    }

    @Override
    public synchronized void recordUnanswered(UnansweredQuestion q) {
        unanswered.add(q);
    }

    @Override
    public synchronized List<Feedback> feedbackSince(Instant since) {
        return feedback.stream().filter(f -> !f.at().isBefore(since))
                .sorted(Comparator.comparing(Feedback::at).reversed()).toList();
    }

    @Override
    public synchronized List<UnansweredQuestion> unansweredSince(Instant since) {
        return unanswered.stream().filter(q -> !q.at().isBefore(since))
                .sorted(Comparator.comparing(UnansweredQuestion::at).reversed()).toList();
    }

    @Override
    public synchronized int forgetEntrepreneur(String entrepreneurId) {
        int before = feedback.size() + unanswered.size();
        feedback.removeIf(f -> entrepreneurId.equals(f.entrepreneurId()));
        unanswered.removeIf(q -> entrepreneurId.equals(q.entrepreneurId()));
        return before - feedback.size() - unanswered.size();
    }

    @Override
    public synchronized int purgeBefore(Instant cutoff) {
        int before = feedback.size() + unanswered.size();
        feedback.removeIf(f -> f.at().isBefore(cutoff));
        unanswered.removeIf(q -> q.at().isBefore(cutoff));
        return before - feedback.size() - unanswered.size();
    }
}
