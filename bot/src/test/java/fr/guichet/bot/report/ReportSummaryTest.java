package fr.guichet.bot.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.store.Database;
import fr.guichet.bot.store.SqliteHandoffStore;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Discord's /statistiques shows: the key figures and the main chart, for a period typed by an adviser. */
class ReportSummaryTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    @TempDir
    Path tmp;

    @Test
    void theSummaryGivesTheReportsKeyFiguresAndItsMainChartAsPng() throws Exception {
        ReportFixture f = ReportFixture.shared();
        ReportPeriod november = ReportPeriod.parse("2026-11", TODAY);
        ReportSummary summary = ReportSummary.of(f.log, f.cases, november);
        KeyFigures k = f.report(november).keyFigures();
        assertEquals(k.questions(), summary.questions());
        assertEquals(k.answered(), summary.answered());
        assertEquals(k.handedOff(), summary.handedOff());
        assertEquals(k.cases(), summary.cases());
        assertEquals(k.medianTimeToClaim(), summary.medianTimeToClaim());
        assertEquals(k.answeredShare(), summary.answeredShare(), 1e-12);
        assertTrue(summary.questions() > 300, "November holds a good part of the activity: " + summary.questions());

        String text = summary.text();
        assertTrue(text.startsWith("Statistiques de Guichet du 1 novembre 2026 au 30 novembre 2026\n"), text);
        assertTrue(text.contains("Questions posées : " + Fr.integer(summary.questions())), text);
        assertTrue(text.contains("Répondues : " + Fr.percent(summary.answeredShare())), text);
        assertTrue(text.contains("Mises en relation : " + summary.cases() + " dossiers ouverts"), text);
        assertTrue(text.contains("Délai médian de prise en charge : " + Fr.duration(summary.medianTimeToClaim().orElseThrow())), text);

        byte[] png = summary.chartPng().orElseThrow();
        assertTrue(png.length < 8_000_000, "within Discord's attachment limit: " + png.length);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(2 * Charts.WIDTH, image.getWidth());
        // not blank: white background, dark text, and the four outcome colours of the bars
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        for (int bar : new int[] {0x0072B2, 0xE69F00, 0xD55E00, 0x009E73}) {
            assertTrue(colours.contains(bar), "colour " + Integer.toHexString(bar));
        }
    }

    @Test
    void anEmptyPeriodSaysSoWithoutChart() throws Exception {
        try (Database db = new Database(tmp); SqliteHandoffStore cases = new SqliteHandoffStore(db, ReportFixture.NOW)) {
            ReportSummary summary = ReportSummary.of(new InMemoryQuestionLog(), cases, ReportPeriod.parse("", TODAY));
            assertTrue(summary.isEmpty());
            assertTrue(summary.chartPng().isEmpty());
            assertTrue(summary.medianTimeToClaim().isEmpty());
            assertEquals("Statistiques de Guichet du 2 novembre 2026 au 1 décembre 2026 : rien à montrer pour l'instant,"
                    + " aucune question ni aucun dossier n'a été enregistré.", summary.text());
        }
    }

    @Test
    void periodsAreTypedTheWayPeopleDo() {
        assertEquals(new ReportPeriod(LocalDate.of(2026, 11, 2), TODAY), ReportPeriod.parse(null, TODAY));
        assertEquals(new ReportPeriod(LocalDate.of(2026, 11, 25), TODAY), ReportPeriod.parse("7j", TODAY));
        assertEquals(new ReportPeriod(LocalDate.of(2026, 11, 25), TODAY), ReportPeriod.parse(" 7 jours ", TODAY));
        assertEquals(new ReportPeriod(TODAY, TODAY), ReportPeriod.parse("1", TODAY));
        assertEquals(new ReportPeriod(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)), ReportPeriod.parse("2026-02", TODAY));
        assertEquals(new ReportPeriod(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 15)),
                ReportPeriod.parse("2026-03-01..2026-03-15", TODAY));
        assertEquals(new ReportPeriod(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 15)),
                ReportPeriod.parse("2026-03-01 au 2026-03-15", TODAY));
        for (String wrong : new String[] {"hier", "0", "2026-13", "2026-03-15..2026-03-01", "2026-02-30..2026-03-01"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportPeriod.parse(wrong, TODAY), wrong);
            assertFalse(e.getMessage().isBlank());
        }
        ReportPeriod october = ReportPeriod.parse("2026-10", TODAY);
        assertEquals(31, october.days());
        assertEquals("2026-09-30T22:00:00Z", october.start().toString(), "midnight in Paris, summer time");
        assertEquals("2026-10-31T23:00:00Z", october.end().toString(), "midnight in Paris, winter time");
    }
}
