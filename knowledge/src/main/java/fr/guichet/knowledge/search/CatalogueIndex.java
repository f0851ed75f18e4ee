package fr.guichet.knowledge.search;

import fr.guichet.knowledge.catalogue.Catalogue;
import fr.guichet.knowledge.catalogue.Entry;
import fr.guichet.knowledge.catalogue.EntryKind;
import fr.guichet.knowledge.search.QuestionWords.Group;
import fr.guichet.knowledge.text.FrenchAnalysis;
import fr.guichet.knowledge.text.FrenchText;
import fr.guichet.knowledge.text.Place;
import fr.guichet.knowledge.text.Places;
import fr.guichet.knowledge.text.Synonyms;
import fr.guichet.knowledge.text.Vocabulary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryRescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.SingleInstanceLockFactory;
import org.apache.lucene.util.BytesRef;

/**
 * The catalogue's Lucene index, built in memory, and the search over it: French analysis,
 * typo correction, query-time synonyms, BM25F over weighted fields, filters (kind, theme,
 * stage, sector, territory, validity date, free, upcoming sessions).
 */
public final class CatalogueIndex implements Retriever {

    private static final String ALL = CatalogueDocuments.TEXT;
    private static final float SYNONYM_WEIGHT = 0.5f;
    /** Chosen on the development questions: 0.5 lifts MRR@10 by 0.03, 1 and 2 do less well. */
    private static final float PHRASE_WEIGHT = 0.5f;
    /**
     * How many first-pass hits the bonuses (phrase, kind, profile) re-rank. Scoring them on every match
     * was the slowest part of a search on big catalogues: positions for phrases, and a kind clause
     * matching half the catalogue defeats the skipping of non-competitive documents. 20 ranks the
     * development questions as well as scoring every match did, 30 a little better (MTE recall@10
     * 0.896 and 0.915); 50 no better.
     */
    private static final int RERANK_DEPTH = 30;
    /** Chosen on the development questions: 1 lifts MTE recall@5 0.831 → 0.846, 0.5 does less, 2 and 3 no more. */
    private static final float KIND_INTENT_WEIGHT = 1f;
    /** What a stage or sector matching the entrepreneur's profile adds. */
    private static final float PREFERENCE_WEIGHT = 1.5f;
    /**
     * BM25 with a higher term-frequency saturation than Lucene's default (k1 1.2): the
     * weighted text repeats a title four times, which would otherwise saturate at once.
     * Chosen on the development questions (k1 2 to 3 are all better than 1.2).
     */
    private static final BM25Similarity SIMILARITY = new BM25Similarity(2.5f, 0.75f);

    static {
        IndexSearcher.setMaxClauseCount(Math.max(IndexSearcher.getMaxClauseCount(), 4096));
    }

    private final Map<String, Entry> entries;
    private final IndexSearcher searcher;
    private final QuestionWords questions;
    private final Confidence confidence;
    private final Places places = Places.get();
    private final Clock clock;
    /** The region the deployment serves: with no place in a question, entries reserved elsewhere stay out. */
    private final Optional<Place> homeRegion;
    private final int docCount;
    private final String[] idsByDoc;



