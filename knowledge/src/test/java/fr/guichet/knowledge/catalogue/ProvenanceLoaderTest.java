package fr.guichet.knowledge.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue-format extension for trust: sources, verification and cost on entries, read
 * from JSON and CSV, each mistake named {@code FILE: ENTRY: FIELD}; and the refusal of a JSON
 * file with anything after its array.
 */
class ProvenanceLoaderTest {

    @TempDir
    Path dir;

    private static final String SOURCE = """
            {"url": "https://www.example.gouv.fr/aide", "title": "L'aide", "publisher": "État",
             "accessed": "2026-11-30", "official": true, "supports": ["60 %", "1er avril 2025"]}""";

    private CatalogueFixture fixture() {
        return CatalogueFixture.in(dir);
    }

    private static String scheme(String extra) {
        return """
                [{"id": "aide", "title": "Aide", "summary": "Une aide.", "themes": ["financement"],
                  "provider": "État"%s}]""".formatted(extra);
    }

    @Test
    void sourcesVerificationAndCostAreRead() throws CatalogueException {
        Entry e = fixture().schemes(scheme((", \"sources\": [%s], \"verified_on\": \"2026-11-01\","
                + " \"verified_by\": \"CCI Artois, service création\", \"cost\": \"Frais de dossier selon la banque\"")
                .formatted(SOURCE))).catalogue().entry("aide").orElseThrow();
        Source s = e.sources().get(0);
        assertEquals("https://www.example.gouv.fr/aide", s.url());
        assertEquals(LocalDate.of(2026, 11, 30), s.accessed());
        assertTrue(s.official());
        assertEquals(List.of("60 %", "1er avril 2025"), s.supports());
        assertTrue(e.provenance().verified());
        assertEquals("CCI Artois, service création", e.provenance().verifiedBy());
        assertEquals("Frais de dossier selon la banque", e.cost());
        assertFalse(e.provenance().fromSample(), "no catalogue.json: a production catalogue");
    }

    @Test
    void anEntryWithoutSourcesStillLoads() throws CatalogueException {
        Entry e = fixture().schemes(scheme("")).catalogue().entry("aide").orElseThrow();
        assertEquals(List.of(), e.sources());
        assertFalse(e.provenance().verified());
        assertNull(e.cost());
    }

    @Test
    void everyEntryOfASampleCatalogueSaysSo() throws CatalogueException {
        Entry e = fixture().schemes(scheme("")).file("catalogue.json", "{\"status\": \"sample\"}")
                .catalogue().entry("aide").orElseThrow();
        assertTrue(e.provenance().fromSample());
    }

    @Test
    void eachFaultySourceFieldIsNamedWithItsPosition() {
        CatalogueFixture f = fixture().schemes(scheme((", \"sources\": [%s,"
                + " {\"url\": \"ftp://x\", \"publisher\": \"\", \"accessed\": \"30/11/2026\", \"official\": \"peut-être\"},"
                + " \"https://une-page.fr\"]").formatted(SOURCE)));
        assertEquals(List.of(
                "schemes.json: aide: sources[2].url: adresse invalide « ftp://x » (http:// ou https:// attendu)",
                "schemes.json: aide: sources[2].title: champ obligatoire manquant",
                "schemes.json: aide: sources[2].publisher: champ obligatoire manquant",
                "schemes.json: aide: sources[2].accessed: date invalide « 30/11/2026 » (format attendu AAAA-MM-JJ)",
                "schemes.json: aide: sources[2].official: doit être vrai ou faux (« peut-être »)",
                "schemes.json: aide: sources[3]: doit être un objet {url, title, publisher, accessed, official}"),
                f.problemLines());
    }

    @Test
    void missingSourceFieldsAreNamed() {
        CatalogueFixture f = fixture().schemes(scheme(", \"sources\": [{}]"));
        assertEquals(List.of(
                "schemes.json: aide: sources[1].url: champ obligatoire manquant",
                "schemes.json: aide: sources[1].title: champ obligatoire manquant",
                "schemes.json: aide: sources[1].publisher: champ obligatoire manquant",
                "schemes.json: aide: sources[1].accessed: champ obligatoire manquant (date de consultation AAAA-MM-JJ)",
                "schemes.json: aide: sources[1].official: champ obligatoire manquant (true pour un site officiel, false sinon)"),
                f.problemLines());
    }

