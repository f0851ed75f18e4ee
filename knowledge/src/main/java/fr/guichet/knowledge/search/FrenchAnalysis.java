package fr.guichet.knowledge.search;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * The French analysis chain shared by indexing and querying: elision (l', d', qu'…),
 * lower case, accent folding, French stop words, light stemming (plurals, genders).
 * Synonyms are applied at query time only, between stop words and stemming, so that
 * the rules are written with ordinary words.
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
    static final CharArraySet STOP_WORDS = foldedStopWords();

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

    private static TokenStream normalized(Tokenizer tokenizer) {
        TokenStream stream = new ElisionFilter(tokenizer, ELISIONS);
        stream = new LowerCaseFilter(stream);
        stream = new ASCIIFoldingFilter(stream);
        stream = new ElisionFilter(stream, ELISIONS); // "l’énergie" typed with a curly apostrophe, once folded
        return new StopFilter(stream, STOP_WORDS);
    }

    /** Analyzer for the indexed text. */
    public static Analyzer index() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                return new TokenStreamComponents(tokenizer, new FrenchLightStemFilter(normalized(tokenizer)));
            }
        };
    }

    /** Analyzer the synonym rules are parsed with: the query chain before synonyms. */
    static Analyzer synonymRules() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                return new TokenStreamComponents(tokenizer, new ContiguousPositions(normalized(tokenizer)));
            }
        };
    }

    /** Analyzer for user questions: the index chain with the synonym graph before stemming. */
    public static Analyzer query(SynonymMap synonyms) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                TokenStream stream = new ContiguousPositions(normalized(tokenizer));
                if (synonyms != null && synonyms.fst != null) {
                    stream = new SynonymGraphFilter(stream, synonyms, true);
                }
                return new TokenStreamComponents(tokenizer, new FrenchLightStemFilter(stream));
            }
        };
    }

    /**
     * Closes the gaps stop words leave, so that "prêt à taux zéro" and "pret taux zero"
     * are the same phrase for the synonym rules (Lucene's synonym parser refuses gaps).
     */
    static final class ContiguousPositions extends TokenFilter {
        private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);

        ContiguousPositions(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            if (increment.getPositionIncrement() > 1) {
                increment.setPositionIncrement(1);
            }
            return true;
        }
    }
}
