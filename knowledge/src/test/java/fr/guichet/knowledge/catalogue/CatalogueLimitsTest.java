package fr.guichet.knowledge.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a hostile or careless catalogue cannot do: huge numbers, huge files, nothing to offer, ambiguous JSON. */
class CatalogueLimitsTest {

    @TempDir
    Path dir;

    private CatalogueFixture fixture() {
        return CatalogueFixture.in(dir);
    }

    private static String scheme(String extra) {
        return """
                [{"id": "a", "title": "T", "summary": "S", "themes": ["financement"], "provider": "P"%s}]
                """.formatted(extra);
    }

    private static String training(String extra) {
        return """
                [{"id": "t", "title": "T", "summary": "S", "themes": ["formation"], "provider": "P"%s}]
                """.formatted(extra);
    }

    // ---- numbers ----------------------------------------------------------------------------

    @Test
    void extremeNumbersAreRefusedInShortLinesBeforeAnythingWritesThemOut() {
        List<String> lines = fixture()
                .schemes(scheme(", \"amount_min\": \"-1e999999999\", \"amount_max\": 1e999999999"))
                .trainings(training(", \"price_eur\": \"1e999999999\", \"duration_hours\": \"1e-999999999\""))
                .problemLines();
        assertEquals(List.of(
                "schemes.json: a: amount_min: ne peut pas être négatif (-1e999999999)",
                "schemes.json: a: amount_max: nombre trop grand (10000000000 au plus)",
                "trainings.json: t: duration_hours: trop de décimales (« 1e-999999999 » ; 4 au plus)",
                "trainings.json: t: price_eur: nombre trop grand (« 1e999999999 » ; 1000000 au plus)"), lines);
        assertTrue(lines.stream().allMatch(l -> l.length() < 200), lines::toString);
    }

    @Test
    void eachKindOfNumberHasItsBoundAndItsPrecision() {
        assertEquals(List.of(
                        "schemes.json: a: amount_min: trop de décimales (« 12.34567 » ; 4 au plus)",
                        "schemes.json: a: amount_max: nombre trop grand (« 10000000001 » ; 10000000000 au plus)"),
                fixture().schemes(scheme(", \"amount_min\": 12.34567, \"amount_max\": 10000000001")).problemLines());
        assertEquals(List.of(
                        "trainings.json: t: duration_hours: nombre trop grand (« 10001 » ; 10000 au plus)",
                        "trainings.json: t: price_eur: nombre trop grand (« 1000000.01 » ; 1000000 au plus)"),
                fixture().trainings(training(", \"price_eur\": \"1000000.01\", \"duration_hours\": 10001")).problemLines());
        assertEquals(List.of("schemes.csv: a: amount_min: nombre trop grand (« 1e20 » ; 10000000000 au plus)"),
                fixture().delete("schemes.json").file("schemes.csv", """
                        id,title,summary,themes,provider,amount_min
                        a,T,S,financement,P,1e20
                        """).problemLines(), "a CSV cell is bounded as a JSON number is");
    }

    @Test
    void numbersAtTheirBoundsLoad() throws CatalogueException {
        Catalogue c = fixture().schemes(scheme(", \"amount_min\": 0, \"amount_max\": 10000000000"))
                .trainings(training(", \"price_eur\": 1000000, \"duration_hours\": \"7.25\"")).catalogue();
        assertEquals(0, new BigDecimal("10000000000").compareTo(c.schemes().get(0).amountMax()));
        assertEquals(0, new BigDecimal("7.25").compareTo(c.trainings().get(0).training().durationHours()));
    }

    // ---- sizes ------------------------------------------------------------------------------

