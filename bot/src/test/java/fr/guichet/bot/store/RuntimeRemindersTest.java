package fr.guichet.bot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.handoff.AdviserNotifier;
import fr.guichet.bot.handoff.CaseEvent;
import fr.guichet.bot.handoff.CaseListing;
import fr.guichet.bot.handoff.CaseState;
import fr.guichet.bot.handoff.ForgottenCases;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.handoff.HandoffStore;
import fr.guichet.bot.handoff.NewCase;
import fr.guichet.bot.handoff.ReminderService;
import fr.guichet.bot.handoff.TranscriptLine;
import fr.guichet.bot.handoff.WorkingHours;
import fr.guichet.knowledge.catalogue.Adviser;
import fr.guichet.knowledge.catalogue.Theme;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reminders from several processes on one data directory: each step applies only to a case
 * still open at that moment, and only the process holding the lease runs them. Two
 * {@link Database}s on the same directory stand for two processes.
 */
class RuntimeRemindersTest {
    static final Instant CREATED = paris("2026-03-10T10:00"); // a Tuesday
    static final Instant REMINDER_DUE = paris("2026-03-10T16:00");
    static final Instant ESCALATION_DUE = paris("2026-03-11T11:30");
    static final Duration TTL = Duration.ofMinutes(3);

    static final Adviser A = adviser("adv-a", "adv-b");
    static final Adviser B = adviser("adv-b", "adv-c");
    static final Map<String, Adviser> ADVISERS = Map.of("adv-a", A, "adv-b", B);

    @TempDir
    Path data;
    final MutableClock clock = new MutableClock(CREATED, WorkingHours.PARIS);
    Database bot;
    Database beside;
    final List<String> sent = new CopyOnWriteArrayList<>();

    static Instant paris(String local) {
        return LocalDateTime.parse(local).atZone(WorkingHours.PARIS).toInstant();
    }

    static Adviser adviser(String id, String backup) {
        return new Adviser(id, "Conseiller " + id, "Conseiller création", List.of(Theme.CREATION), List.of(), null,
                id + "@cci.example", null, backup);
    }

    @BeforeEach
    void open() {
        bot = new Database(data);
        beside = new Database(data);
    }

    @AfterEach
    void close() {
        bot.close();
        beside.close();
    }

    /** Records what each process sends, named by the process. */
    AdviserNotifier notifier(String process) {
        return new AdviserNotifier() {
            @Override
            public void caseOpened(HandoffCase c, Adviser adviser) {
            }

            @Override
            public void reminder(HandoffCase c, Adviser adviser) {
                sent.add(process + " reminder " + c.id() + " " + adviser.id());
            }

            @Override
            public void escalated(HandoffCase c, Adviser backup) {
                sent.add(process + " escalation " + c.id() + " " + backup.id());
            }
        };
    }

    ReminderService service(HandoffStore store, String process, ReminderService.Lease lease) {
        return new ReminderService(store, () -> ADVISERS, notifier(process), WorkingHours.cci(), Duration.ofHours(4), clock,
                c -> true, lease);
    }

    HandoffCase newCase(HandoffStore store) {
        return store.create(new NewCase("ent-1", null, Theme.CREATION, "adv-a", "adv-b", "rendez-vous",
                List.of(new TranscriptLine(CREATED, TranscriptLine.ENTREPRENEUR, "Bonjour")), List.of()));
    }

    // ---- one conditional statement ---------------------------------------------------------------

    @Test
    void aCaseClaimedBetweenTheListingAndTheReminderIsNotReminded() {
        SqliteHandoffStore store = new SqliteHandoffStore(bot, clock);
        SqliteHandoffStore adviserSide = new SqliteHandoffStore(beside, clock);
        HandoffCase c = newCase(store);
        clock.set(REMINDER_DUE);
        // the adviser claims the case (from « cases claim », another process) just after the bot listed it
        HandoffStore racing = claimingAfterListing(store, open -> adviserSide.claim(c.id(), "adv-a", "adv-b", "adv-a"));
        assertEquals(0, service(racing, "bot", ReminderService.Lease.ALWAYS).tick());
        assertEquals(List.of(), sent);
        HandoffCase after = store.find(c.id()).orElseThrow();
        assertEquals(CaseState.CLAIMED, after.state());
        assertNull(after.lastEvent(CaseEvent.REMINDED), "nothing recorded for a claimed case");
    }

    @Test
    void aCaseClaimedBetweenTheListingAndTheEscalationStaysWithItsAdviser() {
        SqliteHandoffStore store = new SqliteHandoffStore(bot, clock);
        SqliteHandoffStore adviserSide = new SqliteHandoffStore(beside, clock);
        HandoffCase c = newCase(store);
        clock.set(REMINDER_DUE);
        assertEquals(1, service(store, "bot", ReminderService.Lease.ALWAYS).tick());
        clock.set(ESCALATION_DUE);
        HandoffStore racing = claimingAfterListing(store, open -> adviserSide.claim(c.id(), "adv-a", "adv-b", "adv-a"));
        assertEquals(0, service(racing, "bot", ReminderService.Lease.ALWAYS).tick());
        assertEquals(List.of("bot reminder " + c.id() + " adv-a"), sent);
        HandoffCase after = store.find(c.id()).orElseThrow();
        assertEquals("adv-a", after.adviserId(), "not passed to the backup");
        assertEquals(CaseState.CLAIMED, after.state());
        assertNull(after.lastEvent(CaseEvent.ESCALATED));
        assertNull(after.lastEvent(CaseEvent.REASSIGNED));
    }

