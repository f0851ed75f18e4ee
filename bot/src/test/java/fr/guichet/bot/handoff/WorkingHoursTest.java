package fr.guichet.bot.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingHoursTest {

    final WorkingHours cci = WorkingHours.cci();

    /** Paris wall-clock time, e.g. "2026-03-06T16:00". */
    static Instant paris(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(WorkingHours.PARIS).toInstant();
    }

    @ParameterizedTest(name = "{0} + {1} → {2}")
    @CsvSource({
        // Friday afternoon: 1h30 left on Friday, 2h30 on Monday morning
        "2026-03-06T16:00, PT4H, 2026-03-09T11:30",
        // across lunch
        "2026-03-10T11:00, PT2H, 2026-03-10T15:00",
        "2026-03-10T11:59, PT2M, 2026-03-10T14:01",
        // exactly filling the morning ends at noon, not after lunch
        "2026-03-10T09:00, PT3H, 2026-03-10T12:00",
        // from before opening, during lunch, after closing, on a weekend
        "2026-03-10T07:00, PT1H, 2026-03-10T10:00",
        "2026-03-10T12:45, PT30M, 2026-03-10T14:30",
        "2026-03-10T18:00, PT30M, 2026-03-11T09:30",
        "2026-03-07T10:00, PT4H, 2026-03-09T15:00",
        // a whole working week is 32h30
        "2026-03-09T09:00, PT32H30M, 2026-03-13T17:30",
        "2026-03-09T09:00, PT32H31M, 2026-03-16T09:01",
        // Easter Monday 2026-04-06 is closed
        "2026-04-03T16:00, PT4H, 2026-04-07T11:30",
        // Ascension Thursday 2026-05-14 is closed
        "2026-05-13T16:00, PT4H, 2026-05-15T11:30",
        // 1 May 2026 is a Friday
        "2026-04-30T16:00, PT4H, 2026-05-04T11:30",
    })
    void addsOnlyWorkingTime(String from, Duration workingTime, String expected) {
        assertEquals(paris(expected), cci.addWorkingTime(paris(from), workingTime));
    }

    @Test
    void daylightSavingChangeIsHandled() {
        // Summer time starts on Sunday 2026-03-29: Friday is UTC+1, Monday UTC+2.
        Instant result = cci.addWorkingTime(paris("2026-03-27T16:00"), Duration.ofHours(4));
        assertEquals(Instant.parse("2026-03-30T09:30:00Z"), result);
        assertEquals(Instant.parse("2026-03-27T15:00:00Z"), paris("2026-03-27T16:00"));
    }

    @Test
    void zeroAddsNothingAndNegativeIsRefused() {
        Instant saturday = paris("2026-03-07T10:00");
        assertEquals(saturday, cci.addWorkingTime(saturday, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> cci.addWorkingTime(saturday, Duration.ofMinutes(-1)));
    }

    @Test
    void opensOnWorkingSlotsOnly() {
        assertTrue(cci.isOpen(paris("2026-03-10T09:00")));
        assertTrue(cci.isOpen(paris("2026-03-10T17:29")));
        assertFalse(cci.isOpen(paris("2026-03-10T17:30")));
        assertFalse(cci.isOpen(paris("2026-03-10T12:30")));
        assertFalse(cci.isOpen(paris("2026-03-10T08:59")));
        assertFalse(cci.isOpen(paris("2026-03-07T10:00")), "Saturday");
        assertFalse(cci.isOpen(paris("2026-07-14T10:00")), "Bastille Day");
    }

    @Test
    void easterIsComputed() {
        assertEquals(LocalDate.of(2024, 3, 31), WorkingHours.easterSunday(2024));
        assertEquals(LocalDate.of(2025, 4, 20), WorkingHours.easterSunday(2025));
        assertEquals(LocalDate.of(2026, 4, 5), WorkingHours.easterSunday(2026));
        assertEquals(LocalDate.of(2000, 4, 23), WorkingHours.easterSunday(2000));
        assertEquals(LocalDate.of(2038, 4, 25), WorkingHours.easterSunday(2038));
    }

    @Test
    void frenchPublicHolidaysOf2026() {
        List<LocalDate> holidays = List.of(
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 6), LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 8),
                LocalDate.of(2026, 5, 14), LocalDate.of(2026, 5, 25), LocalDate.of(2026, 7, 14), LocalDate.of(2026, 8, 15),
                LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 11), LocalDate.of(2026, 12, 25));
        int count = 0;
        for (LocalDate d = LocalDate.of(2026, 1, 1); d.getYear() == 2026; d = d.plusDays(1)) {
            if (WorkingHours.isFrenchPublicHoliday(d)) {
                assertTrue(holidays.contains(d), d.toString());
                count++;
            }
        }
        assertEquals(holidays.size(), count);
        assertFalse(WorkingHours.isFrenchPublicHoliday(LocalDate.of(2026, 4, 3)), "Good Friday: Alsace-Moselle only");
        assertFalse(WorkingHours.isFrenchPublicHoliday(LocalDate.of(2026, 12, 26)), "26 December: Alsace-Moselle only");
    }

    @Test
    void holidaysCanBeIgnored() {
        WorkingHours noHolidays = new WorkingHours(WorkingHours.PARIS, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                List.of(new WorkingHours.Slot(LocalTime.of(9, 0), LocalTime.of(12, 0)),
                        new WorkingHours.Slot(LocalTime.of(14, 0), LocalTime.of(17, 30))), false);
        assertEquals(paris("2026-04-06T11:30"), noHolidays.addWorkingTime(paris("2026-04-03T16:00"), Duration.ofHours(4)));
    }

    @Test
    void otherZonesAndSlotsWork() {
        WorkingHours tokyo = new WorkingHours(ZoneId.of("Asia/Tokyo"), EnumSet.of(DayOfWeek.SATURDAY),
                List.of(new WorkingHours.Slot(LocalTime.of(10, 0), LocalTime.of(11, 0))), false);
        // 2026-03-10 is a Tuesday; next Saturday is 2026-03-14
        assertEquals(Instant.parse("2026-03-14T01:30:00Z"), tokyo.addWorkingTime(Instant.parse("2026-03-10T00:00:00Z"), Duration.ofMinutes(30)));
    }

    @Test
    void invalidHoursAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new WorkingHours.Slot(LocalTime.NOON, LocalTime.NOON));
        assertThrows(IllegalArgumentException.class, () -> new WorkingHours(WorkingHours.PARIS, EnumSet.noneOf(DayOfWeek.class),
                List.of(new WorkingHours.Slot(LocalTime.of(9, 0), LocalTime.of(12, 0))), true));
        assertThrows(IllegalArgumentException.class, () -> new WorkingHours(WorkingHours.PARIS, EnumSet.of(DayOfWeek.MONDAY),
                List.of(new WorkingHours.Slot(LocalTime.of(9, 0), LocalTime.of(12, 0)),
                        new WorkingHours.Slot(LocalTime.of(11, 0), LocalTime.of(13, 0))), true));
    }
}
