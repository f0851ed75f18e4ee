package fr.guichet.knowledge.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.knowledge.catalogue.Audience;
import fr.guichet.knowledge.catalogue.Entry;
import fr.guichet.knowledge.catalogue.EntryKind;
import fr.guichet.knowledge.catalogue.Theme;
import fr.guichet.knowledge.search.Hit;
import fr.guichet.knowledge.search.Retriever;
import fr.guichet.knowledge.search.SearchResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation arithmetic, against figures computed by hand. */
class RetrievalEvaluatorTest {

    private static final double EPS = 1e-9;

    private static Entry entry(String id) {
        return new Entry(EntryKind.SCHEME, id, id, "s", null, List.of(Theme.CREATION), Audience.ALL, List.of(), "p",
                null, null, null, null, null, List.of(), null, null, null, null, null);
    }

    /** A retriever that answers each question with a fixed ranking, and records the limits asked for. */
    private static final class Stub implements Retriever {
        private final Map<String, List<String>> rankings;
        final List<Integer> limits = new ArrayList<>();

        Stub(Map<String, List<String>> rankings) {
            this.rankings = rankings;
        }

        @Override
        public SearchResult search(fr.guichet.knowledge.search.SearchRequest request) {
            limits.add(request.limit());
            List<Hit> hits = rankings.getOrDefault(request.text(), List.of()).stream()
                    .map(id -> new Hit(entry(id), 1f, 0.5, List.of())).toList();
            return new SearchResult(hits, Optional.empty());
        }
    }

    /*
     * Hand computation (binary gain, log2 discount; relevant ids in capitals):
     *
     * q1: relevant {a}      ranking A x y                 → R@1 1, R@3 1,   R@5 1,   R@10 1, RR 1,
     *                                                         nDCG = 1/1 = 1
     * q2: relevant {b, c}   ranking x B y z w C           → R@1 0, R@3 1/2, R@5 1/2, R@10 1, RR 1/2,
     *                                                         DCG = 1/log2(3) + 1/log2(7) = 0.6309298 + 0.3562072 = 0.9871370
     *                                                         IDCG = 1 + 1/log2(3) = 1.6309298 → nDCG = 0.6052602
     * q3: relevant {d}      ranking x1..x6 D x8 x9 x10    → R@1 0, R@3 0,   R@5 0,   R@10 1, RR 1/7,
     *                                                         nDCG = (1/log2(8)) / 1 = 1/3
     * q4: no relevant ids (a handoff question)            → counted in questions, not in the averages
     *
     * Averages over the 3 scored questions:
     *   R@1 = 1/3; R@3 = 1.5/3 = 0.5; R@5 = 1.5/3 = 0.5; R@10 = 3/3 = 1
     *   MRR@10 = (1 + 1/2 + 1/7)/3 = 0.5476190
     *   nDCG@10 = (1 + 0.6052602 + 1/3)/3 = 0.6461979
     * Misses (a relevant id outside the top 5): q2 misses c, q3 misses d.
     */
    @Test
    void metricsMatchAHandComputedExample() {
        Stub stub = new Stub(Map.of(
                "q1", List.of("a", "x", "y"),
                "q2", List.of("x", "b", "y", "z", "w", "c"),
                "q3", List.of("x1", "x2", "x3", "x4", "x5", "x6", "d", "x8", "x9", "x10"),
                "q4", List.of("x")));
        List<EvalQuestion> questions = List.of(
                new EvalQuestion("1", "q1", List.of("a"), false, List.of()),
                new EvalQuestion("2", "q2", List.of("c", "b"), false, List.of()),
                new EvalQuestion("3", "q3", List.of("d"), false, List.of()),
                new EvalQuestion("4", "q4", List.of(), true, List.of("difficultes")));

        RetrievalReport r = new RetrievalEvaluator().evaluate(stub, questions);

        assertEquals(4, r.questions());
        assertEquals(1.0 / 3, r.recallAt1(), EPS);
        assertEquals(0.5, r.recallAt3(), EPS);
        assertEquals(0.5, r.recallAt5(), EPS);
        assertEquals(1.0, r.recallAt10(), EPS);
        assertEquals((1 + 0.5 + 1.0 / 7) / 3, r.mrrAt10(), EPS);
        assertEquals(0.5476190, r.mrrAt10(), 1e-7);
        assertEquals(0.6461979, r.ndcgAt10(), 1e-7);

        assertEquals(List.of(
                        new RetrievalReport.Miss("2", "q2", List.of("c"), List.of("x", "b", "y", "z", "w")),
                        new RetrievalReport.Miss("3", "q3", List.of("d"), List.of("x1", "x2", "x3", "x4", "x5"))),
                r.misses());
        assertTrue(r.latencyP50Ms() >= 0 && r.latencyP99Ms() >= r.latencyP50Ms());
        assertTrue(stub.limits.contains(10), "the evaluated search asks for 10 hits: " + stub.limits);
    }

