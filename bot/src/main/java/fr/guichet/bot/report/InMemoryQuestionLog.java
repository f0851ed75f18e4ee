package fr.guichet.bot.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The question log in memory: for tests and for the Discord harness. Ids start at 1. */
public final class InMemoryQuestionLog implements QuestionLog {
    private final List<LoggedQuestion> rows = new ArrayList<>();

    @Override
    public synchronized long record(AnsweredQuestion row) {
        long id = rows.size() + 1L;
        rows.add(new LoggedQuestion(id, row, null));
        return id;
    }

    @Override
    public synchronized void rate(long rowId, boolean helpful) {
        if (rowId >= 1 && rowId <= rows.size()) {
            LoggedQuestion row = rows.get((int) rowId - 1);
            rows.set((int) rowId - 1, new LoggedQuestion(row.id(), row.question(), helpful));
        }
    }

    @Override
    public synchronized List<LoggedQuestion> between(Instant from, Instant to) {
        return rows.stream().filter(r -> !r.question().at().isBefore(from) && r.question().at().isBefore(to))
                .sorted(Comparator.comparing((LoggedQuestion r) -> r.question().at()).thenComparingLong(LoggedQuestion::id))
                .toList();
    }
}
