package fr.guichet.bot.report;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The days a report covers, both included, as calendar days in Paris: what the CCI means by
 * « du 1er au 31 mars », whatever the server's zone.
 */
public record ReportPeriod(LocalDate from, LocalDate to) {

    /** The zone of every date and time the report shows. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    public static final int DEFAULT_DAYS = 30;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.FRENCH);
    private static final Pattern DAYS = Pattern.compile("(\\d{1,4})\\s*(j|jours?)?");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern RANGE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\s*(?:\\.\\.|au|/|\\s)\\s*(\\d{4}-\\d{2}-\\d{2})");

    public ReportPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("la période finit (" + to + ") avant de commencer (" + from + ")");
        }
    }

    /** The {@code days} days ending today (today included). */
    public static ReportPeriod lastDays(int days, LocalDate today) {
        if (days < 1) {
            throw new IllegalArgumentException("une période compte au moins un jour");
        }
        return new ReportPeriod(today.minusDays(days - 1L), today);
    }

    /** Today in Paris, by the given clock. */
    public static LocalDate today(java.time.Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    /**
     * A period as someone types it (Discord's {@code /statistiques période}): nothing for the
     * last 30 days, {@code 7}, {@code 7j} or {@code 90 jours} for the last days,
     * {@code 2026-03} for a calendar month, {@code 2026-03-01..2026-03-15} (or « au », or a
     * space) for given days. @throws IllegalArgumentException with a French message
     */
    public static ReportPeriod parse(String text, LocalDate today) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.isEmpty()) {
                return lastDays(DEFAULT_DAYS, today);
            }
            Matcher m = DAYS.matcher(t);
            if (m.matches()) {
                return lastDays(Integer.parseInt(m.group(1)), today);
            }
            m = MONTH.matcher(t);
            if (m.matches()) {
                YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                return new ReportPeriod(month.atDay(1), month.atEndOfMonth());
            }
            m = RANGE.matcher(t);
            if (m.matches()) {
                return new ReportPeriod(LocalDate.parse(m.group(1)), LocalDate.parse(m.group(2)));
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("date impossible dans « " + text + " »");
        }
        throw new IllegalArgumentException("période illisible « " + text + " » : écrivez par exemple 30j, 2026-03"
                + " ou 2026-03-01..2026-03-31");
    }

    /** The first instant of the period. */
    public Instant start() {
        return from.atStartOfDay(ZONE).toInstant();
    }

    /** The first instant after the period. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(ZONE).toInstant();
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start()) && instant.isBefore(end());
    }

    /** « du 1 mars 2026 au 30 mars 2026 ». */
    public String label() {
        return from.equals(to) ? "le " + DAY.format(from) : "du " + DAY.format(from) + " au " + DAY.format(to);
    }
}