    @Test
    void aRelevantIdBeyondTheTenthCountsForNothing() {
        List<String> ranking = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            ranking.add("x" + i);
        }
        ranking.add("late");
        RetrievalReport r = new RetrievalEvaluator().evaluate(new Stub(Map.of("q", ranking)),
                List.of(new EvalQuestion("1", "q", List.of("late"), false, List.of())));
        assertEquals(0, r.recallAt10(), EPS);
        assertEquals(0, r.mrrAt10(), EPS);
        assertEquals(0, r.ndcgAt10(), EPS);
    }

    @Test
    void aPerfectRankingScoresOneEverywhereItCan() {
        RetrievalReport r = new RetrievalEvaluator().evaluate(new Stub(Map.of("q", List.of("a", "b", "c"))),
                List.of(new EvalQuestion("1", "q", List.of("a", "b", "c"), false, List.of())));
        assertEquals(1.0 / 3, r.recallAt1(), EPS, "one of three relevant ids fits in the first place");
        assertEquals(1.0, r.recallAt3(), EPS);
        assertEquals(1.0, r.mrrAt10(), EPS);
        assertEquals(1.0, r.ndcgAt10(), EPS);
        assertEquals(List.of(), r.misses());
    }

    @Test
    void onlyHandoffQuestionsGiveZeroesNotNaN() {
        RetrievalReport r = new RetrievalEvaluator().evaluate(new Stub(Map.of()),
                List.of(new EvalQuestion("1", "q", List.of(), true, List.of("difficultes"))));
        assertEquals(1, r.questions());
        assertEquals(0, r.recallAt1(), EPS);
        assertEquals(0, r.ndcgAt10(), EPS);
        assertEquals(List.of(), r.misses());
    }

    @Test
    void percentileIsNearestRank() {
        double[] values = {5, 1, 4, 2, 3};
        assertEquals(3, RetrievalEvaluator.percentile(values, 50), EPS);
        assertEquals(5, RetrievalEvaluator.percentile(values, 99), EPS);
        assertEquals(1, RetrievalEvaluator.percentile(values, 1), EPS);
        assertEquals(0, RetrievalEvaluator.percentile(new double[0], 50), EPS);
        assertEquals(5, values[0], EPS, "the input is not sorted in place");
    }

    // ---- question files ----------------------------------------------------------------------

    @TempDir
    Path dir;

    @Test
    void questionsAreReadFromJsonLines() throws IOException {
        Path file = dir.resolve("questions.jsonl");
        Files.writeString(file, """
                {"id": "q001", "question": "Je veux créer ma boîte", "relevant": ["pret-honneur"], "handoff": false}

                {"id": "q002", "question": "cessation de paiement", "relevant": [], "handoff": true, "domain": "difficultes"}
                {"question": "sans id"}
                {"id": "q004", "question": "mon client ne paie pas", "handoff": true, "domain": ["juridique-formalites", "difficultes"]}
                """);
        List<EvalQuestion> questions = EvalQuestion.read(file);
        assertEquals(4, questions.size(), "a blank line is skipped");
        assertEquals(new EvalQuestion("q001", "Je veux créer ma boîte", List.of("pret-honneur"), false, List.of()),
                questions.get(0));
        assertEquals(new EvalQuestion("q002", "cessation de paiement", List.of(), true, List.of("difficultes")), questions.get(1));
        assertEquals("ligne-4", questions.get(2).id());
        assertNull(questions.get(2).domain());
        assertEquals(List.of("juridique-formalites", "difficultes"), questions.get(3).domains(), "a list, preferred first");
        assertEquals("juridique-formalites", questions.get(3).domain());
    }

    @Test
    void aBadQuestionLineNamesTheFileAndLine() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"id\": \"q1\", \"question\": \"ok\"}\n{\"id\": \"q2\", \n");
        IOException e = assertThrows(IOException.class, () -> EvalQuestion.read(file));
        assertEquals("bad.jsonl: ligne 2: JSON mal formé", e.getMessage());

        Files.writeString(file, "{\"id\": \"q1\"}\n");
        e = assertThrows(IOException.class, () -> EvalQuestion.read(file));
        assertEquals("bad.jsonl: ligne 1: question: champ obligatoire manquant", e.getMessage());

        Files.writeString(file, "{\"id\": \"q1\", \"question\": \"ok\", \"handoff\": true, \"domain\": []}\n");
        e = assertThrows(IOException.class, () -> EvalQuestion.read(file));
        assertEquals("bad.jsonl: ligne 1: domain: un code de thème, ou une liste non vide de codes", e.getMessage());
    }

    @Test
    void theBundledQuestionFilesParse() throws IOException {
        for (String name : List.of("catalogue-dev.jsonl", "catalogue-validation.jsonl", "mte-dev.jsonl", "mte-validation.jsonl")) {
            Path file = Path.of("src/test/resources/eval").resolve(name);
            List<EvalQuestion> questions = EvalQuestion.read(file);
            assertTrue(questions.size() > 25, name + ": " + questions.size());
            assertEquals(questions.size(), questions.stream().map(EvalQuestion::id).distinct().count(),
                    name + ": question ids are unique");
        }
    }
}
