package fr.guichet.bot.assistant.llm;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checkable facts a French text states: sums of money, percentages, dates, links, phone
 * numbers and e-mail addresses, normalised so that "5 000 €", "5000 euros" and "5 k€" are
 * one amount and "12/03/2027", "2027-03-12" and "12 mars 2027" one date. An answer may only
 * state facts its sources state ({@link #unsupportedBy(Facts)}).
 */
final class Facts {

    /** What kind of fact an answer stated without a source. */
    enum Kind { AMOUNT, PERCENTAGE, DATE, LINK, CONTACT }

    /** A date as written: any of day, month, year may be missing ("12 mars", "mars 2027"). */
    record DateMention(Integer day, Integer month, Integer year) {
        /** True when {@code source} states everything this mention states. */
        boolean supportedBy(DateMention source) {
            return (day == null || day.equals(source.day))
                    && (month == null || month.equals(source.month))
                    && (year == null || year.equals(source.year));
        }
    }

    /** A number in French or plain writing: "5 000", "5.000", "5000", "12,5", "12.5". */
    private static final String NUMBER = "(?<![\\d.,])(?:\\d{1,3}(?:[ .]\\d{3})+(?:,\\d+)?|\\d+(?:[.,]\\d+)?)(?![\\d])";
    private static final String RANGE_WORD = "\\s*(?:à|et|ou|-|–|—)\\s*";
    private static final String EURO_WORD = "(?:€|euros?\\b|eur\\b)";
    /** Unit groups: thousand, million, billion or plain euros. */
    private static final String MONEY_UNIT = "(?<k>k\\s?€|k\\s?euros?\\b|keur\\b)"
            + "|(?<m>m\\s?€|m\\s?euros?\\b|meur\\b|millions?\\s+(?:d['’]\\s?)?" + EURO_WORD + ")"
            + "|(?<g>md\\s?€|milliards?\\s+(?:d['’]\\s?)?" + EURO_WORD + ")"
            + "|(?<u>" + EURO_WORD + ")";
    private static final Pattern MONEY = Pattern.compile(
            "(?:(?<low>" + NUMBER + ")" + RANGE_WORD + ")?(?<n>" + NUMBER + ")\\s*(?:" + MONEY_UNIT + ")",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern PERCENT = Pattern.compile(
            "(?:(?<low>" + NUMBER + ")\\s*%?" + RANGE_WORD + ")?(?<n>" + NUMBER + ")\\s*(?:%|pour\\s?cents?\\b|pourcents?\\b)",
            Pattern.CASE_INSENSITIVE);

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("janvier", 1), Map.entry("fevrier", 2), Map.entry("mars", 3), Map.entry("avril", 4),
            Map.entry("mai", 5), Map.entry("juin", 6), Map.entry("juillet", 7), Map.entry("aout", 8),
            Map.entry("septembre", 9), Map.entry("octobre", 10), Map.entry("novembre", 11),
            Map.entry("decembre", 12));
    private static final String DAY = "(?:1er|premier|\\d{1,2})";
    private static final Pattern NUMERIC_DATE = Pattern.compile(
            "(?<!\\d)(?<d>\\d{1,2})[/.\\-](?<m>\\d{1,2})[/.\\-](?<y>\\d{4})(?!\\d)");
    private static final Pattern ISO_DATE = Pattern.compile(
            "(?<!\\d)(?<y>\\d{4})-(?<m>\\d{1,2})-(?<d>\\d{1,2})(?!\\d)");
    /** "12 mars 2027", "du 12 au 14 mars", "mars 2027", "en juin"; matched on accent-free text. */
    private static final Pattern TEXT_DATE = Pattern.compile(
            "(?:(?<!\\d)(?<d1>" + DAY + ")\\s*(?:au|et|-|–)\\s*)?(?:\\b(?<d>" + DAY + ")\\s+)?\\b(?<m>"
                    + String.join("|", MONTHS.keySet()) + ")\\b(?:\\s+(?<y>\\d{4})(?!\\d))?",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern URL = Pattern.compile("(?:https?://|\\bwww\\.)[^\\s<>\"'()\\[\\]{}]+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PHONE = Pattern.compile("(?<![\\d+])(?:\\+33\\s?(?:\\(0\\)\\s?)?|0)[1-9](?:[ .\\-]?\\d{2}){4}(?!\\d)");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+\\-]+@[\\w\\-]+(?:\\.[\\w\\-]+)+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private final Set<BigDecimal> amounts = new LinkedHashSet<>();
    private final Set<BigDecimal> percentages = new LinkedHashSet<>();
    private final List<DateMention> dates = new ArrayList<>();
    private final Set<String> links = new LinkedHashSet<>();
    private final Set<String> contacts = new LinkedHashSet<>();

    private Facts() {
    }

    static Facts of(String text) {
        Facts facts = new Facts();
        facts.add(text);
        return facts;
    }

    /** Adds what {@code text} states. */
    Facts add(String text) {
        if (text == null || text.isBlank()) {
            return this;
        }
        String plain = spaces(text);
        readMoney(plain);
        readPercentages(plain);
        readDates(plain);
        readLinks(plain);
        readContacts(plain);
        return this;
    }

    Set<BigDecimal> amounts() {
        return amounts;
    }

    Set<BigDecimal> percentages() {
        return percentages;
    }

    List<DateMention> dates() {
        return dates;
    }

    Set<String> links() {
        return links;
    }

    Set<String> contacts() {
        return contacts;
    }

    /** The first kind of fact stated here that {@code sources} do not state, or null when all are. */
    Kind unsupportedBy(Facts sources) {
        if (!sources.amounts.containsAll(amounts)) {
            return Kind.AMOUNT;
        }
        if (!sources.percentages.containsAll(percentages)) {
            return Kind.PERCENTAGE;
        }
        for (DateMention date : dates) {
            if (sources.dates.stream().noneMatch(date::supportedBy)) {
                return Kind.DATE;
            }
        }
        for (String link : links) {
            if (sources.links.stream().noneMatch(source -> source.equals(link))) {
                return Kind.LINK;
            }
        }
        if (!sources.contacts.containsAll(contacts)) {
            return Kind.CONTACT;
        }
        return null;
    }

    // ---- reading ---------------------------------------------------------------------------

    /** Every kind of space (no-break, narrow no-break, thin…) becomes a plain space. */
    private static String spaces(String text) {
        return text.replaceAll("[\\u00A0\\u2007\\u2009\\u202F\\t]", " ");
    }

    private void readMoney(String text) {
        Matcher m = MONEY.matcher(text);
        while (m.find()) {
            BigDecimal unit = m.group("k") != null ? BigDecimal.valueOf(1_000)
                    : m.group("m") != null ? BigDecimal.valueOf(1_000_000)
                    : m.group("g") != null ? BigDecimal.valueOf(1_000_000_000)
                    : BigDecimal.ONE;
            amounts.add(canonical(number(m.group("n")).multiply(unit)));
            if (m.group("low") != null) {
                amounts.add(canonical(number(m.group("low")).multiply(unit)));
            }
        }
    }

    private void readPercentages(String text) {
        Matcher m = PERCENT.matcher(text);
        while (m.find()) {
            percentages.add(canonical(number(m.group("n"))));
            if (m.group("low") != null) {
                percentages.add(canonical(number(m.group("low"))));
            }
        }
    }

    private void readDates(String text) {
        Matcher numeric = NUMERIC_DATE.matcher(text);
        while (numeric.find()) {
            dates.add(mention(numeric.group("d"), numeric.group("m"), numeric.group("y")));
        }
        Matcher iso = ISO_DATE.matcher(text);
        while (iso.find()) {
            dates.add(mention(iso.group("d"), iso.group("m"), iso.group("y")));
        }
        Matcher written = TEXT_DATE.matcher(withoutAccents(text));
        while (written.find()) {
            Integer month = MONTHS.get(written.group("m").toLowerCase(Locale.ROOT));
            Integer year = written.group("y") == null ? null : Integer.valueOf(written.group("y"));
            dates.add(new DateMention(day(written.group("d")), month, year));
            if (written.group("d1") != null && written.group("d") != null) {
                dates.add(new DateMention(day(written.group("d1")), month, year));
            }
        }
    }

    private void readLinks(String text) {
        Matcher m = URL.matcher(text);
        while (m.find()) {
            links.add(link(m.group()));
        }
    }

    private void readContacts(String text) {
        Matcher phone = PHONE.matcher(text);
        while (phone.find()) {
            String digits = phone.group().replaceAll("\\(0\\)", "").replaceAll("[^\\d+]", "");
            contacts.add(digits.startsWith("+33") ? "0" + digits.substring(3) : digits);
        }
        Matcher email = EMAIL.matcher(text);
        while (email.find()) {
            contacts.add(email.group().toLowerCase(Locale.ROOT).replaceAll("\\.+$", ""));
        }
    }

    // ---- normalising -----------------------------------------------------------------------

    /** "5 000" → 5000, "5.000" → 5000, "12,5" → 12.5, "12.5" → 12.5. */
    static BigDecimal number(String written) {
        String s = written.strip();
        if (s.matches("\\d{1,3}(?:[ .]\\d{3})+(?:,\\d+)?")) {
            s = s.replaceAll("[ .]", "").replace(',', '.');
        } else {
            s = s.replace(',', '.');
        }
        return new BigDecimal(s);
    }

    private static BigDecimal canonical(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static DateMention mention(String day, String month, String year) {
        return new DateMention(Integer.valueOf(day), Integer.valueOf(month), Integer.valueOf(year));
    }

    private static Integer day(String written) {
        if (written == null) {
            return null;
        }
        String w = written.toLowerCase(Locale.ROOT);
        return w.equals("1er") || w.equals("premier") ? 1 : Integer.valueOf(w);
    }

    /** Lower case, no scheme, no "www.", no trailing slash or sentence punctuation. */
    static String link(String url) {
        String s = url.toLowerCase(Locale.ROOT).replaceAll("[.,;:!?]+$", "");
        s = s.replaceFirst("^https?://", "").replaceFirst("^www\\.", "");
        return s.replaceAll("/+$", "");
    }

    private static String withoutAccents(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }
}
