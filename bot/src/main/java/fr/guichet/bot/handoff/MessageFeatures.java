package fr.guichet.bot.handoff;

import fr.guichet.knowledge.text.Amounts;
import fr.guichet.knowledge.text.FrenchAnalysis;
import fr.guichet.knowledge.text.FrenchText;
import fr.guichet.knowledge.text.Synonyms;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;

/**
 * What the handoff model reads of a message, from the project's one French chain: every
 * word's stem (stop words included: « me rappeler », « plus payer » say as much as the
 * subject), pairs of neighbouring stems, letter trigrams to fivegrams of each word (so that
 * « paiment », « tresorie » and « harcellement » still resemble their spelling), the size of
 * the message, and whether it names a large sum. Values are scaled to unit length.
 */
public final class MessageFeatures {
    private static final Analyzer STEMS = FrenchAnalysis.allStems();
    /** The built-in synonyms: « cessation de paiement », « galère », « plus de trésorerie » share the words of difficulty. */
    private static final Analyzer SYNONYMS = FrenchAnalysis.query(Synonyms.build(""));
    private static final int MAX_CHARS = 2_000;
    /** What a letter n-gram weighs against a stem: 0.25 by cross-validation (0.5: log loss 0.461, 0.25: 0.451). */
    private static final double LETTERS_WEIGHT = 0.25;
    private static final BigDecimal LARGE = BigDecimal.valueOf(500_000);

    private MessageFeatures() {
    }

    /** The features of every message of a corpus, in its order; read in parallel, the result is the same. */
    public static List<Map<String, Double>> of(List<LabelledMessage> corpus) {
        return corpus.parallelStream().map(m -> of(m.text())).toList();
    }

    /** Feature name → value, unit length. */
    public static Map<String, Double> of(String message) {
        String text = message.length() > MAX_CHARS ? message.substring(0, MAX_CHARS) : message;
        Map<String, Double> f = new LinkedHashMap<>();
        List<String> stems = FrenchAnalysis.terms(STEMS, text);
        String previous = "^";
        for (String stem : stems) {
            f.merge("w=" + stem, 1.0, Double::sum);
            f.merge("b=" + previous + "_" + stem, 1.0, Double::sum);
            previous = stem;
        }
        if (!stems.isEmpty()) {
            f.merge("b=" + previous + "_$", 1.0, Double::sum);
        }
        for (String synonym : FrenchAnalysis.synonymsAdded(SYNONYMS, text)) {
            f.merge("s=" + synonym, 0.5, Double::sum);
        }
        for (String word : FrenchText.words(text)) {
            String padded = "<" + word + ">";
            for (int n = 3; n <= 5; n++) {
                for (int i = 0; i + n <= padded.length(); i++) {
                    f.merge("c=" + padded.substring(i, i + n), LETTERS_WEIGHT, Double::sum);
                }
            }
        }
        int words = stems.size();
        f.put(words <= 3 ? "len=short" : words <= 12 ? "len=medium" : words <= 30 ? "len=long" : "len=very-long", 1.0);
        if (text.contains("?")) {
            f.put("has=question-mark", 1.0);
        }
        Amounts.largestProject(text).ifPresent(a -> f.put(a.compareTo(LARGE) >= 0 ? "amount=large" : "amount=small", 1.0));
        double norm = Math.sqrt(f.values().stream().mapToDouble(v -> v * v).sum());
        f.replaceAll((k, v) -> v / norm);
        return f;
    }
}
