package fr.guichet.bot.report;

import fr.guichet.bot.TestAssistants;
import fr.guichet.bot.store.Database;
import fr.guichet.bot.store.SqliteFeedbackStore;
import fr.guichet.bot.store.SqliteHandoffStore;
import fr.guichet.bot.store.SqliteQuestionLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A store filled by the generator with four months of activity (2,000 questions, 150
 * cases), August to November 2026 (the change to winter time included), read as of
 * 1 December 2026. Generated once per test JVM (a few seconds) and shared, read-only, by the
 * report's test classes.
 */
final class ReportFixture {
    static final LocalDate FROM = LocalDate.of(2026, 8, 3); // a Monday
    static final int DAYS = 120;                            // to Monday 30 November
    static final Clock NOW = Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC);
    static final ActivityGenerator.Plan PLAN = new ActivityGenerator.Plan(FROM, DAYS, 2000, 150, 20261201L);

    private static ReportFixture shared;

    final Path dir;
    final Database db;
    final SqliteQuestionLog log;
    final SqliteFeedbackStore feedback;
    final SqliteHandoffStore cases;
    final ActivityGenerator.Generated generated;

    private ReportFixture(Path dir) {
        this.dir = dir;
        db = Database.forGeneratedData(dir);
        log = new SqliteQuestionLog(db);
        feedback = new SqliteFeedbackStore(db);
        ActivityGenerator.SettableClock clock = new ActivityGenerator.SettableClock(NOW.instant());
        cases = new SqliteHandoffStore(db, clock);
        generated = ActivityGenerator.fill(TestAssistants.catalogue(), PLAN, log, feedback, cases, clock);
    }

    static synchronized ReportFixture shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("guichet-report-test");
                shared = new ReportFixture(dir);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    shared.db.close();
                    delete(dir);
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    ReportBuilder.Input input() {
        return new ReportBuilder.Input(log, cases, feedback, TestAssistants.catalogue());
    }

    Report report(ReportPeriod period) {
        return ReportBuilder.build(input(), period, NOW);
    }

    /** The Monday of the week (Paris) holding that instant: computed here, not by the code under test. */
    static LocalDate mondayOf(Instant at) {
        return LocalDate.ofInstant(at, ReportPeriod.ZONE).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    static boolean inPeriod(Instant at, ReportPeriod p) {
        LocalDate day = LocalDate.ofInstant(at, ReportPeriod.ZONE);
        return !day.isBefore(p.from()) && !day.isAfter(p.to());
    }

    /** Nearest rank: the value at rank ceil(p/100 × n), counting from 1. */
    static Duration nearestRank(List<Duration> values, int p) {
        List<Duration> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.ceil(p / 100.0 * sorted.size()) - 1);
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not a failure
        }
    }
}
