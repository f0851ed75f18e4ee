package fr.guichet.bot.store;

import fr.guichet.bot.feedback.Feedback;
import fr.guichet.bot.feedback.FeedbackStore;
import fr.guichet.bot.feedback.UnansweredQuestion;
import fr.guichet.bot.handoff.UserText;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feedback and unanswered questions in the tables {@code feedback} and {@code unanswered} of
 * the shared {@link Database} (which its owner closes). Each record is committed before the
 * call returns. Questions are stored without control characters ({@link UserText}).
 *
 * <p>An unanswered question is a statistic for the CCI that the entrepreneur never asked to
 * give: when it cannot be stored (database locked by another program, disk full, read-only
 * file) the failure is logged and the entrepreneur still gets their answer. A 👍/👎 they gave
 * and an erasure they asked for fail loudly ({@link fr.guichet.bot.handoff.StoreException}),
 * so that the channel can tell them.
 */
public final class SqliteFeedbackStore implements FeedbackStore {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteFeedbackStore.class);

    private final Database db;

    public SqliteFeedbackStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void recordFeedback(Feedback feedback) {
        Objects.requireNonNull(feedback.at(), "at");
        db.write("Impossible d'enregistrer un avis", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO feedback"
                    + " (at, entrepreneur_id, conversation_id, question, entry_ids, helpful) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, Database.timestamp(feedback.at()));
                ps.setString(2, feedback.entrepreneurId());
                ps.setString(3, feedback.conversationId());
                ps.setString(4, UserText.clean(feedback.question()));
                ps.setString(5, SqliteHandoffStore.stringsJson(feedback.entryIds()));
                ps.setInt(6, feedback.helpful() ? 1 : 0);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void recordUnanswered(UnansweredQuestion question) {
        Objects.requireNonNull(question.at(), "at");
        Objects.requireNonNull(question.question(), "question");
        try {
            db.write("Impossible d'enregistrer une question sans réponse", c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO unanswered (at, entrepreneur_id, question) VALUES (?, ?, ?)")) {
                    ps.setString(1, Database.timestamp(question.at()));
                    ps.setString(2, question.entrepreneurId());
                    ps.setString(3, UserText.clean(question.question()));
                    ps.executeUpdate();
                }
                return null;
            });
        } catch (RuntimeException e) {
            // the message names the database and the cause, never the question
            LOG.warn("Question sans réponse non enregistrée : {}", e.getMessage());
        }
    }

    /** Feedback at or after {@code since}, newest first. */
    @Override
    public List<Feedback> feedbackSince(Instant since) {
        return db.read("Impossible de lire les avis", c -> {
            List<Feedback> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT at, entrepreneur_id, conversation_id, question, entry_ids, helpful"
                    + " FROM feedback WHERE at >= ? ORDER BY at DESC, seq DESC")) {
                ps.setString(1, Database.timestamp(since));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Feedback(Database.instant(rs.getString(1)), rs.getString(2), rs.getString(3),
                                rs.getString(4), SqliteHandoffStore.strings(rs.getString(5)), rs.getInt(6) != 0));
                    }
                }
            }
            return found;
        });
    }

    /** Unanswered questions at or after {@code since}, newest first. */
    @Override
    public List<UnansweredQuestion> unansweredSince(Instant since) {
        return db.read("Impossible de lire les questions sans réponse", c -> {
            List<UnansweredQuestion> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT at, entrepreneur_id, question FROM unanswered WHERE at >= ? ORDER BY at DESC, seq DESC")) {
                ps.setString(1, Database.timestamp(since));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new UnansweredQuestion(Database.instant(rs.getString(1)), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            return found;
        });
    }

    @Override
    public int forgetEntrepreneur(String entrepreneurId) {
        Objects.requireNonNull(entrepreneurId, "entrepreneurId");
        return db.writeAndErase("Impossible d'effacer les avis d'un entrepreneur", c -> {
            int deleted = 0;
            for (String table : List.of("feedback", "unanswered")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE entrepreneur_id = ?")) {
                    ps.setString(1, entrepreneurId);
                    deleted += ps.executeUpdate();
                }
            }
            return deleted;
        });
    }

    /**
     * Deletes what was recorded strictly before the cutoff, in both tables and in the
     * anonymous question log ({@link SqliteQuestionLog}) of the same database: every command
     * that applies the retention rule calls this, so the log needs no wiring of its own to
     * follow the rule.
     */
    @Override
    public int purgeBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return db.writeAndErase("Impossible de purger les anciens avis", c -> {
            int deleted = 0;
            for (String table : List.of("feedback", "unanswered", "question_log")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE at < ?")) {
                    ps.setString(1, Database.timestamp(cutoff));
                    deleted += ps.executeUpdate();
                }
            }
            return deleted;
        });
    }
}
