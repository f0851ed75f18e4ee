package fr.guichet.bot.handoff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The situation of the labelled messages nearest to a message (BM25 over the same features as
 * the logistic model, in a Lucene index of the corpus), weighted by how near they are.
 */
public final class NearestExamplesModel implements SituationModel {
    static final int K = 10;
    private final IndexSearcher searcher;
    private final Situation[] situations;

    private NearestExamplesModel(IndexSearcher searcher, Situation[] situations) {
        this.searcher = searcher;
        this.situations = situations;
    }

    public static NearestExamplesModel trainOn(List<LabelledMessage> corpus) {
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        Situation[] situations = new Situation[corpus.size()];
        try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new WhitespaceAnalyzer()))) {
            for (int i = 0; i < corpus.size(); i++) {
                Document doc = new Document();
                doc.add(new TextField("f", String.join(" ", MessageFeatures.of(corpus.get(i).text()).keySet()), Field.Store.NO));
                doc.add(new StoredField("i", i));
                writer.addDocument(doc);
                situations[i] = corpus.get(i).situation();
            }
            writer.forceMerge(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new NearestExamplesModel(new IndexSearcher(DirectoryReader.open(dir)), situations);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Scores classify(String message) {
        Map<Situation, Double> scores = new EnumMap<>(Situation.class);
        try {
            BooleanQuery.Builder q = new BooleanQuery.Builder();
            int clauses = 0;
            for (Map.Entry<String, Double> f : MessageFeatures.of(message).entrySet()) {
                if (clauses++ < IndexSearcher.getMaxClauseCount()) {
                    q.add(new BoostQuery(new TermQuery(new Term("f", f.getKey())), f.getValue().floatValue()), Occur.SHOULD);
                }
            }
            double total = 0;
            for (ScoreDoc sd : searcher.search(q.build(), K).scoreDocs) {
                Situation s = situations[searcher.storedFields().document(sd.doc).getField("i").numericValue().intValue()];
                scores.merge(s, (double) sd.score, Double::sum);
                total += sd.score;
            }
            if (total > 0) {
                double sum = total;
                scores.replaceAll((s, v) -> v / sum);
            } else {
                scores.put(Situation.QUESTION, 1.0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Scores(scores);
    }
}
