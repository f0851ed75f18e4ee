package fr.guichet.bot.handoff;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which advisers are away, from a plain file the CCI edits ({@code absences.txt} in the
 * data directory): one adviser id per line, optionally followed by the last day away
 * ({@code alice-creation 2026-12-24}); {@code #} starts a comment. Read again when it changes.
 *
 * <p>The file can never stop a handoff: when it cannot be read (not UTF-8, a directory, no
 * permission, absurdly large) a warning says so once and everyone is taken as present, which
 * at worst gives a case to someone away, whose backup is reminded in time. A line naming no
 * known adviser (a misspelt id) is warned about, since it would otherwise silently change nothing.
 */
public final class Availability {
    private static final Logger LOG = LoggerFactory.getLogger(Availability.class);
    /** Far above any real list of absences; beyond, the file is not what it should be. */
    static final long MAX_BYTES = 1_000_000;

    private final Path file;
    private final Clock clock;
    private final Supplier<Set<String>> known;
    private Map<String, LocalDate> away = Map.of();
    private long readAt = Long.MIN_VALUE;

    /** Without the list of advisers, ids are not checked. */
    public Availability(Path file, Clock clock) {
        this(file, clock, Set.of());
    }

    /** @param known the advisers' ids; an id not among them is warned about (none given: no check) */
    public Availability(Path file, Clock clock, Set<String> known) {
        this(file, clock, constant(known));
    }

    /** @param known the ids of the catalogue being served, read at each reading of the file (a reload may change them) */
    public Availability(Path file, Clock clock, Supplier<Set<String>> known) {
        this.file = file;
        this.clock = clock;
        this.known = known;
    }

    private static Supplier<Set<String>> constant(Set<String> known) {
        Set<String> copy = Set.copyOf(known);
        return () -> copy;
    }

    /** Nobody away: for tests and evaluations. */
    public static Availability everyonePresent() {
        return new Availability(null, Clock.systemDefaultZone());
    }

    public synchronized boolean isAway(String adviserId) {
        refresh();
        LocalDate until = away.get(adviserId);
        return until != null && !LocalDate.now(clock).isAfter(until);
    }

    /**
     * The first day the adviser is back, when they are away with an end date; empty when they
     * are present or away with no end date.
     */
    public synchronized Optional<LocalDate> backOn(String adviserId) {
        if (!isAway(adviserId)) {
            return Optional.empty();
        }
        LocalDate until = away.get(adviserId);
        return until.equals(LocalDate.MAX) ? Optional.empty() : Optional.of(until.plusDays(1));
    }

    /** Reads the file now, so that its warnings come at start rather than at the first handoff. */
    public synchronized void check() {
        refresh();
    }

    private void refresh() {
        if (file == null || !Files.exists(file)) {
            away = Map.of();
            readAt = Long.MIN_VALUE;
            return;
        }
        long modified;
        try {
            modified = Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            unreadable(Long.MIN_VALUE + 1, "date de modification illisible (" + e.getClass().getSimpleName() + ")");
            return;
        }
        if (modified == readAt) {
            return;
        }
        try {
            if (Files.isDirectory(file)) {
                unreadable(modified, "c'est un dossier, pas un fichier");
                return;
            }
            if (Files.size(file) > MAX_BYTES) {
                unreadable(modified, "fichier de plus de " + MAX_BYTES / 1_000_000 + " Mo");
                return;
            }
            Map<String, LocalDate> read = new HashMap<>();
            Set<String> known = this.known.get();
            int n = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                n++;
                String content = line.replaceFirst("#.*", "").strip();
                if (content.isEmpty()) {
                    continue;
                }
                String[] parts = content.split("\\s+");
                if (!known.isEmpty() && !known.contains(parts[0])) {
                    LOG.warn("{} : ligne {} : conseiller inconnu « {} » (absent de advisers.json), ligne ignorée", file, n,
                            printable(parts[0]));
                    continue;
                }
                LocalDate until = LocalDate.MAX;
                if (parts.length > 1) {
                    try {
                        until = LocalDate.parse(parts[1]);
                    } catch (DateTimeParseException e) {
                        LOG.warn("{} : ligne {} : date illisible « {} » (AAAA-MM-JJ attendu), absence sans date de fin", file, n,
                                printable(parts[1]));
                    }
                }
                read.put(parts[0], until);
            }
            away = read;
            readAt = modified;
        } catch (CharacterCodingException e) {
            unreadable(modified, "ce n'est pas du texte UTF-8");
        } catch (IOException | RuntimeException e) {
            unreadable(modified, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " : " + e.getMessage()));
        }
    }

    /** Warns once per version of the file, and takes everyone as present. */
    private void unreadable(long version, String why) {
        if (version != readAt) {
            LOG.warn("{} illisible ({}) : tous les conseillers sont considérés comme présents.", file, why);
        }
        away = Map.of();
        readAt = version;
    }

    /** An id or a date from the file, safe to put in a log line. */
    private static String printable(String s) {
        String shown = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
