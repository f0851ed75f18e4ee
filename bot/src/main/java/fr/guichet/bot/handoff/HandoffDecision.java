package fr.guichet.bot.handoff;

import fr.guichet.knowledge.catalogue.Theme;

/** Whether a human should take the case, why, and which advisers' domain it belongs to. */
public record HandoffDecision(boolean needed, HandoffReason reason, Theme domain, String detail) {
    public static final HandoffDecision NONE = new HandoffDecision(false, null, null, null);

    public static HandoffDecision to(Theme domain, HandoffReason reason, String detail) {
        return new HandoffDecision(true, reason, domain, detail);
    }

    public HandoffDecision withDomain(Theme value) {
        return new HandoffDecision(needed, reason, value, detail);
    }
}
