package fr.guichet.knowledge.search;

import fr.guichet.knowledge.catalogue.Entry;
import fr.guichet.knowledge.catalogue.Session;
import fr.guichet.knowledge.catalogue.Theme;
import fr.guichet.knowledge.text.FrenchText;
import fr.guichet.knowledge.text.Place;
import fr.guichet.knowledge.text.Places;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;

/**
 * How an entry becomes a Lucene document: its text fields weighted into one searchable field,
 * and the fields the filters read (kind, themes, stages, sectors, areas, validity, sessions).
 */
final class CatalogueDocuments {
    /** The one searchable field. */
    static final String TEXT = "text";

    /**
     * Text fields and their weights: what a thing is called weighs most. The fields are
     * indexed together in one field where each is repeated as many times as its weight:
     * BM25 on it is BM25F (weighted term frequencies, weighted length) with one set of
     * postings and norms per word, which keeps a search fast on 100,000 entries.
     */
    static final Map<String, Integer> FIELD_WEIGHTS = weights();

    private CatalogueDocuments() {
    }

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

    /** The searchable text of an entry, by field. */
    static Map<String, String> texts(Entry e) {
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
            super(TEXT, value, TextField.TYPE_NOT_STORED);
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

    static Document document(Entry e, Map<String, String> text) {
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

    static String areaKey(Place place) {
        return place.path().isEmpty() ? "fr" : "fr/" + place.key();
    }
}
