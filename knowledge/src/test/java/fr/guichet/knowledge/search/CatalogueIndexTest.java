package fr.guichet.knowledge.search;

import static fr.guichet.knowledge.search.SearchFixture.hit;
import static fr.guichet.knowledge.search.SearchFixture.ids;
import static fr.guichet.knowledge.search.SearchFixture.index;
import static fr.guichet.knowledge.search.SearchFixture.search;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.knowledge.catalogue.CatalogueException;
import fr.guichet.knowledge.catalogue.CatalogueFixture;
import fr.guichet.knowledge.catalogue.EntryKind;
import fr.guichet.knowledge.catalogue.Stage;
import fr.guichet.knowledge.catalogue.Theme;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ranking, filters, the validity window and the confidence of hits, on small catalogues. */
class CatalogueIndexTest {

    @TempDir
    Path dir;

    private static Set<String> set(List<String> ids) {
        return new TreeSet<>(ids);
    }

    // ---- validity window -------------------------------------------------------------------

    @Test
    void anEntryIsOfferedOnlyInsideItsValidityWindow() throws CatalogueException {
        CatalogueFixture fixture = CatalogueFixture.in(dir).schemes("""
                [{"id": "prime-2026", "title": "Prime embauche", "summary": "Pour le premier semestre.", "themes": ["recrutement-rh"],
                  "provider": "Etat", "valid_from": "2026-01-01", "valid_until": "2026-06-30"},
                 {"id": "prime-toujours", "title": "Prime embauche permanente", "summary": "Sans date.", "themes": ["recrutement-rh"],
                  "provider": "Etat"}]
                """);
        assertTrue(fixture.catalogue().entry("prime-2026").isPresent(), "loaded even when out of its window");

        assertEquals(List.of("prime-toujours"), search(index(fixture, LocalDate.of(2025, 12, 31)), "prime"));
        assertEquals(Set.of("prime-2026", "prime-toujours"), set(search(index(fixture, LocalDate.of(2026, 1, 1)), "prime")));
        assertEquals(Set.of("prime-2026", "prime-toujours"), set(search(index(fixture, LocalDate.of(2026, 6, 30)), "prime")));
        assertEquals(List.of("prime-toujours"), search(index(fixture, LocalDate.of(2026, 7, 1)), "prime"));

        CatalogueIndex before = index(fixture, LocalDate.of(2025, 12, 31));
        assertTrue(before.entry("prime-2026").isPresent(), "indexed, just not offered");
        assertEquals(List.of("prime-toujours"),
                ids(before.search(SearchRequest.of("").withTheme(Theme.RECRUTEMENT_RH))),
                "a filter-only listing hides it too");
    }

    @Test
    void theWindowFollowsTheClockWithoutARebuild() throws CatalogueException {
        var catalogue = CatalogueFixture.in(dir).schemes("""
                [{"id": "prime-2026", "title": "Prime embauche", "summary": "S.", "themes": ["recrutement-rh"],
                  "provider": "Etat", "valid_until": "2026-06-30"}]
                """).catalogue();
        MutableClock clock = new MutableClock(LocalDate.of(2026, 6, 30));
        CatalogueIndex idx = CatalogueIndex.build(catalogue, clock);
        assertEquals(List.of("prime-2026"), search(idx, "prime"));
        clock.day = LocalDate.of(2026, 7, 1);
        assertEquals(List.of(), search(idx, "prime"));
    }

    private static final class MutableClock extends java.time.Clock {
        LocalDate day;

