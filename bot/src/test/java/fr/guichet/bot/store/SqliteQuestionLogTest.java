package fr.guichet.bot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.feedback.Feedback;
import fr.guichet.bot.handoff.HandoffReason;
import fr.guichet.bot.report.AnsweredQuestion;
import fr.guichet.bot.report.AskedKind;
import fr.guichet.bot.report.Channel;
import fr.guichet.bot.report.InMemoryQuestionLog;
import fr.guichet.bot.report.LoggedQuestion;
import fr.guichet.bot.report.Outcome;
import fr.guichet.bot.report.QuestionLog;
import fr.guichet.knowledge.catalogue.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteQuestionLogTest {

    static final Instant T0 = Instant.parse("2026-03-10T10:00:00Z");

    @TempDir
    Path tmp;

    Database db;
    SqliteQuestionLog log;

    @BeforeEach
    void open() {
        db = new Database(tmp);
        log = new SqliteQuestionLog(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static AnsweredQuestion answered(Instant at) {
        return new AnsweredQuestion(at, Channel.SLASH, AskedKind.SCHEME, List.of(Theme.CREATION, Theme.FINANCEMENT),
                List.of("acre", "pret-honneur"), Outcome.ANSWERED, null, Duration.ofMillis(182), true);
    }

    static AnsweredQuestion handedOff(Instant at) {
        return new AnsweredQuestion(at, Channel.MENTION, AskedKind.ANY, List.of(Theme.DIFFICULTES), List.of(),
                Outcome.HANDED_OFF, HandoffReason.SENSITIVE_SITUATION, Duration.ofMillis(35), false);
    }

    @Test
    void rowsComeBackAsRecordedInOrderAcrossRestarts() {
        long first = log.record(answered(T0));
        long second = log.record(handedOff(T0.plusSeconds(5)));
        long third = log.record(new AnsweredQuestion(T0.plusSeconds(9).plusNanos(123), Channel.DM, AskedKind.TRAINING,
                List.of(), List.of(), Outcome.NOTHING_FOUND, null, Duration.ZERO, false));
        assertTrue(first < second && second < third);
        db.close();
        db = new Database(tmp);
        log = new SqliteQuestionLog(db);
        List<LoggedQuestion> rows = log.between(T0, T0.plusSeconds(60));
        assertEquals(List.of(new LoggedQuestion(first, answered(T0), null),
                new LoggedQuestion(second, handedOff(T0.plusSeconds(5)), null)), rows.subList(0, 2));
        assertEquals(T0.plusSeconds(9).plusNanos(123), rows.get(2).question().at());
        assertEquals(List.of(first), log.between(T0, T0.plusSeconds(5)).stream().map(LoggedQuestion::id).toList(),
                "from included, to excluded");
    }

    @Test
    void aVoteIsKeptAndALaterOneReplacesIt() {
        long id = log.record(answered(T0));
        log.rate(id, false);
        assertEquals(false, log.between(T0, T0.plusSeconds(1)).get(0).helpful());
        log.rate(id, true);
        assertEquals(true, log.between(T0, T0.plusSeconds(1)).get(0).helpful());
        log.rate(id + 1000, true); // gone by retention, or never existed: nothing to do
        assertEquals(1, log.between(T0, T0.plusSeconds(1)).size());
    }

    @Test
    void theRowHoldsNoUserNoConversationAndNoText() throws Exception {
        log.record(answered(T0));
        List<String> columns = db.read("test", c -> {
            List<String> names = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(question_log)")) {
                while (rs.next()) {
                    names.add(rs.getString("name"));
                }
            }
            return names;
        });
        assertEquals(List.of("id", "at", "channel", "kind", "themes", "entry_ids", "outcome", "handoff_reason",
                "latency_ms", "llm", "helpful"), columns);
        assertTrue(List.of(AnsweredQuestion.class.getRecordComponents()).stream()
                .noneMatch(c -> c.getName().matches("(?i).*(user|entrepreneur|conversation|text|message|question).*")));
    }

    @Test
    void retentionDeletesOldRowsWithTheOtherConversationData() {
        log.record(answered(T0.minus(Duration.ofDays(200))));
        log.record(answered(T0));
        SqliteFeedbackStore feedback = new SqliteFeedbackStore(db);
        feedback.recordFeedback(new Feedback(T0.minus(Duration.ofDays(200)), "e1", "c1", "q", List.of(), true));
        assertEquals(2, feedback.purgeBefore(T0.minus(Duration.ofDays(180))));
        assertEquals(1, log.between(Instant.EPOCH, T0.plusSeconds(1)).size());
    }

    @Test
    void wrongRowsAreRefusedBeforeAnythingIsWritten() {
        assertThrows(IllegalArgumentException.class, () -> new AnsweredQuestion(T0, Channel.DM, AskedKind.ANY, List.of(),
                List.of(), Outcome.HANDED_OFF, null, Duration.ZERO, false), "a handoff says why");
        assertThrows(IllegalArgumentException.class, () -> new AnsweredQuestion(T0, Channel.DM, AskedKind.ANY, List.of(),
                List.of(), Outcome.ANSWERED, HandoffReason.LARGE_PROJECT, Duration.ZERO, false), "only a handoff has a reason");
        assertThrows(IllegalArgumentException.class, () -> new AnsweredQuestion(T0, Channel.DM, AskedKind.ANY, List.of(),
                List.of(), Outcome.ANSWERED, null, Duration.ofMillis(-1), false));
        assertThrows(IllegalArgumentException.class, () -> log.record(new AnsweredQuestion(T0, Channel.DM, AskedKind.ANY,
                List.of(), List.of("pas un identifiant"), Outcome.ANSWERED, null, Duration.ZERO, false)));
        assertEquals(List.of(), log.between(Instant.EPOCH, T0.plusSeconds(1)));
    }

    @Test
    void theInMemoryLogBehavesAlike() {
        QuestionLog memory = new InMemoryQuestionLog();
        long id = memory.record(handedOff(T0.plusSeconds(5)));
        memory.record(answered(T0));
        memory.rate(id, true);
        memory.rate(99, false);
        List<LoggedQuestion> rows = memory.between(T0, T0.plusSeconds(6));
        assertEquals(List.of(answered(T0), handedOff(T0.plusSeconds(5))), rows.stream().map(LoggedQuestion::question).toList());
        assertNull(rows.get(0).helpful());
        assertEquals(true, rows.get(1).helpful());
        assertEquals(List.of(), QuestionLog.NONE.between(Instant.EPOCH, T0.plusSeconds(60)));
    }

    @Test
    void anOlderDatabaseGainsTheTableOnOpen() throws Exception {
        db.write("test", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE question_log");
            }
            return null;
        });
        db.close();
        db = new Database(tmp);
        log = new SqliteQuestionLog(db);
        log.record(answered(T0));
        assertEquals(1, log.between(T0, T0.plusSeconds(1)).size());
        assertTrue(Files.exists(tmp.resolve(Database.FILE_NAME)));
    }
}
