package fr.guichet.knowledge.catalogue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One scheme or training of the catalogue, as the format describes it. Optional
 * fields are null when absent; lists are never null. {@code cost} is what the entrepreneur
 * pays (a fee, a remaining cost), in words: amount fields hold only money they receive.
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
        TrainingDetails training,
        String cost,
        Provenance provenance) {

    /** An entry without cost, sources or verification (tests, generated catalogues). */
    public Entry(EntryKind kind, String id, String title, String summary, String description, List<Theme> themes,
                 Audience audience, List<String> territories, String provider, String benefit, BigDecimal amountMin,
                 BigDecimal amountMax, String howToApply, String url, List<String> keywords, Theme adviserDomain,
                 LocalDate validFrom, LocalDate validUntil, LocalDate lastReviewed, TrainingDetails training) {
        this(kind, id, title, summary, description, themes, audience, territories, provider, benefit, amountMin,
                amountMax, howToApply, url, keywords, adviserDomain, validFrom, validUntil, lastReviewed, training,
                null, Provenance.NONE);
    }

    public Entry {
        themes = List.copyOf(themes);
        territories = List.copyOf(territories);
        keywords = List.copyOf(keywords);
        if (training == null) {
            training = TrainingDetails.NONE;
        }
        if (provenance == null) {
            provenance = Provenance.NONE;
        }
    }

    public List<Source> sources() {
        return provenance.sources();
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
