package fr.guichet.bot.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.guichet.bot.handoff.CaseEvent;
import fr.guichet.bot.handoff.CaseListing;
import fr.guichet.bot.handoff.CaseState;
import fr.guichet.bot.handoff.Contact;
import fr.guichet.bot.handoff.ForgottenCases;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.handoff.HandoffStore;
import fr.guichet.bot.handoff.NewCase;
import fr.guichet.bot.handoff.StoreException;
import fr.guichet.bot.handoff.TranscriptLine;
import fr.guichet.bot.handoff.UserText;
import fr.guichet.knowledge.catalogue.Theme;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handoff cases in SQLite: table {@code cases} (one row per case, transcript, entry ids and
 * contact as JSON text) and {@code case_events} (every change, timestamped, with its actor).
 *
 * <p>Ids look like {@code D-2026-000123}: the year of creation (in the clock's zone: Europe/Paris
 * unless {@code GUICHET_TIMEZONE} says otherwise) and a per-year
 * counter kept in the database itself, incremented in the same transaction as the insert, so
 * ids stay unique across restarts and a failed insert consumes no number. Advisers can read
 * and dictate them over the phone.
 *
 * <p>Life cycle: OPEN → CLAIMED, OPEN → RESOLVED, CLAIMED → RESOLVED, OPEN/CLAIMED →
 * CANCELLED. Nothing goes back to OPEN and nothing leaves a closed state; a reassignment keeps
 * the state (a claimed case given to a colleague stays claimed, now by them).
 *
 * <p>What users typed (contact, transcript, reason) is stored without control characters
 * ({@link UserText}), so that no escape sequence reaches an adviser's terminal. A row damaged
 * by hand or on disk spoils only itself: listings name it and show the others.
 */
public final class SqliteHandoffStore implements HandoffStore {

    /** Who is recorded as actor when Guichet itself acts (creation). */
    public static final String SYSTEM_ACTOR = "guichet";

    private static final Logger LOG = LoggerFactory.getLogger(SqliteHandoffStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CASE_COLUMNS =
            "id, created_at, state, entrepreneur_id, contact, theme, adviser_id, backup_id, reason, transcript, entry_ids";

    private final Database db;
    private final Clock clock;
    private final boolean ownsDatabase;

    /** A store on a database someone else owns and closes ({@link #close} leaves it open). */
    public SqliteHandoffStore(Database db, Clock clock) {
        this(db, clock, false);
    }

    private SqliteHandoffStore(Database db, Clock clock, boolean ownsDatabase) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ownsDatabase = ownsDatabase;
    }

    /** Opens its own database in {@code dataDir}, closed with the store. */
    public static SqliteHandoffStore open(Path dataDir, Clock clock) {
        return new SqliteHandoffStore(new Database(dataDir), clock, true);
    }

    @Override
    public HandoffCase create(NewCase newCase) {
        Objects.requireNonNull(newCase, "newCase");
        return db.write("Impossible d'enregistrer le nouveau dossier", c -> {
            Instant now = clock.instant();
            int year = now.atZone(clock.getZone()).getYear();
            String id = String.format(Locale.ROOT, "D-%04d-%06d", year, nextNumber(c, year));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cases (" + CASE_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, Database.timestamp(now));
                ps.setString(3, CaseState.OPEN.name());
                ps.setString(4, newCase.entrepreneurId());
                ps.setString(5, contactJson(newCase.contact()));
                ps.setString(6, newCase.theme() == null ? null : newCase.theme().code());
                ps.setString(7, newCase.adviserId());
                ps.setString(8, newCase.backupId());
                ps.setString(9, UserText.clean(newCase.reason()));
                ps.setString(10, transcriptJson(newCase.transcript()));
                ps.setString(11, stringsJson(newCase.entryIds()));
                ps.executeUpdate();
            }
            insertEvent(c, id, new CaseEvent(now, CaseEvent.CREATED, SYSTEM_ACTOR, newCase.adviserId()));
            return load(c, id);
        });
    }

