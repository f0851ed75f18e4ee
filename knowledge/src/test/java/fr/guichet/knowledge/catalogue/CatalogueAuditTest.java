package fr.guichet.knowledge.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warnings of {@code validate}: what makes a catalogue that loads still untrustworthy. */
class CatalogueAuditTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    @TempDir
    Path dir;

    private static final String SOURCE = """
            {"url": "https://www.example.gouv.fr/aide", "title": "L'aide", "publisher": "État",
             "accessed": "2026-11-30", "official": true, "supports": ["60 %"]}""";

    /** A real-looking adviser, so that only what a test is about raises warnings. */
    private static final String REAL_ADVISER = """
            [{"id": "camille", "name": "Camille Martin", "role": "Conseillère", "domains": [%s]}]
            """.formatted(CatalogueFixture.ALL_THEMES);

    /** A production catalogue with a real adviser and one scheme backed by its source. */
    private CatalogueFixture base() {
        return CatalogueFixture.in(dir).advisers(REAL_ADVISER).schemes("""
                [{"id": "sourced", "title": "Aide sourcée", "summary": "Une aide.", "themes": ["financement"],
                  "provider": "État", "url": "https://www.example.gouv.fr/aide", "sources": [%s]}]
                """.formatted(SOURCE));
    }

    private List<String> warnings(CatalogueFixture f) throws CatalogueException {
        return CatalogueAudit.warnings(dir, f.catalogue(), TODAY).stream().map(Problem::toString).toList();
    }

    private CatalogueFixture withScheme(String extra) {
        return base().schemes("""
                [{"id": "aide", "title": "Aide", "summary": "Une aide.", "themes": ["financement"],
                  "provider": "État", "url": "https://www.example.gouv.fr/aide", "sources": [%s]%s}]
                """.formatted(SOURCE, extra));
    }

    @Test
    void aSourcedEntryWithADeepLinkAndNoFigureRaisesNothing() throws CatalogueException {
        assertEquals(List.of(), warnings(withScheme(", \"last_reviewed\": \"2026-10-01\"")));
    }

    @Test
    void anEntryWithoutSourceIsOneLineCountingItsFigures() throws CatalogueException {
        CatalogueFixture f = base().schemes("""
                [{"id": "aide", "title": "Aide", "summary": "Jusqu'à 5 000 € pour les moins de 26 ans.",
                  "themes": ["financement"], "provider": "État", "amount_max": 5000}]
                """);
        assertEquals(List.of("schemes.json: aide: sources: aucune source (2 chiffre(s) à justifier)"), warnings(f));
    }

    @Test
    void figuresNoSourceBacksAreNamedByField() throws CatalogueException {
        CatalogueFixture f = withScheme("""
                , "benefit": "60 % des droits, versés en 2 fois", "audience": {"conditions": ["Avoir 18 ans"]},
                  "amount_max": 4000""");
        assertEquals(List.of(
                "schemes.json: aide: benefit: chiffre(s) sans source : 2 (citez-les dans sources[].supports, ou écrivez-les en mots : « selon le dossier »)",
                "schemes.json: aide: audience.conditions: chiffre(s) sans source : 18 (citez-les dans sources[].supports, ou écrivez-les en mots : « selon le dossier »)",
                "schemes.json: aide: amount_max: chiffre(s) sans source : 4000 (citez-les dans sources[].supports, ou écrivez-les en mots : « selon le dossier »)"),
                warnings(f));
    }

    @Test
    void aReviewOlderThanSixMonthsAndAnEndWithinSixtyDaysAreWarned() throws CatalogueException {
        assertEquals(List.of(
                "schemes.json: aide: last_reviewed: revue il y a plus de 6 mois (2026-05-29)",
                "schemes.json: aide: valid_until: se termine dans moins de 60 jours (2027-01-15)"),
                warnings(withScheme(", \"last_reviewed\": \"2026-05-29\", \"valid_until\": \"2027-01-15\"")));
        assertEquals(List.of(), warnings(withScheme(", \"last_reviewed\": \"2026-05-30\", \"valid_until\": \"2027-01-29\"")),
                "exactly six months, exactly sixty days: not yet");
    }

    @Test
    void aHomePageLinkIsWarned() throws CatalogueException {
        CatalogueFixture f = base().schemes("""
                [{"id": "aide", "title": "Aide", "summary": "Une aide.", "themes": ["financement"],
                  "provider": "État", "url": "https://www.example.gouv.fr/", "sources": [%s]}]
                """.formatted(SOURCE));
        assertEquals(List.of("schemes.json: aide: url: page d'accueil seulement (https://www.example.gouv.fr/) : "
                + "mettez le lien de la page du dispositif si elle existe"), warnings(f));
    }

    @Test
    void homePagesAreTellFromDeepLinks() {
        assertTrue(CatalogueAudit.isHomePage("https://www.bpifrance.fr"));
        assertTrue(CatalogueAudit.isHomePage("https://www.bpifrance.fr/"));
        assertFalse(CatalogueAudit.isHomePage("https://www.bpifrance.fr/catalogue-offres/pret-vert"));
        assertFalse(CatalogueAudit.isHomePage("https://guide-aides.hautsdefrance.fr/?dispositif=1045"));
    }

    @Test
    void exampleAdvisersAreWarnedOnlyOutsideASampleCatalogue() throws CatalogueException {
        CatalogueFixture f = withScheme("").advisers("""
                [{"id": "camille", "name": "Camille Martin", "role": "Conseillère", "email": "camille@example.org",
                  "domains": [%s]},
                 {"id": "dora", "name": "Dora Martin", "role": "Conseillère export (exemple)", "domains": ["international"]},
                 {"id": "eli", "name": "Eli Exemple", "role": "Conseiller", "domains": ["commerce"]},
                 {"id": "fanny", "name": "Fanny Durand", "role": "Conseillère", "email": "fanny@cci.fr", "domains": ["commerce"]}]
                """.formatted(CatalogueFixture.ALL_THEMES));
        assertEquals(List.of(
                "advisers.json: camille: email: conseiller d'exemple dans un catalogue qui n'est pas un exemple (catalogue.json : status) : remplacez-le par un vrai conseiller",
                "advisers.json: dora: role: conseiller d'exemple dans un catalogue qui n'est pas un exemple (catalogue.json : status) : remplacez-le par un vrai conseiller",
                "advisers.json: eli: name: conseiller d'exemple dans un catalogue qui n'est pas un exemple (catalogue.json : status) : remplacez-le par un vrai conseiller"),
                warnings(f));
        assertEquals(List.of(), warnings(f.file("catalogue.json", "{\"status\": \"sample\"}")));
    }

    @Test
    void aSampleTrainingsPriceDurationAndSessionsAreShownAsExamplesAndNeedNoSource() throws CatalogueException {
        String training = """
                [{"id": "excel", "title": "Excel", "summary": "Les bases d'Excel.", "themes": ["formation"],
                  "provider": "CCI", "url": "https://www.cci.fr/formation/excel", "sources": [%s],
                  "price_eur": 560, "duration_hours": 14, "sessions": [{"start": "2027-02-08", "location": "Béthune"}]}]
                """.formatted(SOURCE);
        CatalogueFixture f = base().trainings(training);
        assertEquals(Set.of("duration_hours", "price_eur", "sessions"),
                CatalogueAudit.figures(f.catalogue().entry("excel").orElseThrow()).keySet());
        List<String> production = warnings(f);
        assertEquals(3, production.size(), production::toString);
        f.file("catalogue.json", "{\"status\": \"sample\"}");
        assertEquals(List.of(), warnings(f));
    }

    @Test
    void figuresAreReadInOneNormalForm() {
        assertEquals(Set.of("4000", "60", "1", "2025", "7.5"), Figures.in("4 000 € ; 60 % depuis le 1er avril 2025 ; 7,5 h"));
        assertEquals(Set.of("1500000"), Figures.in("1 500 000 €"));
        assertEquals(Set.of(), Figures.in("CO2, Fret21, B2B et la loi n° A-B : pas de chiffre"));
        assertEquals(Figures.of(new java.math.BigDecimal("4000.00")), "4000");
    }
}
