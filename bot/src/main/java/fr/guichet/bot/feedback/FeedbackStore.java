package fr.guichet.bot.feedback;

import java.time.Instant;
import java.util.List;

/** Feedback on replies and unanswered questions, kept for the CCI staff. */
public interface FeedbackStore {
    void recordFeedback(Feedback feedback);

    void recordUnanswered(UnansweredQuestion question);

    /** Newest first. */
    List<Feedback> feedbackSince(Instant since);

    /** Newest first. */
    List<UnansweredQuestion> unansweredSince(Instant since);

    /** Deletes everything recorded for an entrepreneur. Returns how many rows went. */
    int forgetEntrepreneur(String entrepreneurId);

    /** Deletes what was recorded before the cutoff (retention). Returns how many rows went. */
    int purgeBefore(Instant cutoff);
}
