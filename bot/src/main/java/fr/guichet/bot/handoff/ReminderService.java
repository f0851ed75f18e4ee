package fr.guichet.bot.handoff;

import fr.guichet.knowledge.catalogue.Adviser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chases open cases nobody has claimed. After {@code reminderDelay} of working time the
 * adviser holding the case gets a reminder; after the same delay again the case goes to their
 * backup (whose own backup becomes the new backup) and the backup is told.
 *
 * <p>Each step is stored first (event {@code reminded}, then reassignment and event
 * {@code escalated}, actor {@value #ACTOR}) and notified second: a case is never announced
 * before it is stored, and since the stored event is what says a step is done, a step happens
 * at most once even if the notifier fails (the failure is logged with the case id only) or
 * {@link #tick} runs again. There is no further escalation after the backup.
 *
 * <p>Listing the open cases only says which are due: each step applies through one conditional
 * statement ({@link HandoffStore#recordIfOpen}, {@link HandoffStore#escalateIfOpen}) that takes
 * effect only if the case is still open at that moment, so a case an adviser claims between
 * the listing and the step is neither reminded nor escalated. And only the process holding the
 * {@link Lease} of the data directory runs the steps at all: a {@code chat} or {@code cases}
 * started beside the bot never sends a second round.
 */
public final class ReminderService {

    public static final String ACTOR = "guichet";
    public static final Duration DEFAULT_REMINDER_DELAY = Duration.ofHours(4);

    private static final Logger LOG = LoggerFactory.getLogger(ReminderService.class);

    /**
     * The right to run reminders for a data directory, held by one process at a time (a row in
     * its database: the store's {@code SqliteLease}).
     */
    public interface Lease {
        /** Takes or renews the lease; false when another process holds it. */
        boolean hold();

        /** Gives it up, so another process can take it at once. */
        default void release() {
        }

        /** For a single process (tests, evaluations): always held. */
        Lease ALWAYS = () -> true;
    }

    private final HandoffStore store;
    private final Supplier<Map<String, Adviser>> advisers;
    private final AdviserNotifier notifier;
    private final WorkingHours hours;
    private final Duration reminderDelay;
    private final Clock clock;
    private final Predicate<HandoffCase> scope;
    private final Lease lease;

    public ReminderService(HandoffStore store, Map<String, Adviser> advisers, AdviserNotifier notifier,
                           WorkingHours hours, Duration reminderDelay, Clock clock) {
        this(store, advisers, notifier, hours, reminderDelay, clock, c -> true);
    }

    /**
     * @param scope the cases this service chases; the others are left to another process. The
     *              console chat chases only its own session's cases, so that it never shows a
     *              terminal user other entrepreneurs' cases and contacts.
     */
    public ReminderService(HandoffStore store, Map<String, Adviser> advisers, AdviserNotifier notifier,
                           WorkingHours hours, Duration reminderDelay, Clock clock, Predicate<HandoffCase> scope) {
        this(store, constant(advisers), notifier, hours, reminderDelay, clock, scope, Lease.ALWAYS);
    }

    /** With the default delay of four working hours. */
    public ReminderService(HandoffStore store, Map<String, Adviser> advisers, AdviserNotifier notifier,
                           WorkingHours hours, Clock clock) {
        this(store, advisers, notifier, hours, DEFAULT_REMINDER_DELAY, clock);
    }

    /**
     * @param advisers the advisers of the catalogue being served, read at each step (the catalogue
     *                 may be reloaded while Guichet runs)
     * @param lease    held by the one process of the data directory that runs reminders
     */
    public ReminderService(HandoffStore store, Supplier<Map<String, Adviser>> advisers, AdviserNotifier notifier,
                           WorkingHours hours, Duration reminderDelay, Clock clock, Predicate<HandoffCase> scope,
                           Lease lease) {
        this.scope = Objects.requireNonNull(scope, "scope");
        this.store = Objects.requireNonNull(store, "store");
        this.advisers = Objects.requireNonNull(advisers, "advisers");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.hours = Objects.requireNonNull(hours, "hours");
        if (reminderDelay.isNegative() || reminderDelay.isZero()) {
            throw new IllegalArgumentException("Le délai de relance doit être positif : " + reminderDelay);
        }
        this.reminderDelay = reminderDelay;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lease = Objects.requireNonNull(lease, "lease");
    }

    private static Supplier<Map<String, Adviser>> constant(Map<String, Adviser> advisers) {
        Map<String, Adviser> copy = Map.copyOf(advisers);
        return () -> copy;
    }

    /**
     * Runs {@link #tick} every minute (first run one minute from now, so the notifiers are
     * connected). A failing tick is logged and does not stop the schedule.
     */
    public ScheduledFuture<?> start(ScheduledExecutorService executor) {
        return executor.scheduleWithFixedDelay(this::safeTick, 1, 1, TimeUnit.MINUTES);
    }

    void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            // A thrown exception would silently cancel the schedule for good.
            LOG.error("Relance des dossiers impossible à ce tour : {}", e.getMessage());
        } catch (Error e) {
            // likewise; the next run may find memory again
            LOG.error("Relance des dossiers interrompue à ce tour : {}", e.getClass().getSimpleName());
        }
    }

    /**
     * Handles every open case once, if this process holds the lease. Synchronized so that two
     * overlapping calls of this process do not interleave. @return how many notifications were
     * sent successfully
     */
    public synchronized int tick() {
        if (!lease.hold()) {
            return 0;
        }
        Instant now = clock.instant();
        Map<String, Adviser> known = advisers.get();
        int sent = 0;
        for (HandoffCase c : store.list(EnumSet.of(CaseState.OPEN))) {
            if (!scope.test(c)) {
                continue;
            }
            try {
                sent += handle(c, now, known);
            } catch (RuntimeException e) {
                // Store errors on one case do not stop the others.
                LOG.warn("Relance du dossier {} impossible : {}", c.id(), e.getClass().getSimpleName());
            }
        }
        return sent;
    }

    /** Gives the lease up (at the end of the process). */
    public void release() {
        lease.release();
    }

    private int handle(HandoffCase c, Instant now, Map<String, Adviser> known) {
        Instant remindedAt = c.lastEvent(CaseEvent.REMINDED);
        if (remindedAt == null) {
            if (now.isBefore(hours.addWorkingTime(c.createdAt(), reminderDelay))) {
                return 0;
            }
            Adviser adviser = c.adviserId() == null ? null : known.get(c.adviserId());
            Optional<HandoffCase> stored = store.recordIfOpen(c.id(), new CaseEvent(now, CaseEvent.REMINDED, ACTOR,
                    adviser == null ? "conseiller inconnu du catalogue : " + c.adviserId() : c.adviserId()));
            if (stored.isEmpty()) {
                return 0; // claimed, closed or reminded since the listing
            }
            if (adviser == null) {
                LOG.warn("Dossier {} : son conseiller n'est plus dans le catalogue, pas de rappel ; il passera au suppléant.", c.id());
                return 0;
            }
            return notify(c.id(), "rappel enregistré mais non envoyé", () -> notifier.reminder(stored.get(), adviser));
        }
        if (c.lastEvent(CaseEvent.ESCALATED) != null
                || now.isBefore(hours.addWorkingTime(remindedAt, reminderDelay))) {
            return 0;
        }
        Optional<HandoffCase> stored;
        if (reassignedByUsSince(c, remindedAt)) {
            // a version before the one-transaction escalation stopped between reassignment and event
            stored = store.recordIfOpen(c.id(), new CaseEvent(now, CaseEvent.ESCALATED, ACTOR, c.adviserId()));
        } else {
            Adviser backup = c.backupId() == null ? null : known.get(c.backupId());
            if (backup == null) {
                if (store.recordIfOpen(c.id(), new CaseEvent(now, CaseEvent.ESCALATED, ACTOR,
                        "aucun suppléant connu" + (c.backupId() == null ? "" : " : " + c.backupId()))).isPresent()) {
                    LOG.warn("Dossier {} : aucun suppléant connu, le dossier reste à son conseiller.", c.id());
                }
                return 0;
            }
            stored = store.escalateIfOpen(c.id(), c.adviserId(), backup.id(), backup.backup(),
                    new CaseEvent(now, CaseEvent.ESCALATED, ACTOR, backup.id()));
        }
        if (stored.isEmpty()) {
            return 0; // claimed, closed, reassigned or escalated since the listing
        }
        Adviser backup = known.get(stored.get().adviserId());
        if (backup == null) {
            return 0;
        }
        return notify(c.id(), "escalade enregistrée mais non envoyée", () -> notifier.escalated(stored.get(), backup));
    }

    private static boolean reassignedByUsSince(HandoffCase c, Instant since) {
        return c.events().stream().anyMatch(e -> e.action().equals(CaseEvent.REASSIGNED)
                && ACTOR.equals(e.actor()) && !e.at().isBefore(since));
    }

    private static int notify(String caseId, String what, Runnable notification) {
        try {
            notification.run();
            return 1;
        } catch (RuntimeException e) {
            // The event is stored: this step will not be retried. Case id only, no personal data.
            LOG.warn("Dossier {} : {} ({}).", caseId, what, e.getClass().getSimpleName());
            return 0;
        }
    }
}
