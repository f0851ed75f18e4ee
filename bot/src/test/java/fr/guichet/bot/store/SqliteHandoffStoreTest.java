package fr.guichet.bot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.handoff.CaseEvent;
import fr.guichet.bot.handoff.CaseState;
import fr.guichet.bot.handoff.Contact;
import fr.guichet.bot.handoff.ForgottenCases;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.handoff.NewCase;
import fr.guichet.bot.handoff.StoreException;
import fr.guichet.bot.handoff.TranscriptLine;
import fr.guichet.knowledge.catalogue.Theme;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqliteHandoffStoreTest {

    static final Instant T0 = Instant.parse("2026-03-10T09:15:00.123456789Z");

    @TempDir
    Path tmp;

    MutableClock clock;
    Database db;
    SqliteHandoffStore store;

    @BeforeEach
    void open() {
        clock = new MutableClock(T0, java.time.ZoneId.of("Europe/Paris")); // case ids take the year of the clock's zone
        db = new Database(tmp);
        store = new SqliteHandoffStore(db, clock);
    }

    @AfterEach
    void close() {
        store.close();
        db.close();
    }

    static NewCase newCase(String entrepreneurId) {
        return new NewCase(entrepreneurId,
                new Contact("Camille Martin", "Boulangerie Martin", "06 12 34 56 78", true),
                Theme.FINANCEMENT, "adv-a", "adv-b", "Demande de prêt d'honneur",
                List.of(new TranscriptLine(T0.minusSeconds(60), TranscriptLine.ENTREPRENEUR, "Je cherche un prêt « d'honneur »\npour ma boulangerie."),
                        new TranscriptLine(T0.minusNanos(1), TranscriptLine.GUICHET, "Voici ce que je peux vous proposer.")),
                List.of("initiative-bethune", "reseau-entreprendre"));
    }

    private String rawColumn(String id, String column) {
        return db.read("test", c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT " + column + " FROM cases WHERE id = '" + id + "'")) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    // ---------------------------------------------------------------- persistence

    @Test
    void aCaseSurvivesClosingAndReopeningTheFile() {
        HandoffCase created = store.create(newCase("ent-1"));
        clock.advance(Duration.ofMinutes(5));
        HandoffCase claimed = store.transition(created.id(), CaseState.CLAIMED, "adv-a");
        db.close();

        try (Database reopened = new Database(tmp)) {
            SqliteHandoffStore again = new SqliteHandoffStore(reopened, clock);
            HandoffCase found = again.find(created.id()).orElseThrow();
            assertEquals(claimed, found);
            assertEquals(T0, found.createdAt());
            assertEquals(CaseState.CLAIMED, found.state());
            assertEquals("ent-1", found.entrepreneurId());
            assertEquals(new Contact("Camille Martin", "Boulangerie Martin", "06 12 34 56 78", true), found.contact());
            assertEquals(Theme.FINANCEMENT, found.theme());
            assertEquals("adv-a", found.adviserId());
            assertEquals("adv-b", found.backupId());
            assertEquals("Demande de prêt d'honneur", found.reason());
            assertEquals(newCase("ent-1").transcript(), found.transcript());
            assertEquals(List.of("initiative-bethune", "reseau-entreprendre"), found.entryIds());
            assertEquals(List.of(
                    new CaseEvent(T0, CaseEvent.CREATED, SqliteHandoffStore.SYSTEM_ACTOR, "adv-a"),
                    new CaseEvent(T0.plus(Duration.ofMinutes(5)), CaseEvent.CLAIMED, "adv-a", "OPEN -> CLAIMED")),
                    found.events());
        }
        db = new Database(tmp); // for @AfterEach
    }

    @Test
    void createReturnsWhatIsStored() {
        HandoffCase created = store.create(newCase("ent-1"));
        assertEquals(created, store.find(created.id()).orElseThrow());
        assertEquals(CaseState.OPEN, created.state());
        assertEquals(1, created.events().size());
    }

    @Test
    void idsFollowTheYearAndStayUniqueAcrossRestarts() {
        assertEquals("D-2026-000001", store.create(newCase("e")).id());
        assertEquals("D-2026-000002", store.create(newCase("e")).id());
        db.close();
        db = new Database(tmp);
        store = new SqliteHandoffStore(db, clock);
        assertEquals("D-2026-000003", store.create(newCase("e")).id());
        clock.set(Instant.parse("2026-12-31T23:30:00Z")); // already 2027 in Paris
        assertEquals("D-2027-000001", store.create(newCase("e")).id());
        clock.set(Instant.parse("2026-06-01T10:00:00Z")); // a clock set back does not reuse a number
        assertEquals("D-2026-000004", store.create(newCase("e")).id());
    }

    @Test
    void noContactIsStoredWithoutConsentOrWhenAbsent() {
        NewCase refused = new NewCase("e", new Contact("Nom", "Société", "0600000000", false), null, "adv-a", null,
                "raison", List.of(), List.of());
        HandoffCase stored = store.create(refused);
        assertNull(stored.contact());
        assertNull(stored.theme());
        assertNull(rawColumn(stored.id(), "contact"), "nothing of the contact reaches the file");
        assertNotNull(rawColumn(store.create(newCase("e")).id(), "contact"));
    }

    @Test
    void listGivesTheRequestedStatesOldestFirst() {
        HandoffCase late = store.create(newCase("e1"));
        clock.set(T0.minus(Duration.ofHours(1))); // created later but dated earlier
        HandoffCase early = store.create(newCase("e2"));
        clock.set(T0.plus(Duration.ofHours(1)));
        HandoffCase claimed = store.create(newCase("e3"));
        store.transition(claimed.id(), CaseState.CLAIMED, "adv-a");
        HandoffCase resolved = store.create(newCase("e4"));
        store.transition(resolved.id(), CaseState.RESOLVED, "adv-a");

        assertEquals(List.of(early.id(), late.id()), ids(store.list(EnumSet.of(CaseState.OPEN))));
        assertEquals(List.of(early.id(), late.id(), claimed.id()),
                ids(store.list(EnumSet.of(CaseState.OPEN, CaseState.CLAIMED))));
        assertEquals(List.of(resolved.id()), ids(store.list(EnumSet.of(CaseState.RESOLVED, CaseState.CANCELLED))));
        assertEquals(List.of(), store.list(EnumSet.noneOf(CaseState.class)));
        assertEquals(4, store.list(EnumSet.allOf(CaseState.class)).size());
        // each listed case carries its own events only
        HandoffCase listedClaimed = store.list(EnumSet.of(CaseState.CLAIMED)).get(0);
        assertEquals(List.of(CaseEvent.CREATED, CaseEvent.CLAIMED), listedClaimed.events().stream().map(CaseEvent::action).toList());
    }

    @Test
    void byEntrepreneurGivesTheirCasesOnlyOldestFirst() {
        HandoffCase a = store.create(newCase("e1"));
        clock.advance(Duration.ofMinutes(1));
        store.create(newCase("e2"));
        clock.advance(Duration.ofMinutes(1));
        HandoffCase b = store.create(newCase("e1"));
        store.transition(b.id(), CaseState.CANCELLED, "e1");
        assertEquals(List.of(a.id(), b.id()), ids(store.byEntrepreneur("e1")));
        assertEquals(List.of(), store.byEntrepreneur("nobody"));
    }

    @Test
    void findOfAnUnknownIdIsEmpty() {
        assertTrue(store.find("D-2026-999999").isEmpty());
    }

    // ---------------------------------------------------------------- life cycle

    @ParameterizedTest
    @CsvSource({
        "CLAIMED,",
        "RESOLVED,",
        "CANCELLED,",
        "CLAIMED,RESOLVED",
        "CLAIMED,CANCELLED",
    })
    void allowedTransitionsAreStoredWithActorAndTime(CaseState first, CaseState second) {
        HandoffCase c = store.create(newCase("e"));
        clock.advance(Duration.ofMinutes(10));
        HandoffCase after = store.transition(c.id(), first, "adv-a");
        assertEquals(first, after.state());
        CaseEvent last = after.events().get(after.events().size() - 1);
        assertEquals(new CaseEvent(T0.plus(Duration.ofMinutes(10)), first.name().toLowerCase(), "adv-a", "OPEN -> " + first), last);
        if (second != null) {
            clock.advance(Duration.ofMinutes(10));
            after = store.transition(c.id(), second, "adv-b");
            assertEquals(second, after.state());
            assertEquals(new CaseEvent(T0.plus(Duration.ofMinutes(20)), second.name().toLowerCase(), "adv-b",
                    first + " -> " + second), after.events().get(2));
        }
        assertEquals(after, store.find(c.id()).orElseThrow());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CLAIMED|OPEN|est pris en charge : il ne peut pas revenir à l'état « ouvert ».",
        "OPEN|OPEN|est déjà ouvert.",
        "CLAIMED|CLAIMED|est déjà pris en charge.",
        "RESOLVED|CLAIMED|est déjà clos : il ne peut plus passer à l'état « pris en charge ».",
        "RESOLVED|OPEN|est déjà clos : il ne peut plus passer à l'état « ouvert ».",
        "RESOLVED|CANCELLED|est déjà clos : il ne peut plus passer à l'état « annulé ».",
        "CANCELLED|RESOLVED|est déjà annulé : il ne peut plus passer à l'état « clos ».",
        "CANCELLED|CLAIMED|est déjà annulé : il ne peut plus passer à l'état « pris en charge ».",
    })
    void forbiddenTransitionsAreRefusedInFrenchAndChangeNothing(CaseState from, CaseState to, String message) {
        HandoffCase c = store.create(newCase("e"));
        if (from != CaseState.OPEN) {
            store.transition(c.id(), from, "adv-a");
        }
        HandoffCase before = store.find(c.id()).orElseThrow();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.transition(c.id(), to, "adv-b"));
        assertEquals("Le dossier " + c.id() + " " + message, e.getMessage());
        assertEquals(before, store.find(c.id()).orElseThrow(), "neither state nor events changed");
    }

    @Test
    void unknownIdsAreNoSuchElement() {
        NoSuchElementException e = assertThrows(NoSuchElementException.class,
                () -> store.transition("D-2026-424242", CaseState.CLAIMED, "adv-a"));
        assertEquals("Aucun dossier « D-2026-424242 ».", e.getMessage());
        assertThrows(NoSuchElementException.class, () -> store.reassign("D-2026-424242", "x", null, "adv-a"));
        assertThrows(NoSuchElementException.class,
                () -> store.record("D-2026-424242", new CaseEvent(T0, CaseEvent.REMINDED, "guichet", null)));
        int events = db.read("test", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM case_events")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertEquals(0, events, "no orphan event written");
    }

    @Test
    void aMissingActorIsRefused() {
        HandoffCase c = store.create(newCase("e"));
        assertThrows(IllegalArgumentException.class, () -> store.transition(c.id(), CaseState.CLAIMED, " "));
        assertThrows(IllegalArgumentException.class, () -> store.reassign(c.id(), "adv-c", null, null));
        assertEquals(CaseState.OPEN, store.find(c.id()).orElseThrow().state());
    }

    @Test
    void reassignChangesAdviserAndBackupAndRecordsTheActor() {
        HandoffCase c = store.create(newCase("e"));
        store.transition(c.id(), CaseState.CLAIMED, "adv-a");
        clock.advance(Duration.ofHours(2));
        HandoffCase after = store.reassign(c.id(), "adv-b", "adv-c", "responsable-pole");
        assertEquals("adv-b", after.adviserId());
        assertEquals("adv-c", after.backupId());
        assertEquals(CaseState.CLAIMED, after.state(), "reassignment keeps the state");
        assertEquals(new CaseEvent(T0.plus(Duration.ofHours(2)), CaseEvent.REASSIGNED, "responsable-pole", "adv-a -> adv-b"),
                after.events().get(after.events().size() - 1));
        assertEquals(after, store.find(c.id()).orElseThrow());

        store.transition(c.id(), CaseState.RESOLVED, "adv-b");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> store.reassign(c.id(), "adv-a", null, "responsable-pole"));
        assertEquals("Le dossier " + c.id() + " est déjà clos : il ne peut plus être réassigné.", e.getMessage());
    }

    @Test
    void recordAppendsAnEventWithItsOwnTimeAndKeepsTheState() {
        HandoffCase c = store.create(newCase("e"));
        Instant at = T0.plus(Duration.ofHours(4));
        HandoffCase after = store.record(c.id(), new CaseEvent(at, CaseEvent.REMINDED, "guichet", "adv-a"));
        assertEquals(CaseState.OPEN, after.state());
        assertEquals(at, after.lastEvent(CaseEvent.REMINDED));
        assertEquals(2, store.find(c.id()).orElseThrow().events().size());
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void concurrentWritersGetDistinctIdsAllFoundAfterReopen() throws Exception {
        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String entrepreneur = "ent-" + t;
            Callable<List<String>> job = () -> {
                start.await();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    ids.add(store.create(newCase(entrepreneur)).id());
                    store.find(ids.get(ids.size() - 1)).orElseThrow(); // reads interleaved with writes
                }
                return ids;
            };
            futures.add(pool.submit(job));
        }
        start.countDown();
        Set<String> ids = new HashSet<>();
        for (Future<List<String>> f : futures) {
            ids.addAll(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(threads * perThread, ids.size(), "200 distinct ids");

        db.close();
        db = new Database(tmp);
        store = new SqliteHandoffStore(db, clock);
        for (String id : ids) {
            assertTrue(store.find(id).isPresent(), id);
        }
        assertEquals(threads * perThread, store.list(EnumSet.of(CaseState.OPEN)).size());
        for (int t = 0; t < threads; t++) {
            assertEquals(perThread, store.byEntrepreneur("ent-" + t).size());
        }
    }

    // ---------------------------------------------------------------- failures

    @Test
    void aFullDiskFailsLoudlyAndWritesNothing() {
        String big = "x".repeat(200_000);
        NewCase huge = new NewCase("e", null, Theme.CREATION, "adv-a", null, "raison",
                List.of(new TranscriptLine(T0, TranscriptLine.ENTREPRENEUR, big)), List.of());
        // Cap the file at its current size: SQLite then answers SQLITE_FULL, as on a full disk.
        db.read("test", c -> {
            try (Statement s = c.createStatement()) {
                int pages;
                try (ResultSet rs = s.executeQuery("PRAGMA page_count")) {
                    rs.next();
                    pages = rs.getInt(1);
                }
                s.execute("PRAGMA max_page_count = " + pages);
            }
            return null;
        });
        StoreException e = assertThrows(StoreException.class, () -> store.create(huge));
        assertEquals("Impossible d'enregistrer le nouveau dossier (base " + db.file() + ") : disque plein.", e.getMessage());

        db.read("test", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA max_page_count = 1073741823");
            }
            return null;
        });
        assertEquals(List.of(), store.list(EnumSet.allOf(CaseState.class)), "nothing half-written");
        assertEquals("D-2026-000001", store.create(huge).id(), "the failed attempt used no number");
    }

    @Test
    void aReadOnlyDatabaseFailsLoudly() {
        db.read("test", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA query_only = 1");
            }
            return null;
        });
        StoreException e = assertThrows(StoreException.class, () -> store.create(newCase("e")));
        assertTrue(e.getMessage().startsWith("Impossible d'enregistrer le nouveau dossier (base " + db.file() + ") : "),
                e.getMessage());
        assertTrue(e.getMessage().contains("lecture seule"), e.getMessage());
    }

    @Test
    void aStoreThatOpenedItsDatabaseClosesIt() {
        Path other = tmp.resolve("other");
        HandoffCase c;
        try (SqliteHandoffStore own = SqliteHandoffStore.open(other, clock)) {
            c = own.create(newCase("e"));
            own.close();
            StoreException e = assertThrows(StoreException.class, () -> own.find(c.id()));
            assertTrue(e.getMessage().contains("est fermée"), e.getMessage());
        }
        try (SqliteHandoffStore own = SqliteHandoffStore.open(other, clock)) {
            assertEquals(c, own.find(c.id()).orElseThrow());
        }
        // a borrowed database stays open after the store is closed
        store.close();
        assertNotNull(store.create(newCase("e")));
    }

    // ---------------------------------------------------------------- personal data

    @Test
    void forgetEntrepreneurErasesWhatTheyGaveCancelsTheirOpenCasesAndKeepsTheRecord() {
        HandoffCase a = store.create(newCase("e1"));
        HandoffCase b = store.create(newCase("e1"));
        store.transition(b.id(), CaseState.RESOLVED, "adv-a");
        HandoffCase other = store.create(newCase("e2"));

        ForgottenCases forgotten = store.eraseEntrepreneur("e1");
        assertEquals(List.of(a.id(), b.id()), forgotten.cases().stream().map(HandoffCase::id).toList());
        assertEquals(List.of(a.id()), forgotten.cancelled(), "only the open case is cancelled");
        for (String id : List.of(a.id(), b.id())) {
            HandoffCase erased = store.find(id).orElseThrow();
            assertNull(erased.contact());
            assertEquals(List.of(), erased.transcript());
            assertEquals(ForgottenCases.NEUTRAL_REASON, erased.reason(), "the reason may tell a lot: it goes too");
            assertNull(erased.entrepreneurId(), "nothing links the case to the person any more");
            assertEquals(List.of("initiative-bethune", "reseau-entreprendre"), erased.entryIds());
            assertEquals(Theme.FINANCEMENT, erased.theme());
            assertNotNull(erased.lastEvent(CaseEvent.FORGOTTEN));
            assertEquals(ForgottenCases.ACTOR, erased.events().get(erased.events().size() - 1).actor());
            assertNull(rawColumn(id, "contact"));
            assertEquals("[]", rawColumn(id, "transcript"));
        }
        HandoffCase cancelled = store.find(a.id()).orElseThrow();
        assertEquals(CaseState.CANCELLED, cancelled.state(), "nobody is reminded to call someone who asked to be forgotten");
        assertEquals(List.of(CaseEvent.CREATED, CaseEvent.CANCELLED, CaseEvent.FORGOTTEN),
                cancelled.events().stream().map(CaseEvent::action).toList());
        HandoffCase resolved = store.find(b.id()).orElseThrow();
        assertEquals(CaseState.RESOLVED, resolved.state(), "a closed case keeps its state");
        assertEquals(List.of(CaseEvent.CREATED, CaseEvent.RESOLVED, CaseEvent.FORGOTTEN),
                resolved.events().stream().map(CaseEvent::action).toList());
        assertEquals(other, store.find(other.id()).orElseThrow(), "another entrepreneur is untouched");
        assertEquals(0, store.forgetEntrepreneur("e1"), "nothing left to erase");
        assertEquals(List.of(), store.byEntrepreneur("e1"));
    }

    @Test
    void purgeBlanksOnlyClosedCasesCreatedBeforeTheCutoff() {
        HandoffCase oldResolved = store.create(newCase("e"));
        store.transition(oldResolved.id(), CaseState.RESOLVED, "adv-a");
        HandoffCase oldCancelled = store.create(newCase("e"));
        store.transition(oldCancelled.id(), CaseState.CANCELLED, "e");
        HandoffCase oldOpen = store.create(newCase("e"));
        HandoffCase oldClaimed = store.create(newCase("e"));
        store.transition(oldClaimed.id(), CaseState.CLAIMED, "adv-a");
        clock.advance(Duration.ofDays(400));
        HandoffCase recentResolved = store.create(newCase("e"));
        store.transition(recentResolved.id(), CaseState.RESOLVED, "adv-a");

        Instant cutoff = T0.plus(Duration.ofDays(365));
        assertEquals(2, store.purgeClosedBefore(cutoff));
        for (HandoffCase purged : List.of(oldResolved, oldCancelled)) {
            HandoffCase now = store.find(purged.id()).orElseThrow();
            assertNull(now.contact());
            assertEquals(List.of(), now.transcript());
            assertEquals(2, now.events().size());
        }
        for (HandoffCase kept : List.of(oldOpen, oldClaimed, recentResolved)) {
            HandoffCase now = store.find(kept.id()).orElseThrow();
            assertNotNull(now.contact(), kept.id());
            assertEquals(2, now.transcript().size(), kept.id());
        }
        assertEquals(0, store.purgeClosedBefore(cutoff), "idempotent");
        assertEquals(0, store.purgeClosedBefore(recentResolved.createdAt()), "strictly before the cutoff");
        assertEquals(1, store.purgeClosedBefore(recentResolved.createdAt().plusNanos(1)));
        assertNull(store.find(recentResolved.id()).orElseThrow().contact());
    }

    private static List<String> ids(List<HandoffCase> cases) {
        return cases.stream().map(HandoffCase::id).toList();
    }
}