    @Test
    void sourcesMustBeAList() {
        assertEquals(List.of("schemes.json: aide: sources: doit être une liste d'objets {url, title, publisher, accessed, official}"),
                fixture().schemes(scheme(", \"sources\": \"https://x.fr\"")).problemLines());
    }

    @Test
    void aVerificationSaysWhenAndByWhom() {
        assertEquals(List.of("schemes.json: aide: verified_by: manquant : une vérification (verified_on) dit qui l'a faite"),
                fixture().schemes(scheme(", \"verified_on\": \"2026-11-01\"")).problemLines());
        assertEquals(List.of("schemes.json: aide: verified_on: manquant : une vérification (verified_by) dit quand elle a été faite"),
                fixture().schemes(scheme(", \"verified_by\": \"Alice\"")).problemLines());
    }

    @Test
    void anUnknownFieldInASourceIsOnlyAWarning() throws CatalogueException {
        CatalogueLoader.Loaded loaded = fixture().schemes(scheme(", \"sources\": [{\"url\": \"https://x.fr\", \"title\": \"T\","
                + " \"publisher\": \"P\", \"accessed\": \"2026-11-30\", \"official\": false, \"note\": \"?\"}]")).load();
        assertEquals(List.of("schemes.json: aide: sources[1].note: champ inconnu, ignoré"),
                loaded.warnings().stream().map(Problem::toString).toList());
        assertEquals(1, loaded.catalogue().entry("aide").orElseThrow().sources().size());
    }

    @Test
    void csvSourcesAreItemsSeparatedByBarsWithFiguresSeparatedBySlashes() throws CatalogueException {
        Entry e = fixture().delete("schemes.json").file("schemes.csv", """
                id,title,summary,themes,provider,sources,verified_on,verified_by,cost
                aide,Aide,Une aide.,financement,État,https://a.gouv.fr/p;Page A;État;2026-11-30;oui;60 % / 1er avril 2025|https://b.fr;Page B;Presse;2026-11-29;non,2026-11-01,Alice,Gratuit
                """).catalogue().entry("aide").orElseThrow();
        assertEquals(2, e.sources().size());
        assertEquals(new Source("https://a.gouv.fr/p", "Page A", "État", LocalDate.of(2026, 11, 30), true,
                List.of("60 %", "1er avril 2025")), e.sources().get(0));
        assertEquals(new Source("https://b.fr", "Page B", "Presse", LocalDate.of(2026, 11, 29), false, List.of()),
                e.sources().get(1));
        assertEquals("Alice", e.provenance().verifiedBy());
        assertEquals("Gratuit", e.cost());
    }

    @Test
    void aCsvSourceWithMissingPartsNamesThem() {
        CatalogueFixture f = fixture().delete("schemes.json").file("schemes.csv", """
                id,title,summary,themes,provider,sources
                aide,Aide,Une aide.,financement,État,https://a.gouv.fr/p;Page A
                """);
        assertEquals(List.of(
                "schemes.csv: aide: sources[1].publisher: champ obligatoire manquant",
                "schemes.csv: aide: sources[1].accessed: champ obligatoire manquant (date de consultation AAAA-MM-JJ)",
                "schemes.csv: aide: sources[1].official: champ obligatoire manquant (true pour un site officiel, false sinon)"),
                f.problemLines());
    }

    @Test
    void anythingAfterTheArrayMakesTheFileMalformed() {
        List<String> lines = fixture().trainings("[]\n{oops").problemLines();
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("trainings.json: ligne 2, colonne "), lines.get(0));
        assertTrue(lines.get(0).contains("JSON mal formé"), lines.get(0));
    }

    @Test
    void whiteSpaceAfterTheArrayIsFine() throws CatalogueException {
        assertEquals(0, fixture().trainings("[]\n\n   \n").catalogue().trainings().size());
    }

    @Test
    void aKeyTwiceInOneObjectIsRefused() {
        List<String> lines = fixture().schemes(scheme(", \"title\": \"Encore\"")).problemLines();
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("schemes.json: ligne "), lines.get(0));
        assertTrue(lines.get(0).contains("title"), lines.get(0));
    }
}
