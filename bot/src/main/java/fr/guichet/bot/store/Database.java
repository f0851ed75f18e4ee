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
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

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
 * full, a file in the way) or file (corrupt, empty, read-only, not a database, another
 * program's database) gives a {@link StoreException} whose French message names the path and
 * the cause, and a failed transaction is rolled back whole.
 *
 * <p>Identity: Guichet's files carry {@link #APPLICATION_ID} in their header. Any other SQLite
 * file found at the path is refused before anything is written to it (not even the journal
 * mode), so a mistaken {@code --data} never alters another program's data. Files written
 * before the id existed are recognised by their tables and marked.
 *
 * <p>Privacy: the directory is created readable by its owner only (0700) and the database
 * files are made 0600, since they hold phone numbers and e-mails. {@code secure_delete} is on,
 * so deleted rows are overwritten with zeros, and {@link #writeAndErase} also empties the
 * write-ahead log, so that nothing erased can still be read in the files.
 */
public final class Database implements AutoCloseable {

    public static final String FILE_NAME = "guichet.db";
    /** Version of the schema this code writes; a newer file is refused rather than misread. */
    public static final int SCHEMA_VERSION = 1;
    /** « GCHT » in the header's application id field: this file is Guichet's. */
    public static final int APPLICATION_ID = 0x47434854;
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);
    /** Tables by which a file written before the application id is recognised as Guichet's. */
    private static final Set<String> MARKER_TABLES = Set.of("schema_version", "cases", "case_events");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

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
        // Which process runs a periodic job of this data directory (the reminders): one row per job,
        // renewed by its holder, taken over when stale (SqliteLease). Added to schema 1 as is.
        """
        CREATE TABLE IF NOT EXISTS leases (
            name TEXT PRIMARY KEY,
            holder TEXT NOT NULL,
            priority INTEGER NOT NULL,
            until TEXT NOT NULL)""",
    };

    /** Work done with the connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path dataDir;
    private final Path file;
    private final boolean readOnly;
    private final boolean durable;
    private final ReentrantLock lock = new ReentrantLock(true);
    private Connection connection; // guarded by lock; null once closed

    /**
     * Opens (creating the directory, the file and the schema if needed) the database of the
     * given data directory. @throws StoreException with a precise French message when the
     * directory or the file cannot be used
     */
    public Database(Path dataDir) {
        this(dataDir, BUSY_TIMEOUT, true);
    }

    /** With another wait for a database locked by another program (tests of that fault). */
    Database(Path dataDir, Duration busyTimeout) {
        this(dataDir, busyTimeout, true);
    }

    /**
     * A database for generated data (benchmarks, tests) only: {@code synchronous=OFF}, so a
     * crash may lose the last transactions, and filling it with a hundred thousand rows one
     * store call at a time takes seconds instead of minutes of fsyncs.
     */
    public static Database forGeneratedData(Path dataDir) {
        return new Database(dataDir, BUSY_TIMEOUT, false);
    }

    private Database(Path dataDir, Duration busyTimeout, boolean durable) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.file = this.dataDir.resolve(FILE_NAME);
        this.readOnly = false;
        this.durable = durable;
        prepareDirectory();
        refuseEmptyOrReadOnlyFile();
        boolean created = !Files.exists(file);
        this.connection = connect(busyTimeout, created);
        try {
            createSchema();
            ownerOnly(file.resolveSibling(FILE_NAME + "-wal"));
            ownerOnly(file.resolveSibling(FILE_NAME + "-shm"));
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    private Database(Path file, boolean readOnly) {
        this.file = file.toAbsolutePath().normalize();
        this.dataDir = this.file.getParent();
        this.readOnly = readOnly;
        this.durable = true;
        if (!Files.isRegularFile(this.file)) {
            throw new StoreException("Aucune base de données " + this.file + " : le fichier n'existe pas.");
        }
        refuseEmptyFile();
        this.connection = connectReadOnly();
    }

    /**
     * Opens the database of {@code dataDir} for reading only: nothing is created or written, no
     * write lock is taken, and it works on a read-only file, folder or medium (a copy, a
     * backup). @throws StoreException when there is no Guichet database there
     */
    public static Database openReadOnly(Path dataDir) {
        return new Database(dataDir.resolve(FILE_NAME), true);
    }

    /** Opens any Guichet database file (a backup, for instance) for reading only. */
    public static Database openFileReadOnly(Path file) {
        return new Database(file, true);
    }

    public boolean readOnly() {
        return readOnly;
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
        if (readOnly) {
            throw new StoreException(failure + " (base " + file + ") : la base est ouverte en lecture seule.");
        }
        return transaction("BEGIN IMMEDIATE", failure, work);
    }

    /**
     * A {@link #write} that erases personal data: once committed, the write-ahead log is
     * checkpointed into the database file and truncated, so the erased rows (already
     * overwritten with zeros by {@code secure_delete}) are in no file any more. Should another
     * program hold a read snapshot, the log is emptied at the next checkpoint instead; this is
     * logged, not thrown: the erasure itself is committed.
     */
    public <T> T writeAndErase(String failure, Work<T> work) {
        T result = write(failure, work);
        checkpoint();
        return result;
    }

    /** Copies the whole write-ahead log into the database file and empties it. */
    void checkpoint() {
        lock.lock();
        try {
            if (connection == null) {
                return;
            }
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                if (rs.next() && rs.getInt(1) != 0) {
                    LOG.warn("Journal {}-wal pas encore vidé (un autre programme lit la base) : il le sera au prochain point de contrôle.",
                            file);
                }
            } catch (SQLException e) {
                LOG.warn("Point de contrôle impossible sur {} : {}", file, reason(e));
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes a consistent copy of the database to {@code target} with SQLite's online backup,
     * while Guichet may be running and writing. The target must not exist; it is created
     * readable by its owner only. @throws StoreException when the copy fails (the partial
     * target is deleted)
     */
    public void backupTo(Path target) {
        try {
            Files.createFile(target, ownerOnlyFileAttribute());
        } catch (UnsupportedOperationException e) {
            try {
                Files.createFile(target);
            } catch (IOException io) {
                throw new StoreException("Impossible de créer la sauvegarde " + target + " : " + reason(io) + ".", io);
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new StoreException("La sauvegarde " + target + " existe déjà : choisissez un autre dossier ou attendez une seconde.");
        } catch (IOException e) {
            throw new StoreException("Impossible de créer la sauvegarde " + target + " : " + reason(e) + ".", e);
        }
        lock.lock();
        boolean done = false;
        try {
            if (connection == null) {
                throw new StoreException("La base de données " + file + " est fermée.");
            }
            // 100 pages a step, 200 ms between steps while another program holds a lock, up to 50 times
            int rc = connection.unwrap(SQLiteConnection.class).getDatabase()
                    .backup("main", target.toString(), null, 200, 50, 100);
            if (rc != 0) {
                throw new StoreException("Sauvegarde de " + file + " vers " + target + " impossible : code SQLite " + rc + ".");
            }
            done = true;
        } catch (SQLException e) {
            throw new StoreException("Sauvegarde de " + file + " vers " + target + " impossible : " + reason(e) + ".", e);
        } finally {
            lock.unlock();
            if (!done) {
                try {
                    Files.deleteIfExists(target);
                } catch (IOException ignored) {
                    // the failure above is what the operator needs
                }
            }
        }
    }

    /**
     * Whether the database takes a write now: a real one (a row rewritten as it was, committed
     * and synced), since a file can turn read-only, a disk fill up or another program hold the
     * lock after the start. For the health check. @return empty when it does, else why not (French)
     */
    public java.util.Optional<String> probeWrite() {
        try {
            write("Écriture impossible", c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("UPDATE schema_version SET version = version");
                }
            });
            return java.util.Optional.empty();
        } catch (StoreException e) {
            return java.util.Optional.of(e.getMessage());
        }
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
            if (!Files.isDirectory(dataDir)) {
                try {
                    Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createDirectories(dataDir);
                }
            }
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

    /**
     * An empty file is not a fresh start: it is what a failed copy or a truncation leaves, and
     * taking it for a new database would hide that every case is gone.
     */
    private void refuseEmptyFile() {
        try {
            if (Files.isRegularFile(file) && Files.size(file) == 0) {
                throw new StoreException("La base de données " + file + " est vide (0 octet) : ce n'est pas une base Guichet "
                        + "utilisable (copie interrompue ou fichier tronqué ?). Restaurez une sauvegarde (voir le README, "
                        + "« Sauvegardes »), ou supprimez ce fichier pour repartir d'une base neuve.");
            }
        } catch (IOException e) {
            throw new StoreException("Impossible de lire la base de données " + file + " : " + reason(e) + ".", e);
        }
    }

    /** A read-only file would let Guichet start and then fail every handoff: refused now. */
    private void refuseEmptyOrReadOnlyFile() {
        refuseEmptyFile();
        if (Files.isRegularFile(file) && !Files.isWritable(file)) {
            throw readOnlyFile(null);
        }
    }

    private StoreException readOnlyFile(Throwable cause) {
        return new StoreException("La base de données " + file + " est en lecture seule : Guichet ne pourrait enregistrer "
                + "aucun dossier. Rendez-la modifiable par l'utilisateur qui lance Guichet (chmod 600), ou consultez-la "
                + "avec « ./guichet cases list », qui ne fait que lire.", cause);
    }

    private Connection connect(Duration busyTimeout, boolean created) {
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw new StoreException("Impossible d'ouvrir la base de données " + file + " : " + reason(e) + ".", e);
        }
        try (Statement s = c.createStatement()) {
            if (created) {
                ownerOnly(file); // before anything is written to it
            }
            s.execute("PRAGMA busy_timeout = " + busyTimeout.toMillis());
            // who owns this file is settled before anything (even the journal mode) changes it
            identify(c, false);
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
            s.execute("PRAGMA secure_delete = ON");
            ownerOnly(file);
            return c;
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the original failure is what matters
            }
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("Impossible d'ouvrir la base de données " + file + " : "
                    + (e instanceof SQLException sql ? reason(sql) : e.getMessage()) + ".", e);
        }
    }

    /**
     * A read-only connection. A database in WAL mode needs its shared-memory file, which a
     * read-only folder cannot hold: when there is no unsaved log to read, the file is then
     * opened as immutable, which needs nothing beside it.
     */
    private Connection connectReadOnly() {
        SQLException first;
        try {
            return readOnlyConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            first = e;
        }
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        try {
            if (!Files.exists(wal) || Files.size(wal) == 0) {
                return readOnlyConnection("jdbc:sqlite:file:" + file.toUri().getRawPath() + "?immutable=1");
            }
        } catch (SQLException | IOException e) {
            LOG.debug("immutable open of {} failed too: {}", file, e.getMessage());
        }
        throw new StoreException("Impossible d'ouvrir la base de données " + file + " en lecture : " + reason(first) + ".", first);
    }

    private Connection readOnlyConnection(String url) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.OPEN_URI);
        Connection c = DriverManager.getConnection(url, config.toProperties());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT.toMillis());
            if (!identify(c, true)) {
                throw new StoreException("La base de données " + file + " ne contient encore aucun dossier (aucune table).");
            }
            Integer version = schemaVersion(s);
            if (version != null && version > SCHEMA_VERSION) {
                throw newerVersion(version);
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Whether the file is Guichet's: true for Guichet's (by its application id, or by its
     * tables when written before the id), false for a file with no table yet (a new
     * database). @throws StoreException for any other SQLite file, which is left as it is
     */
    private boolean identify(Connection c, boolean readOnlyConnection) throws SQLException {
        int applicationId;
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA application_id")) {
                applicationId = rs.next() ? rs.getInt(1) : 0;
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        if (applicationId == APPLICATION_ID) {
            return true;
        }
        if (applicationId == 0 && tables.isEmpty()) {
            return false;
        }
        if (applicationId == 0 && tables.containsAll(MARKER_TABLES)) {
            return true; // written by a version before the application id: marked at the first write
        }
        throw new StoreException("Le fichier " + file + " est une base SQLite d'un autre programme, pas celle de Guichet ("
                + (applicationId != 0 ? String.format(Locale.ROOT, "identifiant d'application 0x%08x, ", applicationId) : "")
                + "tables : " + (tables.isEmpty() ? "aucune" : String.join(", ", tables.subList(0, Math.min(8, tables.size())))
                + (tables.size() > 8 ? "…" : "")) + "). Guichet ne l'a pas modifiée : vérifiez le dossier de données "
                + "(GUICHET_DATA ou --data).");
    }

    private static Integer schemaVersion(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            if (rs.next()) {
                int v = rs.getInt(1);
                return rs.wasNull() ? null : v;
            }
            return null;
        }
    }

    private StoreException newerVersion(int version) {
        return new StoreException("La base de données " + file + " a été écrite par une version plus récente de Guichet (schéma "
                + version + ", cette version connaît le schéma " + SCHEMA_VERSION + ") : mettez Guichet à jour.");
    }

    /** Owner-only permissions (0600) when the file exists and the file system has them. */
    static void ownerOnly(Path path) {
        try {
            if (Files.exists(path)) {
                Files.setPosixFilePermissions(path, OWNER_ONLY_FILE);
            }
        } catch (UnsupportedOperationException notPosix) {
            // Windows and the like: their own access lists apply
        } catch (IOException e) {
            LOG.warn("Impossible de restreindre les droits de {} : {}", path, reason(e));
        }
    }

    static FileAttribute<Set<PosixFilePermission>> ownerOnlyFileAttribute() {
        return PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE);
    }

    private void createSchema() {
        try {
            write("Impossible de préparer la base de données", c -> {
                try (Statement s = c.createStatement()) {
                    for (String sql : SCHEMA) {
                        s.execute(sql);
                    }
                    addMissingColumns(s);
                    Integer version = schemaVersion(s);
                    if (version == null) {
                        s.execute("INSERT INTO schema_version (version) VALUES (" + SCHEMA_VERSION + ")");
                    } else if (version > SCHEMA_VERSION) {
                        throw newerVersion(version);
                    } else {
                        // A real write at start: a file SQLite could only open read-only is refused
                        // now, not at the first handoff.
                        s.execute("UPDATE schema_version SET version = version");
                    }
                    s.execute("PRAGMA application_id = " + APPLICATION_ID);
                }
                return null;
            });
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLiteException se && se.getResultCode() != null
                    && (se.getResultCode().code & 0xFF) == 8) { // SQLITE_READONLY
                throw readOnlyFile(e.getCause());
            }
            throw e;
        }
    }

    /**
     * Columns added after schema 1, nullable: added when missing (a database written before
     * them opens as is, and an older Guichet simply ignores them), so the schema version stays.
     */
    private static void addMissingColumns(Statement s) throws SQLException {
        boolean threadColumn = false;
        try (ResultSet rs = s.executeQuery("PRAGMA table_info(cases)")) {
            while (rs.next()) {
                threadColumn |= "discord_thread_id".equals(rs.getString("name"));
            }
        }
        if (!threadColumn) {
            // the Discord thread of a case, so a restart never opens a second one
            s.execute("ALTER TABLE cases ADD COLUMN discord_thread_id INTEGER");
        }
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