        MutableClock(LocalDate day) {
            this.day = day;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return day.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC);
        }
    }

    // ---- ranking ---------------------------------------------------------------------------

    @Test
    void aTitleMatchRanksAboveADescriptionOnlyMatch() {
        CatalogueIndex idx = index(dir, """
                [{"id": "in-description", "title": "Accompagnement", "summary": "Un conseiller vous suit.",
                  "description": "Il peut aussi parler de levée de fonds.", "themes": ["commerce"], "provider": "P"},
                 {"id": "in-title", "title": "Levée de fonds", "summary": "Un conseiller vous suit.",
                  "themes": ["commerce"], "provider": "P"}]
                """);
        SearchResult result = idx.search(SearchRequest.of("lever des fonds"));
        assertEquals(List.of("in-title", "in-description"), ids(result));
        assertTrue(hit(result, "in-title").score() > hit(result, "in-description").score());
    }

    @Test
    void keywordsAndSummaryWeighMoreThanProviderOrDescription() {
        CatalogueIndex idx = index(dir, """
                [{"id": "in-provider", "title": "Aaa", "summary": "Rien.", "themes": ["commerce"], "provider": "Franchise Club"},
                 {"id": "in-keywords", "title": "Bbb", "summary": "Rien.", "themes": ["commerce"], "provider": "P", "keywords": ["franchise"]}]
                """);
        assertEquals(List.of("in-keywords", "in-provider"), search(idx, "franchise"));
    }

    @Test
    void theLimitCutsTheList() {
        CatalogueIndex idx = index(dir, """
                [{"id": "a", "title": "Export un", "summary": "S.", "themes": ["international"], "provider": "P"},
                 {"id": "b", "title": "Export deux", "summary": "S.", "themes": ["international"], "provider": "P"},
                 {"id": "c", "title": "Export trois", "summary": "S.", "themes": ["international"], "provider": "P"}]
                """);
        assertEquals(3, search(idx, "export").size());
        assertEquals(2, idx.search(SearchRequest.of("export").withLimit(2)).hits().size());
        assertEquals(3, idx.size());
    }

    // ---- filters ---------------------------------------------------------------------------

    /** Every entry says « programme »; each differs by one filtered field. */
    private CatalogueIndex filterFixture() {
        return index(CatalogueFixture.in(dir)
                .schemes("""
                        [{"id": "s-creation", "title": "Programme A", "summary": "S.", "themes": ["creation"], "provider": "P",
                          "audience": {"stages": ["creation"], "sectors": ["commerce"]}},
                         {"id": "s-developpement", "title": "Programme B", "summary": "S.", "themes": ["financement"], "provider": "P",
                          "audience": {"stages": ["developpement"], "sectors": ["industrie"]}},
                         {"id": "s-all", "title": "Programme C", "summary": "S.", "themes": ["financement", "creation"], "provider": "P"}]
                        """)
                .trainings("""
                        [{"id": "t-free-soon", "title": "Programme D", "summary": "S.", "themes": ["formation"], "provider": "P",
                          "price_eur": 0, "sessions": [{"start": "2026-02-01"}, {"start": "2026-04-01"}]},
                         {"id": "t-paid-past", "title": "Programme E", "summary": "S.", "themes": ["formation"], "provider": "P",
                          "price_eur": 300, "sessions": [{"start": "2026-03-14", "end": "2026-03-20"}]},
                         {"id": "t-unpriced-today", "title": "Programme F", "summary": "S.", "themes": ["formation"], "provider": "P",
                          "sessions": [{"start": "2026-03-15"}]},
                         {"id": "t-no-sessions", "title": "Programme G", "summary": "S.", "themes": ["formation", "numerique"], "provider": "P",
                          "price_eur": 0}]
                        """), SearchFixture.TODAY);
    }

    private static Set<String> found(CatalogueIndex idx, SearchRequest request) {
        return set(ids(idx.search(request)));
    }

    @Test
    void filterByKind() {
        CatalogueIndex idx = filterFixture();
        SearchRequest q = SearchRequest.of("programme");
        assertEquals(7, found(idx, q).size());
        assertEquals(Set.of("s-creation", "s-developpement", "s-all"), found(idx, q.withKind(EntryKind.SCHEME)));
        assertEquals(Set.of("t-free-soon", "t-paid-past", "t-unpriced-today", "t-no-sessions"),
                found(idx, q.withKind(EntryKind.TRAINING)));
    }

    @Test
    void filterByTheme() {
        CatalogueIndex idx = filterFixture();
        SearchRequest q = SearchRequest.of("programme");
        assertEquals(Set.of("s-developpement", "s-all"), found(idx, q.withTheme(Theme.FINANCEMENT)));
        assertEquals(Set.of("t-no-sessions"), found(idx, q.withTheme(Theme.NUMERIQUE)));
        assertEquals(Set.of(), found(idx, q.withTheme(Theme.FLUVIAL)));
    }

    @Test
    void filterByStageKeepsEntriesForAllStages() {
        CatalogueIndex idx = filterFixture();
        SearchRequest q = SearchRequest.of("programme").withKind(EntryKind.SCHEME);
        assertEquals(Set.of("s-creation", "s-all"), found(idx, q.withStage(Stage.CREATION)));
        assertEquals(Set.of("s-developpement", "s-all"), found(idx, q.withStage(Stage.DEVELOPPEMENT)));
        assertEquals(Set.of("s-all"), found(idx, q.withStage(Stage.DIFFICULTE)));
    }

    @Test
    void filterBySectorKeepsEntriesForAllSectors() {
        CatalogueIndex idx = filterFixture();
        SearchRequest q = SearchRequest.of("programme").withKind(EntryKind.SCHEME);
        assertEquals(Set.of("s-creation", "s-all"), found(idx, q.withSector("Commerce")), "case does not matter");
        assertEquals(Set.of("s-developpement", "s-all"), found(idx, q.withSector("industrie")));
        assertEquals(Set.of("s-all"), found(idx, q.withSector("logistique")));
    }

    @Test
    void filterFreeTrainingsOnlyAnAbsentPriceIsNotFree() {
        CatalogueIndex idx = filterFixture();
        assertEquals(Set.of("t-free-soon", "t-no-sessions"), found(idx, SearchRequest.of("programme").withFreeOnly(true)));
    }

    @Test
    void filterUpcomingSessionsFromTodayOn() {
        CatalogueIndex idx = filterFixture();
        // today is 2026-03-15: a session that started yesterday is not upcoming, one starting today is
        assertEquals(Set.of("t-free-soon", "t-unpriced-today"),
                found(idx, SearchRequest.of("programme").withUpcomingOnly(true)));
    }

    @Test
    void filtersCombine() {
        CatalogueIndex idx = filterFixture();
        assertEquals(Set.of("t-free-soon"),
                found(idx, SearchRequest.of("programme").withFreeOnly(true).withUpcomingOnly(true)));
    }

    @Test
    void anEmptyQuestionWithAFilterListsWhatTheFilterKeeps() {
        CatalogueIndex idx = filterFixture();
        assertEquals(Set.of("s-creation", "s-all"), found(idx, SearchRequest.of("").withTheme(Theme.CREATION)));
        assertEquals(List.of(), ids(idx.search(SearchRequest.of(""))), "no question, no filter: nothing");
    }

    @Test
    void preferencesRankWithoutExcluding() {
        CatalogueIndex idx = filterFixture();
        SearchRequest q = SearchRequest.of("programme").withKind(EntryKind.SCHEME);
        List<String> preferDevelopment = ids(idx.search(q.withPreferences(Stage.DEVELOPPEMENT, null)));
        assertEquals("s-developpement", preferDevelopment.get(0));
        assertEquals(3, preferDevelopment.size());
        List<String> preferCommerce = ids(idx.search(q.withPreferences(null, "commerce")));
        assertEquals("s-creation", preferCommerce.get(0));
        assertEquals(3, preferCommerce.size());
    }

    @Test
    void askingForAnAidOrATrainingRanksThatKindFirstWithoutExcludingTheOther() {
        CatalogueIndex idx = index(CatalogueFixture.in(dir)
                .schemes("""
                        [{"id": "scheme", "title": "Programme export", "summary": "S.", "themes": ["international"], "provider": "P"}]
                        """)
                .trainings("""
                        [{"id": "training", "title": "Programme export", "summary": "S.", "themes": ["international"], "provider": "P"}]
                        """), SearchFixture.TODAY);
        assertEquals(List.of("scheme", "training"), search(idx, "une aide pour le programme export ?"));
        assertEquals(List.of("scheme", "training"), search(idx, "financement programme export"));
        assertEquals(List.of("training", "scheme"), search(idx, "une formation programme export ?"));
        assertEquals(List.of("training", "scheme"), search(idx, "me former au programme export"));
        // both asked for, or neither: the text decides alone, and the two entries tie
        Hit a = hit(idx.search(SearchRequest.of("aide et formation programme export")), "scheme");
        Hit b = hit(idx.search(SearchRequest.of("aide et formation programme export")), "training");
        assertEquals(a.score(), b.score(), 1e-6);
    }

    // ---- places ----------------------------------------------------------------------------

    /** Every entry says « subvention »; each is reserved to one territory. */
    private CatalogueIndex placesFixture() {
        return index(CatalogueFixture.in(dir).schemes(PLACES), SearchFixture.TODAY);
    }

    /** The same entries in a deployment that serves the agglomeration. */
    private CatalogueIndex placesAtHome() {
        return index(CatalogueFixture.in(dir).schemes(PLACES).file("catalogue.json", """
                {"home": "CABBALR"}"""), SearchFixture.TODAY);
    }

    private static final String PLACES = """
                [{"id": "national", "title": "Subvention A", "summary": "S.", "themes": ["financement"], "provider": "P", "territories": ["France"]},
                 {"id": "everywhere", "title": "Subvention B", "summary": "S.", "themes": ["financement"], "provider": "P"},
                 {"id": "hauts-de-france", "title": "Subvention C", "summary": "S.", "themes": ["financement"], "provider": "P", "territories": ["Hauts-de-France"]},
                 {"id": "pas-de-calais", "title": "Subvention D", "summary": "S.", "themes": ["financement"], "provider": "P", "territories": ["Pas-de-Calais"]},
                 {"id": "agglo", "title": "Subvention E", "summary": "S.", "themes": ["financement"], "provider": "P", "territories": ["CABBALR"]},
                 {"id": "nord", "title": "Subvention F", "summary": "S.", "themes": ["financement"], "provider": "P", "territories": ["Nord"]},
                 {"id": "lille", "title": "Subvention G", "summary": "S.", "themes": ["financement"], "provider": "P", "territories": ["Lille"]},
                 {"id": "bretagne", "title": "Subvention H", "summary": "S.", "themes": ["financement"], "provider": "P", "territories": ["Bretagne"]},
                 {"id": "two-regions", "title": "Subvention I", "summary": "S.", "themes": ["financement"], "provider": "P", "territories": ["Bretagne", "Normandie"]}]
                """;

    @Test
    void withoutAPlaceEveryTerritoryIsOffered() {
        assertEquals(9, search(placesFixture(), "subvention").size());
    }

    @Test
    void withoutAPlaceAHomeKeepsOutWhatIsReservedOutsideItsRegion() {
        CatalogueIndex home = placesAtHome();
        assertEquals(Set.of("national", "everywhere", "hauts-de-france", "pas-de-calais", "agglo", "nord", "lille"),
                set(search(home, "subvention")), "Bretagne and Normandie are another region's");
        assertEquals(Set.of("national", "everywhere", "bretagne", "two-regions"),
                set(search(home, "subvention en Bretagne")), "a place named in the question still decides");
        assertTrue(home.search(SearchRequest.of("subvention")).place().isEmpty(),
                "the home is not a place the entrepreneur named");
    }

    @Test
    void aCityKeepsNationalEntriesAndThoseOfItsDepartmentAndRegion() {
        SearchResult result = placesFixture().search(SearchRequest.of("une subvention, je suis à Lille"));
        assertEquals(Set.of("national", "everywhere", "hauts-de-france", "nord", "lille"), set(ids(result)));
        assertEquals("Lille", result.place().orElseThrow().name());
    }

    @Test
    void aDepartmentKeepsTheAreasAroundItAndWithinIt() {
        assertEquals(Set.of("national", "everywhere", "hauts-de-france", "pas-de-calais", "agglo"),
                set(search(placesFixture(), "subvention dans le Pas-de-Calais")));
    }

    @Test
    void aRegionKeepsItsOwnEntries() {
        assertEquals(Set.of("national", "everywhere", "bretagne", "two-regions"),
                set(search(placesFixture(), "subvention en Bretagne")));
    }

    @Test
    void aPostcodeStandsForItsDepartment() {
        SearchResult result = placesFixture().search(SearchRequest.of("subvention 62400"));
        assertEquals(Set.of("national", "everywhere", "hauts-de-france", "pas-de-calais", "agglo"), set(ids(result)));
        assertEquals("Pas-de-Calais", result.place().orElseThrow().name());
    }

    @Test
    void anExplicitTerritoryWinsOverThePlaceInTheText() {
        SearchResult result = placesFixture().search(SearchRequest.of("subvention en Bretagne").withTerritory("Béthune"));
        assertEquals(Set.of("national", "everywhere", "hauts-de-france", "pas-de-calais", "agglo"), set(ids(result)));
        assertEquals("Béthune", result.place().orElseThrow().name());
    }

    @Test
    void aNumberThatIsNotAPlaceFiltersNothing() {
        CatalogueIndex idx = placesFixture();
        assertEquals(9, search(idx, "subvention pour 62 salariés").size());
        assertEquals(9, search(idx, "une subvention de 50000 euros").size());
    }

    @Test
    void theWordsNamingThePlaceAreNotSearchedFor() {
        CatalogueIndex idx = index(dir, """
                [{"id": "cites-lille", "title": "Salon de Lille", "summary": "Un salon.", "themes": ["commerce"], "provider": "P"},
                 {"id": "export", "title": "Export", "summary": "Vendre ailleurs.", "themes": ["international"], "provider": "P"}]
                """);
        assertEquals(List.of("export"), search(idx, "export à Lille"));
        assertEquals(List.of(), search(idx, "je suis à Lille"), "a place alone is no question");
    }

    // ---- confidence and matched words --------------------------------------------------------

    @Test
    void confidenceGrowsWithTheShareOfTheQuestionMatched() {
        CatalogueIndex idx = index(dir, """
                [{"id": "both", "title": "Subvention énergie", "summary": "S.", "themes": ["commerce"], "provider": "P"},
                 {"id": "one", "title": "Subvention transport", "summary": "S.", "themes": ["commerce"], "provider": "P"},
                 {"id": "other", "title": "Club", "summary": "S.", "themes": ["commerce"], "provider": "P"}]
                """);
        SearchResult result = idx.search(SearchRequest.of("Subventions énergie"));
        assertEquals(List.of("both", "one"), ids(result));
        Hit both = hit(result, "both");
        Hit one = hit(result, "one");
        assertEquals(1.0, both.confidence(), 1e-9);
        assertTrue(one.confidence() > 0 && one.confidence() < 0.5,
                "« énergie » is the rarer, more telling word: " + one.confidence());
        assertEquals(List.of("Subventions", "énergie"), both.matchedWords(), "the question's words as typed");
        assertEquals(List.of("Subventions"), one.matchedWords());
        assertEquals(1.0, result.topConfidence(), 1e-9);

        double withUnknownWord = hit(idx.search(SearchRequest.of("subvention énergie xylophone")), "both").confidence();
        assertTrue(withUnknownWord > 0 && withUnknownWord < 1.0, "an unmatched word lowers it: " + withUnknownWord);
    }

    @Test
    void confidenceStaysWithinZeroAndOne() {
        CatalogueIndex idx = filterFixture();
        for (String question : List.of("programme", "programme programme programme", "programme zzz", "un programme gratuit en ligne")) {
            for (Hit h : idx.search(SearchRequest.of(question)).hits()) {
                assertTrue(h.confidence() >= 0 && h.confidence() <= 1, question + " → " + h.confidence());
            }
        }
        assertEquals(0, idx.search(SearchRequest.of("")).topConfidence());
    }

    @Test
    void aSynonymMatchNamesTheWordTheUserTyped() {
        CatalogueIndex idx = index(dir, """
                [{"id": "recrutement", "title": "Aide au recrutement", "summary": "S.", "themes": ["recrutement-rh"], "provider": "P"}]
                """);
        Hit h = idx.search(SearchRequest.of("embaucher un apprenti")).hits().get(0);
        assertEquals(List.of("embaucher"), h.matchedWords());
        assertTrue(h.confidence() > 0 && h.confidence() < 1, String.valueOf(h.confidence()));
    }
}
