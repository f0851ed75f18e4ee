package fr.guichet.knowledge.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.knowledge.search.CatalogueIndex;
import fr.guichet.knowledge.text.Places;
import fr.guichet.knowledge.search.SearchRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the sample catalogue shipped with the project valid, large enough and searchable. */
class BundledCatalogueTest {

    /** Tests run from the module directory. */
    private static final Path BUNDLED = Path.of("catalogue");

    private static CatalogueLoader.Loaded loaded;

    @BeforeAll
    static void load() throws CatalogueException {
        loaded = new CatalogueLoader().load(BUNDLED);
    }

    @Test
    void loadsWithoutErrorOrWarning() {
        assertEquals(List.of(), loaded.warnings().stream().map(Problem::toString).toList());
    }

    @Test
    void isLargeEnough() {
        Catalogue c = loaded.catalogue();
        assertTrue(c.schemes().size() >= 120, "schemes: " + c.schemes().size());
        assertTrue(c.trainings().size() >= 150, "trainings: " + c.trainings().size());
    }

    @Test
    void isDeclaredASample() {
        assertTrue(loaded.catalogue().info().sample(), "the bundled facts are examples until a CCI checks them");
    }

    /** What validate says of the bundled catalogue: only home-page links and endings may remain. */
    @Test
    void everyEntryHasASourceAndEveryFigureIsSourcedOrInWords() {
        List<String> left = new java.util.ArrayList<>();
        for (Entry e : loaded.catalogue().entries()) {
            if (e.sources().isEmpty()) {
                left.add(e.id() + ": aucune source");
                continue;
            }
            Set<String> backed = new TreeSet<>();
            e.sources().forEach(s -> backed.addAll(Figures.inAll(s.supports())));
            CatalogueAudit.figures(e).forEach((field, figures) -> figures.stream()
                    .filter(f -> !backed.contains(f))
                    .forEach(f -> left.add(e.id() + ": " + field + ": " + f)));
        }
        assertEquals(List.of(), left);
    }

    @Test
    void everySourceWasReadAndTheOfficialOnesAreNamed() {
        for (Entry e : loaded.catalogue().entries()) {
            for (Source s : e.sources()) {
                assertFalse(s.accessed().isAfter(LocalDate.of(2026, 11, 30)), e.id() + " " + s.url());
                assertFalse(s.publisher().isBlank(), e.id() + " " + s.url());
            }
        }
        long official = loaded.catalogue().entries().stream().filter(e -> e.sources().stream().anyMatch(Source::official)).count();
        assertTrue(official >= 80, "entries with an official source: " + official);
    }

    @Test
    void noEntryClaimsAVerificationNobodyMade() {
        loaded.catalogue().entries().forEach(e -> assertFalse(e.provenance().verified(), e.id()));
    }

    @Test
    void theExampleAdvisersHaveNoPhoneNumberThatCouldReachSomeone() {
        loaded.catalogue().advisers().forEach(a -> {
            assertTrue(CatalogueAudit.isExample(a), a.id());
            assertEquals(null, a.phone(), a.id());
        });
    }

    /** The handoff corpora also name ids of other catalogues (Mission Transition Écologique), so only the merge is checked there. */
    @Test
    void everyIdOfTheCatalogueQuestionsExistsAndNoFileNamesTheMergedEntry() throws java.io.IOException {
        Set<String> ids = new TreeSet<>();
        loaded.catalogue().entries().forEach(e -> ids.add(e.id()));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"relevant\": \\[([^\\]]*)\\]")
                .matcher(java.nio.file.Files.readString(Path.of("src/test/resources/eval/catalogue-dev.jsonl"))
                        + java.nio.file.Files.readString(Path.of("src/test/resources/eval/catalogue-validation.jsonl")));
        Set<String> unknown = new TreeSet<>();
        while (m.find()) {
            for (String id : m.group(1).replace("\"", "").split(",")) {
                if (!id.isBlank() && !ids.contains(id.strip())) {
                    unknown.add(id.strip());
                }
            }
        }
        assertEquals(Set.of(), unknown);
        for (Path folder : List.of(Path.of("src/test/resources/eval"), Path.of("../bot/src/main/resources/guichet/handoff"),
                Path.of("../bot/src/test/resources/handoff"))) {
            try (var files = java.nio.file.Files.list(folder)) {
                for (Path file : files.toList()) {
                    assertFalse(java.nio.file.Files.readString(file).contains("invest-in-artois-parc-innovation"),
                            file + ": merged into parc-innovation-artois");
                }
            }
        }
    }

    @Test
    void everyThemeIsCoveredByAnAdviser() {
        EnumSet<Theme> covered = EnumSet.noneOf(Theme.class);
        loaded.catalogue().advisers().forEach(a -> covered.addAll(a.domains()));
        assertEquals(EnumSet.allOf(Theme.class), covered);
    }

    @Test
    void everyEntryDomainHasAnAdviser() {
        Set<Theme> covered = EnumSet.noneOf(Theme.class);
        loaded.catalogue().advisers().forEach(a -> covered.addAll(a.domains()));
        for (Entry e : loaded.catalogue().entries()) {
            assertTrue(covered.contains(e.domain()), e.id() + " → " + e.domain());
        }
    }

    @Test
    void everyTerritoryIsKnownToTheSearch() {
        Set<String> unknown = new TreeSet<>();
        for (Entry e : loaded.catalogue().entries()) {
            e.territories().stream().filter(t -> Places.get().area(t).isEmpty()).forEach(unknown::add);
        }
        for (Adviser a : loaded.catalogue().advisers()) {
            a.territories().stream().filter(t -> Places.get().area(t).isEmpty()).forEach(unknown::add);
        }
        assertEquals(Set.of(), unknown, "territories the engine cannot place are never filtered out");
    }

    @Test
    void buildsAnIndexThatAnswers() {
        Clock clock = Clock.fixed(LocalDate.of(2026, 3, 15).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        CatalogueIndex index = CatalogueIndex.build(loaded.catalogue(), clock);
        assertEquals(loaded.catalogue().entries().size(), index.size());
        assertFalse(index.search(SearchRequest.of("je veux créer ma boîte, un prêt sans intérêt ?")).hits().isEmpty());
        assertFalse(index.search(SearchRequest.of("formation excel").withKind(EntryKind.TRAINING)).hits().isEmpty());
    }
}