    @Test
    void aCatalogueFileAboveTheDocumentedSizeIsRefusedInOneLineWithoutBeingRead() throws Exception {
        fixture();
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("trainings.json").toFile(), "rw")) {
            f.setLength(55L * 1024 * 1024); // 55 MB of zeros, never read
        }
        CatalogueException e = assertThrows(CatalogueException.class, () -> new CatalogueLoader().load(dir));
        assertEquals(List.of("trainings.json: -: -: fichier trop gros (55,0 Mo ; 10,0 Mo au plus par fichier, voir le README du catalogue)"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void filesUnderTheLimitEachButTooBigTogetherAreRefused() throws Exception {
        fixture();
        for (String name : List.of("trainings.json", "synonyms.txt", "catalogue.json")) {
            try (RandomAccessFile f = new RandomAccessFile(dir.resolve(name).toFile(), "rw")) {
                f.setLength(8L * 1024 * 1024);
            }
        }
        CatalogueException e = assertThrows(CatalogueException.class, () -> new CatalogueLoader().load(dir));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).toString().contains("catalogue trop gros (24,0 Mo en tout ; 20,0 Mo au plus"),
                e.problems().toString());
    }

    // ---- nothing to offer -------------------------------------------------------------------

    @Test
    void aSchemesFileWithoutAnyEntryIsRefusedInJsonAndCsv() {
        assertEquals(List.of("schemes.json: -: -: aucun dispositif : le fichier ne contient aucune entrée "
                + "(un catalogue sans dispositif ne répondrait à rien)"), fixture().schemes("[]").problemLines());
        assertEquals(List.of("schemes.json: -: -: fichier vide"), fixture().schemes("").problemLines());
        assertEquals(List.of("schemes.csv: -: -: aucun dispositif : le fichier ne contient aucune entrée "
                        + "(un catalogue sans dispositif ne répondrait à rien)"),
                fixture().delete("schemes.json").file("schemes.csv", "id,title,summary,themes,provider\n").problemLines());
    }

    @Test
    void aCatalogueWhoseEveryEntryHasExpiredIsRefusedOnTheDayItIsJudged() throws Exception {
        fixture().schemes(scheme(", \"valid_until\": \"2026-06-30\""))
                .trainings(training(", \"valid_until\": \"2026-01-31\""));
        CatalogueException e = assertThrows(CatalogueException.class,
                () -> new CatalogueLoader(LocalDate.parse("2026-07-01")).load(dir));
        assertEquals(List.of("schemes.json: -: valid_until: toutes les entrées sont expirées au 2026-07-01 "
                + "(valid_until dépassée) : le catalogue ne proposerait plus rien ; mettez-le à jour"),
                e.problems().stream().map(Problem::toString).toList());
        new CatalogueLoader(LocalDate.parse("2026-06-30")).load(dir); // one entry still valid that day
        fixture().trainings(training(""));
        new CatalogueLoader(LocalDate.parse("2027-01-01")).load(dir); // an entry without end date
    }

    // ---- what spreadsheets and editors write ---------------------------------------------------

    @Test
    void aCsvWithAByteOrderMarkIsReadLikeAnyOther() throws CatalogueException {
        Catalogue c = fixture().delete("schemes.json").file("schemes.csv", "\uFEFFid,title,summary,themes,provider\n"
                + "pret,Prêt,Un prêt.,financement,Bpifrance\n").catalogue();
        assertEquals(List.of("pret"), c.schemes().stream().map(Entry::id).toList());
        c = fixture().delete("schemes.csv").schemes("\uFEFF" + scheme("")).catalogue();
        assertEquals(List.of("a"), c.schemes().stream().map(Entry::id).toList(), "and a JSON file with one");
    }

    @Test
    void aKeyTwiceInOneObjectIsRefusedNotSilentlyTheLastOne() {
        List<String> lines = fixture().schemes("""
                [{"id": "a", "title": "T", "summary": "S", "themes": ["financement"], "provider": "P",
                  "amount_max": 1000, "amount_max": 1000000}]
                """).problemLines();
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("schemes.json: ligne 2, colonne "), lines.get(0));
        assertTrue(lines.get(0).contains("Duplicate field 'amount_max'"), lines.get(0));
    }

    @Test
    void anythingAfterTheArrayIsRefused() {
        for (String after : List.of("[]", "{\"id\": \"b\"}", "x")) {
            List<String> lines = fixture().schemes(scheme("") + after).problemLines();
            assertEquals(1, lines.size(), lines::toString);
            assertTrue(lines.get(0).startsWith("schemes.json: ligne ") && lines.get(0).contains("JSON mal formé"), lines.get(0));
        }
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedNamingIt() throws Exception {
        CatalogueFixture f = fixture();
        Files.write(dir.resolve("schemes.json"), scheme(", \"description\": \"Chambre de M\u00e9tiers\"")
                .getBytes(StandardCharsets.ISO_8859_1));
        List<String> lines = f.problemLines();
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("schemes.json: "), lines.get(0));
    }
}
