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

    /** Cases in the given states, oldest first; a row that cannot be read is left out (and logged). */
    List<HandoffCase> list(Set<CaseState> states);

    /** Cases in the given states, oldest first, and the ids of those that cannot be read. */
    default CaseListing listing(Set<CaseState> states) {
        return new CaseListing(list(states), List.of());
    }

    /**
     * Moves a case to a new state. @throws IllegalStateException for a transition the life
     * cycle forbids (e.g. claiming a resolved case); @throws java.util.NoSuchElementException for an unknown id
     */
    HandoffCase transition(String id, CaseState to, String actor);

    /** Gives the case to another adviser (records who did it). */
    HandoffCase reassign(String id, String adviserId, String backupId, String actor);

    /**
     * The case becomes {@code adviserId}'s (reassigned first when it was someone else's) and is
     * claimed. @throws IllegalStateException when it cannot be claimed (closed, already claimed)
     */
    default HandoffCase claim(String id, String adviserId, String backupId, String actor) {
        HandoffCase current = find(id).orElseThrow(() -> new java.util.NoSuchElementException("Aucun dossier « " + id + " »."));
        if (!current.state().isClosed() && current.state() != CaseState.CLAIMED && !adviserId.equals(current.adviserId())) {
            reassign(id, adviserId, backupId, actor);
        }
        return transition(id, CaseState.CLAIMED, actor);
    }

    /** Appends an event without changing the state (reminders, escalations). */
    HandoffCase record(String id, CaseEvent event);

    /**
     * Appends the event only if the case is open at that moment and has no event of that action
     * yet (reminders, escalations without a backup): a case claimed or closed since it was
     * listed, or already reminded by another process, is left alone. The SQLite store decides in
     * one statement; this default, for stores without transactions, checks then records.
     *
     * @return the case with the event, or empty when it was not appended
     */
    default Optional<HandoffCase> recordIfOpen(String id, CaseEvent event) {
        Optional<HandoffCase> current = find(id);
        if (current.isEmpty() || current.get().state() != CaseState.OPEN || current.get().lastEvent(event.action()) != null) {
            return Optional.empty();
        }
        return Optional.of(record(id, event));
    }

    /**
     * Gives the case to {@code toAdviserId} (with {@code newBackupId}) and records the
     * escalation {@code event}, only if the case is still open, still {@code fromAdviserId}'s,
     * and not yet escalated. The SQLite store decides in one conditional update and stores the
     * reassignment and the event in the same transaction; this default checks then acts.
     *
     * @return the case after the escalation, or empty when it did not apply
     */
    default Optional<HandoffCase> escalateIfOpen(String id, String fromAdviserId, String toAdviserId, String newBackupId,
                                                 CaseEvent event) {
        Optional<HandoffCase> current = find(id);
        if (current.isEmpty() || current.get().state() != CaseState.OPEN
                || !java.util.Objects.equals(current.get().adviserId(), fromAdviserId)
                || current.get().lastEvent(CaseEvent.ESCALATED) != null) {
            return Optional.empty();
        }
        reassign(id, toAdviserId, newBackupId, event.actor());
        return Optional.of(record(id, event));
    }

    /** Every case of an entrepreneur, oldest first. */
    List<HandoffCase> byEntrepreneur(String entrepreneurId);

    /**
     * Erases an entrepreneur's personal data, as {@link #eraseEntrepreneur} does. Returns how
     * many cases were touched (0 the second time).
     */
    default int forgetEntrepreneur(String entrepreneurId) {
        return eraseEntrepreneur(entrepreneurId).cases().size();
    }

    /**
     * Erases what an entrepreneur gave, physically: contact, transcript and reason of their
     * cases are blanked (the reason becomes {@link ForgottenCases#NEUTRAL_REASON}), the link to
     * the entrepreneur is removed, and their open or claimed cases are cancelled. The case
     * number, dates, theme, adviser and events stay, for the CCI's records.
     */
    ForgottenCases eraseEntrepreneur(String entrepreneurId);

    /** Blanks contact and transcript of closed cases created before the cutoff. Returns how many. */
    int purgeClosedBefore(Instant cutoff);

    @Override
    void close();
}
