package fr.guichet.knowledge.search;

import fr.guichet.knowledge.text.Place;
import java.util.List;
import java.util.Optional;

/** Ranked hits, and the place the search was restricted to (named in the question or asked for). */
public record SearchResult(List<Hit> hits, Optional<Place> place) {
    public SearchResult {
        hits = List.copyOf(hits);
    }

    public double topConfidence() {
        return hits.isEmpty() ? 0 : hits.get(0).confidence();
    }
}
