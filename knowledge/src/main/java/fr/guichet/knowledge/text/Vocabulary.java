package fr.guichet.knowledge.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words the engine knows (the catalogue's text and the synonym rules), lower case
 * without accents, used to correct typos before analysis: "finacement" becomes
 * "financement", so that stemming and synonyms then apply as for a well-typed word.
 *
 * <p>Lookups use the symmetric-delete method: every known word is stored under the
 * strings obtained by deleting one of its characters, so a typo is found by deleting
 * characters from it too (one, or two for long words), in microseconds and without
 * building automata. Every single edit is found this way, and most double ones.
 */
public final class Vocabulary {
    private static final int MIN_LENGTH = 4;
    private static final int LONG_WORD = 7;

    /** Spellings that sound the same in French, the way people type by ear: "electrik", "fotovoltaique". */
    private static final List<Map.Entry<Pattern, String>> SOUND_ALIKE = List.of(
            soundAlike("ik$", "ique"), soundAlike("iks$", "iques"), soundAlike("k", "qu"), soundAlike("k", "c"),
            soundAlike("f", "ph"), soundAlike("sion$", "tion"), soundAlike("sions$", "tions"), soundAlike("o$", "ot"),
            soundAlike("o$", "eau"), soundAlike("ai$", "er"), soundAlike("e$", "er"), soundAlike("an", "en"),
            soundAlike("en", "an"), soundAlike("^", "h"));

    private final Map<String, Integer> frequency;
    private final Map<String, List<String>> byDeletion = new HashMap<>();

    private Vocabulary(Map<String, Integer> frequency) {
        this.frequency = frequency;
        for (String word : frequency.keySet()) {
            if (word.length() >= MIN_LENGTH - 1 && isWord(word)) {
                for (String variant : deletions(word, 1)) {
                    byDeletion.computeIfAbsent(variant, k -> new ArrayList<>(1)).add(word);
                }
            }
        }
    }

    public static Vocabulary of(Map<String, Integer> frequency) {
        return new Vocabulary(Map.copyOf(frequency));
    }

    public static Map<String, Integer> newCounter() {
        return new HashMap<>();
    }

    public static void count(Map<String, Integer> frequency, String text) {
        for (String word : FrenchText.normalize(text).split(" ")) {
            if (word.length() >= 2) {
                frequency.merge(word, 1, Integer::sum);
            }
        }
    }

    public boolean knows(String word) {
        return frequency.containsKey(word);
    }

    /**
     * The known word closest to an unknown one: a known word that sounds the same
     * ("electrik"); else one edit for words of 4 to 6 letters, two from 7 letters, the first
     * letter kept, ties going to the more frequent word; else the same with a silent h put back.
     */
    public Optional<String> correct(String word) {
        if (word.length() < MIN_LENGTH || knows(word) || !isWord(word)) {
            return Optional.empty();
        }
        for (String variant : soundAlikes(word)) {
            if (knows(variant)) {
                return Optional.of(variant);
            }
        }
        Optional<String> near = nearest(word);
        if (near.isPresent()) {
            return near;
        }
        // the silent h forgotten, and a typo besides: "oneur" is "honeur", one edit from "honneur"
        // (the first letter is kept by the edits above, so only this sound-alike needs another search)
        return word.charAt(0) == 'h' ? Optional.empty() : nearest("h" + word);
    }

    private Optional<String> nearest(String word) {
        int maxEdits = word.length() >= LONG_WORD ? 2 : 1;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int bestFrequency = 0;
        for (String variant : deletions(word, maxEdits)) {
            for (String candidate : byDeletion.getOrDefault(variant, List.of())) {
                if (candidate.charAt(0) != word.charAt(0) || Math.abs(candidate.length() - word.length()) > maxEdits) {
                    continue;
                }
                int distance = distance(word, candidate);
                int freq = frequency.get(candidate);
                if (distance <= maxEdits && (distance < bestDistance || (distance == bestDistance && freq > bestFrequency))) {
                    best = candidate;
                    bestDistance = distance;
                    bestFrequency = freq;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static Map.Entry<Pattern, String> soundAlike(String typed, String spelt) {
        return Map.entry(Pattern.compile(typed), spelt);
    }

    private static List<String> soundAlikes(String word) {
        List<String> variants = new ArrayList<>();
        for (Map.Entry<Pattern, String> rule : SOUND_ALIKE) {
            String variant = rule.getKey().matcher(word).replaceAll(rule.getValue());
            if (!variant.equals(word)) {
                variants.add(variant);
            }
        }
        return variants;
    }

    private static boolean isWord(String word) {
        return word.chars().allMatch(Character::isLetter);
    }

    /** The word and its variants with one (or up to two) characters deleted. */
    private static Set<String> deletions(String word, int depth) {
        Set<String> out = new HashSet<>();
        out.add(word);
        for (int i = 0; i < word.length(); i++) {
            String one = word.substring(0, i) + word.substring(i + 1);
            out.add(one);
            if (depth > 1) {
                for (int j = i; j < one.length(); j++) {
                    out.add(one.substring(0, j) + one.substring(j + 1));
                }
            }
        }
        return out;
    }

    /** Damerau-Levenshtein (optimal string alignment) distance. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
