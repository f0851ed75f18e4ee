package fr.guichet.bot.cli;

import fr.guichet.bot.report.ActivityGenerator;
import fr.guichet.bot.report.CsvReport;
import fr.guichet.bot.report.HtmlReport;
import fr.guichet.bot.report.Report;
import fr.guichet.bot.report.ReportBuilder;
import fr.guichet.bot.store.Database;
import fr.guichet.bot.store.SqliteFeedbackStore;
import fr.guichet.bot.store.SqliteHandoffStore;
import fr.guichet.bot.store.SqliteQuestionLog;
import fr.guichet.knowledge.catalogue.Catalogue;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * {@code bench --report}: fills a database with generated activity ({@code questions}
 * questions and {@code cases} cases over 90 days), then times what {@code ./guichet report}
 * does on it, from opening the database to the HTML and CSV files written: once on a cold
 * JVM, then three times warm. Prints figures; asserts nothing.
 */
public final class ReportBench {
    private static final int DAYS = 90;

    private ReportBench() {
    }

    /** @param keep where to generate the database and leave it (to time the command itself); null: a temporary directory */
    public static void run(Catalogue catalogue, int questions, int cases, Path keep, PrintStream out) throws IOException {
        LocalDate today = LocalDate.of(2026, 11, 30);
        Clock clock = Clock.fixed(today.atTime(18, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        ActivityGenerator.Plan plan = new ActivityGenerator.Plan(today.minusDays(DAYS - 1L), DAYS, questions, cases, 42);
        Path data = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("guichet-bench-rapport");
        if (Files.exists(data.resolve(Database.FILE_NAME))) {
            throw new IllegalArgumentException(data + " holds a database already: give an empty directory");
        }
        long start = System.nanoTime();
        ActivityGenerator.Generated generated;
        try (Database db = Database.forGeneratedData(data)) {
            ActivityGenerator.SettableClock caseClock = new ActivityGenerator.SettableClock(clock.instant());
            try (SqliteHandoffStore store = new SqliteHandoffStore(db, caseClock)) {
                generated = ActivityGenerator.fill(catalogue, plan, new SqliteQuestionLog(db), new SqliteFeedbackStore(db),
                        store, caseClock);
            }
        }
        out.printf("rapport : base générée en %.1f s (%d questions, %d sans réponse, %d dossiers, %d Mo) dans %s%n",
                (System.nanoTime() - start) / 1e9, generated.questions().size(), generated.unanswered().size(),
                generated.cases().size(), Files.size(data.resolve(Database.FILE_NAME)) >> 20, data);
        Path output = Files.createTempDirectory("guichet-bench-rapport-sortie");
        for (int round = 0; round < 4; round++) {
            long t = System.nanoTime();
            Report report;
            try (Database db = new Database(data); SqliteHandoffStore store = new SqliteHandoffStore(db, clock)) {
                report = ReportBuilder.build(new ReportBuilder.Input(new SqliteQuestionLog(db), store,
                        new SqliteFeedbackStore(db), catalogue), plan.period(), clock);
            }
            long read = System.nanoTime();
            String html = HtmlReport.render(report);
            Files.writeString(output.resolve("rapport.html"), html, StandardCharsets.UTF_8);
            CsvReport.write(report, output.resolve("csv"));
            long done = System.nanoTime();
            out.printf("rapport %s : %.2f s (lecture et calcul %.2f s, HTML et CSV %.2f s), HTML %d Ko%n",
                    round == 0 ? "JVM froide" : "à chaud    ", (done - t) / 1e9, (read - t) / 1e9, (done - read) / 1e9,
                    html.getBytes(StandardCharsets.UTF_8).length / 1024);
        }
        if (keep == null) {
            delete(data);
        }
        delete(output);
    }

    private static void delete(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
