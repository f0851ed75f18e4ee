package fr.guichet.bot.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.guichet.bot.handoff.CaseEvent;
import fr.guichet.bot.handoff.CaseState;
import fr.guichet.bot.handoff.Contact;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.handoff.HandoffStore;
import fr.guichet.bot.handoff.NewCase;
import fr.guichet.bot.handoff.StoreException;
import fr.guichet.bot.handoff.TranscriptLine;
import fr.guichet.knowledge.catalogue.Theme;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
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
import java.util.stream.Collectors;

/**
 * Handoff cases in SQLite: table {@code cases} (one row per case, transcript, entry ids and
 * contact as JSON text) and {@code case_events} (every change, timestamped, with its actor).
 *
 * <p>Ids look like {@code D-2026-000123}: the year of creation (Europe/Paris) and a per-year
 * counter kept in the database itself, incremented in the same transaction as the insert, so
 * ids stay unique across restarts and a failed insert consumes no number. Advisers can read
 * and dictate them over the phone.
 *
 * <p>Life cycle: OPEN → CLAIMED, OPEN → RESOLVED, CLAIMED → RESOLVED, OPEN/CLAIMED →
 * CANCELLED. Nothing goes back to OPEN and nothing leaves a closed state; a reassignment keeps
 * the state (a claimed case given to a colleague stays claimed, now by them).
 */
public final class SqliteHandoffStore implements HandoffStore {

    /** Who is recorded as actor when Guichet itself acts (creation). */
    public static final String SYSTEM_ACTOR = "guichet";
    /** The zone whose calendar year goes into case ids. */
    static final ZoneId ID_ZONE = ZoneId.of("Europe/Paris");

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
            int year = now.atZone(ID_ZONE).getYear();
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
                ps.setString(9, newCase.reason());
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
        if (states.isEmpty()) {
            return List.of();
        }
        List<Object> names = states.stream().map(CaseState::name).sorted().collect(Collectors.toList());
        String marks = String.join(", ", Collections.nCopies(names.size(), "?"));
        return db.read("Impossible de lire la liste des dossiers", c -> query(c, "state IN (" + marks + ")", names));
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

    /** Blanks contact and transcript; returns how many cases still had some to blank. */
    @Override
    public int forgetEntrepreneur(String entrepreneurId) {
        return db.write("Impossible d'effacer les données d'un entrepreneur", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE cases SET contact = NULL, transcript = '[]'"
                    + " WHERE entrepreneur_id = ? AND (contact IS NOT NULL OR transcript <> '[]')")) {
                ps.setString(1, entrepreneurId);
                return ps.executeUpdate();
            }
        });
    }

    /** Blanks contact and transcript of resolved or cancelled cases created strictly before the cutoff. */
    @Override
    public int purgeClosedBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return db.write("Impossible de purger les anciens dossiers", c -> {
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
            ps.setString(4, e.actor());
            ps.setString(5, e.detail());
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

    /** Cases matching {@code where}, oldest first, each with its events in order. */
    private static List<HandoffCase> query(Connection c, String where, List<?> params) throws SQLException {
        Map<String, List<CaseEvent>> events = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT case_id, at, action, actor, detail FROM case_events"
                + " WHERE case_id IN (SELECT id FROM cases WHERE " + where + ") ORDER BY seq")) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new CaseEvent(
                            Database.instant(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
        }
        Map<String, HandoffCase> cases = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CASE_COLUMNS + " FROM cases WHERE " + where
                + " ORDER BY created_at, seq")) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("id");
                    cases.put(id, new HandoffCase(
                            id,
                            Database.instant(rs.getString("created_at")),
                            CaseState.valueOf(rs.getString("state")),
                            rs.getString("entrepreneur_id"),
                            contact(rs.getString("contact")),
                            theme(rs.getString("theme"), id),
                            rs.getString("adviser_id"),
                            rs.getString("backup_id"),
                            rs.getString("reason"),
                            transcript(rs.getString("transcript")),
                            strings(rs.getString("entry_ids")),
                            events.getOrDefault(id, List.of())));
                }
            }
        }
        return new ArrayList<>(cases.values());
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
        o.put("name", contact.name());
        o.put("company", contact.company());
        o.put("phoneOrEmail", contact.phoneOrEmail());
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
            o.put("text", line.text());
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
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("Donnée illisible dans la base de données (JSON invalide) : le fichier a été modifié à la main ou est abîmé.", e);
        }
    }
}
