package fr.guichet.bot.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.handoff.CaseState;
import fr.guichet.bot.handoff.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database file as an operator meets it: modes, empty, foreign, read-only files, backups. */
class DatabaseSafetyTest {

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T09:15:00Z"));

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static Set<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    // ---------------------------------------------------------------- modes

    @Test
    void theFolderIsTheOwnersOnlyAndEveryDatabaseFileTooEvenAnOldWorldReadableOne() throws Exception {
        Path dir = tmp.resolve("data");
        try (SqliteHandoffStore store = SqliteHandoffStore.open(dir, clock)) {
            store.create(SqliteHandoffStoreTest.newCase("e"));
            assertEquals("rwx------", mode(dir));
            for (String f : List.of("guichet.db", "guichet.db-wal", "guichet.db-shm")) {
                assertEquals("rw-------", mode(dir.resolve(f)), f);
            }
        }
        Files.setPosixFilePermissions(dir.resolve("guichet.db"), PosixFilePermissions.fromString("rw-r--r--"));
        new Database(dir).close();
        assertEquals("rw-------", mode(dir.resolve("guichet.db")), "an existing world-readable file is closed up");
    }

    // ---------------------------------------------------------------- files that are not a usable database

    @Test
    void anEmptyFileIsRefusedNotTakenForANewDatabase() throws Exception {
        Path db = Files.createFile(tmp.resolve("guichet.db"));
        StoreException e = assertThrows(StoreException.class, () -> new Database(tmp));
        assertTrue(e.getMessage().contains(db + " est vide (0 octet)"), e.getMessage());
        assertEquals(0, Files.size(db), "left as it was");
        e = assertThrows(StoreException.class, () -> Database.openReadOnly(tmp));
        assertTrue(e.getMessage().contains("vide (0 octet)"), e.getMessage());
    }

