package fr.guichet.knowledge.catalogue;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader against catalogue-format.md: what loads, and for each way of breaking the
 * format, the {@code FILE: ENTRY: FIELD: reason} line the operator reads.
 */
class CatalogueLoaderTest {

    @TempDir
    Path dir;

    private CatalogueFixture fixture() {
        return CatalogueFixture.in(dir);
    }

    /** Asserts a refused directory yields exactly these lines (errors, then warnings). */
    private static void assertLines(CatalogueFixture fixture, String... expected) {
        assertEquals(List.of(expected), fixture.problemLines());
    }

    // ---- what loads ------------------------------------------------------------------------

    @Test
    void theSmallestDirectoryLoadsWithoutWarnings() throws CatalogueException {
        CatalogueLoader.Loaded loaded = fixture().load();
        assertEquals(List.of("fixture-scheme"), loaded.catalogue().entries().stream().map(Entry::id).toList());
        assertEquals(List.of("camille"), loaded.catalogue().advisers().stream().map(Adviser::id).toList());
        assertEquals(List.of(), loaded.warnings());
        assertEquals("", loaded.catalogue().synonyms());
    }

    @Test
    void aJsonEntryIsReadFieldByField() throws CatalogueException {
        Catalogue catalogue = fixture().schemes("""
                [{"id": "pret-honneur", "title": "Prêt d'honneur", "summary": "Un prêt sans intérêt.",
                  "description": "Plus long.", "themes": ["financement", "creation"],
                  "audience": {"stages": ["projet", "creation"], "sectors": ["commerce"], "conditions": ["Créer"]},
                  "territories": ["Pas-de-Calais"], "provider": "Initiative Artois", "benefit": "De l'argent",
                  "amount_min": 2000, "amount_max": "15000", "how_to_apply": "Appeler", "url": "https://example.org/p",
                  "keywords": ["pret", "honneur"], "adviser_domain": "creation",
                  "valid_from": "2026-01-01", "valid_until": "2026-12-31", "last_reviewed": "2026-02-01"}]
                """).catalogue();
        Entry e = catalogue.entry("pret-honneur").orElseThrow();
        assertAll(
                () -> assertEquals(EntryKind.SCHEME, e.kind()),
                () -> assertEquals("Prêt d'honneur", e.title()),
                () -> assertEquals(List.of(Theme.FINANCEMENT, Theme.CREATION), e.themes()),
                () -> assertEquals(List.of(Stage.PROJET, Stage.CREATION), e.audience().stages()),
                () -> assertEquals(List.of("commerce"), e.audience().sectors()),
                () -> assertEquals(List.of("Pas-de-Calais"), e.territories()),
                () -> assertEquals(0, new BigDecimal("2000").compareTo(e.amountMin())),
                () -> assertEquals(0, new BigDecimal("15000").compareTo(e.amountMax()), "a number in a string is read"),
                () -> assertEquals("https://example.org/p", e.url()),
                () -> assertEquals(Theme.CREATION, e.domain(), "adviser_domain wins over the first theme"),
                () -> assertEquals(LocalDate.of(2026, 1, 1), e.validFrom()),
                () -> assertEquals(LocalDate.of(2026, 12, 31), e.validUntil()),
                () -> assertEquals(LocalDate.of(2026, 2, 1), e.lastReviewed()));
    }

    @Test
    void anEntryWithoutAdviserDomainGoesToItsFirstTheme() throws CatalogueException {
        Entry e = fixture().schemes("""
                [{"id": "a", "title": "T", "summary": "S", "themes": ["numerique", "financement"], "provider": "P"}]
                """).catalogue().entry("a").orElseThrow();
        assertEquals(Theme.NUMERIQUE, e.domain());
    }

