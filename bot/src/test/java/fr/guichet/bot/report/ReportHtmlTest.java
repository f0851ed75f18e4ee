package fr.guichet.bot.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.TestAssistants;
import fr.guichet.bot.feedback.InMemoryFeedbackStore;
import fr.guichet.bot.feedback.UnansweredQuestion;
import fr.guichet.bot.store.Database;
import fr.guichet.bot.store.SqliteHandoffStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportHtmlTest {

    static Report report;
    static String html;

    @TempDir
    Path tmp;

    @BeforeAll
    static void render() {
        report = ReportFixture.shared().report(ReportFixture.PLAN.period());
        html = HtmlReport.render(report);
    }

    /** Every place an HTML page or its CSS can name another resource. */
    static final Pattern REFERENCE = Pattern.compile(
            "(?i)(?:\\b(?:href|src|srcset|action|poster|data|xlink:href)\\s*=\\s*[\"']?([^\"'\\s>]*))|url\\(\\s*[\"']?([^\"')]*)|@import");

    static List<String> references(String page) {
        List<String> found = new ArrayList<>();
        Matcher m = REFERENCE.matcher(page);
        while (m.find()) {
            found.add(m.group(0));
        }
        return found;
    }

    @Test
    void thePageFetchesNothingFromAnywhere() {
        for (String reference : references(html)) {
            assertTrue(reference.matches("(?i)(href|xlink:href)\\s*=\\s*\"#[\\w-]+") || reference.matches("(?i)url\\(\\s*#[\\w-]+"),
                    "only links within the page: " + reference);
        }
        assertFalse(html.matches("(?s).*(https?:|ftp:|file:|//[a-z0-9.-]+\\.[a-z]{2}).*"), "no address, not even a namespace's");
        for (String tag : List.of("<script", "<link", "<img", "<iframe", "<object", "<embed", "<base", "<audio", "<video")) {
            assertFalse(html.toLowerCase().contains(tag), tag);
        }
        assertTrue(references(html).size() > 5, "the table of contents links within the page: " + references(html));
        assertTrue(references("<img src=\"https://x.org/a.png\">").get(0).contains("https"), "the check itself sees a reference");
    }

    @Test
    void theReportIsFrenchSelfContainedAndPrintsOnA4() {
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"fr\">"));
        assertTrue(html.contains("<meta charset=\"utf-8\">"));
        assertTrue(html.contains("@page { size: A4;"));
        assertTrue(html.contains("break-inside: avoid"));
        assertTrue(html.contains("du 3 août 2026 au 30 novembre 2026"));
        int size = html.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(size < 1_000_000, "under 1 MB: " + size);
        for (String section : List.of("Les questions posées", "Les fiches montrées", "Ce que le catalogue n'a pas",
                "Les mises en relation avec un conseiller", "L'avis des entrepreneurs", "La santé du catalogue")) {
            assertTrue(html.contains("<h2>" + HtmlReport.esc(section) + "</h2>"), section);
        }
        assertTrue(html.contains("questions posées"), "key figures");
    }

    @Test
    void everyChartHasItsTitleAxesSentenceAndTable() {
        int charts = 0;
        for (Figure f : report.figures()) {
            assertFalse(f.sentence().isBlank(), f.slug());
            String block = figureBlock(f.slug());
            assertTrue(block.contains("<p class=\"sentence\">"), f.slug());
            if (f.isEmpty()) {
                continue;
            }
            assertTrue(block.contains("<table>"), "a table of numbers for " + f.slug());
            int rows = count(block.substring(block.indexOf("<tbody>")), "<tr>");
            assertEquals(Math.min(f.rows().size(), f.htmlRows()), rows, f.slug());
            if (f.chart() != null) {
                charts++;
                String svg = block.substring(block.indexOf("<svg"), block.indexOf("</svg>"));
                assertTrue(svg.contains("viewBox='0 0 680 "), "scales to the page: " + f.slug());
                for (String label : List.of(f.chart().title(), f.chart().categoryAxis(), f.chart().valueAxis())) {
                    String drawn = label.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;");
                    assertTrue(svg.contains(">" + drawn + "<"), f.slug() + " draws « " + label + " » as text");
                }
            }
        }
        assertTrue(charts >= 7, "charts: " + charts);
        assertTrue(html.contains("clip-path='url(#g1-"), "the check below sees the clip paths");
        // clip paths are named per chart: two charts sharing an id would clip each other
        Matcher ids = Pattern.compile("<clipPath id='([^']+)'").matcher(html);
        List<String> seen = new ArrayList<>();
        while (ids.find()) {
            assertFalse(seen.contains(ids.group(1)), "duplicate id " + ids.group(1));
            seen.add(ids.group(1));
        }
    }

    static String figureBlock(String slug) {
        int start = html.indexOf("<figure id=\"" + slug + "\">");
        assertTrue(start >= 0, slug);
        return html.substring(start, html.indexOf("</figure>", start));
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void anEmptyStoreSaysThereIsNothingYet() throws Exception {
        Path data = tmp.resolve("vide");
        try (Database db = new Database(data); SqliteHandoffStore cases = new SqliteHandoffStore(db, ReportFixture.NOW)) {
            Report empty = ReportBuilder.build(new ReportBuilder.Input(new InMemoryQuestionLog(), cases,
                    new InMemoryFeedbackStore(), TestAssistants.catalogue()), ReportPeriod.lastDays(30, LocalDate.of(2026, 12, 1)),
                    ReportFixture.NOW);
            assertTrue(empty.empty());
            assertTrue(empty.mainChart().isEmpty());
            String page = HtmlReport.render(empty);
            assertTrue(page.contains("Rien à montrer pour l'instant"));
            assertFalse(page.contains("<svg"), "no empty chart");
            assertFalse(page.contains("questions posées</span>"), "no key figures of zeros");
            assertTrue(page.contains("La santé du catalogue"), "the catalogue's health does not need activity");
            List<Path> files = CsvReport.write(empty, tmp.resolve("csv"));
            assertEquals(List.of("chiffres-cles.csv", "fiches-bientot-terminees.csv", "fiches-non-revues.csv"),
                    files.stream().map(p -> p.getFileName().toString()).toList());
            assertTrue(Files.readString(files.get(0)).contains("Questions posées;0\r\n"));
        }
    }

    @Test
    void whatEntrepreneursTypedIsEscapedInThePageAndDefusedInTheSpreadsheet() throws Exception {
        InMemoryFeedbackStore feedback = new InMemoryFeedbackStore();
        Instant at = Instant.parse("2026-11-20T10:00:00Z");
        feedback.recordUnanswered(new UnansweredQuestion(at, "u1", "<script>alert('salon')</script> & \"tatouage\""));
        feedback.recordUnanswered(new UnansweredQuestion(at.plusSeconds(60), "u2", "=HYPERLINK(\"x\";\"y\") tatouage salon"));
        try (Database db = new Database(tmp.resolve("d")); SqliteHandoffStore cases = new SqliteHandoffStore(db, ReportFixture.NOW)) {
            Report r = ReportBuilder.build(new ReportBuilder.Input(new InMemoryQuestionLog(), cases, feedback,
                    TestAssistants.catalogue()), ReportPeriod.lastDays(30, LocalDate.of(2026, 12, 1)), ReportFixture.NOW);
            assertFalse(r.empty());
            String page = HtmlReport.render(r);
            assertFalse(page.contains("<script>"));
            assertTrue(page.contains("&lt;script&gt;alert(&#39;salon&#39;)&lt;/script&gt; &amp; &quot;tatouage&quot;"));
            CsvReport.write(r, tmp.resolve("csv"));
            String csv = Files.readString(tmp.resolve("csv/besoins-sans-reponse.csv"));
            assertTrue(csv.startsWith("\uFEFFBesoin;Questions;Mots fréquents;Exemples\r\n"), csv);
            assertTrue(csv.contains("'=HYPERLINK(\"\"x\"\";\"\"y\"\") tatouage salon"), "defused and quoted: " + csv);
            assertFalse(csv.contains(";=") || csv.contains("\"=") || csv.contains("| ="), csv);
        }
    }

    @Test
    void theCsvFilesHoldTheSameFigures() throws Exception {
        List<Path> files = CsvReport.write(report, tmp);
        assertEquals(report.figures().size() + 1, files.size());
        Figure weekly = report.figure("questions-par-semaine").orElseThrow();
        List<String> lines = Files.readAllLines(tmp.resolve("questions-par-semaine.csv"));
        assertEquals("\uFEFFSemaine du;Répondu;Réponse approchée;Rien trouvé;Orienté vers un conseiller;Total", lines.get(0));
        assertEquals(weekly.rows().size() + 1, lines.size());
        List<Object> first = weekly.rows().get(0);
        assertEquals("03/08/2026;" + first.get(1) + ";" + first.get(2) + ";" + first.get(3) + ";" + first.get(4) + ";"
                + first.get(5), lines.get(1));
        Figure shown = report.figure("fiches-les-plus-montrees").orElseThrow();
        assertEquals(shown.rows().size() + 1, Files.readAllLines(tmp.resolve("fiches-les-plus-montrees.csv")).size(),
                "every row, not only the HTML's 20");
        String delays = Files.readAllLines(tmp.resolve("delais-par-conseiller.csv")).get(0);
        assertEquals("\uFEFFConseiller;Pris en charge;Délai médian (heures);Délai 90e centile (heures);Clos;"
                + "Clôture médiane (heures);Clôture 90e centile (heures)", delays);
        KeyFigures k = report.keyFigures();
        String keys = Files.readString(tmp.resolve("chiffres-cles.csv"));
        assertTrue(keys.contains("Questions posées;" + k.questions() + "\r\n"), keys);
        assertTrue(keys.contains("Délai médian de prise en charge (heures);"
                + Fr.hours(k.medianTimeToClaim().orElseThrow()) + "\r\n"), keys);
    }
}
