package fr.guichet.knowledge.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.search.FuzzyTermsEnum;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The words the engine knows (the catalogue's text and the synonym rules), lower case
 * without accents, used to correct typos before analysis: "finacement" becomes
 * "financement", so that stemming and synonyms then apply as for a well-typed word.
 */
final class Vocabulary {
    private static final String FIELD = "w";
    private final Map<String, Integer> frequency;
    private final Terms terms;

    private Vocabulary(Map<String, Integer> frequency, Terms terms) {
        this.frequency = frequency;
        this.terms = terms;
    }

    static Vocabulary of(Map<String, Integer> frequency) {
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig())) {
            Document doc = new Document();
            frequency.keySet().forEach(w -> doc.add(new StringField(FIELD, w, Field.Store.NO)));
            writer.addDocument(doc);
            writer.commit();
            DirectoryReader reader = DirectoryReader.open(dir);
            Terms terms = MultiTerms.getTerms(reader, FIELD);
            return new Vocabulary(Map.copyOf(frequency), terms);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void count(Map<String, Integer> frequency, String text) {
        for (String word : Places.normalize(text).split(" ")) {
            if (word.length() >= 2) {
                frequency.merge(word, 1, Integer::sum);
            }
        }
    }

    boolean knows(String word) {
        return frequency.containsKey(word);
    }

    /**
     * The known word closest to an unknown one: one edit for words of 4 to 6 letters, two
     * from 7 letters, the first letter kept; ties go to the more frequent word.
     */
    Optional<String> correct(String word) {
        if (word.length() < 4 || knows(word) || terms == null || !word.chars().allMatch(Character::isLetter)) {
            return Optional.empty();
        }
        int maxEdits = word.length() >= 7 ? 2 : 1;
        try {
            FuzzyTermsEnum candidates = new FuzzyTermsEnum(terms, new Term(FIELD, word), maxEdits, 1, true);
            String best = null;
            int bestDistance = Integer.MAX_VALUE;
            int bestFrequency = 0;
            for (BytesRef term = candidates.next(); term != null; term = candidates.next()) {
                String candidate = term.utf8ToString();
                int distance = distance(word, candidate);
                int freq = frequency.getOrDefault(candidate, 0);
                if (distance < bestDistance || (distance == bestDistance && freq > bestFrequency)) {
                    best = candidate;
                    bestDistance = distance;
                    bestFrequency = freq;
                }
            }
            return Optional.ofNullable(best);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    static Map<String, Integer> newCounter() {
        return new HashMap<>();
    }
}
