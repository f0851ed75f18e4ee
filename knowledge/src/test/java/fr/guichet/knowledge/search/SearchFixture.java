package fr.guichet.knowledge.search;

import fr.guichet.knowledge.catalogue.CatalogueException;
import fr.guichet.knowledge.catalogue.CatalogueFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Builds a search index over a small catalogue written by the test, and reads results. */
final class SearchFixture {

    /** The day most search tests run on. */
    static final LocalDate TODAY = LocalDate.of(2026, 3, 15);

    private SearchFixture() {
    }

    static Clock clockOn(LocalDate day) {
        return Clock.fixed(day.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    }

    /** An index over these schemes (a JSON array), on {@link #TODAY}. */
    static CatalogueIndex index(Path dir, String schemes) {
        return index(CatalogueFixture.in(dir).schemes(schemes), TODAY);
    }

    static CatalogueIndex index(CatalogueFixture fixture, LocalDate today) {
        try {
            return CatalogueIndex.build(fixture.catalogue(), clockOn(today));
        } catch (CatalogueException e) {
            throw new AssertionError("the fixture catalogue should load:\n" + e.getMessage(), e);
        }
    }

    /** The ids of the hits, best first. */
    static List<String> ids(SearchResult result) {
        return result.hits().stream().map(h -> h.entry().id()).toList();
    }

    static List<String> search(CatalogueIndex index, String question) {
        return ids(index.search(SearchRequest.of(question)));
    }

    static Hit hit(SearchResult result, String id) {
        return result.hits().stream().filter(h -> h.entry().id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + ids(result)));
    }

    /** The terms an analyzer makes of a text. */
    static List<String> tokens(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("all", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
