package fr.guichet.knowledge.search;

import fr.guichet.knowledge.catalogue.Entry;
import fr.guichet.knowledge.search.QuestionWords.Group;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.TermState;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.BytesRef;

/**
 * How much of a question an entry answers: the share of the question's words it contains,
 * each weighted by how telling it is in the catalogue (inverse document frequency).
 */
final class Confidence {
    /** A corrected typo counts for less than a word typed right. */
    static final float CORRECTED_WEIGHT = 0.7f;
    /** A word found in this share of the entries or more tells little of a need (« aide », « entreprise »). */
    static final double COMMON_SHARE = 0.12;

    private final IndexReader reader;
    private final int docCount;

    Confidence(IndexReader reader) {
        this.reader = reader;
        this.docCount = reader.numDocs();
    }

    /**
     * How telling each word is (inverse document frequency). A word the catalogue does not
     * know at all weighs as much as the known words on average: it may be chatter
     * ("bientôt") or a need the catalogue lacks, so it lowers confidence without ruling it.
     */
    Map<Group, Double> groupWeights(List<Group> groups, Map<String, TermStates> states) {
        Map<Group, Double> weights = new HashMap<>();
        List<Group> unknown = new ArrayList<>();
        double knownSum = 0;
        for (Group g : groups) {
            double best = 0;
            for (String term : g.terms()) {
                TermStates ts = states.get(term);
                if (ts != null) {
                    best = Math.max(best, idf(ts.docFreq()));
                }
            }
            if (best == 0) {
                unknown.add(g);
            } else {
                weights.put(g, best);
                knownSum += best;
            }
        }
        double unknownWeight = weights.isEmpty() ? idf(0) : knownSum / weights.size();
        unknown.forEach(g -> weights.put(g, unknownWeight));
        return weights;
    }

    private double idf(int df) {
        return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
    }

    /** Which groups each top document contains, read from the postings of the groups' terms. */
    Map<Integer, Set<Group>> groupsByDoc(List<Group> groups, Map<String, TermStates> states, ScoreDoc[] top)
            throws IOException {
        Map<Integer, Set<Group>> found = new HashMap<>();
        int[] docs = java.util.Arrays.stream(top).mapToInt(sd -> sd.doc).sorted().toArray();
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms terms = leaf.reader().terms(CatalogueDocuments.TEXT);
            if (terms == null) {
                continue;
            }
            TermsEnum termsEnum = terms.iterator();
            PostingsEnum postings = null;
            for (Group g : groups) {
                for (String term : g.terms()) {
                    TermStates ts = states.get(term);
                    TermState state = ts == null ? null : ts.get(leaf).get();
                    if (state == null) {
                        continue;
                    }
                    termsEnum.seekExact(new BytesRef(term), state);
                    postings = termsEnum.postings(postings, PostingsEnum.NONE);
                    for (int doc : docs) {
                        int local = doc - leaf.docBase;
                        if (local < 0 || local >= leaf.reader().maxDoc()) {
                            continue;
                        }
                        int at = postings.docID() >= local ? postings.docID() : postings.advance(local);
                        if (at == local) {
                            found.computeIfAbsent(doc, d -> new HashSet<>()).add(g);
                        } else if (at == PostingsEnum.NO_MORE_DOCS) {
                            break;
                        }
                    }
                }
            }
        }
        return found;
    }

    static Hit hit(Entry entry, ScoreDoc sd, List<Group> groups, Map<Group, Double> weights, Set<Group> found) {
        double total = 0;
        double matched = 0;
        List<String> words = new ArrayList<>();
        for (Group g : groups) {
            double w = weights.get(g);
            total += w;
            if (found.contains(g)) {
                matched += g.corrected() ? w * CORRECTED_WEIGHT : w;
                words.add(g.word());
            }
        }
        double confidence = total == 0 ? 0 : matched / total;
        return new Hit(entry, sd.score, Math.round(confidence * 1000) / 1000.0, words);
    }

    /**
     * True when every word of the question is common in the catalogue: found in at least
     * {@link #COMMON_SHARE} of its entries (a word it does not know at all may be the need itself,
     * so it is not common).
     */
    boolean generic(List<Group> groups, Map<String, TermStates> states) {
        if (groups.isEmpty()) {
            return false;
        }
        for (Group g : groups) {
            TermStates word = states.get(g.terms().iterator().next());
            if (word == null || word.docFreq() < COMMON_SHARE * docCount) {
                return false;
            }
        }
        return true;
    }
}