    @Test
    void anotherProgramsDatabaseIsRefusedAndLeftByteForByteAsItWas() throws Exception {
        Path file = tmp.resolve("guichet.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = DELETE");
            s.execute("CREATE TABLE clients (name TEXT)");
            s.execute("INSERT INTO clients VALUES ('Dupont')");
        }
        byte[] before = Files.readAllBytes(file);
        StoreException e = assertThrows(StoreException.class, () -> new Database(tmp));
        assertTrue(e.getMessage().contains("base SQLite d'un autre programme"), e.getMessage());
        assertTrue(e.getMessage().contains("tables : clients"), e.getMessage());
        assertTrue(e.getMessage().contains("ne l'a pas modifiée"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file), "not a byte changed, journal mode included");
        assertEquals(Set.of("guichet.db"), files(tmp), "no journal, no log, no probe left beside it");
        assertThrows(StoreException.class, () -> Database.openReadOnly(tmp));
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void aDatabaseMarkedByAnotherApplicationIsRefusedEvenWithGuichetsTables() throws Exception {
        new Database(tmp).close();
        Path file = tmp.resolve("guichet.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA application_id = 1234");
        }
        StoreException e = assertThrows(StoreException.class, () -> new Database(tmp));
        assertTrue(e.getMessage().contains("identifiant d'application 0x000004d2"), e.getMessage());
    }

    @Test
    void aGuichetFileWrittenBeforeTheApplicationIdIsRecognisedAndMarked() throws Exception {
        try (SqliteHandoffStore store = SqliteHandoffStore.open(tmp, clock)) {
            store.create(SqliteHandoffStoreTest.newCase("e"));
        }
        Path file = tmp.resolve("guichet.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA application_id = 0");
        }
        try (Database db = new Database(tmp)) {
            assertEquals(1, new SqliteHandoffStore(db, clock).list(EnumSet.allOf(CaseState.class)).size());
            assertEquals(Database.APPLICATION_ID, applicationId(db));
        }
    }

    private static int applicationId(Database db) {
        return db.read("test", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA application_id")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    // ---------------------------------------------------------------- read-only situations

    @Test
    void aReadOnlyDatabaseIsRefusedAtStartNotAtTheFirstHandoff() throws Exception {
        new Database(tmp).close();
        try (ReadOnlyFiles ro = new ReadOnlyFiles().make(tmp.resolve("guichet.db"))) {
            StoreException e = assertThrows(StoreException.class, () -> new Database(tmp));
            assertTrue(e.getMessage().contains("est en lecture seule"), e.getMessage());
            assertTrue(e.getMessage().contains("cases list"), "says how to read it anyway: " + e.getMessage());
        }
    }

    @Test
    void casesCanBeReadFromAReadOnlyCopyWithoutCreatingAnything() throws Exception {
        Path live = tmp.resolve("live");
        try (SqliteHandoffStore store = SqliteHandoffStore.open(live, clock)) {
            store.create(SqliteHandoffStoreTest.newCase("e"));
            store.create(SqliteHandoffStoreTest.newCase("f"));
        }
        Path copy = Files.createDirectory(tmp.resolve("copy"));
        Files.copy(live.resolve("guichet.db"), copy.resolve("guichet.db"));
        try (ReadOnlyFiles ro = new ReadOnlyFiles().make(copy.resolve("guichet.db")).make(copy)) {
            try (Database db = Database.openReadOnly(copy); SqliteHandoffStore store = new SqliteHandoffStore(db, clock)) {
                assertTrue(db.readOnly());
                assertEquals(2, store.list(EnumSet.allOf(CaseState.class)).size());
                StoreException e = assertThrows(StoreException.class, () -> store.create(SqliteHandoffStoreTest.newCase("g")));
                assertTrue(e.getMessage().contains("lecture seule"), e.getMessage());
            }
            assertEquals(Set.of("guichet.db"), files(copy));
        }
    }

    @Test
    void readingDoesNotWaitForAnotherProgramsWriteLock() throws Exception {
        try (SqliteHandoffStore store = SqliteHandoffStore.open(tmp, clock)) {
            store.create(SqliteHandoffStoreTest.newCase("e"));
        }
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("guichet.db"));
             Statement s = other.createStatement()) {
            s.execute("BEGIN IMMEDIATE"); // another program is writing, for as long as it likes
            s.execute("INSERT INTO case_counters (year, last) VALUES (1999, 1)");
            long start = System.nanoTime();
            try (Database db = Database.openReadOnly(tmp)) {
                assertEquals(1, new SqliteHandoffStore(db, clock).list(EnumSet.allOf(CaseState.class)).size());
            }
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos(), "no wait for the lock");
            StoreException e = assertThrows(StoreException.class, () -> new Database(tmp, Duration.ofMillis(200)));
            assertTrue(e.getMessage().contains("verrouillée"), "opening to write does wait, then says why: " + e.getMessage());
            s.execute("ROLLBACK");
        }
    }

    // ---------------------------------------------------------------- backups

    @Test
    void aBackupTakenWhileWritingIsConsistentOwnerOnlyAndRestores() throws Exception {
        Path live = tmp.resolve("live");
        Path backups = Files.createDirectory(tmp.resolve("backups"));
        Path target = backups.resolve("guichet-test.db");
        int written;
        try (Database db = new Database(live); SqliteHandoffStore store = new SqliteHandoffStore(db, clock)) {
            for (int i = 0; i < 5; i++) {
                store.create(SqliteHandoffStoreTest.newCase("e" + i));
            }
            ExecutorService writer = Executors.newSingleThreadExecutor();
            try (Database reader = Database.openReadOnly(live)) {
                Future<?> writing = writer.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        store.create(SqliteHandoffStoreTest.newCase("w" + i));
                    }
                });
                reader.backupTo(target);
                writing.get();
            } finally {
                writer.shutdown();
            }
            written = store.list(EnumSet.allOf(CaseState.class)).size();
        }
        assertEquals(20, written);
        assertEquals("rw-------", mode(target));
        int backedUp;
        try (Database copy = Database.openFileReadOnly(target)) {
            backedUp = new SqliteHandoffStore(copy, clock).list(EnumSet.allOf(CaseState.class)).size();
            assertEquals("ok", copy.read("test", c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                    rs.next();
                    return rs.getString(1);
                }
            }));
        }
        assertTrue(backedUp >= 5 && backedUp <= 20, "a snapshot between the two moments: " + backedUp);

        Path restored = Files.createDirectory(tmp.resolve("restored"));
        Files.copy(target, restored.resolve("guichet.db"));
        try (SqliteHandoffStore store = SqliteHandoffStore.open(restored, clock)) {
            assertEquals(backedUp, store.list(EnumSet.allOf(CaseState.class)).size());
            store.create(SqliteHandoffStoreTest.newCase("after"));
        }
        try (Database db = Database.openReadOnly(live)) {
            StoreException e = assertThrows(StoreException.class, () -> db.backupTo(target));
            assertTrue(e.getMessage().contains("existe déjà"), e.getMessage());
        }
        assertFalse(Files.exists(backups.resolve("guichet-test.db-wal")) && Files.size(backups.resolve("guichet-test.db-wal")) > 0);
    }
}
