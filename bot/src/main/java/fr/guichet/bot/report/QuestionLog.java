package fr.guichet.bot.report;

import java.time.Instant;
import java.util.List;

/**
 * The anonymous log of answered questions the CCI report counts. Rows carry no user id and
 * no message text; they are deleted after the retention period with the rest of the
 * conversation data (see {@code SqliteFeedbackStore#purgeBefore}).
 */
public interface QuestionLog {

    /** Records a question; returns the row's id, for {@link #rate} when the 👍/👎 comes. */
    long record(AnsweredQuestion row);

    /**
     * Sets the 👍 (true) or 👎 (false) of a row; a later vote replaces an earlier one. An
     * unknown id (never recorded, or already removed by retention) is ignored: a late click
     * is not an error.
     */
    void rate(long rowId, boolean helpful);

    /** Rows with {@code from <= at < to}, oldest first. */
    List<LoggedQuestion> between(Instant from, Instant to);

    /**
     * The counts the report shows of the rows with {@code from <= at < to}. A database
     * computes them itself (the SQLite log does, ten times faster than reading the rows).
     */
    default QuestionStats stats(Instant from, Instant to) {
        return QuestionStats.of(between(from, to));
    }

    /** Records nothing: for evaluations, which must not write anywhere. */
    QuestionLog NONE = new QuestionLog() {
        @Override
        public long record(AnsweredQuestion row) {
            return 0;
        }

        @Override
        public void rate(long rowId, boolean helpful) {
            // nothing recorded, nothing to rate
        }

        @Override
        public List<LoggedQuestion> between(Instant from, Instant to) {
            return List.of();
        }
    };
}