    private CatalogueIndex(Map<String, Entry> entries, IndexSearcher searcher, Analyzer queryAnalyzer,
                           Vocabulary vocabulary, Clock clock, String home) {
        this.entries = entries;
        this.homeRegion = home == null ? Optional.empty() : places.area(home).flatMap(places::regionOf);
        this.searcher = searcher;
        this.questions = new QuestionWords(queryAnalyzer, vocabulary, searcher.getIndexReader());
        this.confidence = new Confidence(searcher.getIndexReader());
        this.clock = clock;
        this.docCount = searcher.getIndexReader().numDocs();
        this.idsByDoc = new String[searcher.getIndexReader().maxDoc()];
        try {
            var stored = searcher.storedFields();
            for (int doc = 0; doc < idsByDoc.length; doc++) {
                idsByDoc[doc] = stored.document(doc).get("id");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Indexes a catalogue. "Today" comes from the clock at each search, so entries enter and
     * leave their validity window without a rebuild.
     *
     * @throws IllegalArgumentException when the catalogue's synonyms.txt cannot be used
     */
    public static CatalogueIndex build(Catalogue catalogue, Clock clock) {
        var synonyms = Synonyms.build(catalogue.synonyms());
        Map<String, Integer> words = Vocabulary.newCounter();
        Vocabulary.count(words, Synonyms.builtIn().replaceAll("(?m)^#.*$", ""));
        Vocabulary.count(words, catalogue.synonyms().replaceAll("(?m)^#.*$", ""));
        Map<String, Entry> byId = new LinkedHashMap<>();
        // one contiguous buffer per file: reading the index then slices no buffer lists, which is most of a search's cost
        ByteBuffersDirectory dir = new ByteBuffersDirectory(new SingleInstanceLockFactory(), ByteBuffersDataOutput::new,
                ByteBuffersDirectory.OUTPUT_AS_ONE_BUFFER);
        Analyzer analyzer = FrenchAnalysis.index();
        try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(analyzer).setRAMBufferSizeMB(64).setSimilarity(SIMILARITY))) {
            for (Entry entry : catalogue.entries()) {
                byId.put(entry.id(), entry);
                Map<String, String> text = CatalogueDocuments.texts(entry);
                text.values().forEach(value -> Vocabulary.count(words, value));
                writer.addDocument(CatalogueDocuments.document(entry, text));
            }
            writer.forceMerge(1);
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(dir));
            searcher.setSimilarity(SIMILARITY);
            return new CatalogueIndex(Map.copyOf(byId), searcher, FrenchAnalysis.query(synonyms),
                    Vocabulary.of(words), clock, catalogue.info().home());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }








    private String idOf(int doc) {
        return idsByDoc[doc];
    }

    public int size() {
        return docCount;
    }

    public Optional<Entry> entry(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    // ---- search -------------------------------------------------------------------------


    @Override
    public SearchResult search(SearchRequest request) {
        String text = QuestionWords.clean(request.text());
        LocalDate today = LocalDate.now(clock);
        Optional<Places.Mention> mention = places.mentionIn(text);
        Optional<Place> place = request.territory() != null && !request.territory().isBlank()
                ? places.area(request.territory()).or(() -> places.findIn(request.territory()))
                : mention.map(Places.Mention::place);
        // the place is a filter, not words to look for: "Lille" must not rank entries that cite Lille
        Set<String> placeWords = mention.map(Places.Mention::words).orElse(Set.of());
        try {
            List<Group> groups = questions.groups(text, placeWords);
            BooleanQuery.Builder query = new BooleanQuery.Builder();
            if (groups.isEmpty()) {
                if (text.isBlank() && hasFilter(request)) {
                    query.add(new MatchAllDocsQuery(), Occur.MUST);
                } else {
                    return new SearchResult(List.of(), place);
                }
            }
            // each term is looked up once; the query, the weights and the coverage all use that lookup
            Map<String, TermStates> states = termStates(groups);
            BooleanQuery.Builder words = new BooleanQuery.Builder();
            int clauses = 0;
            for (Group group : groups) {
                Query q = groupQuery(group, states);
                if (q != null) {
                    words.add(q, Occur.SHOULD);
                    clauses++;
                }
            }
            // bonuses that reorder what the words found: two words typed side by side and found side
            // by side ("chambre froide", "prêt d'honneur"), the kind asked for, the entrepreneur's profile
            BooleanQuery.Builder bonuses = new BooleanQuery.Builder();
            int bonusCount = 0;
            for (int i = 0; i + 1 < groups.size(); i++) {
                String a = groups.get(i).terms().iterator().next();
                String b = groups.get(i + 1).terms().iterator().next();
                if (states.containsKey(a) && states.containsKey(b)) {
                    bonuses.add(new BoostQuery(new PhraseQuery(1, ALL, a, b), PHRASE_WEIGHT), Occur.SHOULD);
                    bonusCount++;
                }
            }
            bonusCount += addKindIntent(bonuses, request, text);
            bonusCount += addPreferences(bonuses, request);
            if (!groups.isEmpty()) {
                if (clauses == 0) {
                    return new SearchResult(List.of(), place); // not one word the catalogue knows
                }
                // an entry must match a word; the bonuses only rank among those that do
                query.add(words.build(), Occur.MUST);
            }
            addFilters(query, request, place, today);
            TopDocs top;
            if (bonusCount > 0 && groups.isEmpty()) {
                // a listing by filters: every entry scores alike, the bonuses alone rank them
                query.add(bonuses.build(), Occur.SHOULD);
                top = searcher.search(query.build(), request.limit());
            } else if (bonusCount > 0) {
                TopDocs first = searcher.search(query.build(), Math.max(request.limit(), RERANK_DEPTH));
                top = QueryRescorer.rescore(searcher, first, bonuses.build(), 1, request.limit());
            } else {
                top = searcher.search(query.build(), request.limit());
            }
            List<Hit> hits = new ArrayList<>();
            Map<Group, Double> weights = confidence.groupWeights(groups, states);
            Map<Integer, Set<Group>> found = confidence.groupsByDoc(groups, states, top.scoreDocs);
            for (ScoreDoc sd : top.scoreDocs) {
                hits.add(Confidence.hit(entries.get(idOf(sd.doc)), sd, groups, weights, found.getOrDefault(sd.doc, Set.of())));
            }
            return new SearchResult(hits, place, confidence.generic(groups, states));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasFilter(SearchRequest r) {
        return r.kind() != null || r.theme() != null || r.stage() != null || r.sector() != null
                || r.freeOnly() || r.upcomingOnly();
    }





    /** The index statistics of every term of the question, for the terms the index has. */
    private Map<String, TermStates> termStates(List<Group> groups) throws IOException {
        Map<String, TermStates> states = new HashMap<>();
        for (Group g : groups) {
            for (String term : g.terms()) {
                if (!states.containsKey(term)) {
                    TermStates ts = TermStates.build(searcher, new Term(ALL, term), true);
                    if (ts.docFreq() > 0) {
                        states.put(term, ts);
                    }
                }
            }
        }
        return states;
    }

    /**
     * A word scores by its best reading (BM25 on the weighted text); a synonym counts for
     * less than the word itself, and a corrected typo less than a well-typed word. Readings
     * the index does not have are left out; a word with none gives no clause.
     */
    private static Query groupQuery(Group group, Map<String, TermStates> states) {
        List<Query> readings = new ArrayList<>();
        boolean first = true;
        for (String term : group.terms()) {
            TermStates ts = states.get(term);
            if (ts != null) {
                Query reading = new TermQuery(new Term(ALL, term), ts);
                readings.add(first ? reading : new BoostQuery(reading, SYNONYM_WEIGHT));
            }
            first = false;
        }
        if (readings.isEmpty()) {
            return null;
        }
        Query q = readings.size() == 1 ? readings.get(0) : new DisjunctionMaxQuery(readings, 0.1f);
        return group.corrected() ? new BoostQuery(q, Confidence.CORRECTED_WEIGHT) : q;
    }

    private void addFilters(BooleanQuery.Builder query, SearchRequest r, Optional<Place> place, LocalDate today) {
        long day = today.toEpochDay();
        query.add(LongPoint.newRangeQuery("valid_from", Long.MIN_VALUE, day), Occur.FILTER);
        query.add(LongPoint.newRangeQuery("valid_until", day, Long.MAX_VALUE), Occur.FILTER);
        if (r.kind() != null) {
            query.add(new TermQuery(new Term("kind", r.kind().code())), Occur.FILTER);
        }
        if (r.theme() != null) {
            query.add(new TermQuery(new Term("theme", r.theme().code())), Occur.FILTER);
        }
        if (r.stage() != null) {
            query.add(new TermInSetQuery("stage", List.of(new BytesRef(r.stage().code()), new BytesRef("*"))),
                    Occur.FILTER);
        }
        if (r.sector() != null && !r.sector().isBlank()) {
            query.add(new TermInSetQuery("sector",
                    List.of(new BytesRef(FrenchText.normalize(r.sector())), new BytesRef("*"))), Occur.FILTER);
        }
        if (r.freeOnly()) {
            query.add(new TermQuery(new Term("free", "1")), Occur.FILTER);
        }
        if (r.upcomingOnly()) {
            query.add(LongPoint.newRangeQuery("session_start", day, Long.MAX_VALUE), Occur.FILTER);
        }
        place.or(() -> homeRegion).filter(p -> !p.path().isEmpty()).ifPresent(p -> {
            // the entry's area contains the place, or lies within it; unknown areas are kept
            List<BytesRef> containing = new ArrayList<>(List.of(new BytesRef("fr"), new BytesRef("?")));
            for (int i = 1; i <= p.path().size(); i++) {
                containing.add(new BytesRef("fr/" + String.join("/", p.path().subList(0, i))));
            }
            BooleanQuery.Builder area = new BooleanQuery.Builder();
            area.add(new TermInSetQuery("area", containing), Occur.SHOULD);
            area.add(new TermQuery(new Term("area_within", CatalogueDocuments.areaKey(p))), Occur.SHOULD);
            query.add(area.build(), Occur.FILTER);
        });
    }

    /** Adds the profile's bonuses; returns how many. */
    private static int addPreferences(BooleanQuery.Builder bonuses, SearchRequest r) {
        int added = 0;
        if (r.preferStage() != null) {
            bonuses.add(new BoostQuery(new ConstantScoreQuery(
                    new TermQuery(new Term("stage", r.preferStage().code()))), PREFERENCE_WEIGHT), Occur.SHOULD);
            added++;
        }
        if (r.preferSector() != null && !r.preferSector().isBlank()) {
            bonuses.add(new BoostQuery(new ConstantScoreQuery(
                    new TermQuery(new Term("sector", FrenchText.normalize(r.preferSector())))), PREFERENCE_WEIGHT), Occur.SHOULD);
            added++;
        }
        return added;
    }

    /**
     * "Quelles aides ?" asks for a scheme, "une formation ?" for a training: the entries of the
     * kind asked for rank higher, the others stay (a training can answer an "aide" question).
     * A question naming both, or neither, prefers nothing.
     */
    private static int addKindIntent(BooleanQuery.Builder bonuses, SearchRequest r, String text) {
        if (r.kind() != null) {
            return 0;
        }
        Optional<EntryKind> asked = KindWords.askedIn(text);
        if (asked.isEmpty()) {
            return 0;
        }
        bonuses.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term("kind", asked.get().code()))),
                KIND_INTENT_WEIGHT), Occur.SHOULD);
        return 1;
    }
}
