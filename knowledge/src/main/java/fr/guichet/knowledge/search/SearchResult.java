package fr.guichet.knowledge.search;

import fr.guichet.knowledge.text.Place;
import java.util.List;
import java.util.Optional;

/**
 * Ranked hits, the place the search was restricted to (named in the question or asked for),
 * and whether the question is generic: all its words are common in the catalogue (« une aide »,
 * « pour mon entreprise »), so no hit can be more than a guess at the need.
 */
public record SearchResult(List<Hit> hits, Optional<Place> place, boolean generic) {
    public SearchResult {
        hits = List.copyOf(hits);
    }

    public SearchResult(List<Hit> hits, Optional<Place> place) {
        this(hits, place, false);
    }

    public double topConfidence() {
        return hits.isEmpty() ? 0 : hits.get(0).confidence();
    }
}
