package fr.guichet.knowledge.catalogue;

import java.time.LocalDate;
import java.util.List;

/**
 * Where an entry's facts come from and who vouches for them. {@code fromSample} is the
 * catalogue's status carried by each entry, so anything that shows an entry can say it is an
 * example without having the whole catalogue at hand. An entry is verified only when both
 * {@code verifiedOn} and {@code verifiedBy} are given: a date alone proves nothing.
 */
public record Provenance(List<Source> sources, LocalDate verifiedOn, String verifiedBy, boolean fromSample) {

    public static final Provenance NONE = new Provenance(List.of(), null, null, false);

    public Provenance {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public boolean verified() {
        return verifiedOn != null && verifiedBy != null && !verifiedBy.isBlank();
    }
}