    @Test
    void twoProcessesWithoutALeaseStillRemindACaseOnce() {
        SqliteHandoffStore first = new SqliteHandoffStore(bot, clock);
        SqliteHandoffStore second = new SqliteHandoffStore(beside, clock);
        HandoffCase c = newCase(first);
        clock.set(REMINDER_DUE);
        // both listed the case as due before either acted
        HandoffStore firstListed = claimingAfterListing(first, open -> { });
        ReminderService one = service(firstListed, "one", ReminderService.Lease.ALWAYS);
        ReminderService two = service(claimingAfterListing(second, open -> one.tick()), "two", ReminderService.Lease.ALWAYS);
        two.tick();
        assertEquals(List.of("one reminder " + c.id() + " adv-a"), sent, "the second process's step did not apply");
        assertEquals(1, first.find(c.id()).orElseThrow().events().stream()
                .filter(e -> e.action().equals(CaseEvent.REMINDED)).count());
    }

    // ---- one process per data directory ----------------------------------------------------------

    @Test
    void onlyTheLeaseHolderRemindsAndAnotherTakesOverWhenItGoesStale() {
        SqliteHandoffStore botStore = new SqliteHandoffStore(bot, clock);
        SqliteHandoffStore otherStore = new SqliteHandoffStore(beside, clock);
        SqliteLease botLease = new SqliteLease(bot, SqliteLease.REMINDERS, "bot", SqliteLease.ALL_CASES, TTL, clock);
        SqliteLease otherLease = new SqliteLease(beside, SqliteLease.REMINDERS, "other", SqliteLease.ALL_CASES, TTL, clock);
        ReminderService botReminders = service(botStore, "bot", botLease);
        ReminderService otherReminders = service(otherStore, "other", otherLease);
        HandoffCase first = newCase(botStore);

        clock.set(REMINDER_DUE);
        botReminders.tick();
        otherReminders.tick();
        botReminders.tick();
        otherReminders.tick();
        assertEquals(List.of("bot reminder " + first.id() + " adv-a"), sent, "one round, from the holder");

        // the bot dies without giving the lease back: the other waits for it to go stale
        clock.advance(Duration.ofMinutes(2));
        assertFalse(otherLease.hold());
        clock.set(ESCALATION_DUE);
        assertEquals(1, otherReminders.tick(), "stale: taken over");
        assertEquals("other escalation " + first.id() + " adv-b", sent.get(1));
        assertFalse(botLease.hold(), "the old holder, back, does not take it again while it is renewed");
        clock.advance(Duration.ofMinutes(1));
        assertTrue(otherLease.hold());
    }

    @Test
    void aReleasedLeaseIsTakenAtOnceAndTheBotTakesOverFromAConsoleChat() {
        SqliteLease chat = new SqliteLease(beside, SqliteLease.REMINDERS, "chat", SqliteLease.OWN_SESSION, TTL, clock);
        SqliteLease botLease = new SqliteLease(bot, SqliteLease.REMINDERS, "bot", SqliteLease.ALL_CASES, TTL, clock);
        SqliteLease secondChat = new SqliteLease(beside, SqliteLease.REMINDERS, "chat-2", SqliteLease.OWN_SESSION, TTL, clock);
        assertTrue(chat.hold(), "alone: the chat chases its own session's cases");
        assertFalse(secondChat.hold(), "another chat waits");
        assertTrue(botLease.hold(), "the bot, which chases every case, takes over from a chat");
        assertFalse(chat.hold(), "and the chat stops");
        assertTrue(botLease.hold());
        botLease.release();
        assertTrue(chat.hold(), "released: taken at once, without waiting for it to go stale");
    }

    /**
     * The store, whose listing of open cases is followed by {@code meanwhile} (another process
     * acting on the cases just listed) before the service acts.
     */
    static HandoffStore claimingAfterListing(SqliteHandoffStore store, Consumer<List<HandoffCase>> meanwhile) {
        return new HandoffStore() {
            @Override
            public List<HandoffCase> list(Set<CaseState> states) {
                List<HandoffCase> listed = store.list(states);
                meanwhile.accept(listed);
                return listed;
            }

            @Override
            public CaseListing listing(Set<CaseState> states) {
                return store.listing(states);
            }

            @Override
            public HandoffCase create(NewCase newCase) {
                return store.create(newCase);
            }

            @Override
            public Optional<HandoffCase> find(String id) {
                return store.find(id);
            }

            @Override
            public HandoffCase transition(String id, CaseState to, String actor) {
                return store.transition(id, to, actor);
            }

            @Override
            public HandoffCase reassign(String id, String adviserId, String backupId, String actor) {
                return store.reassign(id, adviserId, backupId, actor);
            }

            @Override
            public HandoffCase record(String id, CaseEvent event) {
                return store.record(id, event);
            }

            @Override
            public Optional<HandoffCase> recordIfOpen(String id, CaseEvent event) {
                return store.recordIfOpen(id, event);
            }

            @Override
            public Optional<HandoffCase> escalateIfOpen(String id, String from, String to, String backup, CaseEvent event) {
                return store.escalateIfOpen(id, from, to, backup, event);
            }

            @Override
            public List<HandoffCase> byEntrepreneur(String entrepreneurId) {
                return store.byEntrepreneur(entrepreneurId);
            }

            @Override
            public ForgottenCases eraseEntrepreneur(String entrepreneurId) {
                return store.eraseEntrepreneur(entrepreneurId);
            }

            @Override
            public int purgeClosedBefore(Instant cutoff) {
                return store.purgeClosedBefore(cutoff);
            }

            @Override
            public void close() {
            }
        };
    }
}
