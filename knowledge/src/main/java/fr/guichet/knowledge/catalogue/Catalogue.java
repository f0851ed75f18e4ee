package fr.guichet.knowledge.catalogue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A loaded, validated catalogue: entries, advisers, the catalogue's own synonym rules and what it says of itself. */
public record Catalogue(List<Entry> schemes, List<Entry> trainings, List<Adviser> advisers, String synonyms,
                        CatalogueInfo info) {

    public Catalogue {
        schemes = List.copyOf(schemes);
        trainings = List.copyOf(trainings);
        advisers = List.copyOf(advisers);
        synonyms = synonyms == null ? "" : synonyms;
        info = info == null ? CatalogueInfo.NONE : info;
    }

    public Catalogue(List<Entry> schemes, List<Entry> trainings, List<Adviser> advisers, String synonyms) {
        this(schemes, trainings, advisers, synonyms, CatalogueInfo.NONE);
    }

    public List<Entry> entries() {
        List<Entry> all = new ArrayList<>(schemes.size() + trainings.size());
        all.addAll(schemes);
        all.addAll(trainings);
        return Collections.unmodifiableList(all);
    }

    public Optional<Entry> entry(String id) {
        return entries().stream().filter(e -> e.id().equals(id)).findFirst();
    }

    public Optional<Adviser> adviser(String id) {
        return advisers.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    public Map<String, Adviser> advisersById() {
        Map<String, Adviser> byId = new LinkedHashMap<>();
        advisers.forEach(a -> byId.put(a.id(), a));
        return byId;
    }
}
