package fr.guichet.knowledge.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

/**
 * Every synonym rule, built-in and bundled, expands only what it names: a rule of several
 * words ("plus d'argent", "faire le point") matches those words together, never one of them
 * alone. The expansion of every term is printed, for a reviewer to read.
 */
class SynonymRulesTest {
    private static final Path BUNDLED = Path.of("catalogue/synonyms.txt");

    private static String rules() {
        try {
            return Synonyms.builtIn() + "\n" + Files.readString(BUNDLED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The terms of every rule line: "a, b => c" gives a, b, c. */
    private static List<String> terms(String rules) {
        List<String> terms = new ArrayList<>();
        for (String line : rules.split("\\R")) {
            String rule = line.replaceFirst("#.*", "").strip();
            if (!rule.isEmpty()) {
                for (String term : rule.split("=>|,")) {
                    terms.add(term.strip());
                }
            }
        }
        return terms;
    }

    /** The words of a rule's term as the rule parser reads them ("s'installer" is one word). */
    private static List<String> words(String term) {
        List<String> out = new ArrayList<>();
        try (Analyzer rules = FrenchAnalysis.synonymRules(); TokenStream ts = rules.tokenStream("f", term)) {
            CharTermAttribute word = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(word.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Test
    void noRuleExpandsASingleWordItDidNotName() {
        String rules = rules();
        Analyzer query = FrenchAnalysis.query(Synonyms.build(rules.substring(Synonyms.builtIn().length())));
        Set<String> named = new LinkedHashSet<>();
        Set<String> insidePhrases = new LinkedHashSet<>();
        TreeMap<String, List<String>> expansions = new TreeMap<>();
        for (String term : terms(rules)) {
            List<String> words = words(term);
            if (words.size() == 1) {
                named.add(words.get(0));
            } else {
                insidePhrases.addAll(words);
            }
            expansions.put(term, FrenchAnalysis.synonymsAdded(query, term));
        }
        expansions.forEach((term, synonyms) -> System.out.println(term + " -> " + synonyms));

        List<String> leaks = new ArrayList<>();
        for (String word : insidePhrases) {
            if (!named.contains(word) && !FrenchAnalysis.synonymsAdded(query, word).isEmpty()) {
                leaks.add(word + " -> " + FrenchAnalysis.synonymsAdded(query, word));
            }
        }
        assertEquals(List.of(), leaks, "words expanded by a rule that names them only inside a phrase");
        assertTrue(expansions.size() > 300, "the rules were read: " + expansions.size());
    }

    @Test
    void phrasesExpandAsPhrases() {
        Analyzer query = FrenchAnalysis.query(Synonyms.build(""));
        assertTrue(FrenchAnalysis.synonymsAdded(query, "je n'ai plus d'argent").contains("galer"), "the phrase expands (stems)");
        assertEquals(List.of(), FrenchAnalysis.synonymsAdded(query, "combien d'argent pour ouvrir").stream().filter("galer"::equals).toList(),
                "« argent » alone is money, not distress");
        assertEquals(List.of(), FrenchAnalysis.synonymsAdded(query, "un point de vente").stream().filter("diagnost"::equals).toList(),
                "« point » alone is not « faire le point »");
        assertTrue(FrenchAnalysis.synonymsAdded(query, "faire le point sur mon energie").contains("diagnost"));
        assertEquals(List.of(), FrenchAnalysis.synonymsAdded(query, "au cours de l'année").stream().filter("format"::equals).toList());
        assertEquals(List.of(), FrenchAnalysis.synonymsAdded(query, "sous-traitance").stream().filter("argent"::equals).toList());
    }
}
