package fr.guichet.knowledge.search;

import fr.guichet.knowledge.text.FrenchText;
import fr.guichet.knowledge.text.Place;
import fr.guichet.knowledge.text.Places;
import fr.guichet.knowledge.text.Synonyms;
import fr.guichet.knowledge.text.FrenchAnalysis;
import fr.guichet.knowledge.text.Vocabulary;
import fr.guichet.knowledge.catalogue.Catalogue;
import fr.guichet.knowledge.catalogue.Entry;
import fr.guichet.knowledge.catalogue.EntryKind;
import fr.guichet.knowledge.catalogue.Session;
import fr.guichet.knowledge.catalogue.Stage;
import fr.guichet.knowledge.catalogue.Theme;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.TermState;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
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

    /**
     * Text fields and their weights: what a thing is called weighs most. The fields are
     * indexed together in one field where each is repeated as many times as its weight:
     * BM25 on it is BM25F (weighted term frequencies, weighted length) with one set of
     * postings and norms per word, which keeps a search fast on 100,000 entries.
     */
    static final Map<String, Integer> FIELD_WEIGHTS = weights();
    private static final String ALL = "text";
    private static final int MAX_QUESTION_CHARS = 600;
    private static final int MAX_GROUPS = 32;
    private static final float CORRECTED_WEIGHT = 0.7f;
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
    private static final java.util.regex.Pattern ELIDED = java.util.regex.Pattern.compile(
            "^(?iu)(l|d|qu|n|s|j|m|t|c|jusqu|lorsqu|puisqu|quoiqu)['’]");
    private static final java.util.regex.Pattern WORDS_AND_GAPS = java.util.regex.Pattern.compile(
            "[\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+");
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
    private final Analyzer indexAnalyzer = FrenchAnalysis.index();
    private final Analyzer queryAnalyzer;
    private final Vocabulary vocabulary;
    private final Places places = Places.get();
    private final Clock clock;
    /** The region the deployment serves: with no place in a question, entries reserved elsewhere stay out. */
    private final Optional<Place> homeRegion;
    private final int docCount;
    private final String[] idsByDoc;

    private static Map<String, Integer> weights() {
        Map<String, Integer> w = new LinkedHashMap<>();
        w.put("title", 4);
        w.put("keywords", 3);
        w.put("summary", 3);
        w.put("benefit", 2);
        w.put("themes", 1);
        w.put("description", 1);
        w.put("conditions", 1);
        w.put("provider", 1);
        return java.util.Collections.unmodifiableMap(w);
    }


    private CatalogueIndex(Map<String, Entry> entries, IndexSearcher searcher, Analyzer queryAnalyzer,
                           Vocabulary vocabulary, Clock clock, String home) {
        this.entries = entries;
        this.homeRegion = home == null ? Optional.empty() : places.area(home).flatMap(places::regionOf);
        this.searcher = searcher;
        this.queryAnalyzer = queryAnalyzer;
        this.vocabulary = vocabulary;
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
                Map<String, String> text = texts(entry);
                text.values().forEach(value -> Vocabulary.count(words, value));
                writer.addDocument(document(entry, text));
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

    /** The searchable text of an entry, by field. */
    private static Map<String, String> texts(Entry e) {
        Map<String, String> text = new LinkedHashMap<>();
        text.put("title", e.title());
        text.put("keywords", String.join(" ; ", e.keywords()));
        text.put("summary", e.summary());
        text.put("benefit", e.benefit());
        text.put("themes", e.themes().stream().map(Theme::label).collect(Collectors.joining(" ; ")));
        text.put("description", join(e.description(), e.howToApply(), e.training().certification()));
        text.put("conditions", String.join(" ; ", e.audience().conditions()) + " ; "
                + String.join(" ; ", e.audience().sectors()));
        text.put("provider", e.provider());
        text.values().removeIf(v -> v == null || v.isBlank());
        return text;
    }

    /** A value of the weighted text field, analysed when Lucene indexes it (analyzers reuse their streams). */
    private static final class WeightedText extends Field {
        private final int weight;

        WeightedText(String value, int weight) {
            super(ALL, value, TextField.TYPE_NOT_STORED);
            this.weight = weight;
        }

        @Override
        public TokenStream tokenStream(Analyzer analyzer, TokenStream reuse) {
            return new Repeat(analyzer.tokenStream(name(), stringValue()), weight);
        }
    }

    /** Emits every token of its input {@code times} times: term frequency as a field weight. */
    private static final class Repeat extends org.apache.lucene.analysis.TokenFilter {
        private final int times;
        private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
        private State current;
        private int left;

        Repeat(TokenStream input, int times) {
            super(input);
            this.times = times;
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (left > 0) {
                restoreState(current);
                increment.setPositionIncrement(0);
                left--;
                return true;
            }
            if (!input.incrementToken()) {
                return false;
            }
            current = captureState();
            left = times - 1;
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            left = 0;
            current = null;
        }
    }

    private static Document document(Entry e, Map<String, String> text) {
        Document doc = new Document();
        doc.add(new StringField("id", e.id(), Field.Store.YES));
        doc.add(new StringField("kind", e.kind().code(), Field.Store.NO));
        // each field analysed once, its tokens repeated as many times as its weight
        text.forEach((name, value) -> doc.add(new WeightedText(value, FIELD_WEIGHTS.get(name))));

        e.themes().forEach(t -> doc.add(new StringField("theme", t.code(), Field.Store.NO)));
        if (e.audience().stages().isEmpty()) {
            doc.add(new StringField("stage", "*", Field.Store.NO));
        }
        e.audience().stages().forEach(s -> doc.add(new StringField("stage", s.code(), Field.Store.NO)));
        if (e.audience().sectors().isEmpty()) {
            doc.add(new StringField("sector", "*", Field.Store.NO));
        }
        e.audience().sectors().forEach(s -> doc.add(new StringField("sector", FrenchText.normalize(s), Field.Store.NO)));
        for (String area : areas(e)) {
            doc.add(new StringField("area", area, Field.Store.NO));
            for (int i = area.indexOf('/'); i > 0; i = area.indexOf('/', i + 1)) {
                doc.add(new StringField("area_within", area.substring(0, i), Field.Store.NO));
            }
            doc.add(new StringField("area_within", area, Field.Store.NO));
        }
        doc.add(new LongPoint("valid_from", e.validFrom() == null ? Long.MIN_VALUE : e.validFrom().toEpochDay()));
        doc.add(new LongPoint("valid_until", e.validUntil() == null ? Long.MAX_VALUE : e.validUntil().toEpochDay()));
        if (e.training().isFree()) {
            doc.add(new StringField("free", "1", Field.Store.NO));
        }
        for (Session s : e.training().sessions()) {
            if (s.start() != null) {
                doc.add(new LongPoint("session_start", s.start().toEpochDay()));
            }
        }
        return doc;
    }

    private static String join(String... parts) {
        return java.util.Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).collect(Collectors.joining(" \n "));
    }

    /**
     * Area keys of an entry: "fr", "fr/hdf", "fr/hdf/62"…. Territories the engine does not
     * know are ignored when others are known; an entry with only unknown ones gets "?",
     * which every place filter keeps (better shown than wrongly hidden).
     */
    private static Set<String> areas(Entry e) {
        Set<String> keys = new LinkedHashSet<>();
        if (e.territories().isEmpty()) {
            keys.add("fr");
        }
        for (String territory : e.territories()) {
            Places.get().area(territory).ifPresent(p -> keys.add(areaKey(p)));
        }
        if (keys.isEmpty()) {
            keys.add("?");
        }
        return keys;
    }

    private static String areaKey(Place place) {
        return place.path().isEmpty() ? "fr" : "fr/" + place.key();
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

    /** One word of the question and the index terms that stand for it (itself, synonyms). */
    private record Group(String word, Set<String> terms, boolean corrected) {
    }

    @Override
    public SearchResult search(SearchRequest request) {
        String text = clean(request.text());
        LocalDate today = LocalDate.now(clock);
        Optional<Places.Mention> mention = places.mentionIn(text);
        Optional<Place> place = request.territory() != null && !request.territory().isBlank()
                ? places.area(request.territory()).or(() -> places.findIn(request.territory()))
                : mention.map(Places.Mention::place);
        // the place is a filter, not words to look for: "Lille" must not rank entries that cite Lille
        Set<String> placeWords = mention.map(Places.Mention::words).orElse(Set.of());
        try {
            List<Group> groups = groups(text, placeWords);
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
            Map<Group, Double> weights = groupWeights(groups, states);
            Map<Integer, Set<Group>> found = groupsByDoc(groups, states, top.scoreDocs);
            for (ScoreDoc sd : top.scoreDocs) {
                hits.add(hit(entries.get(idOf(sd.doc)), sd, groups, weights, found.getOrDefault(sd.doc, Set.of())));
            }
            return new SearchResult(hits, place);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasFilter(SearchRequest r) {
        return r.kind() != null || r.theme() != null || r.stage() != null || r.sector() != null
                || r.freeOnly() || r.upcomingOnly();
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
    private List<Group> groups(String text, Set<String> skippedWords) throws IOException {
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
        try (TokenStream ts = indexAnalyzer.tokenStream(ALL, fixed)) {
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
        try (TokenStream ts = queryAnalyzer.tokenStream(ALL, fixed)) {
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
        try (TokenStream ts = indexAnalyzer.tokenStream(ALL, word)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            boolean indexed = ts.incrementToken()
                    && searcher.getIndexReader().docFreq(new Term(ALL, term.toString())) > 0
                    && !ts.incrementToken();
            ts.end();
            return indexed;
        }
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
        return group.corrected() ? new BoostQuery(q, CORRECTED_WEIGHT) : q;
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
            area.add(new TermQuery(new Term("area_within", areaKey(p))), Occur.SHOULD);
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

    // ---- confidence ---------------------------------------------------------------------

    /**
     * How telling each word is (inverse document frequency). A word the catalogue does not
     * know at all weighs as much as the known words on average: it may be chatter
     * ("bientôt") or a need the catalogue lacks, so it lowers confidence without ruling it.
     */
    private Map<Group, Double> groupWeights(List<Group> groups, Map<String, TermStates> states) {
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
    private Map<Integer, Set<Group>> groupsByDoc(List<Group> groups, Map<String, TermStates> states, ScoreDoc[] top)
            throws IOException {
        Map<Integer, Set<Group>> found = new HashMap<>();
        int[] docs = java.util.Arrays.stream(top).mapToInt(sd -> sd.doc).sorted().toArray();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            Terms terms = leaf.reader().terms(ALL);
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

    private static Hit hit(Entry entry, ScoreDoc sd, List<Group> groups, Map<Group, Double> weights, Set<Group> found) {
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

    /** The stage and sector filters understood by this index, for callers building requests. */
    public static boolean servesStage(Entry e, Stage stage) {
        return e.audience().stages().isEmpty() || e.audience().stages().contains(stage);
    }
}
