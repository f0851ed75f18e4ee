package fr.guichet.bot.handoff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which advisers are away, from a plain file the CCI edits ({@code absences.txt} in the
 * data directory): one adviser id per line, optionally followed by the last day away
 * ({@code alice-creation 2026-12-24}); {@code #} starts a comment. Read again when it changes.
 */
public final class Availability {
    private static final Logger LOG = LoggerFactory.getLogger(Availability.class);
    private final Path file;
    private final Clock clock;
    private Map<String, LocalDate> away = Map.of();
    private long readAt = Long.MIN_VALUE;

    public Availability(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
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

    private void refresh() {
        if (file == null || !Files.exists(file)) {
            away = Map.of();
            return;
        }
        try {
            long modified = Files.getLastModifiedTime(file).toMillis();
            if (modified == readAt) {
                return;
            }
            Map<String, LocalDate> read = new HashMap<>();
            int n = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                n++;
                String content = line.replaceFirst("#.*", "").strip();
                if (content.isEmpty()) {
                    continue;
                }
                String[] parts = content.split("\\s+");
                LocalDate until = LocalDate.MAX;
                if (parts.length > 1) {
                    try {
                        until = LocalDate.parse(parts[1]);
                    } catch (DateTimeParseException e) {
                        LOG.warn("{}: ligne {}: date illisible « {} », absence sans date de fin", file, n, parts[1]);
                    }
                }
                read.put(parts[0], until);
            }
            away = read;
            readAt = modified;
        } catch (IOException e) {
            throw new UncheckedIOException("lecture impossible de " + file, e);
        }
    }
}
