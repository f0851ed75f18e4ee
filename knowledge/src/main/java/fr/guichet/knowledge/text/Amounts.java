package fr.guichet.knowledge.text;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sums of money in a message, written the ways people write them: « 450 000 € »,
 * « 1,2 M€ », « 600k », « 1.5M », « 1M2 », « 2 millions », « un demi-million », « un million
 * et demi », « huit cent mille euros ». Each sum is told apart by what it is about: a
 * turnover or a debt is the size or the trouble of a company, not a project.
 *
 * <p>One pass over the words, no backtracking: a message of thousands of numbers is read in
 * linear time.
 */
public final class Amounts {

    /** What a sum of money is about. */
    public enum Kind { PROJECT, TURNOVER, DEBT }

    /** A sum and what it is about. */
    public record Amount(BigDecimal euros, Kind kind) {
    }

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal BILLION = BigDecimal.valueOf(1_000_000_000);
    /** Beyond this a number is not money a company talks about (a phone number, a SIRET). */
    private static final BigDecimal IMPLAUSIBLE = BigDecimal.valueOf(100_000_000_000L);
    private static final int CONTEXT_WORDS = 5;
    /** Stands for the end of a sentence among the words: what is said of a sum stays in its sentence. */
    private static final String SENTENCE_END = "|";

    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(
            Map.entry("un", 1), Map.entry("une", 1), Map.entry("deux", 2), Map.entry("trois", 3), Map.entry("quatre", 4),
            Map.entry("cinq", 5), Map.entry("six", 6), Map.entry("sept", 7), Map.entry("huit", 8), Map.entry("neuf", 9),
            Map.entry("dix", 10), Map.entry("onze", 11), Map.entry("douze", 12), Map.entry("treize", 13),
            Map.entry("quatorze", 14), Map.entry("quinze", 15), Map.entry("seize", 16), Map.entry("vingt", 20),
            Map.entry("trente", 30), Map.entry("quarante", 40), Map.entry("cinquante", 50), Map.entry("soixante", 60));
    private static final Map<String, BigDecimal> SCALES = Map.of("mille", THOUSAND, "k", THOUSAND, "ke", THOUSAND,
            "keur", THOUSAND, "million", MILLION, "millions", MILLION, "m", MILLION, "me", MILLION, "meur", MILLION,
            "mio", MILLION);
    private static final Set<String> BILLIONS = Set.of("milliard", "milliards", "md", "mds", "mde");
    private static final Set<String> CURRENCY = Set.of("e", "eur", "euro", "euros");
    /** Words near a sum that make it a turnover, not a project. */
    private static final Set<String> TURNOVER_WORDS = Set.of("chiffre", "affaires", "facture", "facturons",
            "factures", "ebe", "ebitda", "resultat", "benefice", "benefices", "marge", "salaire", "salaires",
            "masse", "loyer", "loyers", "valorisation");
    /** Words near a sum that make it a debt or a loss. */
    private static final Set<String> DEBT_WORDS = Set.of("dette", "dettes", "impaye", "impayes", "impayee", "impayees",
            "creance", "creances", "decouvert", "passif", "perte", "pertes", "deficit", "trou", "rouge", "retard",
            "arrieres", "endette", "endettee", "endettes");

    private Amounts() {
    }

