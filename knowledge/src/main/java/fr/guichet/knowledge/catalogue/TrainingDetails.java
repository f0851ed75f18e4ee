package fr.guichet.knowledge.catalogue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The training-only fields. Absent values are null: an absent price means "ask",
 * which is not the same as a free training.
 */
public record TrainingDetails(
        BigDecimal durationHours,
        BigDecimal priceEur,
        String format,
        List<Session> sessions,
        Boolean cpfEligible,
        String certification,
        String prerequisites) {

    public static final TrainingDetails NONE = new TrainingDetails(null, null, null, List.of(), null, null, null);

    public TrainingDetails {
        sessions = List.copyOf(sessions);
    }

    public boolean isFree() {
        return priceEur != null && priceEur.signum() == 0;
    }

    /** The first session starting on or after the given day. */
    public Optional<Session> nextSession(LocalDate today) {
        return sessions.stream()
                .filter(s -> s.start() != null && !s.start().isBefore(today))
                .min((a, b) -> a.start().compareTo(b.start()));
    }
}
