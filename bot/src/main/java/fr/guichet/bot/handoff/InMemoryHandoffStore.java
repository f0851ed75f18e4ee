package fr.guichet.bot.handoff;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * Cases kept in memory only, gone with the process: for evaluations and dry runs, which must
 * leave no file behind, and for tests. Same life cycle as the SQLite store.
 */
public final class InMemoryHandoffStore implements HandoffStore {
    private static final String ACTOR = "guichet";

    private final Clock clock;
    private final Map<String, HandoffCase> cases = new LinkedHashMap<>();
    private long last;

    public InMemoryHandoffStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized HandoffCase create(NewCase n) {
        Instant now = clock.instant();
        String id = String.format(Locale.ROOT, "D-%04d-%06d", now.atZone(java.time.ZoneId.of("Europe/Paris")).getYear(), ++last);
        HandoffCase c = new HandoffCase(id, now, CaseState.OPEN, n.entrepreneurId(), n.contact(), n.theme(), n.adviserId(),
                n.backupId(), n.reason(), n.transcript(), n.entryIds(),
                List.of(new CaseEvent(now, CaseEvent.CREATED, ACTOR, n.adviserId())));
        cases.put(id, c);
        return c;
    }

    @Override
    public synchronized Optional<HandoffCase> find(String id) {
        return Optional.ofNullable(cases.get(id));
    }

    @Override
    public synchronized List<HandoffCase> list(Set<CaseState> states) {
        return cases.values().stream().filter(c -> states.contains(c.state())).toList();
    }

    @Override
    public synchronized HandoffCase transition(String id, CaseState to, String actor) {
        HandoffCase c = get(id);
        if (c.state().isClosed() || c.state() == to || to == CaseState.OPEN
                || (c.state() == CaseState.CLAIMED && to == CaseState.CLAIMED)) {
            throw new IllegalStateException("Le dossier " + id + " est " + c.state().label()
                    + " : il ne peut pas passer à l'état « " + to.label() + " ».");
        }
        return put(with(c, to, c.adviserId(), c.backupId(), event(c, to.name().toLowerCase(Locale.ROOT), actor,
                c.state() + " -> " + to)));
    }

    @Override
    public synchronized HandoffCase reassign(String id, String adviserId, String backupId, String actor) {
        HandoffCase c = get(id);
        if (c.state().isClosed()) {
            throw new IllegalStateException("Le dossier " + id + " est déjà " + c.state().label() + " : il ne peut plus être réassigné.");
        }
        return put(with(c, c.state(), adviserId, backupId, event(c, CaseEvent.REASSIGNED, actor, c.adviserId() + " -> " + adviserId)));
    }

    @Override
    public synchronized HandoffCase record(String id, CaseEvent event) {
        HandoffCase c = get(id);
        List<CaseEvent> events = new ArrayList<>(c.events());
        events.add(event);
        return put(with(c, c.state(), c.adviserId(), c.backupId(), events));
    }

    /** Atomic here: the whole store is one lock. */
    @Override
    public synchronized Optional<HandoffCase> recordIfOpen(String id, CaseEvent event) {
        return HandoffStore.super.recordIfOpen(id, event);
    }

    @Override
    public synchronized Optional<HandoffCase> escalateIfOpen(String id, String fromAdviserId, String toAdviserId,
                                                             String newBackupId, CaseEvent event) {
        return HandoffStore.super.escalateIfOpen(id, fromAdviserId, toAdviserId, newBackupId, event);
    }

    @Override
    public synchronized List<HandoffCase> byEntrepreneur(String entrepreneurId) {
        return cases.values().stream().filter(c -> entrepreneurId.equals(c.entrepreneurId())).toList();
    }

    @Override
    public synchronized ForgottenCases eraseEntrepreneur(String entrepreneurId) {
        List<HandoffCase> erased = new ArrayList<>();
        List<String> cancelled = new ArrayList<>();
        List<String> hadContact = new ArrayList<>();
        for (HandoffCase c : byEntrepreneur(entrepreneurId)) {
            if (c.contact() != null) {
                hadContact.add(c.id());
            }
            List<CaseEvent> events = new ArrayList<>(c.events());
            CaseState state = c.state();
            if (!state.isClosed()) {
                events.add(new CaseEvent(clock.instant(), CaseEvent.CANCELLED, ForgottenCases.ACTOR, state + " -> CANCELLED"));
                cancelled.add(c.id());
                state = CaseState.CANCELLED;
            }
            events.add(new CaseEvent(clock.instant(), CaseEvent.FORGOTTEN, ForgottenCases.ACTOR, null));
            erased.add(put(new HandoffCase(c.id(), c.createdAt(), state, null, null, c.theme(), c.adviserId(), c.backupId(),
                    ForgottenCases.NEUTRAL_REASON, List.of(), c.entryIds(), events)));
        }
        return new ForgottenCases(erased, cancelled, hadContact);
    }

    @Override
    public synchronized int purgeClosedBefore(Instant cutoff) {
        int n = 0;
        for (HandoffCase c : List.copyOf(cases.values())) {
            if (c.state().isClosed() && c.createdAt().isBefore(cutoff) && (c.contact() != null || !c.transcript().isEmpty())) {
                put(new HandoffCase(c.id(), c.createdAt(), c.state(), c.entrepreneurId(), null, c.theme(), c.adviserId(),
                        c.backupId(), c.reason(), List.of(), c.entryIds(), c.events()));
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
    }

    private HandoffCase get(String id) {
        HandoffCase c = cases.get(id);
        if (c == null) {
            throw new NoSuchElementException("Aucun dossier « " + id + " ».");
        }
        return c;
    }

    private HandoffCase put(HandoffCase c) {
        cases.put(c.id(), c);
        return c;
    }

    private List<CaseEvent> event(HandoffCase c, String action, String actor, String detail) {
        List<CaseEvent> events = new ArrayList<>(c.events());
        events.add(new CaseEvent(clock.instant(), action, actor, detail));
        return events;
    }

    private static HandoffCase with(HandoffCase c, CaseState state, String adviser, String backup, List<CaseEvent> events) {
        return new HandoffCase(c.id(), c.createdAt(), state, c.entrepreneurId(), c.contact(), c.theme(), adviser, backup,
                c.reason(), c.transcript(), c.entryIds(), events);
    }
}
