package fr.guichet.knowledge.catalogue;

import java.time.LocalDate;
import java.util.List;

/**
 * A public page someone read to write an entry. {@code supports} lists the figures of the
 * entry (amounts, rates, durations, ages, thresholds, dates, as written in the entry) that this
 * page backs: a figure no source backs is a claim nobody can check, and validation says so.
 */
public record Source(String url, String title, String publisher, LocalDate accessed, boolean official,
                     List<String> supports) {

    public Source {
        supports = supports == null ? List.of() : List.copyOf(supports);
    }
}