    private static long nextNumber(Connection c, int year) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO case_counters (year, last) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET last = last + 1")) {
            ps.setInt(1, year);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT last FROM case_counters WHERE year = ?")) {
            ps.setInt(1, year);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public Optional<HandoffCase> find(String id) {
        return db.read("Impossible de lire le dossier " + id, c -> {
            List<HandoffCase> found = query(c, "id = ?", List.of(id));
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        });
    }

    @Override
    public List<HandoffCase> list(Set<CaseState> states) {
        CaseListing listing = listing(states);
        listing.unreadable().forEach(u -> LOG.warn("Dossier {} illisible, laissé de côté : {}", u.id(), u.reason()));
        return listing.cases();
    }

    @Override
    public CaseListing listing(Set<CaseState> states) {
        if (states.isEmpty()) {
            return new CaseListing(List.of(), List.of());
        }
        List<Object> names = states.stream().map(CaseState::name).sorted().collect(Collectors.toList());
        String marks = String.join(", ", Collections.nCopies(names.size(), "?"));
        return db.read("Impossible de lire la liste des dossiers", c -> queryRows(c, "state IN (" + marks + ")", names));
    }

    @Override
    public List<HandoffCase> byEntrepreneur(String entrepreneurId) {
        return db.read("Impossible de lire les dossiers d'un entrepreneur",
                c -> query(c, "entrepreneur_id = ?", List.of(entrepreneurId)));
    }

    @Override
    public HandoffCase transition(String id, CaseState to, String actor) {
        Objects.requireNonNull(to, "to");
        requireActor(actor);
        return db.write("Impossible de changer l'état du dossier " + id, c -> {
            CaseState from = load(c, id).state();
            checkTransition(id, from, to);
            try (PreparedStatement ps = c.prepareStatement("UPDATE cases SET state = ? WHERE id = ?")) {
                ps.setString(1, to.name());
                ps.setString(2, id);
                ps.executeUpdate();
            }
            insertEvent(c, id, new CaseEvent(clock.instant(), action(to), actor, from.name() + " -> " + to.name()));
            return load(c, id);
        });
    }

    /** Enforces the life cycle. @throws IllegalStateException with a French message */
    static void checkTransition(String id, CaseState from, CaseState to) {
        if (from.isClosed()) {
            throw new IllegalStateException("Le dossier " + id + " est déjà " + from.label()
                    + " : il ne peut plus passer à l'état « " + to.label() + " ».");
        }
        if (from == to) {
            throw new IllegalStateException("Le dossier " + id + " est déjà " + from.label() + ".");
        }
        boolean allowed = switch (from) {
            case OPEN -> to == CaseState.CLAIMED || to == CaseState.RESOLVED || to == CaseState.CANCELLED;
            case CLAIMED -> to == CaseState.RESOLVED || to == CaseState.CANCELLED;
            case RESOLVED, CANCELLED -> false;
        };
        if (!allowed) {
            throw new IllegalStateException("Le dossier " + id + " est " + from.label()
                    + " : il ne peut pas revenir à l'état « " + to.label() + " ».");
        }
    }

    private static String action(CaseState to) {
        return switch (to) {
            case CLAIMED -> CaseEvent.CLAIMED;
            case RESOLVED -> CaseEvent.RESOLVED;
            case CANCELLED -> CaseEvent.CANCELLED;
            case OPEN -> throw new IllegalStateException("Aucun dossier ne peut revenir à l'état « ouvert ».");
        };
    }

    /**
     * Gives the case to another adviser; the state is unchanged. @throws IllegalStateException
     * for a closed case; @throws NoSuchElementException for an unknown id
     */
    @Override
    public HandoffCase reassign(String id, String adviserId, String backupId, String actor) {
        requireActor(actor);
        return db.write("Impossible de réassigner le dossier " + id, c -> {
            HandoffCase current = load(c, id);
            if (current.state().isClosed()) {
                throw new IllegalStateException("Le dossier " + id + " est déjà " + current.state().label()
                        + " : il ne peut plus être réassigné.");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE cases SET adviser_id = ?, backup_id = ? WHERE id = ?")) {
                ps.setString(1, adviserId);
                ps.setString(2, backupId);
                ps.setString(3, id);
                ps.executeUpdate();
            }
            insertEvent(c, id, new CaseEvent(clock.instant(), CaseEvent.REASSIGNED, actor,
                    current.adviserId() + " -> " + adviserId));
            return load(c, id);
        });
    }

