package fr.guichet.bot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.feedback.Feedback;
import fr.guichet.bot.feedback.UnansweredQuestion;
import fr.guichet.bot.handoff.AdviserNotifier;
import fr.guichet.bot.handoff.CaseEvent;
import fr.guichet.bot.handoff.CaseListing;
import fr.guichet.bot.handoff.CaseState;
import fr.guichet.bot.handoff.Contact;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.handoff.NewCase;
import fr.guichet.bot.handoff.ReminderService;
import fr.guichet.bot.handoff.StoreException;
import fr.guichet.bot.handoff.TranscriptLine;
import fr.guichet.bot.handoff.WorkingHours;
import fr.guichet.knowledge.catalogue.Adviser;
import fr.guichet.knowledge.catalogue.Theme;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stores facing hostile text, damaged rows, and faults of the database under them. */
class SqliteStoreRobustnessTest {
    static final Instant T0 = Instant.parse("2026-03-10T09:15:00Z");
    static final String ESC = "\u001b";

    @TempDir
    Path tmp;
    MutableClock clock;
    Database db;
    SqliteHandoffStore store;
    SqliteFeedbackStore feedback;

    @BeforeEach
    void open() {
        clock = new MutableClock(T0);
        db = new Database(tmp);
        store = new SqliteHandoffStore(db, clock);
        feedback = new SqliteFeedbackStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void pragma(String statement) {
        db.read("test", c -> {
            try (Statement s = c.createStatement()) {
                s.execute(statement);
            }
            return null;
        });
    }

    private void sql(String statement) {
        db.write("test", c -> {
            try (Statement s = c.createStatement()) {
                s.execute(statement);
            }
            return null;
        });
    }

    @Test
    void nothingAUserTypedReachesTheDatabaseWithControlCharacters() {
        HandoffCase c = store.create(new NewCase("e", new Contact(ESC + "]0;Nom" + '\u0007', "Soc" + ESC + "[8miété",
                "06\u0000 12", true), Theme.CREATION, "adv-a", "adv-b", "motif" + ESC + "[2J",
                List.of(new TranscriptLine(T0, TranscriptLine.ENTREPRENEUR, "bonjour" + ESC + "[2J\r\nligne 2\u202e")),
                List.of()));
        HandoffCase stored = store.find(c.id()).orElseThrow();
        assertEquals(new Contact("]0;Nom", "Soc[8miété", "06 12", true), stored.contact());
        assertEquals("motif[2J", stored.reason());
        assertEquals("bonjour[2J\nligne 2", stored.transcript().get(0).text());
        feedback.recordFeedback(new Feedback(T0, "e", "c", "question" + ESC + "[31m", List.of(), true));
        feedback.recordUnanswered(new UnansweredQuestion(T0, "e", "inconnu" + ESC + "c"));
        assertEquals("question[31m", feedback.feedbackSince(T0).get(0).question());
        assertEquals("inconnuc", feedback.unansweredSince(T0).get(0).question());
    }

    @Test
    void oneDamagedRowIsNamedAndTheOthersAreStillListed() {
        HandoffCase a = store.create(SqliteHandoffStoreTest.newCase("e1"));
        HandoffCase bad = store.create(SqliteHandoffStoreTest.newCase("e2"));
        HandoffCase c = store.create(SqliteHandoffStoreTest.newCase("e3"));
        sql("UPDATE cases SET transcript = '[{\"at\": oops' WHERE id = '" + bad.id() + "'");

        CaseListing listing = store.listing(EnumSet.allOf(CaseState.class));
        assertEquals(List.of(a.id(), c.id()), listing.cases().stream().map(HandoffCase::id).toList());
        assertEquals(1, listing.unreadable().size());
        assertEquals(bad.id(), listing.unreadable().get(0).id());
        assertEquals("conversation illisible", listing.unreadable().get(0).reason());
        assertEquals(2, store.list(EnumSet.of(CaseState.OPEN)).size(), "reminders see the readable cases");
        StoreException e = assertThrows(StoreException.class, () -> store.find(bad.id()));
        assertTrue(e.getMessage().startsWith("Le dossier " + bad.id() + " est illisible dans la base de données : conversation illisible"),
                e.getMessage());

        sql("UPDATE cases SET created_at = 'hier' WHERE id = '" + a.id() + "'");
        sql("UPDATE case_events SET at = 'hier' WHERE case_id = '" + c.id() + "'");
        listing = store.listing(EnumSet.allOf(CaseState.class));
        assertEquals(List.of(), listing.cases());
        assertEquals(List.of(bad.id() + ": conversation illisible",
                        c.id() + ": événement illisible (DateTimeParseException)",
                        a.id() + ": date de création illisible (DateTimeParseException)"),
                listing.unreadable().stream().map(u -> u.id() + ": " + u.reason()).toList());
    }

    @Test
    void aDamagedRowStillGetsErasedWhenItsEntrepreneurAsks() {
        HandoffCase bad = store.create(SqliteHandoffStoreTest.newCase("e1"));
        sql("UPDATE cases SET transcript = 'pas du JSON' WHERE id = '" + bad.id() + "'");
        store.eraseEntrepreneur("e1");
        HandoffCase erased = store.find(bad.id()).orElseThrow();
        assertEquals(List.of(), erased.transcript());
        assertEquals(CaseState.CANCELLED, erased.state());
    }

    @Test
    void claimingAsAnotherAdviserMakesTheCaseTheirsInOneStep() {
        HandoffCase c = store.create(SqliteHandoffStoreTest.newCase("e1"));
        HandoffCase claimed = store.claim(c.id(), "adv-z", "adv-y", "adv-z");
        assertEquals(CaseState.CLAIMED, claimed.state());
        assertEquals("adv-z", claimed.adviserId());
        assertEquals("adv-y", claimed.backupId());
        assertEquals(List.of(CaseEvent.CREATED, CaseEvent.REASSIGNED, CaseEvent.CLAIMED),
                claimed.events().stream().map(CaseEvent::action).toList());
        assertThrows(IllegalStateException.class, () -> store.claim(c.id(), "adv-q", "adv-y", "adv-q"));
        assertEquals("adv-z", store.find(c.id()).orElseThrow().adviserId(), "a refused claim changes nothing");
        HandoffCase own = store.create(SqliteHandoffStoreTest.newCase("e2"));
        assertEquals(List.of(CaseEvent.CREATED, CaseEvent.CLAIMED),
                store.claim(own.id(), "adv-a", "adv-b", "adv-a").events().stream().map(CaseEvent::action).toList(),
                "the holder claiming needs no reassignment");
    }

    @Test
    void anUnansweredQuestionThatCannotBeStoredCostsTheEntrepreneurNothing() {
        pragma("PRAGMA query_only = 1");
        feedback.recordUnanswered(new UnansweredQuestion(T0, "e", "question")); // logged, not thrown
        StoreException e = assertThrows(StoreException.class,
                () -> feedback.recordFeedback(new Feedback(T0, "e", "c", "q", List.of(), true)));
        assertTrue(e.getMessage().contains("lecture seule"), e.getMessage());
        assertThrows(StoreException.class, () -> feedback.forgetEntrepreneur("e"), "an erasure never claims success");
        pragma("PRAGMA query_only = 0");
    }

    @Test
    void aReminderServiceScopedToOneSessionNeverTouchesOtherEntrepreneursCases() {
        HandoffCase mine = store.create(new NewCase("console-1", null, Theme.CREATION, "adv-a", "adv-b", "r",
                List.of(), List.of()));
        HandoffCase theirs = store.create(new NewCase("console-2", null, Theme.CREATION, "adv-a", "adv-b", "r",
                List.of(), List.of()));
        List<String> reminded = new ArrayList<>();
        AdviserNotifier notifier = new AdviserNotifier() {
            @Override
            public void caseOpened(HandoffCase c, Adviser a) {
            }

            @Override
            public void reminder(HandoffCase c, Adviser a) {
                reminded.add(c.id());
            }

            @Override
            public void escalated(HandoffCase c, Adviser a) {
            }
        };
        Adviser a = new Adviser("adv-a", "A", "R", List.of(Theme.CREATION), List.of(), null, null, null, "adv-b");
        ReminderService service = new ReminderService(store, Map.of("adv-a", a), notifier, WorkingHours.cci(),
                Duration.ofHours(4), clock, c -> "console-1".equals(c.entrepreneurId()));
        clock.set(T0.plus(Duration.ofDays(3)));
        service.tick();
        assertEquals(List.of(mine.id()), reminded);
        assertEquals(null, store.find(theirs.id()).orElseThrow().lastEvent(CaseEvent.REMINDED), "not even recorded");
    }
}
