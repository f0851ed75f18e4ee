package fr.guichet.bot.handoff;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * When the CCI's advisers are at work, to count reminder delays in working time only.
 *
 * <p>Default ({@link #cci()}): Monday to Friday, 09:00–12:00 and 14:00–17:30, Europe/Paris,
 * closed on the eleven French public holidays of metropolitan France (1 January, Easter
 * Monday, 1 May, 8 May, Ascension, Whit Monday, 14 July, 15 August, 1 November, 11 November,
 * 25 December). Whit Monday counts as closed even though some employers work it as the
 * « journée de solidarité ». The Alsace-Moselle extra days (Good Friday, 26 December) are not
 * included: Guichet serves the Pas-de-Calais. Times are wall-clock times in the zone, so
 * daylight-saving changes are handled.
 */
public final class WorkingHours {

    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** An opening period within a day, {@code start} inclusive, {@code end} exclusive. */
    public record Slot(LocalTime start, LocalTime end) {
        public Slot {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("Plage horaire vide ou inversée : " + start + "–" + end);
            }
        }
    }

    private final ZoneId zone;
    private final Set<DayOfWeek> openDays;
    private final List<Slot> slots;
    private final boolean frenchPublicHolidays;

    public WorkingHours(ZoneId zone, Set<DayOfWeek> openDays, List<Slot> slots, boolean frenchPublicHolidays) {
        this.zone = Objects.requireNonNull(zone, "zone");
        if (openDays.isEmpty() || slots.isEmpty()) {
            throw new IllegalArgumentException("Les horaires d'ouverture doivent compter au moins un jour et une plage.");
        }
        this.openDays = EnumSet.copyOf(openDays);
        List<Slot> sorted = new ArrayList<>(slots);
        sorted.sort(Comparator.comparing(Slot::start));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).start().isBefore(sorted.get(i - 1).end())) {
                throw new IllegalArgumentException("Plages horaires qui se chevauchent : " + sorted.get(i - 1) + " et " + sorted.get(i));
            }
        }
        this.slots = List.copyOf(sorted);
        this.frenchPublicHolidays = frenchPublicHolidays;
    }

    /** The CCI's hours: Monday–Friday, 09:00–12:00 and 14:00–17:30, Paris, public holidays closed. */
    public static WorkingHours cci() {
        return cci(PARIS);
    }

    /**
     * The CCI's hours as wall-clock times in {@code zone} (Guichet's time zone, {@code GUICHET_TIMEZONE}):
     * the same zone as the dates of the catalogue, the absences and the case ids.
     */
    public static WorkingHours cci(ZoneId zone) {
        return new WorkingHours(zone,
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                List.of(new Slot(LocalTime.of(9, 0), LocalTime.of(12, 0)), new Slot(LocalTime.of(14, 0), LocalTime.of(17, 30))),
                true);
    }

    public ZoneId zone() {
        return zone;
    }

    /** Whether advisers work on that day at all. */
    public boolean isWorkingDay(LocalDate day) {
        return openDays.contains(day.getDayOfWeek()) && !(frenchPublicHolidays && isFrenchPublicHoliday(day));
    }

    /** Whether the instant falls within opening hours. */
    public boolean isOpen(Instant instant) {
        ZonedDateTime t = instant.atZone(zone);
        if (!isWorkingDay(t.toLocalDate())) {
            return false;
        }
        for (Slot slot : slots) {
            Instant start = ZonedDateTime.of(t.toLocalDate(), slot.start(), zone).toInstant();
            Instant end = ZonedDateTime.of(t.toLocalDate(), slot.end(), zone).toInstant();
            if (!instant.isBefore(start) && instant.isBefore(end)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The instant at which {@code workingTime} of opening hours will have elapsed since
     * {@code from}. Time outside opening hours does not count: from a Saturday, counting starts
     * on Monday at opening. A zero duration returns {@code from} itself.
     */
    public Instant addWorkingTime(Instant from, Duration workingTime) {
        Objects.requireNonNull(from, "from");
        if (workingTime.isNegative()) {
            throw new IllegalArgumentException("Durée négative : " + workingTime);
        }
        if (workingTime.isZero()) {
            return from;
        }
        Duration remaining = workingTime;
        Instant cursor = from;
        LocalDate day = from.atZone(zone).toLocalDate();
        while (true) {
            if (isWorkingDay(day)) {
                for (Slot slot : slots) {
                    Instant start = ZonedDateTime.of(day, slot.start(), zone).toInstant();
                    Instant end = ZonedDateTime.of(day, slot.end(), zone).toInstant();
                    if (!end.isAfter(cursor)) {
                        continue;
                    }
                    Instant begin = start.isAfter(cursor) ? start : cursor;
                    Duration available = Duration.between(begin, end);
                    if (remaining.compareTo(available) <= 0) {
                        return begin.plus(remaining);
                    }
                    remaining = remaining.minus(available);
                    cursor = end;
                }
            }
            day = day.plusDays(1);
        }
    }

    /** The public holidays of metropolitan France outside Alsace-Moselle. */
    public static boolean isFrenchPublicHoliday(LocalDate day) {
        int month = day.getMonthValue();
        int dom = day.getDayOfMonth();
        if ((month == 1 && dom == 1) || (month == 5 && (dom == 1 || dom == 8)) || (month == 7 && dom == 14)
                || (month == 8 && dom == 15) || (month == 11 && (dom == 1 || dom == 11)) || (month == 12 && dom == 25)) {
            return true;
        }
        LocalDate easter = easterSunday(day.getYear());
        return day.equals(easter.plusDays(1)) // Easter Monday
                || day.equals(easter.plusDays(39)) // Ascension
                || day.equals(easter.plusDays(50)); // Whit Monday
    }

    /** Easter Sunday of the Gregorian calendar (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, Month.of(month), dayOfMonth);
    }
}
