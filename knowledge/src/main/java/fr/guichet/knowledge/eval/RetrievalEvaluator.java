package fr.guichet.knowledge.eval;

import fr.guichet.knowledge.search.Hit;
import fr.guichet.knowledge.search.Retriever;
import fr.guichet.knowledge.search.SearchRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Runs each question through a retriever and computes recall@k, MRR@10, nDCG@10 and latency. */
public final class RetrievalEvaluator {
    private static final int DEPTH = 10;

    public RetrievalReport evaluate(Retriever retriever, List<EvalQuestion> questions) {
        // about 2,000 warm-up searches, so that JIT compilation does not count as latency
        for (int round = 0; round < Math.max(1, 2000 / Math.max(1, questions.size())); round++) {
            questions.forEach(q -> retriever.search(SearchRequest.of(q.question())));
        }
        double r1 = 0;
        double r3 = 0;
        double r5 = 0;
        double r10 = 0;
        double mrr = 0;
        double ndcg = 0;
        int scored = 0;
        double[] latencies = new double[questions.size()];
        List<RetrievalReport.Miss> misses = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            EvalQuestion q = questions.get(i);
            long start = System.nanoTime();
            List<Hit> hits = retriever.search(SearchRequest.of(q.question()).withLimit(DEPTH)).hits();
            latencies[i] = (System.nanoTime() - start) / 1e6;
            if (q.relevant().isEmpty()) {
                continue;
            }
            List<String> ranked = hits.stream().map(h -> h.entry().id()).toList();
            Set<String> relevant = new HashSet<>(q.relevant());
            scored++;
            r1 += recall(ranked, relevant, 1);
            r3 += recall(ranked, relevant, 3);
            r5 += recall(ranked, relevant, 5);
            r10 += recall(ranked, relevant, 10);
            mrr += reciprocalRank(ranked, relevant);
            ndcg += ndcg(ranked, relevant);
            List<String> top5 = ranked.subList(0, Math.min(5, ranked.size()));
            List<String> missing = q.relevant().stream().filter(id -> !top5.contains(id)).toList();
            if (!missing.isEmpty()) {
                misses.add(new RetrievalReport.Miss(q.id(), q.question(), missing, top5));
            }
        }
        int n = Math.max(scored, 1);
        return new RetrievalReport(questions.size(), r1 / n, r3 / n, r5 / n, r10 / n, mrr / n, ndcg / n,
                percentile(latencies, 50), percentile(latencies, 99), misses);
    }

    /** Share of the relevant ids found in the first k. */
    static double recall(List<String> ranked, Set<String> relevant, int k) {
        long found = ranked.stream().limit(k).filter(relevant::contains).count();
        return (double) found / relevant.size();
    }

    static double reciprocalRank(List<String> ranked, Set<String> relevant) {
        for (int i = 0; i < Math.min(DEPTH, ranked.size()); i++) {
            if (relevant.contains(ranked.get(i))) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    /** Binary-gain nDCG@10. */
    static double ndcg(List<String> ranked, Set<String> relevant) {
        double dcg = 0;
        for (int i = 0; i < Math.min(DEPTH, ranked.size()); i++) {
            if (relevant.contains(ranked.get(i))) {
                dcg += 1 / log2(i + 2);
            }
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(DEPTH, relevant.size()); i++) {
            ideal += 1 / log2(i + 2);
        }
        return dcg / ideal;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** Nearest-rank percentile. */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
