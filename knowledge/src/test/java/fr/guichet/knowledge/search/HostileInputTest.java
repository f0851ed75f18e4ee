package fr.guichet.knowledge.search;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever a user types, the search answers (possibly with nothing) and never throws;
 * the text is words, never Lucene query syntax.
 */
class HostileInputTest {

    @TempDir
    static Path dir;

    private static CatalogueIndex index;

    @BeforeAll
    static void buildIndex() {
        index = SearchFixture.index(dir, """
                [{"id": "subvention", "title": "Subvention investissement", "summary": "Acheter des machines.", "themes": ["industrie"], "provider": "Region"},
                 {"id": "mot-title", "title": "Title et sous-titre", "summary": "Un mot anglais.", "themes": ["commerce"], "provider": "P"},
                 {"id": "abc", "title": "Méthode abc", "summary": "Trois lettres.", "themes": ["commerce"], "provider": "P"}]
                """);
    }

    static Stream<String> hostile() {
        return Stream.of(
                "title:(*", "\"abc", "AND OR NOT", "\\", "\\\\", "*", "?", "~2", "^3", "a:b:c", "(((", ")))", "[1 TO 5]",
                "{*}", "+-&&||!", "/regex/", "title:subvention^100", "\u0000", "\u0007\u0007", "sub\u0000vention",
                "💰🚀", "💰 subvention 🚀", "\uD83D", "\u202E\u200B\uFEFF", "le la les de du des et à", "   ", "",
                "subvention ".repeat(1000), "a".repeat(10_000), "é".repeat(10_000), "l'".repeat(5_000),
                "62400 ".repeat(2000), "dans la Somme ".repeat(800), "🚀".repeat(5_000));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void neverThrows(String text) {
        SearchResult result = assertDoesNotThrow(() -> index.search(SearchRequest.of(text)));
        assertNotNull(result);
        assertTrue(result.hits().size() <= SearchRequest.DEFAULT_LIMIT);
        result.hits().forEach(h -> assertTrue(h.confidence() >= 0 && h.confidence() <= 1));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void neverThrowsAsATerritoryEither(String text) {
        assertDoesNotThrow(() -> index.search(SearchRequest.of("subvention").withTerritory(text)));
    }

    @Test
    void queryOperatorsAreReadAsPlainWords() {
        assertEquals(List.of("mot-title"), SearchFixture.search(index, "title:(*"), "« title » is a word here");
        assertEquals(List.of("abc"), SearchFixture.search(index, "\"abc"));
        assertEquals(List.of(), SearchFixture.search(index, "AND OR NOT"));
        assertEquals(List.of(), SearchFixture.search(index, "*"), "no wildcard: not everything");
        assertEquals(java.util.Set.of("subvention", "mot-title"),
                java.util.Set.copyOf(SearchFixture.search(index, "title: subvention^100")),
                "no field restriction, no boost: two plain words");
    }

    @Test
    void nothingToSearchForGivesNothing() {
        assertEquals(List.of(), SearchFixture.search(index, ""));
        assertEquals(List.of(), SearchFixture.search(index, "le la les de du des et à"));
        assertEquals(List.of(), SearchFixture.search(index, "\u0000\u0007"));
        assertEquals(List.of(), SearchFixture.ids(index.search(SearchRequest.of(null))));
    }

    @Test
    void wordsSurviveAroundEmojiAndControlCharacters() {
        assertEquals(List.of("subvention"), SearchFixture.search(index, "💰 subvention 🚀"));
        assertEquals(List.of("subvention"), SearchFixture.search(index, "\u0007subvention\u0000"));
    }

    @Test
    void aVeryLongQuestionIsCutAndStaysFast() {
        String longQuestion = "subvention " + "blabla ".repeat(2_000);
        long start = System.nanoTime();
        List<String> ids = SearchFixture.search(index, longQuestion);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(List.of("subvention"), ids);
        assertTrue(millis < 2_000, "took " + millis + " ms");
        assertEquals(List.of(), SearchFixture.search(index, "blabla ".repeat(2_000) + "subvention"),
                "words past the first 600 characters are not read");
    }
}
