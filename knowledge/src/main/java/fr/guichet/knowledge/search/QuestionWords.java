package fr.guichet.knowledge.search;

import fr.guichet.knowledge.text.FrenchAnalysis;
import fr.guichet.knowledge.text.FrenchText;
import fr.guichet.knowledge.text.Vocabulary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;

/**
 * A question read as words the index can look up: typos corrected against the catalogue's
 * vocabulary, each remaining word with its stem and the stems of its synonyms, as typed by
 * the user for the « matched words » of a hit.
 */
final class QuestionWords {
    private static final int MAX_QUESTION_CHARS = 600;
    private static final int MAX_GROUPS = 32;
    private static final java.util.regex.Pattern ELIDED = java.util.regex.Pattern.compile(
            "^(?iu)(l|d|qu|n|s|j|m|t|c|jusqu|lorsqu|puisqu|quoiqu)['’]");
    private static final java.util.regex.Pattern WORDS_AND_GAPS = java.util.regex.Pattern.compile(
            "[\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+");

    /** One word of the question and the index terms that stand for it (itself, synonyms). */
    record Group(String word, Set<String> terms, boolean corrected) {
    }

    private final Analyzer indexAnalyzer = FrenchAnalysis.index();
    private final Analyzer queryAnalyzer;
    private final Vocabulary vocabulary;
    private final IndexReader reader;

    QuestionWords(Analyzer queryAnalyzer, Vocabulary vocabulary, IndexReader reader) {
        this.queryAnalyzer = queryAnalyzer;
        this.vocabulary = vocabulary;
        this.reader = reader;
    }

    /** User text as plain words: no control characters, bounded length. Never query syntax. */
    static String clean(String text) {
        String cleaned = text.replaceAll("[\\p{Cc}\\p{Cf}]+", " ");
        return cleaned.length() > MAX_QUESTION_CHARS ? cleaned.substring(0, MAX_QUESTION_CHARS) : cleaned;
    }

    /**
     * Splits the question into word groups: typos corrected against the vocabulary, each
     * remaining word with its stem and the stems of its synonyms.
     */
    List<Group> groups(String text, Set<String> skippedWords) throws IOException {
        // correct typos word by word, remembering which spans were corrected
        StringBuilder corrected = new StringBuilder();
        List<int[]> correctedSpans = new ArrayList<>();
        // what the user typed at each span of the corrected text: start, end, original
        List<Object[]> originals = new ArrayList<>();
        java.util.regex.Matcher m = WORDS_AND_GAPS.matcher(text);
        while (m.find()) {
            String token = m.group();
            int start = corrected.length();
            String folded = FrenchText.normalize(token);
            Optional<String> fix = Character.isLetterOrDigit(token.codePointAt(0))
                    && !FrenchAnalysis.isStopWord(folded) ? vocabulary.correct(folded) : Optional.empty();
            if (fix.isPresent() && stemIsIndexed(folded)) {
                fix = Optional.empty(); // an inflection of an indexed word ("ventes"), not a typo
            }
            corrected.append(fix.orElse(token));
            if (fix.isPresent()) {
                correctedSpans.add(new int[] {start, corrected.length()});
            }
            originals.add(new Object[] {start, corrected.length(), token});
        }
        String fixed = corrected.toString();

        Map<Integer, Group> byStart = new LinkedHashMap<>();
        List<int[]> spans = new ArrayList<>();
        try (TokenStream ts = indexAnalyzer.tokenStream(CatalogueDocuments.TEXT, fixed)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken() && byStart.size() < MAX_GROUPS) {
                int start = offset.startOffset();
                boolean wasCorrected = correctedSpans.stream().anyMatch(s -> s[0] <= start && start < s[1]);
                String word = typed(originals, start, offset.endOffset());
                // a place is a filter, and bare numbers ("40 000", "12") match unrelated entries
                if (skippedWords.contains(FrenchText.normalize(word)) || term.toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                Group existing = byStart.values().stream().filter(g -> g.terms().contains(term.toString()))
                        .findFirst().orElse(null);
                if (existing == null) {
                    Set<String> terms = new LinkedHashSet<>();
                    terms.add(term.toString());
                    byStart.put(start, new Group(word, terms, wasCorrected));
                    spans.add(new int[] {start, offset.endOffset()});
                }
            }
            ts.end();
        }
        try (TokenStream ts = queryAnalyzer.tokenStream(CatalogueDocuments.TEXT, fixed)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            TypeAttribute type = ts.addAttribute(TypeAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (!"SYNONYM".equals(type.type())) {
                    continue;
                }
                for (int[] span : spans) {
                    if (span[0] < offset.endOffset() && offset.startOffset() < span[1]) {
                        byStart.get(span[0]).terms().add(term.toString());
                    }
                }
            }
            ts.end();
        }
        return new ArrayList<>(byStart.values());
    }

    /** The words as typed behind a span of the corrected text, without an elided article ("d'elec" → "elec"). */
    private static String typed(List<Object[]> originals, int start, int end) {
        StringBuilder word = new StringBuilder();
        for (Object[] o : originals) {
            if ((int) o[0] < end && start < (int) o[1]) {
                word.append((String) o[2]);
            }
        }
        return ELIDED.matcher(word.toString().strip()).replaceFirst("");
    }

    /** True when the word, analysed, is a term of the index: the vocabulary lacks only this inflection. */
    private boolean stemIsIndexed(String word) throws IOException {
        try (TokenStream ts = indexAnalyzer.tokenStream(CatalogueDocuments.TEXT, word)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            boolean indexed = ts.incrementToken()
                    && reader.docFreq(new Term(CatalogueDocuments.TEXT, term.toString())) > 0
                    && !ts.incrementToken();
            ts.end();
            return indexed;
        }
    }
}
