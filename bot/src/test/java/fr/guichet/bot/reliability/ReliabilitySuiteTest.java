package fr.guichet.bot.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.FailingStores;
import fr.guichet.bot.TestAssistants;
import fr.guichet.bot.assistant.Answerer;
import fr.guichet.bot.assistant.ExtractiveAnswerer;
import fr.guichet.bot.assistant.Reply;
import fr.guichet.bot.cli.CatalogueCommands;
import fr.guichet.bot.feedback.InMemoryFeedbackStore;
import fr.guichet.bot.handoff.AdviserNotifier;
import fr.guichet.bot.handoff.Availability;
import fr.guichet.bot.handoff.CaseEvent;
import fr.guichet.bot.handoff.CaseListing;
import fr.guichet.bot.handoff.CaseState;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.handoff.InMemoryHandoffStore;
import fr.guichet.bot.handoff.ReminderService;
import fr.guichet.bot.handoff.StoreException;
import fr.guichet.bot.handoff.WorkingHours;
import fr.guichet.bot.handoff.YesNo;
import fr.guichet.bot.store.Database;
import fr.guichet.bot.store.SqliteFeedbackStore;
import fr.guichet.bot.store.SqliteHandoffStore;
import fr.guichet.bot.store.SqliteHandoffStoreTestAccess;
import fr.guichet.knowledge.catalogue.Adviser;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input and fault suite of docs/reliability.md: a corpus of hostile messages
 * through the assistant and through the console, injected faults under the console (locked,
 * read-only and full database, failing stores, damaged rows, unreadable absences, failing
 * notifications, errors in the answerer, hostile catalogues and database files), and the
 * privacy checks (consent, physical erasure, file modes). Every confirmed case must be in its
 * store (cases lost: 0) and every session must end normally (crashes: 0). The figures are
 * printed and written to {@code bot/target/reliability-figures.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilitySuiteTest {
    private static final Figures FIGURES = new Figures();
    private static final String CASE = "mon entreprise est en redressement judiciaire";
    private static final String APOLOGY = "un incident technique m'a empêché de traiter ce message";
    /** Outside the catalogue: recorded as a question without answer. */
    private static final String UNANSWERED = "xyzzy plugh";

    @TempDir
    Path tmp;

    @AfterAll
    static void report() {
        FIGURES.write(Path.of("target", "reliability-figures.txt"));
        System.out.println("\n== Guichet : entrées hostiles et fautes ==\n" + FIGURES.report());
    }

    // ---------------------------------------------------------------- bookkeeping

    /** Checks a session against the two promises (it ends normally, no confirmed case is lost) and counts it. */
    private static Channel.Session check(Channel channel, Channel.Session session) {
        synchronized (FIGURES) {
            FIGURES.consoleSessions++;
            FIGURES.apologies += count(session.output(), APOLOGY);
            if (!session.endedNormally()) {
                FIGURES.crashes++;
            }
            for (String id : session.confirmed()) {
                FIGURES.casesConfirmed++;
                if (channel.cases.find(id).isEmpty()) {
                    FIGURES.casesLost++;
                }
            }
        }
        assertTrue(session.endedNormally(), () -> "the session ended abnormally: " + session.escaped() + "\n" + tail(session));
        for (String id : session.confirmed()) {
            assertTrue(channel.cases.find(id).isPresent(), "confirmed but not stored: " + id);
        }
        return session;
    }

    private static String tail(Channel.Session s) {
        String o = s.output();
        return o.length() > 3000 ? "…" + o.substring(o.length() - 3000) : o;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(c -> (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f));
    }

    /** The one known defect of the assistant core (reliability item 9, owned by its rewrite): the amount parser recurses per number. */
    private static boolean knownAssistantDefect(String message, Throwable t) {
        return t instanceof StackOverflowError && message.length() > 2_000 && message.matches("[0-9 ,.€]+");
    }

    // ---------------------------------------------------------------- hostile messages

    @Test
    @Order(1)
    void hostileMessagesThroughTheAssistantGetAReplyOrAKnownCaughtError() throws Throwable {
        Channel channel = new Channel(new InMemoryHandoffStore(Channel.CLOCK), new InMemoryFeedbackStore());
        List<String> corpus = HostileCorpus.all();
        List<String> unexpected = new ArrayList<>();
        Channel.onSmallStack(() -> {
            int n = 0;
            for (String message : corpus) {
                // the ordinary messages make one conversation, as people do; the others stand alone
                String conversation = "suite-" + (HostileCorpus.fixed().get("ordinaires").contains(message) ? "suite" : n);
                n++;
                try {
                    Reply reply = channel.assistant.handle(conversation, conversation, message);
                    if (reply == null || reply.text().isBlank() || reply.text().length() > 20_000) {
                        unexpected.add("reply " + (reply == null ? "null" : reply.text().length() + " chars") + " for message " + n);
                    }
                } catch (Throwable t) {
                    synchronized (FIGURES) {
                        FIGURES.assistantErrors.merge(t.getClass().getSimpleName() + (knownAssistantDefect(message, t)
                                ? " (point 9, connu)" : ""), 1, Integer::sum);
                    }
                    if (!knownAssistantDefect(message, t)) {
                        unexpected.add("message " + n + " (" + message.length() + " chars): " + t);
                    }
                }
            }
            return null;
        });
        synchronized (FIGURES) {
            FIGURES.messagesThroughAssistant += corpus.size();
        }
        assertEquals(List.of(), unexpected);
    }

    @Test
    @Order(2)
    void hostileMessagesThroughTheConsoleNeverEndTheChatNorReachTheStoreWithControlCharacters() throws Exception {
        Path data = tmp.resolve("hostile");
        try (Database db = new Database(data); SqliteHandoffStore cases = new SqliteHandoffStore(db, Channel.CLOCK)) {
            SqliteFeedbackStore feedback = new SqliteFeedbackStore(db);
            // the fixed messages over SQLite, to see what reaches the files; the generated ones in memory, for speed
            Channel sqlite = new Channel(cases, feedback);
            Channel memory = new Channel(new InMemoryHandoffStore(Channel.CLOCK), new InMemoryFeedbackStore());
            List<String> fixed = HostileCorpus.fixed().values().stream().flatMap(List::stream).toList();
            int n = 0;
            for (String message : HostileCorpus.all()) {
                Channel channel = fixed.contains(message) ? sqlite : memory;
                List<String> lines = new ArrayList<>(Arrays.asList(message.split("\n", -1)));
                if (lines.size() > 50) {
                    lines = lines.subList(lines.size() - 50, lines.size()); // a terminal sends a line at a time
                }
                lines.add("/profil");
                Channel.Session s = check(channel, channel.session("console-h" + n++, lines));
                assertFalse(hasControl(s.output()), () -> "a control character was printed: " + tail(s).replace("\u001b", "<ESC>"));
                synchronized (FIGURES) {
                    FIGURES.messagesThroughConsole++;
                }
            }
            // what the store holds of it all: no control character anywhere
            db.read("test", c -> {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT question FROM unanswered UNION ALL SELECT transcript FROM cases")) {
                    while (rs.next()) {
                        String stored = rs.getString(1);
                        assertFalse(hasControl(stored.replace("\\n", "").replace("\\u", "")), stored);
                    }
                }
                return null;
            });
        }
    }

    // ---------------------------------------------------------------- faults of the database

    /** A scenario under a database fault: nothing is claimed that did not happen, the chat goes on, and once the fault is gone a case goes through. */
    private void underDatabaseFault(String name, Function<Database, AutoCloseable> fault) throws Exception {
        Path data = tmp.resolve(name.replaceAll("\\W", "-"));
        try (Database db = SqliteHandoffStoreTestAccess.database(data, Duration.ofMillis(200));
             SqliteHandoffStore cases = new SqliteHandoffStore(db, Channel.CLOCK)) {
            SqliteFeedbackStore feedback = new SqliteFeedbackStore(db);
            Channel channel = new Channel(cases, feedback);
            Channel.Session before = check(channel, channel.session("console-f0", UNANSWERED, "non", CASE, "oui", "Jeanne Test", "",
                    "06 11 22 33 44", "oui", "/quitter"));
            assertEquals(1, before.confirmed().size(), before.output());
            assertEquals(1, feedback.unansweredSince(Instant.EPOCH).size(), "the question without answer is recorded");
            Channel.Session during;
            Channel.Session erasing;
            boolean feedbackStored;
            try (AutoCloseable ignored = fault.apply(db)) {
                during = check(channel, channel.session("console-f0", "formation hygiene alimentaire", "/non", UNANSWERED, "non",
                        CASE, "oui", "Jeanne Test", "", "06 11 22 33 44", "oui", "formation excel debutant", "/quitter"));
                feedbackStored = db.read("count", c -> {
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM feedback")) {
                        rs.next();
                        return rs.getInt(1) == 1;
                    }
                });
                erasing = check(channel, channel.session("console-f0", "/oublier", "/quitter"));
            }
            String out = during.output();
            assertTrue(out.contains("votre demande n'a pas pu être enregistrée"), out);
            // a 👎 is a few bytes, which a full file may still hold: whatever happened is what is said
            assertEquals(!out.contains("Votre avis n'a pas pu être enregistré"), feedbackStored, out);
            assertEquals(List.of(), during.confirmed());
            assertTrue(out.contains("Source :"), "answers go on under the fault: " + out);
            assertEquals(1, count(out, "Je n'ai rien trouvé de sûr"), "the question without answer is answered all the same");
            assertEquals(List.of("opened " + before.confirmed().get(0)),
                    channel.notified.stream().filter(n -> n.startsWith("opened")).toList(), "no case announced during the fault");
            // the erasure either failed and says so, changing nothing, or (freeing space) went through and says what went
            HandoffCase first = cases.find(before.confirmed().get(0)).orElseThrow();
            if (erasing.output().contains("rien n'a été effacé")) {
                assertEquals("06 11 22 33 44", first.contact().phoneOrEmail(), "the failed erasure changed nothing");
            } else {
                assertTrue(erasing.output().contains("C'est fait. J'ai effacé"), erasing.output());
                assertEquals(null, first.contact());
            }

            Channel.Session after = check(channel, channel.session("console-f0", CASE, "oui", "", "", "", "/quitter"));
            assertEquals(1, after.confirmed().size(), "once the fault is gone: " + after.output());
            FIGURES.scenario(name, 4);
        }
    }

    private static void pragma(Database db, String sql) {
        db.read("fault", c -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
            return null;
        });
    }

    @Test
    @Order(3)
    void databaseLockedByAnotherProgram() throws Exception {
        underDatabaseFault("base verrouillée par un autre programme", db -> {
            try {
                Connection other = DriverManager.getConnection("jdbc:sqlite:" + db.file());
                Statement s = other.createStatement();
                s.execute("BEGIN EXCLUSIVE");
                return () -> {
                    s.execute("ROLLBACK");
                    other.close();
                };
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    @Order(4)
    void databaseThatBecameReadOnly() throws Exception {
        underDatabaseFault("base devenue en lecture seule", db -> {
            pragma(db, "PRAGMA query_only = 1"); // what SQLite does with a file it can only open read-only
            return () -> pragma(db, "PRAGMA query_only = 0");
        });
    }

    @Test
    @Order(5)
    void fullDisk() throws Exception {
        underDatabaseFault("disque plein", db -> {
            db.write("fault", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE IF NOT EXISTS remplissage (x TEXT)");
                }
                return null;
            });
            int pages = db.read("fault", c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA page_count")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            pragma(db, "PRAGMA max_page_count = " + pages); // SQLITE_FULL at the next page, as on a full disk
            // the free space left in the file is filled too: the disk is really full
            for (int size = 4096; size >= 16; ) {
                String filler = "x".repeat(size);
                try {
                    db.write("fault", c -> {
                        try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO remplissage VALUES (?)")) {
                            ps.setString(1, filler);
                            ps.executeUpdate();
                        }
                        return null;
                    });
                } catch (StoreException full) {
                    size /= 2;
                }
            }
            return () -> pragma(db, "PRAGMA max_page_count = 1073741823");
        });
    }

    @Test
    @Order(6)
    void storesThatFailAtEveryCallWithAnExpectedOrAnUnexpectedException() {
        for (RuntimeException failure : List.of(new StoreException("Impossible (base x) : disque plein."),
                new IllegalStateException("bug inattendu dans le magasin"))) {
            int before = FailingStores.calls.get();
            Channel channel = new Channel(FailingStores.handoff(failure), FailingStores.feedback(failure));
            Channel.Session s = check(channel, channel.session("console-fs", "zorglub quantique interstellaire", "/oui",
                    CASE, "oui", "Jeanne", "", "", "oui", "/oublier", "/profil", "/quitter"));
            assertTrue(s.output().contains("Votre session : console-fs"), "the chat went on to the end: " + s.output());
            assertEquals(List.of(), channel.notified);
            FIGURES.scenario("magasin injecté qui échoue à chaque appel (" + failure.getClass().getSimpleName() + ")",
                    FailingStores.calls.get() - before);
        }
    }

    @Test
    @Order(7)
    void aReadOnlyFileAnEmptyFileAndAnotherProgramsDatabaseAreRefusedAtStartUnchanged() throws Exception {
        Path ro = tmp.resolve("ro");
        new Database(ro).close();
        try (AutoCloseable readOnly = SqliteHandoffStoreTestAccess.readOnly(ro.resolve("guichet.db"))) {
            assertTrue(assertThrows(StoreException.class, () -> new Database(ro)).getMessage().contains("lecture seule"));
        }
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.createFile(empty.resolve("guichet.db"));
        assertTrue(assertThrows(StoreException.class, () -> new Database(empty)).getMessage().contains("vide (0 octet)"));
        Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + foreign.resolve("guichet.db"));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE factures (montant REAL)");
        }
        byte[] bytes = Files.readAllBytes(foreign.resolve("guichet.db"));
        assertTrue(assertThrows(StoreException.class, () -> new Database(foreign)).getMessage().contains("autre programme"));
        assertArrayEquals(bytes, Files.readAllBytes(foreign.resolve("guichet.db")));
        FIGURES.scenario("fichier en lecture seule, vide (0 octet), base d'un autre programme, à l'ouverture", 3);
    }

    @Test
    @Order(8)
    void aDamagedRowSpoilsOnlyItself() throws Exception {
        Path data = tmp.resolve("corrupt");
        try (Database db = new Database(data); SqliteHandoffStore cases = new SqliteHandoffStore(db, Channel.CLOCK)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(cases.create(SqliteHandoffStoreTestAccess.newCase("e" + i, "alice-creation", "bruno-creation")).id());
            }
            db.write("fault", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("UPDATE cases SET transcript = '[{\"text\": ' WHERE id = '" + ids.get(1) + "'");
                }
                return null;
            });
            CaseListing listing = cases.listing(EnumSet.allOf(CaseState.class));
            assertEquals(List.of(ids.get(0), ids.get(2)), listing.cases().stream().map(HandoffCase::id).toList());
            assertEquals(ids.get(1), listing.unreadable().get(0).id());
            List<String> reminded = new ArrayList<>();
            Map<String, Adviser> advisers = TestAssistants.catalogue().advisersById();
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
            java.time.Clock later = java.time.Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), Channel.CLOCK.getZone());
            new ReminderService(cases, advisers, notifier, WorkingHours.cci(), Duration.ofHours(4), later).tick();
            assertEquals(List.of(ids.get(0), ids.get(2)), reminded, "the reminder run goes on past the bad row");
        }
        FIGURES.scenario("ligne abîmée (conversation en JSON invalide) : liste et relances", 1);
    }

    @Test
    @Order(9)
    void unreadableAbsencesNeverStopAHandoff() throws Exception {
        Path notUtf8 = tmp.resolve("absences-latin1.txt");
        Files.write(notUtf8, "alice-cr\u00e9ation\n".getBytes(StandardCharsets.ISO_8859_1));
        Path directory = Files.createDirectories(tmp.resolve("absences-dossier.txt"));
        for (Path absences : List.of(notUtf8, directory)) {
            Channel channel = new Channel(new InMemoryHandoffStore(Channel.CLOCK), new InMemoryFeedbackStore(),
                    new ExtractiveAnswerer(), new Availability(absences, Channel.CLOCK, TestAssistants.catalogue().advisersById().keySet()),
                    null);
            Channel.Session s = check(channel, channel.session("console-ab", CASE, "oui", "", "", "", "/quitter"));
            assertEquals(1, s.confirmed().size(), s.output());
        }
        FIGURES.scenario("absences.txt illisible (pas en UTF-8, puis un dossier)", 2);
    }

    @Test
    @Order(10)
    void aFailingNotificationLosesNoCase() {
        Channel channel = new Channel(new InMemoryHandoffStore(Channel.CLOCK), new InMemoryFeedbackStore(),
                new ExtractiveAnswerer(), Availability.everyonePresent(), new IllegalStateException("Discord injoignable"));
        Channel.Session s = check(channel, channel.session("console-n", CASE, "oui", "Jeanne", "", "jeanne@example.org",
                "oui", "/oublier", "/quitter"));
        assertEquals(1, s.confirmed().size(), s.output());
        assertTrue(s.output().contains("C'est fait. J'ai effacé"), "the erasure is done although the channel failed: " + s.output());
        FIGURES.scenario("notification des conseillers qui échoue (ouverture, effacement)", 2);
    }

    @Test
    @Order(11)
    void errorsInTheAnswererCostOneMessageOnly() {
        Answerer fragile = request -> {
            if (request.question().contains("hygiene")) {
                throw new StackOverflowError();
            }
            if (request.question().contains("excel")) {
                throw new OutOfMemoryError("Java heap space");
            }
            if (request.question().contains("comptabilite")) {
                throw new IllegalStateException("modèle indisponible");
            }
            return new ExtractiveAnswerer().answer(request);
        };
        Channel channel = new Channel(new InMemoryHandoffStore(Channel.CLOCK), new InMemoryFeedbackStore(), fragile,
                Availability.everyonePresent(), null);
        Channel.Session s = check(channel, channel.session("console-err", "formation hygiene alimentaire",
                "formation excel debutant", "formation comptabilite pour debutant", CASE, "oui", "", "", "", "/quitter"));
        assertEquals(2, count(s.output(), APOLOGY), s.output()); // the third falls back to the extractive answer
        assertEquals(1, s.confirmed().size(), s.output());
        FIGURES.scenario("StackOverflowError, OutOfMemoryError et exception dans la rédaction de la réponse", 3);
    }

    @Test
    @Order(12)
    void hostileCataloguesAreRefusedInShortLines() throws Exception {
        String scheme = """
                [{"id": "a", "title": "T", "summary": "S", "themes": ["financement"], "provider": "P"%s}]
                """;
        Map<String, String> schemes = Map.of(
                "nombres extrêmes", scheme.formatted(", \"amount_min\": \"-1e999999999\", \"amount_max\": 1e999999999"),
                "clé en double", scheme.formatted(", \"amount_max\": 1000, \"amount_max\": 1000000"),
                "contenu après le tableau", scheme.formatted("") + "[]",
                "fichier vide de dispositifs", "[]");
        for (Map.Entry<String, String> e : schemes.entrySet()) {
            Path dir = Files.createDirectories(tmp.resolve("cat-" + e.getKey().replace(' ', '-')));
            Files.copy(TestAssistants.BUNDLED.resolve("advisers.json"), dir.resolve("advisers.json"));
            Files.writeString(dir.resolve("trainings.json"), "[]");
            Files.writeString(dir.resolve("schemes.json"), e.getValue());
            CatalogueCommands.Opened opened = CatalogueCommands.open(dir, Channel.CLOCK);
            assertFalse(opened.ok(), e.getKey());
            assertTrue(opened.errors().stream().allMatch(l -> l.length() < 300), opened.errors().toString());
        }
        Path huge = Files.createDirectories(tmp.resolve("cat-enorme"));
        Files.copy(TestAssistants.BUNDLED.resolve("advisers.json"), huge.resolve("advisers.json"));
        Files.writeString(huge.resolve("trainings.json"), "[]");
        try (RandomAccessFile f = new RandomAccessFile(huge.resolve("schemes.json").toFile(), "rw")) {
            f.setLength(55L * 1024 * 1024);
        }
        CatalogueCommands.Opened opened = CatalogueCommands.open(huge, Channel.CLOCK);
        assertEquals(1, opened.errors().size(), opened.errors().toString());
        assertTrue(opened.errors().get(0).contains("fichier trop gros (55,0 Mo"), opened.errors().toString());
        FIGURES.scenario("catalogues hostiles (nombres extrêmes, clé en double, contenu après le tableau, aucun dispositif, 55 Mo)",
                schemes.size() + 1);
    }

    // ---------------------------------------------------------------- privacy

    @Test
    @Order(13)
    void consentIsOnlyAClearYes() {
        Map<String, Boolean> answers = Map.ofEntries(Map.entry("oui", true), Map.entry("OK", true), Map.entry("d'accord", true),
                Map.entry("yes", true), Map.entry("o", true), Map.entry("oh non merci", false), Map.entry("ouais non", false),
                Map.entry("oublie ça", false), Map.entry("non", false), Map.entry("on verra", false), Map.entry("", false),
                Map.entry("\u001b[2Joui", false));
        for (Map.Entry<String, Boolean> a : answers.entrySet()) {
            InMemoryHandoffStore store = new InMemoryHandoffStore(Channel.CLOCK);
            Channel channel = new Channel(store, new InMemoryFeedbackStore());
            Channel.Session s = check(channel, channel.session("console-consent", CASE, "oui", "Jeanne", "", "06 11 22 33 44",
                    a.getKey(), "bof", "bof", "/quitter"));
            List<HandoffCase> all = store.list(EnumSet.allOf(CaseState.class));
            assertEquals(1, all.size(), s.output());
            assertEquals(a.getValue(), all.get(0).contact() != null, "« " + a.getKey() + " » " + s.output());
            assertEquals(a.getValue(), YesNo.read(a.getKey()) == YesNo.YES);
            FIGURES.privacyChecks++;
        }
    }

    @Test
    @Order(14)
    void forgettingErasesPhysicallyWhatThatEntrepreneurGaveAndNothingElse() throws Exception {
        Path data = tmp.resolve("forget");
        String[] mine = {"Zephyrin-Marqueur", "0698765432", "zq.marqueur@example.org", "MARQUEUR-CONVERSATION-7731",
                "MARQUEUR-QUESTION-8842"};
        String[] theirs = {"Autre-Personne-Temoin", "temoin@example.org"};
        try (Database db = new Database(data); SqliteHandoffStore cases = new SqliteHandoffStore(db, Channel.CLOCK)) {
            SqliteFeedbackStore feedback = new SqliteFeedbackStore(db);
            Channel channel = new Channel(cases, feedback);
            check(channel, channel.session("console-theirs", CASE + " " + theirs[0], "oui", theirs[0], "", theirs[1], "oui",
                    "/quitter"));
            check(channel, channel.session("console-mine", CASE + " " + mine[3], "oui", mine[0], "", mine[1] + " " + mine[2],
                    "oui", "zorglub quantique " + mine[4], "/non", "/quitter"));
            for (String marker : mine) {
                assertTrue(inFiles(data, marker), "the check sees stored data: " + marker);
            }
            Channel.Session s = check(channel, channel.session("console-mine", "/oublier", "/quitter"));
            assertTrue(s.output().contains("vos coordonnées, la conversation transmise et le motif"), s.output());
            for (String marker : mine) {
                assertFalse(inFiles(data, marker), "still readable in the files after /oublier: " + marker);
            }
            for (String marker : theirs) {
                assertTrue(inFiles(data, marker), "another entrepreneur's data is kept: " + marker);
            }
            HandoffCase erased = cases.listing(EnumSet.allOf(CaseState.class)).cases().stream()
                    .filter(c -> c.lastEvent(CaseEvent.FORGOTTEN) != null).findFirst().orElseThrow();
            assertEquals(CaseState.CANCELLED, erased.state());
            assertNotNull(channel.notified.stream().filter(n -> n.startsWith("forgotten ")).findFirst().orElse(null));
        }
        FIGURES.privacyChecks += mine.length + theirs.length;
    }

    /** Whether the text is in the database's files, byte for byte (database, write-ahead log, shared memory). */
    private static boolean inFiles(Path data, String text) throws Exception {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        for (String name : List.of("guichet.db", "guichet.db-wal", "guichet.db-shm")) {
            Path f = data.resolve(name);
            if (Files.exists(f) && indexOf(Files.readAllBytes(f), needle) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    @Order(15)
    void theDataIsReadableByItsOwnerOnly() throws Exception {
        Path data = tmp.resolve("parent/data");
        try (SqliteHandoffStore cases = SqliteHandoffStore.open(data, Channel.CLOCK)) {
            cases.create(SqliteHandoffStoreTestAccess.newCase("e", "alice-creation", "bruno-creation"));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
            for (String f : List.of("guichet.db", "guichet.db-wal", "guichet.db-shm")) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(f))), f);
                FIGURES.privacyChecks++;
            }
        }
    }
}
