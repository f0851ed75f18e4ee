package fr.guichet.knowledge.text;

import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * The French analysis chain, one for everything that reads words: elision (l', d', qu'…),
 * lower case, accent folding, French stop words, light stemming (plurals, genders). The
 * search indexes and queries with it; the handoff model reads its stems.
 *
 * <p>Synonyms are applied at query time only, <em>before</em> stop words are removed, so
 * that a rule of several words matches those words and nothing else: « plus d'argent » is a
 * phrase of two words, and « argent » alone does not expand to it. Rules are parsed with the
 * same chain up to that point ({@link #synonymRules()}).
 */
public final class FrenchAnalysis {

    /** Elided articles and pronouns, folded: "l'energie", "qu'il", "jusqu'a". */
    private static final CharArraySet ELISIONS = new CharArraySet(
            List.of("l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"), true);

    /** Words of a chat message that say nothing about the need. */
    private static final List<String> CHAT_WORDS = List.of("bonjour", "bonsoir", "salut", "hello", "svp", "stp",
            "merci", "voudrais", "voudrai", "veux", "veut", "peux", "peut", "pourrais", "comment", "quoi", "quel",
            "quelle", "quels", "quelles", "est", "suis", "sommes", "ai", "avons", "avez", "existe", "existent",
            "cherche", "recherche", "besoin", "savoir", "faire", "fait", "etre", "avoir", "ya", "il", "ils", "y",
            "a", "ca", "cela", "ceci", "sa", "mes", "mon", "ma", "nos", "notre", "est-ce", "ce", "qu", "que",
            "qui", "dont", "ou", "aussi", "tres", "plus", "bien", "tout", "tous", "toute", "toutes", "chose",
            "choses", "truc", "trucs", "genre", "bref", "alors", "donc", "bah", "ben", "euh", "oui", "non",
            "peu", "beaucoup", "quelque", "quelqu", "possible", "aider", "aidez", "dois", "doit", "faut",
            "moi", "je", "j", "on", "nous", "vous", "votre", "vos", "mais", "car", "si", "quand", "actuellement",
            // typed without the apostrophe or the space
            "jai", "jveux", "jvoudrais", "jaimerais", "aimerais", "jsuis", "chui", "cest", "coucou", "bjr", "slt");

    /** French stop words, accent-folded to match the folded tokens, plus chat filler words. */
    private static final CharArraySet STOP_WORDS = foldedStopWords();

    private FrenchAnalysis() {
    }

    private static CharArraySet foldedStopWords() {
        CharArraySet set = new CharArraySet(256, true);
        for (Object word : FrenchAnalyzer.getDefaultStopSet()) {
            set.add(fold(new String((char[]) word)));
        }
        set.addAll(CHAT_WORDS);
        return CharArraySet.unmodifiableSet(set);
    }

    static String fold(String word) {
        char[] out = new char[word.length() * 4];
        int n = ASCIIFoldingFilter.foldToASCII(word.toCharArray(), 0, out, 0, word.length());
        return new String(out, 0, n);
    }

    /** True for a word (normalised) that says nothing of a need: an article, a pronoun, a chat filler. */
    public static boolean isStopWord(String normalizedWord) {
        return STOP_WORDS.contains(normalizedWord);
    }

    /** The terms an analyzer makes of a text, in order. */
    public static List<String> terms(Analyzer analyzer, String text) {
        return terms(analyzer, text, false);
    }

    /** The terms a query analyzer's synonym rules add to a text (its own words left out), in order. */
    public static List<String> synonymsAdded(Analyzer query, String text) {
        return terms(query, text, true);
    }

    private static List<String> terms(Analyzer analyzer, String text, boolean synonymsOnly) {
        List<String> out = new java.util.ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("text", text)) {
            org.apache.lucene.analysis.tokenattributes.CharTermAttribute term =
                    ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            org.apache.lucene.analysis.tokenattributes.TypeAttribute type =
                    ts.addAttribute(org.apache.lucene.analysis.tokenattributes.TypeAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (!synonymsOnly || "SYNONYM".equals(type.type())) {
                    out.add(term.toString());
                }
            }
            ts.end();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** Words as they are compared: elided articles dropped, lower case, accents folded. */
    private static TokenStream folded(Tokenizer tokenizer) {
        TokenStream stream = new ElisionFilter(tokenizer, ELISIONS);
        stream = new LowerCaseFilter(stream);
        stream = new ASCIIFoldingFilter(stream);
        return new ElisionFilter(stream, ELISIONS); // "l’énergie" typed with a curly apostrophe, once folded
    }

    /** Analyzer for the indexed text. */
    public static Analyzer index() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                return new TokenStreamComponents(tokenizer,
                        new FrenchLightStemFilter(new StopFilter(folded(tokenizer), STOP_WORDS)));
            }
        };
    }

    /**
     * Every word's stem, stop words included: what a model of how people ask reads, where
     * « me rappeler » and « plus payer » matter as much as the subject.
     */
    public static Analyzer allStems() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                return new TokenStreamComponents(tokenizer, new FrenchLightStemFilter(folded(tokenizer)));
            }
        };
    }

    /** Analyzer the synonym rules are parsed with: the query chain before synonyms, stop words kept. */
    static Analyzer synonymRules() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                return new TokenStreamComponents(tokenizer, folded(tokenizer));
            }
        };
    }

    /** Analyzer for user questions: synonyms on the folded words, then stop words, then stems. */
    public static Analyzer query(SynonymMap synonyms) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                TokenStream stream = folded(tokenizer);
                if (synonyms != null && synonyms.fst != null) {
                    stream = new SynonymGraphFilter(stream, synonyms, true);
                }
                return new TokenStreamComponents(tokenizer, new FrenchLightStemFilter(new StopFilter(stream, STOP_WORDS)));
            }
        };
    }
}
