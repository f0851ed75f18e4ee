package fr.guichet.bot.handoff;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import fr.guichet.bot.store.Database;
import fr.guichet.bot.store.MutableClock;
import fr.guichet.bot.store.SqliteHandoffStore;
import fr.guichet.knowledge.catalogue.Adviser;
import fr.guichet.knowledge.catalogue.Theme;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class ReminderServiceTest {

    /** Tuesday 10:00 in Paris: reminder due at 16:00, escalation on Wednesday at 11:30. */
    static final Instant CREATED = paris("2026-03-10T10:00");
    static final Instant REMINDER_DUE = paris("2026-03-10T16:00");
    static final Instant ESCALATION_DUE = paris("2026-03-11T11:30");

    static final Adviser A = adviser("adv-a", "adv-b");
    static final Adviser B = adviser("adv-b", "adv-c");
    static final Adviser C = adviser("adv-c", null);

    @TempDir
    Path tmp;
    @Mock
    AdviserNotifier notifier;

    MutableClock clock;
    Database db;
    SqliteHandoffStore store;
    ReminderService service;

    static Instant paris(String local) {
        return LocalDateTime.parse(local).atZone(WorkingHours.PARIS).toInstant();
    }

    static Adviser adviser(String id, String backup) {
        return new Adviser(id, "Conseiller " + id, "Conseiller création", List.of(Theme.CREATION), List.of("Béthune"),
                null, id + "@cci.example", null, backup);
    }

    @BeforeEach
    void open() {
        clock = new MutableClock(CREATED);
        db = new Database(tmp);
        store = new SqliteHandoffStore(db, clock);
        service = new ReminderService(store, Map.of("adv-a", A, "adv-b", B, "adv-c", C), notifier,
                WorkingHours.cci(), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    HandoffCase newCase(String adviserId, String backupId) {
        return store.create(new NewCase("ent-1", null, Theme.CREATION, adviserId, backupId, "besoin d'un rendez-vous",
                List.of(new TranscriptLine(CREATED, TranscriptLine.ENTREPRENEUR, "Bonjour")), List.of()));
    }

    HandoffCase stored(HandoffCase c) {
        return store.find(c.id()).orElseThrow();
    }

    @Test
    void remindsOnceThenEscalatesToTheBackupOnce() {
        HandoffCase c = newCase("adv-a", "adv-b");
        // What the database holds at the moment each notification goes out: store first, notify second.
        List<HandoffCase> storedWhenNotified = new ArrayList<>();
        doAnswer(inv -> storedWhenNotified.add(stored(inv.getArgument(0)))).when(notifier).reminder(any(), any());
        doAnswer(inv -> storedWhenNotified.add(stored(inv.getArgument(0)))).when(notifier).escalated(any(), any());

        clock.set(REMINDER_DUE.minusSeconds(60));
        assertEquals(0, service.tick());
        verifyNoInteractions(notifier);

        clock.set(REMINDER_DUE);
        assertEquals(1, service.tick());
        ArgumentCaptor<HandoffCase> reminded = ArgumentCaptor.forClass(HandoffCase.class);
        verify(notifier).reminder(reminded.capture(), eq(A));
        assertEquals(REMINDER_DUE, reminded.getValue().lastEvent(CaseEvent.REMINDED), "notified with the stored event");
        CaseEvent reminder = stored(c).events().get(1);
        assertEquals(new CaseEvent(REMINDER_DUE, CaseEvent.REMINDED, "guichet", "adv-a"), reminder);
        assertEquals(REMINDER_DUE, storedWhenNotified.get(0).lastEvent(CaseEvent.REMINDED));

        assertEquals(0, service.tick(), "idempotent");
        clock.set(ESCALATION_DUE.minusSeconds(60));
        assertEquals(0, service.tick());
        verifyNoMoreInteractions(notifier);

        clock.set(ESCALATION_DUE);
        assertEquals(1, service.tick());
        ArgumentCaptor<HandoffCase> escalated = ArgumentCaptor.forClass(HandoffCase.class);
        verify(notifier).escalated(escalated.capture(), eq(B));
        HandoffCase after = stored(c);
        assertEquals(after, escalated.getValue());
        assertEquals("adv-b", after.adviserId());
        assertEquals("adv-c", after.backupId(), "the backup's own backup");
        assertEquals(CaseState.OPEN, after.state());
        assertEquals(List.of(CaseEvent.CREATED, CaseEvent.REMINDED, CaseEvent.REASSIGNED, CaseEvent.ESCALATED),
                after.events().stream().map(CaseEvent::action).toList());
        assertEquals("guichet", after.events().get(2).actor());
        assertEquals(new CaseEvent(ESCALATION_DUE, CaseEvent.ESCALATED, "guichet", "adv-b"), after.events().get(3));
        assertEquals(after, storedWhenNotified.get(1), "reassignment and event stored before the backup is told");

        assertEquals(0, service.tick());
        clock.set(ESCALATION_DUE.plus(Duration.ofDays(10)));
        assertEquals(0, service.tick(), "no escalation beyond the backup");
        verifyNoMoreInteractions(notifier);
    }

    @Test
    void claimedAndClosedCasesAreLeftAlone() {
        HandoffCase claimed = newCase("adv-a", "adv-b");
        store.transition(claimed.id(), CaseState.CLAIMED, "adv-a");
        HandoffCase resolved = newCase("adv-a", "adv-b");
        store.transition(resolved.id(), CaseState.RESOLVED, "adv-a");

        clock.set(ESCALATION_DUE.plus(Duration.ofDays(3)));
        assertEquals(0, service.tick());
        assertEquals(0, service.tick());
        verifyNoInteractions(notifier);
        assertNull(stored(claimed).lastEvent(CaseEvent.REMINDED));
        assertNull(stored(resolved).lastEvent(CaseEvent.REMINDED));
    }

    @Test
    void aCaseClaimedAfterItsReminderIsNotEscalated() {
        HandoffCase c = newCase("adv-a", "adv-b");
        clock.set(REMINDER_DUE);
        assertEquals(1, service.tick());
        store.transition(c.id(), CaseState.CLAIMED, "adv-a");
        clock.set(ESCALATION_DUE.plus(Duration.ofHours(1)));
        assertEquals(0, service.tick());
        verify(notifier).reminder(any(), eq(A));
        verifyNoMoreInteractions(notifier);
        assertEquals("adv-a", stored(c).adviserId());
    }

    @Test
    void aFailingNotifierLosesNoEventAndDoesNotStopOtherCases() {
        HandoffCase failing = newCase("adv-a", "adv-b");
        HandoffCase fine = newCase("adv-a", "adv-b");
        lenient().doThrow(new IllegalStateException("Discord injoignable"))
                .when(notifier).reminder(argThat(h -> h != null && h.id().equals(failing.id())), any());

        clock.set(REMINDER_DUE);
        assertEquals(1, service.tick(), "only the successful notification counts");
        verify(notifier).reminder(argThat(h -> h.id().equals(failing.id())), eq(A));
        verify(notifier).reminder(argThat(h -> h.id().equals(fine.id())), eq(A));
        assertEquals(REMINDER_DUE, stored(failing).lastEvent(CaseEvent.REMINDED), "stored before notifying");
        assertEquals(REMINDER_DUE, stored(fine).lastEvent(CaseEvent.REMINDED));

        assertEquals(0, service.tick(), "not retried: the stored event says it is done");
        verify(notifier, times(2)).reminder(any(), any());

        lenient().doThrow(new IllegalStateException("Discord injoignable"))
                .when(notifier).escalated(argThat(h -> h != null && h.id().equals(failing.id())), any());
        clock.set(ESCALATION_DUE);
        assertEquals(1, service.tick());
        assertNotNull(stored(failing).lastEvent(CaseEvent.ESCALATED));
        assertEquals("adv-b", stored(failing).adviserId());
        assertEquals(0, service.tick());
        verify(notifier, times(2)).escalated(any(), eq(B));
    }

    @Test
    void withoutABackupTheEscalationIsRecordedButNobodyIsReassigned() {
        HandoffCase c = newCase("adv-c", null);
        clock.set(REMINDER_DUE);
        assertEquals(1, service.tick());
        verify(notifier).reminder(any(), eq(C));
        clock.set(ESCALATION_DUE);
        assertEquals(0, service.tick());
        HandoffCase after = stored(c);
        assertEquals("adv-c", after.adviserId());
        assertEquals(ESCALATION_DUE, after.lastEvent(CaseEvent.ESCALATED));
        assertNull(after.lastEvent(CaseEvent.REASSIGNED));
        assertEquals(0, service.tick());
        verifyNoMoreInteractions(notifier);
    }

    @Test
    void anAdviserMissingFromTheCatalogueStillLeadsToTheBackup() {
        HandoffCase c = newCase("adv-parti", "adv-b");
        clock.set(REMINDER_DUE);
        assertEquals(0, service.tick());
        assertEquals(REMINDER_DUE, stored(c).lastEvent(CaseEvent.REMINDED));
        clock.set(ESCALATION_DUE);
        assertEquals(1, service.tick());
        verify(notifier).escalated(any(), eq(B));
        verifyNoMoreInteractions(notifier);
    }

    @Test
    void anInterruptedEscalationIsCompletedWithoutReassigningTwice() {
        HandoffCase c = newCase("adv-a", "adv-b");
        clock.set(REMINDER_DUE);
        service.tick();
        // As if Guichet stopped between the reassignment and the escalation event.
        clock.set(ESCALATION_DUE);
        store.reassign(c.id(), "adv-b", "adv-c", "guichet");
        clock.set(ESCALATION_DUE.plusSeconds(60));
        assertEquals(1, service.tick());
        HandoffCase after = stored(c);
        assertEquals("adv-b", after.adviserId(), "not passed on again to adv-c");
        assertEquals(1, after.events().stream().filter(e -> e.action().equals(CaseEvent.REASSIGNED)).count());
        verify(notifier).escalated(any(), eq(B));
    }

    @Test
    void delaysCountWorkingHoursOnly() {
        clock.set(paris("2026-03-06T16:00")); // Friday
        HandoffCase c = newCase("adv-a", "adv-b");
        clock.set(paris("2026-03-09T11:29")); // Monday, 3h59 of working time later
        assertEquals(0, service.tick());
        clock.set(paris("2026-03-09T11:30"));
        assertEquals(1, service.tick());
        assertEquals(paris("2026-03-09T11:30"), stored(c).lastEvent(CaseEvent.REMINDED));
    }

    @Test
    void startTicksEveryMinuteAndSurvivesAFailingTick() {
        ScheduledExecutorService executor = mock(ScheduledExecutorService.class);
        service.start(executor);
        ArgumentCaptor<Runnable> task = ArgumentCaptor.forClass(Runnable.class);
        verify(executor).scheduleWithFixedDelay(task.capture(), eq(1L), eq(1L), eq(TimeUnit.MINUTES));

        newCase("adv-a", "adv-b");
        clock.set(REMINDER_DUE);
        task.getValue().run();
        verify(notifier).reminder(any(), eq(A));

        db.close(); // every store call now fails
        assertDoesNotThrow(() -> task.getValue().run(), "an exception would cancel the schedule");
    }
}
