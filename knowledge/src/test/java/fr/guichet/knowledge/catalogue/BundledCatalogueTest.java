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
