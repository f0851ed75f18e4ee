package fr.guichet.bot.handoff;

import java.util.List;

/**
 * Cases read from the store, and those that could not be read (a row damaged by hand or on
 * disk): one bad row must not hide every other case from advisers and reminders.
 */
public record CaseListing(List<HandoffCase> cases, List<Unreadable> unreadable) {

    /** A case whose row cannot be read, with why, in French (no personal data). */
    public record Unreadable(String id, String reason) {
    }

    public CaseListing {
        cases = List.copyOf(cases);
        unreadable = List.copyOf(unreadable);
    }
}
