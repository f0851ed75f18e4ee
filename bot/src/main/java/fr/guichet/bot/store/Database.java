package fr.guichet.bot.store;

import fr.guichet.bot.handoff.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteException;

/**
 * The SQLite file {@code <dataDir>/guichet.db} holding handoff cases and feedback.
 *
 * <p>Durability: WAL journal with {@code synchronous=FULL}, so every committed transaction
 * is fsynced before the commit returns; nothing acknowledged is lost on a crash or power
 * cut. The schema is created on open ({@code CREATE TABLE IF NOT EXISTS}) and its version is
 * kept in {@code schema_version}.
 *
 * <p>Connection strategy: one connection, guarded by a fair {@link ReentrantLock}. SQLite
 * serialises writers anyway, so a pool would only add {@code SQLITE_BUSY} contention between
 * our own connections; every operation here is a few milliseconds of local I/O, and a single
 * connection keeps each transaction's boundaries obvious. The busy timeout is still set, for
 * another process (an operator's command) opening the same file.
 *
 * <p>Failures never pass silently: an unusable directory (read-only, missing permission,
 * full, a file in the way) or file (corrupt, not a database) gives a {@link StoreException}
 * whose French message names the path and the cause, and a failed transaction is rolled back
 * whole.
 */
public final class Database implements AutoCloseable {

