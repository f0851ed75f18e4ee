package fr.guichet.bot.handoff;

/** Life of a handoff case: open → claimed → resolved, or cancelled at any point before resolution. */
public enum CaseState {
    OPEN, CLAIMED, RESOLVED, CANCELLED;

    public boolean isClosed() {
        return this == RESOLVED || this == CANCELLED;
    }

    /** French word shown to advisers. */
    public String label() {
        return switch (this) {
            case OPEN -> "ouvert";
            case CLAIMED -> "pris en charge";
            case RESOLVED -> "clos";
            case CANCELLED -> "annulé";
        };
    }
}
