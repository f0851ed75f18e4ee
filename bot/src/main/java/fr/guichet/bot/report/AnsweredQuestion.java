package fr.guichet.bot.report;

import fr.guichet.bot.handoff.HandoffReason;
import fr.guichet.knowledge.catalogue.Theme;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One answered question, as the CCI's statistics keep it: anonymous by construction (no
 * user id, no conversation id, no message text), so it may be kept and counted freely
 * within the retention period.
 *
 * @param at           when the question arrived
 * @param themes       distinct themes of the entries shown, in order (for a handoff with nothing shown, its domain)
 * @param entryIds     ids of the catalogue entries shown, in order
 * @param handoffReason why an adviser was proposed: set exactly when {@code outcome} is {@link Outcome#HANDED_OFF}
 * @param latency      from the question's arrival to the reply being ready
 * @param llmComposed  true when an LLM wrote the reply's text (false for the extractive answer and its fallback)
 */
public record AnsweredQuestion(Instant at, Channel channel, AskedKind kind, List<Theme> themes, List<String> entryIds,
                               Outcome outcome, HandoffReason handoffReason, Duration latency, boolean llmComposed) {

    public AnsweredQuestion {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(latency, "latency");
        themes = List.copyOf(themes);
        entryIds = List.copyOf(entryIds);
        if ((outcome == Outcome.HANDED_OFF) != (handoffReason != null)) {
            throw new IllegalArgumentException("handoffReason is required for HANDED_OFF and only for it (outcome "
                    + outcome + ", reason " + handoffReason + ")");
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("negative latency " + latency);
        }
    }
}
