package fr.guichet.bot.handoff;

import java.time.Instant;

/**
 * Something that happened to a case, with who did it: created, claimed, resolved,
 * cancelled, reassigned, reminded, escalated, forgotten (the entrepreneur's data erased at their request).
 */
public record CaseEvent(Instant at, String action, String actor, String detail) {
    public static final String CREATED = "created";
    public static final String CLAIMED = "claimed";
    public static final String RESOLVED = "resolved";
    public static final String CANCELLED = "cancelled";
    public static final String REASSIGNED = "reassigned";
    public static final String REMINDED = "reminded";
    public static final String ESCALATED = "escalated";
    public static final String FORGOTTEN = "forgotten";
}