    /** Every sum of money named in a text, in order. */
    public static List<Amount> in(String text) {
        List<String> words = words(text);
        List<int[]> spans = new ArrayList<>();
        List<BigDecimal> values = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            int start = i;
            Reading r = read(words, i);
            if (r == null) {
                i++;
                continue;
            }
            i = r.next;
            if (r.money && r.value.signum() > 0 && r.value.compareTo(IMPLAUSIBLE) < 0) {
                spans.add(new int[] {start, r.next});
                values.add(r.value);
            }
        }
        Kind[] kinds = kinds(words, spans);
        List<Amount> amounts = new ArrayList<>();
        for (int k = 0; k < values.size(); k++) {
            amounts.add(new Amount(values.get(k), kinds[k]));
        }
        return amounts;
    }

    /** The largest sum that is about a project (not a turnover, not a debt), if any. */
    public static Optional<BigDecimal> largestProject(String text) {
        return in(text).stream().filter(a -> a.kind() == Kind.PROJECT).map(Amount::euros).max(BigDecimal::compareTo);
    }

    /** A number read from position i: its value, the position after it, and whether it is money. */
    private record Reading(BigDecimal value, int next, boolean money) {
    }

    private static Reading read(List<String> words, int i) {
        String w = words.get(i);
        BigDecimal value;
        int j = i + 1;
        boolean money = false;
        if (isNumber(w)) {
            value = number(w);
            if (value == null) {
                return null;
            }
            // "1m2": one million two hundred thousand
            if (j + 1 < words.size() && words.get(j).equals("m") && isDigits(words.get(j + 1)) && words.get(j + 1).length() == 1) {
                return new Reading(value.add(new BigDecimal("0." + words.get(j + 1))).multiply(MILLION), j + 2, true);
            }
        } else if (NUMBER_WORDS.containsKey(w) || w.equals("cent") || w.equals("demi")) {
            return readWords(words, i);
        } else {
            return null;
        }
        boolean grouped = w.contains(" ") || w.contains(".");
        if (j < words.size() && SCALES.containsKey(words.get(j))) {
            BigDecimal scale = SCALES.get(words.get(j));
            value = value.multiply(scale);
            money = true;
            j++;
            if (j + 1 < words.size() && words.get(j).equals("et") && words.get(j + 1).equals("demi")) {
                value = value.add(scale.divide(BigDecimal.valueOf(2))); // "1 million et demi"
                j += 2;
            }
        } else if (j < words.size() && BILLIONS.contains(words.get(j))) {
            value = value.multiply(BILLION);
            money = true;
            j++;
        }
        if (j < words.size() && CURRENCY.contains(words.get(j))) {
            money = true;
            j++;
        }
        // "800 000" or "1 200 000" with their thousands apart, or a plain six-figure number: money in a business message
        if (!money && (grouped || value.compareTo(BigDecimal.valueOf(100_000)) >= 0) && !w.startsWith("0")) {
            money = j >= words.size() || !isUnit(words.get(j));
        }
        return new Reading(value, j, money);
    }

    /** Numbers in words: "trois millions huit cent mille", "un demi million", "un million et demi". */
    private static Reading readWords(List<String> words, int i) {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal group = BigDecimal.ZERO;
        boolean scaled = false;
        BigDecimal lastScale = null;
        int j = i;
        while (j < words.size()) {
            String w = words.get(j);
            if (NUMBER_WORDS.containsKey(w)) {
                group = group.add(BigDecimal.valueOf(NUMBER_WORDS.get(w)));
            } else if (w.equals("cent") || w.equals("cents")) {
                group = group.signum() == 0 ? BigDecimal.valueOf(100) : group.multiply(BigDecimal.valueOf(100));
            } else if (w.equals("demi") && j + 1 < words.size() && SCALES.containsKey(words.get(j + 1))) {
                group = new BigDecimal("0.5"); // "un demi-million": the "un" before it was the article
                total = BigDecimal.ZERO;
            } else if (SCALES.containsKey(w) && !w.equals("k") && !w.equals("m")) {
                BigDecimal scale = SCALES.get(w);
                total = total.add((group.signum() == 0 ? BigDecimal.ONE : group).multiply(scale));
                group = BigDecimal.ZERO;
                scaled = true;
                lastScale = scale;
            } else if (w.equals("et") && j + 1 < words.size() && words.get(j + 1).equals("demi") && lastScale != null) {
                total = total.add(lastScale.divide(BigDecimal.valueOf(2)));
                j += 2;
                continue;
            } else if (w.equals("virgule") && j + 1 < words.size() && NUMBER_WORDS.containsKey(words.get(j + 1))) {
                group = group.add(new BigDecimal("0." + NUMBER_WORDS.get(words.get(j + 1))));
                j += 2;
                continue;
            } else if (w.equals("et") && j + 1 < words.size() && NUMBER_WORDS.containsKey(words.get(j + 1))) {
                j++; // "vingt et un"
                continue;
            } else {
                break;
            }
            j++;
        }
        BigDecimal value = total.add(group);
        boolean money = j < words.size() && CURRENCY.contains(words.get(j));
        if (money) {
            j++;
        }
        // "deux millions", "huit cent mille": a scale word makes it a sum; "un" or "trois" alone is not money
        return new Reading(value, Math.max(j, i + 1), money || (scaled && value.compareTo(THOUSAND) >= 0));
    }

    /**
     * A sum is a turnover or a debt when such a word stands within a few words of it, in the same
     * sentence, and no other sum stands nearer that word: in « 1,5 M€ de travaux. CA 7 M€ », the
     * turnover is the second sum only.
     */
    private static Kind[] kinds(List<String> words, List<int[]> spans) {
        Kind[] kinds = new Kind[spans.size()];
        java.util.Arrays.fill(kinds, Kind.PROJECT);
        for (int w = 0; w < words.size(); w++) {
            boolean debt = DEBT_WORDS.contains(words.get(w));
            if (!debt && !(TURNOVER_WORDS.contains(words.get(w)) || isTurnoverCa(words, w))) {
                continue;
            }
            int nearest = -1;
            int best = CONTEXT_WORDS + 1;
            for (int k = 0; k < spans.size(); k++) {
                int distance = w < spans.get(k)[0] ? spans.get(k)[0] - w : w - spans.get(k)[1] + 1;
                if (distance > 0 && distance < best && !sentenceBetween(words, w, spans.get(k))) {
                    best = distance;
                    nearest = k;
                }
            }
            if (nearest >= 0 && kinds[nearest] != Kind.DEBT) {
                kinds[nearest] = debt ? Kind.DEBT : Kind.TURNOVER;
            }
        }
        return kinds;
    }

    /** « CA » is a turnover; « ça » typed without its cedilla is not: « pour ca », « ca coute ». */
    private static boolean isTurnoverCa(List<String> words, int w) {
        if (!words.get(w).equals("ca")) {
            return false;
        }
        String before = w > 0 ? words.get(w - 1) : "";
        String after = w + 1 < words.size() ? words.get(w + 1) : "";
        return !Set.of("pour", "comme", "avec", "sur", "que", "si").contains(before)
                && !Set.of("va", "marche", "existe", "coute", "peut", "fait", "vaut", "me", "nous", "serait").contains(after);
    }

    private static boolean sentenceBetween(List<String> words, int w, int[] span) {
        int from = Math.min(w, span[1]);
        int to = Math.max(w, span[0]);
        for (int k = from; k < to; k++) {
            if (words.get(k).equals(SENTENCE_END)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnit(String word) {
        return Set.of("m2", "m3", "km", "habitants", "salaries", "personnes", "clients", "kwh", "mwh", "litres", "tonnes",
                "pieces", "unites", "exemplaires", "visiteurs", "abonnes", "vues", "kg", "ans").contains(word);
    }

    private static boolean isNumber(String w) {
        return !w.isEmpty() && Character.isDigit(w.charAt(0));
    }

    private static boolean isDigits(String w) {
        return !w.isEmpty() && w.chars().allMatch(Character::isDigit);
    }

    /** A number as {@link #words} wrote it ("450 000", "1.500.000", "1,5"): spaces and points group thousands. */
    private static BigDecimal number(String w) {
        try {
            return new BigDecimal(w.replace(" ", "").replace(".", "").replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Lower-case, unaccented words and numbers: « € » is the word "e", « k€ » becomes "k" "e", an
     * "m" that is not a million becomes "metres", digits grouped by thousands ("450 000",
     * "1 200 000") are one number, decimals keep their comma or point. Linear: each character
     * is looked at a bounded number of times.
     */
    static List<String> words(String text) {
        String s = text.replace('\u00a0', ' ').replace('\u202f', ' ');
        List<String> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isDigit(c)) {
                StringBuilder num = new StringBuilder();
                int k = i;
                while (k < n && Character.isDigit(s.charAt(k))) {
                    num.append(s.charAt(k++));
                }
                // thousands groups: " 000", ".000" (exactly three digits, then no digit)
                boolean grouped = false;
                while (k < n && (s.charAt(k) == ' ' || s.charAt(k) == '.') && threeDigits(s, k + 1)) {
                    num.append(s.charAt(k)).append(s, k + 1, k + 4);
                    k += 4;
                    grouped = true;
                }
                // decimals: "1,5", "2.25" (a number already grouped by thousands has none)
                if (!grouped && k + 1 < n && (s.charAt(k) == ',' || s.charAt(k) == '.') && Character.isDigit(s.charAt(k + 1))) {
                    int d = k + 1;
                    while (d < n && Character.isDigit(s.charAt(d))) {
                        d++;
                    }
                    num.append(',').append(s, k + 1, d);
                    k = d;
                }
                out.add(num.toString());
                i = k;
            } else if (c == '€') {
                out.add("e");
                i++;
            } else if (".!?;\n".indexOf(c) >= 0) {
                if (!out.isEmpty() && !out.get(out.size() - 1).equals(SENTENCE_END)) {
                    out.add(SENTENCE_END);
                }
                i++;
            } else if (Character.isLetter(c)) {
                int k = i;
                while (k < n && Character.isLetter(s.charAt(k))) {
                    k++;
                }
                String raw = s.substring(i, k);
                // « ça » keeps its cedilla: folded, it would read as « CA », a turnover
                String word = raw.equalsIgnoreCase("ça") ? "ça" : FrenchText.normalize(raw);
                if (word.equals("m") && !meansMillion(s, i, k)) {
                    word = "metres"; // "200 m de la gare", "800 m2", "30 m³"
                }
                if (!word.isEmpty()) {
                    out.add(word);
                }
                i = k;
            } else {
                i++;
            }
        }
        return out;
    }

    /**
     * An "m" after a number is a million when written « M », glued to the number (« 1.5m »,
     * « 1m2 »), or followed by a currency (« 2 m€ »); otherwise metres (« 200 m », « 800 m2 »).
     */
    private static boolean meansMillion(String s, int at, int end) {
        char next = end < s.length() ? s.charAt(end) : ' ';
        if (next == '²' || next == '³' || (Character.isDigit(next) && (at == 0 || !Character.isDigit(s.charAt(at - 1))))) {
            return false; // m2, m³, a surface after a space
        }
        if (s.charAt(at) == 'M' || next == '€' || (at > 0 && Character.isDigit(s.charAt(at - 1)))) {
            return true;
        }
        String after = s.substring(end, Math.min(s.length(), end + 8)).stripLeading().toLowerCase(java.util.Locale.ROOT);
        return after.startsWith("€") || after.startsWith("eur");
    }

    private static boolean threeDigits(String s, int at) {
        return at + 3 <= s.length() && Character.isDigit(s.charAt(at)) && Character.isDigit(s.charAt(at + 1))
                && Character.isDigit(s.charAt(at + 2)) && (at + 3 == s.length() || !Character.isDigit(s.charAt(at + 3)));
    }
}