    /** Reassignment (when needed) and claim in one transaction: both happen or neither. */
    @Override
    public HandoffCase claim(String id, String adviserId, String backupId, String actor) {
        requireActor(actor);
        Objects.requireNonNull(adviserId, "adviserId");
        String who = UserText.clean(actor);
        return db.write("Impossible de prendre en charge le dossier " + id, c -> {
            HandoffCase current = load(c, id);
            checkTransition(id, current.state(), CaseState.CLAIMED);
            Instant now = clock.instant();
            if (!adviserId.equals(current.adviserId())) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE cases SET adviser_id = ?, backup_id = ? WHERE id = ?")) {
                    ps.setString(1, adviserId);
                    ps.setString(2, backupId);
                    ps.setString(3, id);
                    ps.executeUpdate();
                }
                insertEvent(c, id, new CaseEvent(now, CaseEvent.REASSIGNED, who, current.adviserId() + " -> " + adviserId));
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE cases SET state = ? WHERE id = ?")) {
                ps.setString(1, CaseState.CLAIMED.name());
                ps.setString(2, id);
                ps.executeUpdate();
            }
            insertEvent(c, id, new CaseEvent(now, CaseEvent.CLAIMED, who, current.state().name() + " -> " + CaseState.CLAIMED.name()));
            return load(c, id);
        });
    }

    /** Appends the event as given (its own timestamp), whatever the state. */
    @Override
    public HandoffCase record(String id, CaseEvent event) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(event.at(), "event.at");
        Objects.requireNonNull(event.action(), "event.action");
        requireActor(event.actor());
        return db.write("Impossible d'enregistrer un événement du dossier " + id, c -> {
            load(c, id); // unknown id → NoSuchElementException, nothing written
            insertEvent(c, id, event);
            return load(c, id);
        });
    }

    /**
     * One statement decides: the event is appended only if the case is open at that moment and
     * has no event of that action yet. A case claimed or closed since it was listed, or reminded
     * meanwhile by another process, is left as it is.
     */
    @Override
    public Optional<HandoffCase> recordIfOpen(String id, CaseEvent event) {
        Objects.requireNonNull(event, "event");
        requireActor(event.actor());
        return db.write("Impossible d'enregistrer un événement du dossier " + id, c -> {
            int inserted;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_events (case_id, at, action, actor, detail)"
                    + " SELECT id, ?, ?, ?, ? FROM cases WHERE id = ? AND state = 'OPEN'"
                    + " AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = cases.id AND e.action = ?)")) {
                ps.setString(1, Database.timestamp(event.at()));
                ps.setString(2, event.action());
                ps.setString(3, UserText.clean(event.actor()));
                ps.setString(4, UserText.clean(event.detail()));
                ps.setString(5, id);
                ps.setString(6, event.action());
                inserted = ps.executeUpdate();
            }
            return inserted == 1 ? Optional.of(load(c, id)) : Optional.<HandoffCase>empty();
        });
    }

    /**
     * One conditional update decides: the case passes to {@code toAdviserId} only if it is still
     * open, still {@code fromAdviserId}'s and not yet escalated; the reassignment and escalation
     * events are stored in the same transaction, so no crash leaves one without the other.
     */
    @Override
    public Optional<HandoffCase> escalateIfOpen(String id, String fromAdviserId, String toAdviserId, String newBackupId,
                                                CaseEvent event) {
        Objects.requireNonNull(event, "event");
        requireActor(event.actor());
        return db.write("Impossible de transférer le dossier " + id, c -> {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE cases SET adviser_id = ?, backup_id = ?"
                    + " WHERE id = ? AND state = 'OPEN' AND adviser_id IS ?"
                    + " AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = cases.id AND e.action = ?)")) {
                ps.setString(1, toAdviserId);
                ps.setString(2, newBackupId);
                ps.setString(3, id);
                ps.setString(4, fromAdviserId);
                ps.setString(5, CaseEvent.ESCALATED);
                updated = ps.executeUpdate();
            }
            if (updated != 1) {
                return Optional.<HandoffCase>empty();
            }
            insertEvent(c, id, new CaseEvent(event.at(), CaseEvent.REASSIGNED, event.actor(), fromAdviserId + " -> " + toAdviserId));
            insertEvent(c, id, event);
            return Optional.of(load(c, id));
        });
    }

    /**
     * Erases an entrepreneur's data in one transaction, then empties the write-ahead log
     * ({@link Database#writeAndErase}): with {@code secure_delete} on, the erased text is in no
     * file afterwards. Their open or claimed cases are cancelled, each change recorded as an
     * event by {@value ForgottenCases#ACTOR}.
     */
    @Override
    public ForgottenCases eraseEntrepreneur(String entrepreneurId) {
        Objects.requireNonNull(entrepreneurId, "entrepreneurId");
        return db.writeAndErase("Impossible d'effacer les données d'un entrepreneur", c -> {
            Map<String, CaseState> states = new LinkedHashMap<>();
            List<String> hadContact = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, state, contact IS NOT NULL FROM cases WHERE entrepreneur_id = ? ORDER BY created_at, seq")) {
                ps.setString(1, entrepreneurId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        // a damaged state is erased all the same, and counts as open: it gets cancelled
                        CaseState state = CaseState.OPEN;
                        try {
                            state = CaseState.valueOf(rs.getString(2));
                        } catch (RuntimeException e) {
                            LOG.warn("Dossier {} : état illisible, annulé avec l'effacement", rs.getString(1));
                        }
                        states.put(rs.getString(1), state);
                        if (rs.getBoolean(3)) {
                            hadContact.add(rs.getString(1));
                        }
                    }
                }
            }
            if (states.isEmpty()) {
                return ForgottenCases.NONE;
            }
            Instant now = clock.instant();
            List<String> cancelled = new ArrayList<>();
            for (Map.Entry<String, CaseState> e : states.entrySet()) {
                String id = e.getKey();
                boolean open = !e.getValue().isClosed();
                try (PreparedStatement ps = c.prepareStatement("UPDATE cases SET contact = NULL, transcript = '[]',"
                        + " reason = ?, entrepreneur_id = NULL, state = ? WHERE id = ?")) {
                    ps.setString(1, ForgottenCases.NEUTRAL_REASON);
                    ps.setString(2, open ? CaseState.CANCELLED.name() : e.getValue().name());
                    ps.setString(3, id);
                    ps.executeUpdate();
                }
                if (open) {
                    cancelled.add(id);
                    insertEvent(c, id, new CaseEvent(now, CaseEvent.CANCELLED, ForgottenCases.ACTOR,
                            e.getValue().name() + " -> " + CaseState.CANCELLED.name()));
                }
                insertEvent(c, id, new CaseEvent(now, CaseEvent.FORGOTTEN, ForgottenCases.ACTOR,
                        "coordonnées, conversation et motif effacés à sa demande"));
            }
            List<HandoffCase> cases = new ArrayList<>();
            for (String id : states.keySet()) {
                CaseListing rows = queryRows(c, "id = ?", List.of(id));
                cases.addAll(rows.cases()); // a row still unreadable after the erasure is erased all the same
            }
            return new ForgottenCases(cases, cancelled, hadContact);
        });
    }

    /** Blanks contact and transcript of resolved or cancelled cases created strictly before the cutoff. */
    @Override
    public int purgeClosedBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return db.writeAndErase("Impossible de purger les anciens dossiers", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE cases SET contact = NULL, transcript = '[]'"
                    + " WHERE state IN ('RESOLVED', 'CANCELLED') AND created_at < ?"
                    + " AND (contact IS NOT NULL OR transcript <> '[]')")) {
                ps.setString(1, Database.timestamp(cutoff));
                return ps.executeUpdate();
            }
        });
    }

    /** The Discord thread where the case was announced, if it is known. */
    public Optional<Long> discordThread(String id) {
        return db.read("Impossible de lire le dossier " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT discord_thread_id FROM cases WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Long>empty();
                    }
                    long thread = rs.getLong(1);
                    return rs.wasNull() ? Optional.<Long>empty() : Optional.of(thread);
                }
            }
        });
    }

    /** Remembers the Discord thread of the case (Discord adapter). Unknown id: nothing written. */
    public void discordThread(String id, long threadId) {
        db.write("Impossible d'enregistrer le fil du dossier " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE cases SET discord_thread_id = ? WHERE id = ?")) {
                ps.setLong(1, threadId);
                ps.setString(2, id);
                return ps.executeUpdate();
            }
        });
    }

    /** Closes the database only when this store opened it ({@link #open}). */
    @Override
    public void close() {
        if (ownsDatabase) {
            db.close();
        }
    }

    // ---------------------------------------------------------------- rows

    private static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("Chaque changement d'un dossier doit dire qui l'a fait (acteur manquant).");
        }
    }

    private static void insertEvent(Connection c, String caseId, CaseEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO case_events (case_id, at, action, actor, detail) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, caseId);
            ps.setString(2, Database.timestamp(e.at()));
            ps.setString(3, e.action());
            ps.setString(4, UserText.clean(e.actor()));
            ps.setString(5, UserText.clean(e.detail()));
            ps.executeUpdate();
        }
    }

    private static HandoffCase load(Connection c, String id) throws SQLException {
        List<HandoffCase> found = query(c, "id = ?", List.of(id));
        if (found.isEmpty()) {
            throw new NoSuchElementException("Aucun dossier « " + id + " ».");
        }
        return found.get(0);
    }

    /** Cases matching {@code where}; @throws StoreException naming the first that cannot be read. */
    private static List<HandoffCase> query(Connection c, String where, List<?> params) throws SQLException {
        CaseListing rows = queryRows(c, where, params);
        if (!rows.unreadable().isEmpty()) {
            CaseListing.Unreadable bad = rows.unreadable().get(0);
            throw new StoreException("Le dossier " + bad.id() + " est illisible dans la base de données : " + bad.reason()
                    + " (fichier modifié à la main ou abîmé).");
        }
        return rows.cases();
    }

    /** Cases matching {@code where}, oldest first, each with its events in order; bad rows named apart. */
    private static CaseListing queryRows(Connection c, String where, List<?> params) throws SQLException {
        Map<String, List<CaseEvent>> events = new HashMap<>();
        Map<String, String> badEvents = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT case_id, at, action, actor, detail FROM case_events"
                + " WHERE case_id IN (SELECT id FROM cases WHERE " + where + ") ORDER BY seq")) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String caseId = rs.getString(1);
                    try {
                        events.computeIfAbsent(caseId, k -> new ArrayList<>()).add(new CaseEvent(
                                column("date d'un événement", Database.instant(rs.getString(2))),
                                Objects.requireNonNull(rs.getString(3), "action"), rs.getString(4), rs.getString(5)));
                    } catch (RuntimeException e) {
                        badEvents.putIfAbsent(caseId, "événement illisible (" + describe(e) + ")");
                    }
                }
            }
        }
        List<HandoffCase> cases = new ArrayList<>();
        List<CaseListing.Unreadable> unreadable = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CASE_COLUMNS + " FROM cases WHERE " + where
                + " ORDER BY created_at, seq")) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("id");
                    if (badEvents.containsKey(id)) {
                        unreadable.add(new CaseListing.Unreadable(id, badEvents.get(id)));
                        continue;
                    }
                    try {
                        cases.add(new HandoffCase(
                                id,
                                read("date de création", () -> Objects.requireNonNull(instantOf(rs, "created_at"))),
                                read("état", () -> CaseState.valueOf(stringOf(rs, "state"))),
                                rs.getString("entrepreneur_id"),
                                read("coordonnées", () -> contact(stringOf(rs, "contact"))),
                                theme(rs.getString("theme"), id),
                                rs.getString("adviser_id"),
                                rs.getString("backup_id"),
                                rs.getString("reason"),
                                read("conversation", () -> transcript(stringOf(rs, "transcript"))),
                                read("fiches montrées", () -> strings(stringOf(rs, "entry_ids"))),
                                events.getOrDefault(id, List.of())));
                    } catch (RuntimeException e) {
                        unreadable.add(new CaseListing.Unreadable(id, describe(e)));
                    }
                }
            }
        }
        return new CaseListing(cases, unreadable);
    }

    /** A column that failed to read, named in French. */
    private static final class BadColumn extends RuntimeException {
        BadColumn(String column, Throwable cause) {
            super(column + " illisible" + (cause instanceof StoreException ? "" : " (" + cause.getClass().getSimpleName() + ")"),
                    cause);
        }
    }

    private static <T> T read(String column, Supplier<T> value) {
        try {
            return value.get();
        } catch (RuntimeException e) {
            throw new BadColumn(column, e);
        }
    }

    private static <T> T column(String column, T value) {
        return Objects.requireNonNull(value, column);
    }

    private static String stringOf(ResultSet rs, String column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            throw new StoreException("colonne " + column + " : " + Database.reason(e), e);
        }
    }

    private static Instant instantOf(ResultSet rs, String column) {
        return Database.instant(stringOf(rs, column));
    }

    private static String describe(RuntimeException e) {
        if (e instanceof BadColumn || e instanceof StoreException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName();
    }

    private static void bind(PreparedStatement ps, List<?> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    private static Theme theme(String code, String caseId) {
        if (code == null) {
            return null;
        }
        return Theme.fromCode(code).orElseThrow(() -> new StoreException(
                "Le dossier " + caseId + " porte un thème inconnu de cette version de Guichet : « " + code + " »."));
    }

    // ---------------------------------------------------------------- JSON columns

    static String contactJson(Contact contact) {
        if (contact == null) {
            return null;
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("name", UserText.clean(contact.name()));
        o.put("company", UserText.clean(contact.company()));
        o.put("phoneOrEmail", UserText.clean(contact.phoneOrEmail()));
        o.put("consent", contact.consent());
        return write(o);
    }

    static Contact contact(String json) {
        if (json == null) {
            return null;
        }
        JsonNode o = parse(json);
        return new Contact(text(o, "name"), text(o, "company"), text(o, "phoneOrEmail"), o.path("consent").asBoolean());
    }

    static String transcriptJson(List<TranscriptLine> lines) {
        ArrayNode a = JSON.createArrayNode();
        for (TranscriptLine line : lines) {
            ObjectNode o = a.addObject();
            o.put("at", Database.timestamp(line.at()));
            o.put("speaker", line.speaker());
            o.put("text", UserText.clean(line.text()));
        }
        return write(a);
    }

    static List<TranscriptLine> transcript(String json) {
        List<TranscriptLine> lines = new ArrayList<>();
        for (JsonNode o : parse(json)) {
            lines.add(new TranscriptLine(Database.instant(text(o, "at")), text(o, "speaker"), text(o, "text")));
        }
        return lines;
    }

    static String stringsJson(List<String> values) {
        ArrayNode a = JSON.createArrayNode();
        values.forEach(a::add);
        return write(a);
    }

    static List<String> strings(String json) {
        List<String> values = new ArrayList<>();
        for (JsonNode n : parse(json)) {
            values.add(n.isNull() ? null : n.asText());
        }
        return values;
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree of strings always serialises
        }
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new StoreException("Donnée vide dans la base de données (JSON attendu).");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new StoreException("Donnée illisible dans la base de données (JSON invalide) : le fichier a été modifié à la main ou est abîmé.", e);
        }
    }
}
