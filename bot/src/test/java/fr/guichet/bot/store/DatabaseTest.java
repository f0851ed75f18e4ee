package fr.guichet.bot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.handoff.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class DatabaseTest {

    @TempDir
    Path tmp;

    private static String pragma(Database db, String name) {
        return db.read("test", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    private static int count(Database db, String sql) {
        return db.read("test", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void createsTheDirectoryTheFileAndADurableSchema() {
        Path dir = tmp.resolve("deep/data");
        try (Database db = new Database(dir)) {
            assertEquals(dir.resolve("guichet.db"), db.file());
            assertTrue(Files.isRegularFile(dir.resolve("guichet.db")));
            assertEquals("wal", pragma(db, "journal_mode"));
            assertEquals("2", pragma(db, "synchronous"), "synchronous=FULL");
            assertEquals(String.valueOf(Database.BUSY_TIMEOUT.toMillis()), pragma(db, "busy_timeout"));
            assertEquals(1, count(db, "SELECT version FROM schema_version"));
            for (String table : new String[] {"cases", "case_events", "case_counters", "feedback", "unanswered"}) {
                assertEquals(1, count(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'"), table);
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".guichet-ecriture")),
                    "the write probe is removed");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void reopeningKeepsOneSchemaVersionRow() {
        new Database(tmp).close();
        try (Database db = new Database(tmp)) {
            assertEquals(1, count(db, "SELECT COUNT(*) FROM schema_version"));
            assertEquals(Database.SCHEMA_VERSION, count(db, "SELECT MAX(version) FROM schema_version"));
        }
    }

    @Test
    void aDatabaseWrittenBeforeTheDiscordThreadColumnGetsItAndKeepsItsCases() {
        try (Database db = new Database(tmp)) {
            db.write("test", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE cases DROP COLUMN discord_thread_id"); // as written before the column
                    s.execute("INSERT INTO cases (id, created_at, state, entrepreneur_id, adviser_id, backup_id, reason, "
                            + "transcript, entry_ids) VALUES ('D-2026-000001', '2026-12-01T10:00:00Z', 'OPEN', 'e', 'a', 'b', "
                            + "'r', '[]', '[]')");
                }
                return null;
            });
        }
        try (fr.guichet.bot.store.SqliteHandoffStore store = fr.guichet.bot.store.SqliteHandoffStore.open(tmp,
                java.time.Clock.systemUTC())) {
            assertEquals(java.util.Optional.empty(), store.discordThread("D-2026-000001"));
            store.discordThread("D-2026-000001", 1234567890123456789L);
            assertEquals(java.util.Optional.of(1234567890123456789L), store.discordThread("D-2026-000001"));
            assertTrue(store.find("D-2026-000001").isPresent());
            store.discordThread("D-2099-000009", 1L); // unknown case: nothing written, no error
            assertEquals(java.util.Optional.empty(), store.discordThread("D-2099-000009"));
        }
        try (Database db = new Database(tmp)) {
            assertEquals(Database.SCHEMA_VERSION, count(db, "SELECT MAX(version) FROM schema_version"), "an added column, same schema");
        }
    }

    @Test
    void refusesAFileWrittenByANewerVersion() {
        try (Database db = new Database(tmp)) {
            db.write("test", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("UPDATE schema_version SET version = 99");
                }
                return null;
            });
        }
        StoreException e = assertThrows(StoreException.class, () -> new Database(tmp));
        assertTrue(e.getMessage().contains(tmp.resolve("guichet.db").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("version plus récente"), e.getMessage());
    }

    @Test
    void aDirectoryThatCannotBeCreatedNamesThePathAndTheCause() throws IOException {
        // Tests run as root, for whom permission bits do not block writes: a plain file in the
        // path is a refusal even root gets.
        Files.writeString(tmp.resolve("afile"), "x");
        Path dir = tmp.resolve("afile/sub");
        StoreException e = assertThrows(StoreException.class, () -> new Database(dir));
        assertEquals("Impossible de créer le dossier de données " + dir + " : " + tmp.resolve("afile")
                + " est un fichier, pas un dossier.", e.getMessage());
    }

    @Test
    void aDataDirectoryThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(tmp.resolve("data"), "x");
        StoreException e = assertThrows(StoreException.class, () -> new Database(file));
        assertEquals("Le dossier de données " + file + " n'est pas un dossier mais un fichier.", e.getMessage());
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedWithItsPath() throws IOException {
        Files.write(tmp.resolve("guichet.db"), "ceci n'est pas une base SQLite, juste du texte assez long pour un en-tête"
                .repeat(20).getBytes(StandardCharsets.UTF_8));
        StoreException e = assertThrows(StoreException.class, () -> new Database(tmp));
        assertTrue(e.getMessage().contains(tmp.resolve("guichet.db").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("n'est pas une base SQLite"), e.getMessage());
    }

    @Test
    void aFailedTransactionLeavesNothingAndKeepsItsException() {
        try (Database db = new Database(tmp)) {
            IllegalStateException boom = new IllegalStateException("boom");
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> db.write("test", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO unanswered (at, question) VALUES ('2026-01-01T00:00:00.000000000Z', 'q')");
                }
                throw boom;
            }));
            assertSame(boom, thrown);
            assertEquals(0, count(db, "SELECT COUNT(*) FROM unanswered"));
            // and the connection is usable again (no transaction left open)
            db.write("test", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO unanswered (at, question) VALUES ('2026-01-01T00:00:00.000000000Z', 'q')");
                }
                return null;
            });
            assertEquals(1, count(db, "SELECT COUNT(*) FROM unanswered"));
        }
    }

    @Test
    void sqlErrorsBecomeStoreExceptionsNamingTheFile() {
        try (Database db = new Database(tmp)) {
            StoreException e = assertThrows(StoreException.class,
                    () -> db.write("Impossible de tester", c -> {
                        try (Statement s = c.createStatement()) {
                            s.execute("INSERT INTO nowhere VALUES (1)");
                        }
                        return null;
                    }));
            assertTrue(e.getMessage().startsWith("Impossible de tester (base " + db.file() + ") : "), e.getMessage());
            assertTrue(e.getCause() instanceof SQLException);
        }
    }

    @Test
    void aClosedDatabaseSaysSo() {
        Database db = new Database(tmp);
        db.close();
        db.close(); // twice is harmless
        StoreException e = assertThrows(StoreException.class, () -> db.read("test", c -> 1));
        assertEquals("La base de données " + db.file() + " est fermée.", e.getMessage());
    }

    @Test
    void timestampsKeepNanosecondsAndSortAsText() {
        Instant a = Instant.parse("2026-01-01T10:00:00Z");
        Instant b = Instant.parse("2026-01-01T10:00:00.000000001Z");
        assertEquals(a, Database.instant(Database.timestamp(a)));
        assertEquals(b, Database.instant(Database.timestamp(b)));
        assertTrue(Database.timestamp(a).compareTo(Database.timestamp(b)) < 0);
        assertTrue(Database.timestamp(Instant.parse("2026-01-01T09:59:59.999Z")).compareTo(Database.timestamp(a)) < 0);
    }

    @Test
    void sqliteCausesAreExplainedInFrench() {
        assertEquals("disque plein", Database.reason(new SQLiteException("full", SQLiteErrorCode.SQLITE_FULL)));
        assertTrue(Database.reason(new SQLiteException("ro", SQLiteErrorCode.SQLITE_READONLY)).contains("lecture seule"));
        assertTrue(Database.reason(new SQLiteException("ro", SQLiteErrorCode.SQLITE_READONLY_DBMOVED)).contains("lecture seule"),
                "extended codes map to their primary code");
        assertEquals("fichier corrompu", Database.reason(new SQLiteException("c", SQLiteErrorCode.SQLITE_CORRUPT)));
        assertTrue(Database.reason(new SQLException("strange")).contains("strange"));
    }

    @Test
    void fileSystemCausesAreExplainedInFrench() {
        assertEquals("lecture seule", Database.reason(new FileSystemException("/x", null, "Read-only file system")));
        assertEquals("disque plein", Database.reason(new FileSystemException("/x", null, "No space left on device")));
        assertEquals("permission refusée", Database.reason(new AccessDeniedException("/x")));
        assertEquals("quota disque dépassé", Database.reason(new FileSystemException("/x", null, "Disk quota exceeded")));
        assertFalse(Database.reason(new IOException("autre chose")).isEmpty());
    }
}
