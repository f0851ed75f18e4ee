package fr.guichet.bot.ops;

import fr.guichet.knowledge.catalogue.Adviser;
import fr.guichet.knowledge.catalogue.Catalogue;
import fr.guichet.knowledge.search.Retriever;
import fr.guichet.knowledge.search.SearchRequest;
import fr.guichet.knowledge.search.SearchResult;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The catalogue being served, replaced whole when a reload succeeds. Every search reads one
 * snapshot from start to end, so a question in progress during a swap finishes on the old
 * index (an in-memory one: nothing to close, the collector frees it) and the next one sees the
 * new. Whatever else reads the catalogue (the advisers' routing, reminders, the Discord
 * listings) asks here each time instead of keeping its own copy.
 */
public final class LiveCatalogue implements Retriever, Supplier<Catalogue> {
    private final AtomicReference<CatalogueSnapshot> current;

    public LiveCatalogue(CatalogueSnapshot first) {
        this.current = new AtomicReference<>(Objects.requireNonNull(first, "first"));
    }

    @Override
    public SearchResult search(SearchRequest request) {
        return current.get().index().search(request);
    }

    /** The catalogue being served. */
    @Override
    public Catalogue get() {
        return current.get().catalogue();
    }

    public CatalogueSnapshot snapshot() {
        return current.get();
    }

    public Map<String, Adviser> advisersById() {
        return get().advisersById();
    }

    /** Serves {@code next} from now on; returns what it replaces. */
    CatalogueSnapshot swap(CatalogueSnapshot next) {
        return current.getAndSet(Objects.requireNonNull(next, "next"));
    }
}