    @Test
    void aCsvCatalogueLoadsWithListsDottedColumnsAndSessions() throws CatalogueException {
        CatalogueLoader.Loaded loaded = fixture()
                .delete("schemes.json").delete("trainings.json")
                .file("schemes.csv", """
                        id,title,summary,themes,audience.stages,audience.sectors,territories,provider,amount_max
                        pret-honneur,Prêt d'honneur,"Un prêt, sans intérêt.",financement|creation,projet | creation,commerce|artisanat,,Initiative,15000
                        """)
                .file("trainings.csv", """
                        id,title,summary,themes,provider,price_eur,cpf_eligible,format,duration_hours,sessions
                        excel,Excel,Les tableaux,formation|numerique,CCI,0,oui,presentiel,14,2026-03-02;2026-03-03;Béthune|2026-05-04;;Lens
                        """)
                .load();
        assertEquals(List.of(), loaded.warnings());
        Entry scheme = loaded.catalogue().entry("pret-honneur").orElseThrow();
        assertAll(
                () -> assertEquals("Un prêt, sans intérêt.", scheme.summary(), "quoted cell keeps its comma"),
                () -> assertEquals(List.of(Theme.FINANCEMENT, Theme.CREATION), scheme.themes()),
                () -> assertEquals(List.of(Stage.PROJET, Stage.CREATION), scheme.audience().stages()),
                () -> assertEquals(List.of("commerce", "artisanat"), scheme.audience().sectors()),
                () -> assertEquals(List.of(), scheme.territories(), "an empty cell is an absent field"),
                () -> assertEquals(0, new BigDecimal("15000").compareTo(scheme.amountMax())));
        Entry training = loaded.catalogue().entry("excel").orElseThrow();
        TrainingDetails t = training.training();
        assertAll(
                () -> assertEquals(EntryKind.TRAINING, training.kind()),
                () -> assertTrue(t.isFree()),
                () -> assertEquals(Boolean.TRUE, t.cpfEligible()),
                () -> assertEquals("presentiel", t.format()),
                () -> assertEquals(0, new BigDecimal("14").compareTo(t.durationHours())),
                () -> assertEquals(List.of(
                        new Session(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 3), "Béthune"),
                        new Session(LocalDate.of(2026, 5, 4), LocalDate.of(2026, 5, 4), "Lens")), t.sessions(),
                        "an empty end means a one-day session"));
    }

    @Test
    void aCsvEndingWithABlankLineStillLoads() throws CatalogueException {
        Catalogue catalogue = fixture().delete("schemes.json").file("schemes.csv",
                "id,title,summary,themes,provider\r\na,T,S,creation,P\r\n\r\n").catalogue();
        assertEquals(List.of("a"), catalogue.schemes().stream().map(Entry::id).toList());
    }

    @Test
    void trainingsKeepAnAbsentPriceApartFromAFreeOne() throws CatalogueException {
        Catalogue catalogue = fixture().trainings("""
                [{"id": "free", "title": "T", "summary": "S", "themes": ["formation"], "provider": "P", "price_eur": 0},
                 {"id": "ask", "title": "T", "summary": "S", "themes": ["formation"], "provider": "P"},
                 {"id": "paid", "title": "T", "summary": "S", "themes": ["formation"], "provider": "P", "price_eur": 90}]
                """).catalogue();
        assertTrue(catalogue.entry("free").orElseThrow().training().isFree());
        assertFalse(catalogue.entry("ask").orElseThrow().training().isFree());
        assertNull(catalogue.entry("ask").orElseThrow().training().priceEur());
        assertFalse(catalogue.entry("paid").orElseThrow().training().isFree());
    }

    // ---- unreadable files ------------------------------------------------------------------

    @Test
    void malformedJsonIsLocatedByLineAndColumn() {
        CatalogueFixture f = fixture().schemes("""
                [{"id": "a", "title": "T",
                  "summary" "S"}]
                """);
        List<String> lines = f.problemLines();
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("schemes.json: ligne 2, colonne 13: -: JSON mal formé : "), lines.get(0));
    }

    @Test
    void aJsonFileThatIsNotAnArrayIsRefused() {
        assertLines(fixture().schemes("""
                {"id": "a"}
                """), "schemes.json: -: -: le fichier doit contenir un tableau JSON [ … ] d'objets");
    }

    @Test
    void anArrayItemThatIsNotAnObjectIsNamedByPosition() {
        assertLines(fixture().trainings("""
                ["excel"]
                """), "trainings.json: entrée n°1: -: doit être un objet { … }");
    }

    @Test
    void malformedCsvIsLocatedByLineAndColumn() {
        CatalogueFixture f = fixture().delete("schemes.json").file("schemes.csv", """
                id,title,summary,themes,provider
                a,T,S,creation,P,extra
                """);
        List<String> lines = f.problemLines();
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("schemes.csv: ligne 2, colonne 18: -: CSV mal formé : "), lines.get(0));
    }

    @Test
    void aCsvCellWithAnUnclosedQuoteIsRefused() {
        CatalogueFixture f = fixture().delete("schemes.json").file("schemes.csv", """
                id,title,summary,themes,provider
                a,T,"S,creation,P
                """);
        List<String> lines = f.problemLines();
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("schemes.csv: ligne "), lines.get(0));
        assertTrue(lines.get(0).contains(": -: CSV mal formé : "), lines.get(0));
    }

    @Test
    void missingFilesAreEachNamed() {
        assertLines(fixture().delete("schemes.json").delete("trainings.json").delete("advisers.json"),
                "schemes.json: -: -: fichier obligatoire manquant (schemes.json ou schemes.csv)",
                "trainings.json: -: -: fichier obligatoire manquant (trainings.json ou trainings.csv)",
                "advisers.json: -: -: fichier obligatoire manquant");
    }

    @Test
    void aDirectoryThatDoesNotExistIsRefused() {
        Path nowhere = dir.resolve("nowhere");
        CatalogueException e = org.junit.jupiter.api.Assertions.assertThrows(CatalogueException.class,
                () -> new CatalogueLoader().load(nowhere));
        assertEquals(List.of(nowhere + ": -: -: le dossier du catalogue n'existe pas ou n'est pas un dossier"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void jsonAndCsvForTheSameEntriesAreRefused() {
        assertLines(fixture().file("schemes.csv", "id,title,summary,themes,provider\n"),
                "schemes.json: -: -: deux fichiers pour les mêmes entrées (schemes.json et schemes.csv) : n'en gardez qu'un");
    }

    // ---- entries ---------------------------------------------------------------------------

    @Test
    void duplicateIdsAcrossSchemesAndTrainingsAreRefused() {
        assertLines(fixture()
                        .schemes("""
                                [{"id": "excel", "title": "T", "summary": "S", "themes": ["numerique"], "provider": "P"}]
                                """)
                        .trainings("""
                                [{"id": "excel", "title": "T", "summary": "S", "themes": ["formation"], "provider": "P"}]
                                """),
                "trainings.json: excel: id: identifiant en double (déjà utilisé dans schemes.json)");
    }

    @Test
    void duplicateIdsInOneFileAreRefused() {
        assertLines(fixture().schemes("""
                        [{"id": "a", "title": "T", "summary": "S", "themes": ["numerique"], "provider": "P"},
                         {"id": "a", "title": "T2", "summary": "S2", "themes": ["numerique"], "provider": "P"}]
                        """),
                "schemes.json: a: id: identifiant en double (déjà utilisé dans schemes.json)");
    }

    @Test
    void everyMissingRequiredFieldIsNamedAndAnEntryWithoutIdByItsPosition() {
        assertLines(fixture().schemes("""
                        [{"id": "a", "title": "T", "summary": "S", "themes": ["numerique"], "provider": "P"},
                         {"description": "Tout le reste manque."}]
                        """),
                "schemes.json: entrée n°2: id: champ obligatoire manquant",
                "schemes.json: entrée n°2: title: champ obligatoire manquant",
                "schemes.json: entrée n°2: summary: champ obligatoire manquant",
                "schemes.json: entrée n°2: themes: champ obligatoire manquant",
                "schemes.json: entrée n°2: provider: champ obligatoire manquant");
    }

    @Test
    void blankAndEmptyRequiredFieldsCountAsMissing() {
        assertLines(fixture().schemes("""
                        [{"id": "a", "title": "   ", "summary": "S", "themes": [], "provider": "P"}]
                        """),
                "schemes.json: a: title: champ obligatoire manquant",
                "schemes.json: a: themes: au moins une valeur est obligatoire");
    }

    @Test
    void aCsvRowWithoutIdIsNamedByItsLine() {
        assertLines(fixture().delete("schemes.json").file("schemes.csv", """
                        id,title,summary,themes,provider
                        a,T,S,creation,P
                        ,T2,S2,creation,P
                        """),
                "schemes.csv: ligne 3: id: champ obligatoire manquant");
    }

    @Test
    void aCsvRowAfterAMultiLineCellIsNamedByTheLineItStartsOn() {
        assertLines(fixture().delete("schemes.json").file("schemes.csv", """
                        id,title,summary,themes,provider
                        a,T,"Deux
                        lignes",creation,P
                        ,T2,S2,creation,P
                        """),
                "schemes.csv: ligne 4: id: champ obligatoire manquant");
    }

    @Test
    void aCsvRowAfterABlankLineIsNamedByItsOwnLine() {
        assertLines(fixture().delete("schemes.json").file("schemes.csv", """
                        id,title,summary,themes,provider
                        a,T,S,creation,P

                        ,T2,S2,creation,P
                        """),
                "schemes.csv: ligne 4: id: champ obligatoire manquant");
    }

    @Test
    void badIdsAndOverlongSummariesAreRefused() {
        String summary = "x".repeat(401);
        List<String> lines = fixture().schemes("""
                [{"id": "Pret_Honneur", "title": "T", "summary": "S", "themes": ["creation"], "provider": "P"},
                 {"id": "b", "title": "T", "summary": "%s", "themes": ["creation"], "provider": "P"}]
                """.formatted(summary)).problemLines();
        assertEquals(List.of(
                "schemes.json: Pret_Honneur: id: identifiant invalide « Pret_Honneur » (minuscules, chiffres et tirets, ex. pret-honneur)",
                "schemes.json: b: summary: trop long (401 caractères, 400 au plus)"), lines);
    }

    @Test
    void unknownThemeAndStageCodesAreRefused() {
        List<String> lines = fixture().schemes("""
                [{"id": "a", "title": "T", "summary": "S", "themes": ["energie"], "provider": "P",
                  "audience": {"stages": ["startup"]}, "adviser_domain": "compta"}]
                """).problemLines();
        assertEquals(3, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("schemes.json: a: themes: code inconnu « energie » (codes possibles : creation, "),
                lines.get(0));
        assertTrue(lines.get(1).startsWith("schemes.json: a: audience.stages: code inconnu « startup » (codes possibles : projet, "),
                lines.get(1));
        assertTrue(lines.get(2).startsWith("schemes.json: a: adviser_domain: code inconnu « compta »"), lines.get(2));
    }

    @Test
    void badDatesAreRefused() {
        assertLines(fixture()
                        .schemes("""
                                [{"id": "a", "title": "T", "summary": "S", "themes": ["creation"], "provider": "P",
                                  "valid_from": "2026-02-30", "last_reviewed": "12/03/2025"}]
                                """)
                        .trainings("""
                                [{"id": "t", "title": "T", "summary": "S", "themes": ["formation"], "provider": "P",
                                  "sessions": [{"start": "demain", "location": "Lens"}]}]
                                """),
                "schemes.json: a: valid_from: date invalide « 2026-02-30 » (format attendu AAAA-MM-JJ)",
                "schemes.json: a: last_reviewed: date invalide « 12/03/2025 » (format attendu AAAA-MM-JJ)",
                "trainings.json: t: sessions[1].start: date invalide « demain » (format attendu AAAA-MM-JJ)");
    }

    @Test
    void aSessionEndingBeforeItStartsIsRefused() {
        assertLines(fixture().trainings("""
                        [{"id": "t", "title": "T", "summary": "S", "themes": ["formation"], "provider": "P",
                          "sessions": [{"start": "2026-03-10", "end": "2026-03-09"}, {"location": "Lens"}]}]
                        """),
                "trainings.json: t: sessions[1].end: antérieure au début (2026-03-09 < 2026-03-10)",
                "trainings.json: t: sessions[2].start: champ obligatoire manquant");
    }

    @Test
    void badUrlsAreRefused() {
        assertLines(fixture().schemes("""
                        [{"id": "a", "title": "T", "summary": "S", "themes": ["creation"], "provider": "P", "url": "www.cci.fr"},
                         {"id": "b", "title": "T", "summary": "S", "themes": ["creation"], "provider": "P", "url": "ftp://cci.fr/x"},
                         {"id": "c", "title": "T", "summary": "S", "themes": ["creation"], "provider": "P", "url": "https://cci .fr"}]
                        """),
                "schemes.json: a: url: adresse invalide « www.cci.fr » (http:// ou https:// attendu)",
                "schemes.json: b: url: adresse invalide « ftp://cci.fr/x » (http:// ou https:// attendu)",
                "schemes.json: c: url: adresse invalide « https://cci .fr »");
    }

    @Test
    void urlsAreNormalisedToWhatDiscordAccepts() throws CatalogueException {
        Catalogue catalogue = fixture().schemes("""
                [{"id": "a", "title": "T", "summary": "S", "themes": ["creation"], "provider": "P",
                  "url": "HTTPS://WWW.CCI.fr/Aides%20Région?q=é#Haut"},
                 {"id": "b", "title": "T", "summary": "S", "themes": ["creation"], "provider": "P",
                  "url": "https://bpifrance-création.fr:8443/x"}]
                """).catalogue();
        assertEquals("https://www.cci.fr/Aides%20R%C3%A9gion?q=%C3%A9#Haut", catalogue.entry("a").orElseThrow().url());
        assertEquals("https://xn--bpifrance-cration-mtb.fr:8443/x", catalogue.entry("b").orElseThrow().url());
    }

    @Test
    void aHostWithoutADotIsRefused() {
        assertLines(fixture().schemes("""
                        [{"id": "a", "title": "T", "summary": "S", "themes": ["creation"], "provider": "P",
                          "url": "https://localhost/x"}]
                        """),
                "schemes.json: a: url: adresse invalide « https://localhost/x »");
    }

    @Test
    void negativeAmountsAndPricesAreRefused() {
        assertLines(fixture()
                        .schemes("""
                                [{"id": "a", "title": "T", "summary": "S", "themes": ["financement"], "provider": "P",
                                  "amount_min": -500}]
                                """)
                        .trainings("""
                                [{"id": "t", "title": "T", "summary": "S", "themes": ["formation"], "provider": "P",
                                  "price_eur": "-1", "duration_hours": "sept"}]
                                """),
                "schemes.json: a: amount_min: ne peut pas être négatif (-500)",
                "trainings.json: t: duration_hours: doit être un nombre (« sept »)",
                "trainings.json: t: price_eur: ne peut pas être négatif (-1)");
    }

    @Test
    void aMinimumAmountAboveTheMaximumIsRefused() {
        assertLines(fixture().schemes("""
                        [{"id": "a", "title": "T", "summary": "S", "themes": ["financement"], "provider": "P",
                          "amount_min": 5000, "amount_max": 1000}]
                        """),
                "schemes.json: a: amount_max: inférieur à amount_min (1000 < 5000)");
    }

    @Test
    void equalMinimumAndMaximumAmountsLoad() throws CatalogueException {
        Entry e = fixture().schemes("""
                [{"id": "a", "title": "T", "summary": "S", "themes": ["financement"], "provider": "P",
                  "amount_min": 5000, "amount_max": 5000}]
                """).catalogue().entry("a").orElseThrow();
        assertEquals(0, e.amountMin().compareTo(e.amountMax()));
    }

    @Test
    void validFromAfterValidUntilIsRefused() {
        assertLines(fixture().schemes("""
                        [{"id": "a", "title": "T", "summary": "S", "themes": ["creation"], "provider": "P",
                          "valid_from": "2026-01-01", "valid_until": "2025-01-01"}]
                        """),
                "schemes.json: a: valid_until: antérieure à valid_from (2025-01-01 < 2026-01-01)");
    }

    @Test
    void badTrainingFieldsAreRefused() {
        assertLines(fixture().trainings("""
                        [{"id": "t", "title": "T", "summary": "S", "themes": ["formation"], "provider": "P",
                          "format": "en ligne", "cpf_eligible": "peut-être", "sessions": "lundi"}]
                        """),
                "trainings.json: t: format: valeur inconnue « en ligne » (presentiel, distanciel ou mixte)",
                "trainings.json: t: sessions: doit être une liste d'objets {start, end, location}",
                "trainings.json: t: cpf_eligible: doit être vrai ou faux (« peut-être »)");
    }

    // ---- advisers --------------------------------------------------------------------------

    @Test
    void aThemeNoAdviserCoversIsRefused() {
        String allButFluvial = CatalogueFixture.ALL_THEMES.replace("\"fluvial\", ", "");
        assertLines(fixture().advisers("""
                        [{"id": "camille", "name": "Camille", "role": "Conseillère", "domains": [%s]}]
                        """.formatted(allButFluvial)),
                "advisers.json: -: domains: aucun conseiller ne couvre le thème « fluvial » : un dossier doit toujours trouver quelqu'un");
    }

    @Test
    void themesMayBeCoveredBySeveralAdvisersTogether() throws CatalogueException {
        String allButFluvial = CatalogueFixture.ALL_THEMES.replace("\"fluvial\", ", "");
        Catalogue catalogue = fixture().advisers("""
                [{"id": "camille", "name": "Camille", "role": "Conseillère", "domains": [%s], "backup": "dominique"},
                 {"id": "dominique", "name": "Dominique", "role": "Conseiller", "domains": ["fluvial"],
                  "discord_user_id": "100000000000000002", "territories": ["Béthune"]}]
                """.formatted(allButFluvial)).catalogue();
        assertEquals("dominique", catalogue.adviser("camille").orElseThrow().backup());
        assertEquals("100000000000000002", catalogue.adviser("dominique").orElseThrow().discordUserId());
    }

    @Test
    void aBackupAdviserThatDoesNotExistIsRefused() {
        assertLines(fixture().advisers("""
                        [{"id": "camille", "name": "Camille", "role": "Conseillère", "domains": [%s], "backup": "dominique"}]
                        """.formatted(CatalogueFixture.ALL_THEMES)),
                "advisers.json: camille: backup: conseiller de relais inconnu « dominique »");
    }

    @Test
    void anAdviserCannotBeTheirOwnBackup() {
        assertLines(fixture().advisers("""
                        [{"id": "camille", "name": "Camille", "role": "Conseillère", "domains": [%s], "backup": "camille"}]
                        """.formatted(CatalogueFixture.ALL_THEMES)),
                "advisers.json: camille: backup: un conseiller ne peut pas être son propre relais");
    }

    @Test
    void aDiscordUserIdMustBeDigits() {
        assertLines(fixture().advisers("""
                        [{"id": "camille", "name": "Camille", "role": "Conseillère", "domains": [%s], "discord_user_id": "@camille"}]
                        """.formatted(CatalogueFixture.ALL_THEMES)),
                "advisers.json: camille: discord_user_id: doit être composé de chiffres (identifiant Discord), « @camille »");
    }

    @Test
    void anAdviserWithoutIdIsNamedByPositionAndDuplicatesAreRefused() {
        assertLines(fixture().advisers("""
                        [{"id": "camille", "name": "Camille", "role": "Conseillère", "domains": [%s]},
                         {"name": "Sans id", "role": "Conseiller", "domains": ["creation"]},
                         {"id": "camille", "name": "Camille bis", "role": "Conseillère", "domains": ["creation"]}]
                        """.formatted(CatalogueFixture.ALL_THEMES)),
                "advisers.json: entrée n°2: id: champ obligatoire manquant",
                "advisers.json: camille: id: identifiant en double");
    }

    // ---- synonyms.txt ----------------------------------------------------------------------

    @Test
    void catalogueSynonymsAreKeptAndBadLinesRefusedByLine() throws CatalogueException {
        String rules = "# commentaire\nzorglub, subvention\n";
        assertEquals(rules, fixture().file("synonyms.txt", rules).catalogue().synonyms());

        assertLines(fixture().file("synonyms.txt", "# c\nzorglub, subvention\nzorglub\na => b => c\nx, , y\n"),
                "synonyms.txt: ligne 3: -: une liste d'équivalents doit contenir au moins deux termes séparés par des virgules",
                "synonyms.txt: ligne 4: -: une règle ne peut contenir qu'une flèche =>",
                "synonyms.txt: ligne 5: -: terme vide (virgule ou flèche en trop ?)");
    }

    // ---- warnings, and everything in one pass ------------------------------------------------

    @Test
    void unknownFieldsAreWarningsNotErrors() throws CatalogueException {
        CatalogueLoader.Loaded loaded = fixture()
                .schemes("""
                        [{"id": "a", "title": "T", "summary": "S", "themes": ["creation"], "provider": "P",
                          "colour": "bleu", "audience": {"stages": ["projet"], "ages": "18-25"}}]
                        """)
                .advisers("""
                        [{"id": "camille", "name": "Camille", "role": "Conseillère", "domains": [%s], "team": "A"}]
                        """.formatted(CatalogueFixture.ALL_THEMES))
                .delete("trainings.json")
                .file("trainings.csv", """
                        id,title,summary,themes,provider,niveau
                        t,T,S,formation,P,débutant
                        """)
                .load();
        assertEquals(List.of(Stage.PROJET), loaded.catalogue().entry("a").orElseThrow().audience().stages());
        assertEquals(List.of(
                        "schemes.json: a: colour: champ inconnu, ignoré",
                        "schemes.json: a: audience.ages: champ inconnu, ignoré",
                        "trainings.csv: t: niveau: champ inconnu, ignoré",
                        "advisers.json: camille: team: champ inconnu, ignoré"),
                loaded.warnings().stream().map(Problem::toString).toList());
        assertTrue(loaded.warnings().stream().noneMatch(Problem::isError));
    }

    @Test
    void trainingFieldsInASchemeAreUnknown() throws CatalogueException {
        CatalogueLoader.Loaded loaded = fixture().schemes("""
                [{"id": "a", "title": "T", "summary": "S", "themes": ["creation"], "provider": "P", "price_eur": 10}]
                """).load();
        assertEquals(List.of("schemes.json: a: price_eur: champ inconnu, ignoré"),
                loaded.warnings().stream().map(Problem::toString).toList());
    }

    @Test
    void everyProblemOfAFileIsReportedInOnePass() {
        CatalogueException e = fixture().schemes("""
                [{"id": "a", "title": "T", "summary": "S", "themes": ["creation"], "provider": "P", "url": "cci.fr"},
                 {"id": "b", "title": "T", "summary": "S", "themes": ["energie"], "provider": "P"},
                 {"id": "c", "title": "T", "summary": "S", "themes": ["financement"], "provider": "P", "amount_max": -3}]
                """).refused();
        List<String> lines = e.problems().stream().map(Problem::toString).toList();
        assertEquals(3, lines.size(), lines::toString);
        assertEquals("schemes.json: a: url: adresse invalide « cci.fr » (http:// ou https:// attendu)", lines.get(0));
        assertTrue(lines.get(1).startsWith("schemes.json: b: themes: code inconnu « energie »"), lines.get(1));
        assertEquals("schemes.json: c: amount_max: ne peut pas être négatif (-3)", lines.get(2));
        assertEquals(String.join("\n", lines), e.getMessage(), "the message is the lines, one each");
    }

    @Test
    void problemsOfEveryFileAreReportedTogetherErrorsFirst() {
        List<Problem> problems = fixture()
                .schemes("""
                        [{"id": "a", "title": "T", "summary": "S", "themes": ["creation"], "provider": "P", "colour": "x"}]
                        """)
                .delete("trainings.json")
                .advisers("""
                        [{"id": "camille", "name": "Camille", "role": "Conseillère", "domains": [%s], "discord_user_id": "x"}]
                        """.formatted(CatalogueFixture.ALL_THEMES))
                .file("synonyms.txt", "seul\n")
                .refused().problems();
        assertEquals(List.of(
                        "trainings.json: -: -: fichier obligatoire manquant (trainings.json ou trainings.csv)",
                        "advisers.json: camille: discord_user_id: doit être composé de chiffres (identifiant Discord), « x »",
                        "synonyms.txt: ligne 1: -: une liste d'équivalents doit contenir au moins deux termes séparés par des virgules",
                        "schemes.json: a: colour: champ inconnu, ignoré"),
                problems.stream().map(Problem::toString).toList());
        assertFalse(problems.get(3).isError());
    }

    @Test
    void aProblemPrintsAsOneOperatorLine() {
        assertEquals("schemes.json: a: url: adresse invalide",
                Problem.error("schemes.json", "a", "url", "adresse invalide").toString());
        assertTrue(Problem.error("f", "e", "x", "r").isError());
        assertFalse(Problem.warning("f", "e", "x", "r").isError());
    }
}
