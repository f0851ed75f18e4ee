package fr.guichet.bot.ops;

import fr.guichet.knowledge.catalogue.Catalogue;
import fr.guichet.knowledge.catalogue.Entry;
import fr.guichet.knowledge.search.CatalogueIndex;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One catalogue as loaded, validated and indexed: what questions are answered from until the
 * next reload replaces it whole.
 *
 * @param loadedAt when it was loaded
 * @param reviewed the most recent review date of its entries, if any says one
 */
public record CatalogueSnapshot(Catalogue catalogue, CatalogueIndex index, Instant loadedAt, Optional<LocalDate> reviewed) {

    public CatalogueSnapshot {
        Objects.requireNonNull(catalogue, "catalogue");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(loadedAt, "loadedAt");
        Objects.requireNonNull(reviewed, "reviewed");
    }

    public static CatalogueSnapshot of(Catalogue catalogue, CatalogueIndex index, Instant loadedAt) {
        return new CatalogueSnapshot(catalogue, index, loadedAt, catalogue.entries().stream().map(Entry::lastReviewed)
                .filter(Objects::nonNull).max(LocalDate::compareTo));
    }

    public int entries() {
        return catalogue.entries().size();
    }
}
