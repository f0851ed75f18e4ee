package fr.guichet.bot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.guichet.bot.feedback.Feedback;
import fr.guichet.bot.feedback.UnansweredQuestion;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteFeedbackStoreTest {

    static final Instant T0 = Instant.parse("2026-03-10T10:00:00Z");

    @TempDir
    Path tmp;

    Database db;
    SqliteFeedbackStore store;

    @BeforeEach
    void open() {
        db = new Database(tmp);
        store = new SqliteFeedbackStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static Feedback feedback(Instant at, String entrepreneur, boolean helpful) {
        return new Feedback(at, entrepreneur, "conv-" + entrepreneur, "Comment financer mon projet ?",
                List.of("pret-honneur", "bpi-garantie"), helpful);
    }

    @Test
    void feedbackIsKeptNewestFirstAcrossRestarts() {
        Feedback first = feedback(T0, "e1", true);
        Feedback second = feedback(T0.plus(Duration.ofHours(1)), "e2", false);
        Feedback third = new Feedback(T0.plus(Duration.ofHours(2)).plusNanos(7), "e1", "c9", "Et l'export ?", List.of(), true);
        store.recordFeedback(first);
        store.recordFeedback(third);
        store.recordFeedback(second);
        db.close();
        db = new Database(tmp);
        store = new SqliteFeedbackStore(db);

        assertEquals(List.of(third, second, first), store.feedbackSince(T0.minusSeconds(1)));
        assertEquals(List.of(third, second), store.feedbackSince(second.at()), "since is inclusive");
        assertEquals(List.of(), store.feedbackSince(T0.plus(Duration.ofDays(1))));
    }

    @Test
    void unansweredQuestionsAreKeptNewestFirst() {
        UnansweredQuestion a = new UnansweredQuestion(T0, "e1", "Aides pour une péniche-hôtel ?");
        UnansweredQuestion b = new UnansweredQuestion(T0.plusSeconds(30), null, "Question anonyme");
        store.recordUnanswered(a);
        store.recordUnanswered(b);
        assertEquals(List.of(b, a), store.unansweredSince(T0));
        assertEquals(List.of(b), store.unansweredSince(T0.plusSeconds(1)));
    }

    @Test
    void forgetEntrepreneurDeletesTheirRowsInBothTablesOnly() {
        store.recordFeedback(feedback(T0, "e1", true));
        store.recordFeedback(feedback(T0, "e1", false));
        store.recordFeedback(feedback(T0, "e2", true));
        store.recordUnanswered(new UnansweredQuestion(T0, "e1", "q1"));
        store.recordUnanswered(new UnansweredQuestion(T0, "e2", "q2"));

        assertEquals(3, store.forgetEntrepreneur("e1"));
        assertEquals(List.of("e2"), store.feedbackSince(Instant.EPOCH).stream().map(Feedback::entrepreneurId).toList());
        assertEquals(List.of("e2"), store.unansweredSince(Instant.EPOCH).stream().map(UnansweredQuestion::entrepreneurId).toList());
        assertEquals(0, store.forgetEntrepreneur("e1"));
    }

    @Test
    void purgeDeletesWhatIsStrictlyOlderThanTheCutoff() {
        Instant cutoff = T0.plus(Duration.ofDays(30));
        store.recordFeedback(feedback(T0, "e1", true));
        store.recordFeedback(feedback(cutoff, "e1", true));
        store.recordUnanswered(new UnansweredQuestion(cutoff.minusNanos(1), "e1", "vieille"));
        store.recordUnanswered(new UnansweredQuestion(cutoff.plusSeconds(1), "e1", "récente"));

        assertEquals(2, store.purgeBefore(cutoff));
        assertEquals(List.of(cutoff), store.feedbackSince(Instant.EPOCH).stream().map(Feedback::at).toList());
        assertEquals(List.of("récente"), store.unansweredSince(Instant.EPOCH).stream().map(UnansweredQuestion::question).toList());
        assertEquals(0, store.purgeBefore(cutoff));
    }
}
