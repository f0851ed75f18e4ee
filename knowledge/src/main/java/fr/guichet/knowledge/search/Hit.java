package fr.guichet.knowledge.search;

import fr.guichet.knowledge.catalogue.Entry;
import java.util.List;

/**
 * One retrieved entry: its Lucene score, a confidence in [0,1] (how much of the question
 * it answers, weighted by how telling each word is), and the question's words it matched.
 */
public record Hit(Entry entry, float score, double confidence, List<String> matchedWords) {
    public Hit {
        matchedWords = List.copyOf(matchedWords);
    }
}
