package fr.guichet.knowledge.eval;

import java.util.List;

/** Retrieval figures over a question set; field names follow the `eval --json` keys. */
public record RetrievalReport(
        int questions,
        double recallAt1,
        double recallAt3,
        double recallAt5,
        double recallAt10,
        double mrrAt10,
        double ndcgAt10,
        double latencyP50Ms,
        double latencyP99Ms,
        List<Miss> misses) {

    /** A question whose relevant ids were not all in the top 5. */
    public record Miss(String id, String question, List<String> missing, List<String> top5) {
    }
}
