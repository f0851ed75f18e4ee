package fr.guichet.bot.report;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * French number, date and duration formats of the report. Grouping uses a plain no-break
 * space (not the JDK's narrow one, which some spreadsheets and fonts do not know).
 */
public final class Fr {
    /** A no-break space, as a string: a char would add to the number before it. */
    static final String NBSP = "\u00a0";
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu", Locale.FRENCH);
    static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMM", Locale.FRENCH);
    static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("d MMM uu", Locale.FRENCH);
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/uuuu 'à' HH'h'mm", Locale.FRENCH);

    private static final DecimalFormatSymbols SYMBOLS = symbols();

    private Fr() {
    }

    private static DecimalFormatSymbols symbols() {
        DecimalFormatSymbols s = DecimalFormatSymbols.getInstance(Locale.FRENCH);
        s.setGroupingSeparator(NBSP.charAt(0));
        s.setDecimalSeparator(',');
        return s;
    }

    public static String integer(long n) {
        return new DecimalFormat("#,##0", SYMBOLS).format(n);
    }

    /** « 62 % », « 4,5 % » under 10 %, « 0 % ». */
    public static String percent(double share) {
        double p = share * 100;
        String digits = p != 0 && Math.abs(p) < 10 ? new DecimalFormat("0.#", SYMBOLS).format(p)
                : new DecimalFormat("0", SYMBOLS).format(p);
        return digits + NBSP + "%";
    }

    static String decimal(double value, int places) {
        return new DecimalFormat(places == 0 ? "0" : "0." + "0".repeat(places), SYMBOLS).format(value);
    }

    /** « 45 min », « 3 h 05 », « 2 j 4 h »: what an adviser's manager reads at a glance. */
    static String duration(Duration d) {
        long minutes = Math.round(d.toSeconds() / 60.0);
        if (minutes < 60) {
            return minutes + NBSP + "min";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours + NBSP + "h" + NBSP + String.format(Locale.ROOT, "%02d", minutes % 60);
        }
        long days = hours / 24;
        return days + NBSP + "j" + (hours % 24 == 0 ? "" : NBSP + (hours % 24) + NBSP + "h");
    }

    /** Hours with two decimals, for spreadsheets. */
    static String hours(Duration d) {
        return decimal(d.toSeconds() / 3600.0, 2);
    }

    static String date(LocalDate date) {
        return DATE.format(date);
    }

    /** {@code count(1, "une question", "questions")} is « une question »; with 3, « 3 questions ». */
    public static String count(long n, String one, String plural) {
        return n == 1 ? one : integer(n) + " " + plural;
    }
}
