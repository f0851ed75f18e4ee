package fr.guichet.bot.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.Args;
import fr.guichet.bot.TestAssistants;
import fr.guichet.bot.cli.ReportCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @TempDir
    Path tmp;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) throws Exception {
        ReportCommand command = new ReportCommand(Map.of(), ReportFixture.NOW);
        return command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void writesTheHtmlAndTheCsvOfAPeriodFromTheDataDirectory() throws Exception {
        Path data = ReportFixture.shared().dir;
        Path html = tmp.resolve("sortie/rapport.html");
        assertEquals(0, run("--data", data.toString(), "--catalogue", TestAssistants.BUNDLED.toString(),
                "--from", "2026-09-01", "--to", "2026-09-30", "--out", html.toString(), "--csv", tmp.resolve("csv").toString()));
        String page = Files.readString(html);
        assertTrue(page.contains("du 1 septembre 2026 au 30 septembre 2026"));
        long september = ReportFixture.shared().generated.questions().stream()
                .filter(q -> ReportFixture.inPeriod(q.at(), new ReportPeriod(java.time.LocalDate.of(2026, 9, 1),
                        java.time.LocalDate.of(2026, 9, 30)))).count();
        String said = out.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains(september + " questions"), said);
        assertTrue(said.contains("Fichiers CSV : 17 dans"), said);
        assertTrue(Files.exists(tmp.resolve("csv/questions-par-semaine.csv")));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aDataDirectoryWithoutDatabaseGivesTheEmptyReportAndStaysEmpty() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path html = tmp.resolve("r.html");
        assertEquals(0, run("--data", data.toString(), "--catalogue", TestAssistants.BUNDLED.toString(), "--out", html.toString()));
        assertTrue(Files.readString(html).contains("Rien à montrer pour l'instant"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Aucune base de données dans"));
        try (var files = Files.list(data)) {
            assertEquals(0, files.count(), "nothing created in the data directory");
        }
        assertTrue(Files.readString(html).contains("du 2 novembre 2026 au 1 décembre 2026"), "the last 30 days by default");
    }

    @Test
    void wrongDatesAreRefusedWithTheirName() {
        Args.UsageException e = assertThrows(Args.UsageException.class, () -> run("--from", "01/11/2026"));
        assertTrue(e.getMessage().contains("--from"), e.getMessage());
        e = assertThrows(Args.UsageException.class, () -> run("--from", "2026-11-10", "--to", "2026-11-01"));
        assertTrue(e.getMessage().contains("avant"), e.getMessage());
        assertThrows(Args.UsageException.class, () -> run("novembre"));
        assertFalse(Files.exists(tmp.resolve("rapport-guichet-2026-11-10-au-2026-11-01.html")));
    }
}