    public static final String FILE_NAME = "guichet.db";
    /** Version of the schema this code writes; a newer file is refused rather than misread. */
    public static final int SCHEMA_VERSION = 1;
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /**
     * Timestamps are stored as fixed-width UTC text with nanoseconds: exact round trip,
     * lexicographic order equals chronological order, and readable in the sqlite3 shell.
     */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
        // One counter per year of the case ids D-<year>-<number>.
        "CREATE TABLE IF NOT EXISTS case_counters (year INTEGER PRIMARY KEY, last INTEGER NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS cases (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('OPEN', 'CLAIMED', 'RESOLVED', 'CANCELLED')),
            entrepreneur_id TEXT,
            contact TEXT,
            theme TEXT,
            adviser_id TEXT,
            backup_id TEXT,
            reason TEXT,
            transcript TEXT NOT NULL DEFAULT '[]',
            entry_ids TEXT NOT NULL DEFAULT '[]')""",
        "CREATE INDEX IF NOT EXISTS cases_by_state ON cases (state, created_at)",
        "CREATE INDEX IF NOT EXISTS cases_by_entrepreneur ON cases (entrepreneur_id)",
        """
        CREATE TABLE IF NOT EXISTS case_events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id TEXT NOT NULL REFERENCES cases (id),
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            actor TEXT NOT NULL,
            detail TEXT)""",
        "CREATE INDEX IF NOT EXISTS case_events_by_case ON case_events (case_id, seq)",
        """
        CREATE TABLE IF NOT EXISTS feedback (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            entrepreneur_id TEXT,
            conversation_id TEXT,
            question TEXT,
            entry_ids TEXT NOT NULL DEFAULT '[]',
            helpful INTEGER NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS feedback_by_time ON feedback (at)",
        "CREATE INDEX IF NOT EXISTS feedback_by_entrepreneur ON feedback (entrepreneur_id)",
        """
        CREATE TABLE IF NOT EXISTS unanswered (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            entrepreneur_id TEXT,
            question TEXT NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS unanswered_by_time ON unanswered (at)",
        "CREATE INDEX IF NOT EXISTS unanswered_by_entrepreneur ON unanswered (entrepreneur_id)",
        // The CCI report's anonymous question log (fr.guichet.bot.report): no user id, no text.
        // Added to schema 1 as is: a table older code ignores, created on the next start.
        """
        CREATE TABLE IF NOT EXISTS question_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            channel TEXT NOT NULL,
            kind TEXT NOT NULL,
            themes TEXT NOT NULL DEFAULT '',
            entry_ids TEXT NOT NULL DEFAULT '',
            outcome TEXT NOT NULL,
            handoff_reason TEXT,
            latency_ms INTEGER NOT NULL,
            llm INTEGER NOT NULL,
            helpful INTEGER)""",
        "CREATE INDEX IF NOT EXISTS question_log_by_time ON question_log (at)",
    };

    /** Work done with the connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path dataDir;
    private final Path file;
    private final boolean durable;
    private final ReentrantLock lock = new ReentrantLock(true);
    private Connection connection; // guarded by lock; null once closed

    /**
     * Opens (creating the directory, the file and the schema if needed) the database of the
     * given data directory. @throws StoreException with a precise French message when the
     * directory or the file cannot be used
     */
    public Database(Path dataDir) {
        this(dataDir, true);
    }

    /**
     * A database for generated data (benchmarks, tests) only: {@code synchronous=OFF}, so a
     * crash may lose the last transactions, and filling it with a hundred thousand rows one
     * store call at a time takes seconds instead of minutes of fsyncs.
     */
    public static Database forGeneratedData(Path dataDir) {
        return new Database(dataDir, false);
    }

    private Database(Path dataDir, boolean durable) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.file = this.dataDir.resolve(FILE_NAME);
        this.durable = durable;
        prepareDirectory();
        this.connection = connect();
        try {
            createSchema();
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path file() {
        return file;
    }

    /**
     * Runs {@code work} in a write transaction ({@code BEGIN IMMEDIATE}), committed (and, with
     * synchronous=FULL, on disk) before this returns. Any exception rolls everything back; a
     * database error becomes a {@link StoreException} starting with {@code failure} (French,
     * e.g. « Impossible d'enregistrer le dossier »); other runtime exceptions pass unchanged.
     */
    public <T> T write(String failure, Work<T> work) {
        return transaction("BEGIN IMMEDIATE", failure, work);
    }

    /** Runs {@code work} in a read transaction: a consistent snapshot across its queries. */
    public <T> T read(String failure, Work<T> work) {
        return transaction("BEGIN DEFERRED", failure, work);
    }

    private <T> T transaction(String begin, String failure, Work<T> work) {
        lock.lock();
        try {
            if (connection == null) {
                throw new StoreException("La base de données " + file + " est fermée.");
            }
            try (Statement s = connection.createStatement()) {
                s.execute(begin);
            } catch (SQLException e) {
                throw failure(failure, e);
            }
            boolean committed = false;
            try {
                T result = work.run(connection);
                try (Statement s = connection.createStatement()) {
                    s.execute("COMMIT");
                }
                committed = true;
                return result;
            } catch (SQLException e) {
                throw failure(failure, e);
            } finally {
                if (!committed) {
                    rollback();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void rollback() {
        try (Statement s = connection.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            // SQLite may already have rolled back by itself (disk full, I/O error).
            LOG.debug("Annulation de transaction sans effet sur {} : {}", file, e.getMessage());
        }
    }

    private StoreException failure(String failure, SQLException e) {
        return new StoreException(failure + " (base " + file + ") : " + reason(e) + ".", e);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closeQuietly();
        } finally {
            lock.unlock();
        }
    }

    private void closeQuietly() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Fermeture de la base {} incomplète : {}", file, reason(e));
        } finally {
            connection = null;
        }
    }

    // ---------------------------------------------------------------- opening

    private void prepareDirectory() {
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new StoreException("Le dossier de données " + dataDir + " n'est pas un dossier mais un fichier.");
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("Impossible de créer le dossier de données " + dataDir + " : "
                    + directoryReason(e) + ".", e);
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new StoreException("La base de données " + file + " n'est pas un fichier ordinaire.");
        }
        // Probe with a real write and fsync: Files.isWritable says nothing of a read-only
        // mount seen by root, nor of a full disk.
        Path probe = dataDir.resolve(".guichet-ecriture-" + UUID.randomUUID());
        try {
            try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer block = ByteBuffer.allocate(4096);
                while (block.hasRemaining()) {
                    channel.write(block);
                }
                channel.force(true);
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException e) {
            throw new StoreException("Impossible d'écrire dans le dossier de données " + dataDir + " : "
                    + reason(e) + ".", e);
        }
    }

    /** Explains a failed directory creation, spotting a plain file in the way. */
    private String directoryReason(IOException e) {
        for (Path p = dataDir.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    return p + " est un fichier, pas un dossier";
                }
                break;
            }
        }
        return reason(e);
    }

    private Connection connect() {
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw new StoreException("Impossible d'ouvrir la base de données " + file + " : " + reason(e) + ".", e);
        }
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT.toMillis());
            String mode;
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                mode = rs.next() ? rs.getString(1) : "?";
            }
            if (!"wal".equalsIgnoreCase(mode)) {
                // Still durable (rollback journal + FULL), only less concurrent.
                LOG.warn("La base {} n'a pas pu passer en mode WAL (mode {}) : le système de fichiers ne le permet sans doute pas.",
                        file, mode);
            }
            s.execute(durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = OFF");
            s.execute("PRAGMA foreign_keys = ON");
            return c;
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the original failure is what matters
            }
            throw new StoreException("Impossible d'ouvrir la base de données " + file + " : " + reason(e) + ".", e);
        }
    }

    private void createSchema() {
        write("Impossible de préparer la base de données", c -> {
            try (Statement s = c.createStatement()) {
                for (String sql : SCHEMA) {
                    s.execute(sql);
                }
                Integer version = null;
                try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
                    if (rs.next()) {
                        int v = rs.getInt(1);
                        version = rs.wasNull() ? null : v;
                    }
                }
                if (version == null) {
                    s.execute("INSERT INTO schema_version (version) VALUES (" + SCHEMA_VERSION + ")");
                } else if (version > SCHEMA_VERSION) {
                    throw new StoreException("La base de données " + file + " a été écrite par une version plus récente de Guichet (schéma "
                            + version + ", cette version connaît le schéma " + SCHEMA_VERSION + ") : mettez Guichet à jour.");
                }
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- helpers for the stores

    static String timestamp(Instant instant) {
        return instant == null ? null : TIMESTAMP.format(instant);
    }

    /**
     * Reads a stored timestamp. The fixed-width form this class writes is decoded by hand,
     * ten times faster than {@link Instant#parse}: a report reads a hundred thousand of them.
     * Anything else (a row edited by hand) goes through {@link Instant#parse}.
     */
    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        if (text.length() == 30 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == '.' && text.charAt(29) == 'Z') {
            try {
                long seconds = java.time.LocalDateTime.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10),
                        digits(text, 11, 13), digits(text, 14, 16), digits(text, 17, 19)).toEpochSecond(ZoneOffset.UTC);
                return Instant.ofEpochSecond(seconds, digits(text, 20, 29));
            } catch (java.time.DateTimeException | NumberFormatException e) {
                // not a valid date after all: let Instant.parse say why
            }
        }
        return Instant.parse(text);
    }

    private static int digits(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(text);
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** Cause of a database error, in French, for operators. */
    static String reason(SQLException e) {
        if (e instanceof SQLiteException se && se.getResultCode() != null) {
            int primary = se.getResultCode().code & 0xFF;
            String known = switch (primary) {
                case 3 -> "permission refusée"; // SQLITE_PERM
                case 5, 6 -> "base verrouillée par un autre programme"; // SQLITE_BUSY, SQLITE_LOCKED
                case 7 -> "mémoire insuffisante"; // SQLITE_NOMEM
                case 8 -> "base en lecture seule (fichier ou dossier non modifiable)"; // SQLITE_READONLY
                case 10 -> "erreur d'entrée-sortie sur le disque"; // SQLITE_IOERR
                case 11 -> "fichier corrompu"; // SQLITE_CORRUPT
                case 13 -> "disque plein"; // SQLITE_FULL
                case 14 -> "fichier impossible à ouvrir (permission ou chemin)"; // SQLITE_CANTOPEN
                case 26 -> "ce fichier n'est pas une base SQLite ou il est corrompu"; // SQLITE_NOTADB
                default -> null;
            };
            if (known != null) {
                return known;
            }
        }
        return "erreur SQLite (" + e.getMessage() + ")";
    }

    /** Cause of a file system error, in French, for operators. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission refusée";
        }
        if (e instanceof NoSuchFileException) {
            return "chemin introuvable";
        }
        String why = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : String.valueOf(e.getMessage());
        String lower = why.toLowerCase(Locale.ROOT);
        if (lower.contains("read-only file system")) {
            return "lecture seule";
        }
        if (lower.contains("no space left")) {
            return "disque plein";
        }
        if (lower.contains("quota")) {
            return "quota disque dépassé";
        }
        if (lower.contains("permission denied") || lower.contains("operation not permitted")) {
            return "permission refusée";
        }
        if (lower.contains("not a directory")) {
            return "un élément du chemin n'est pas un dossier";
        }
        return why;
    }
}
