package fr.guichet.bot.handoff;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where handoff cases live. {@link #create} returns only once the case is durably stored:
 * nobody is told a case exists before that. Every transition is timestamped with who did it.
 */
public interface HandoffStore extends AutoCloseable {

    /** Stores a new open case. @throws StoreException when it could not be stored durably */
    HandoffCase create(NewCase newCase);

    Optional<HandoffCase> find(String id);

    /** Cases in the given states, oldest first. */
    List<HandoffCase> list(Set<CaseState> states);

    /**
     * Moves a case to a new state. @throws IllegalStateException for a transition the life
     * cycle forbids (e.g. claiming a resolved case); @throws java.util.NoSuchElementException for an unknown id
     */
    HandoffCase transition(String id, CaseState to, String actor);

    /** Gives the case to another adviser (records who did it). */
    HandoffCase reassign(String id, String adviserId, String backupId, String actor);

    /** Appends an event without changing the state (reminders, escalations). */
    HandoffCase record(String id, CaseEvent event);

    /** Every case of an entrepreneur, oldest first. */
    List<HandoffCase> byEntrepreneur(String entrepreneurId);

    /**
     * Erases an entrepreneur's personal data: contact and transcript of their cases are
     * blanked (the case itself stays, for the adviser's record). Returns how many cases were touched.
     */
    int forgetEntrepreneur(String entrepreneurId);

    /** Blanks contact and transcript of closed cases created before the cutoff. Returns how many. */
    int purgeClosedBefore(Instant cutoff);

    @Override
    void close();
}
