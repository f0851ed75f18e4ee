package fr.guichet.knowledge.catalogue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One scheme or training of the catalogue, as the format describes it. Optional
 * fields are null when absent; lists are never null.
 */
public record Entry(
        EntryKind kind,
        String id,
        String title,
        String summary,
        String description,
        List<Theme> themes,
        Audience audience,
        List<String> territories,
        String provider,
        String benefit,
        BigDecimal amountMin,
        BigDecimal amountMax,
        String howToApply,
        String url,
        List<String> keywords,
        Theme adviserDomain,
        LocalDate validFrom,
        LocalDate validUntil,
        LocalDate lastReviewed,
        TrainingDetails training) {

    public Entry {
        themes = List.copyOf(themes);
        territories = List.copyOf(territories);
        keywords = List.copyOf(keywords);
        if (training == null) {
            training = TrainingDetails.NONE;
        }
    }

    /** The theme whose advisers take questions on this entry. */
    public Theme domain() {
        return adviserDomain != null ? adviserDomain : themes.get(0);
    }

    /** Outside its validity window an entry loads but is never offered. */
    public boolean isOfferedOn(LocalDate day) {
        return (validFrom == null || !day.isBefore(validFrom))
                && (validUntil == null || !day.isAfter(validUntil));
    }
}
