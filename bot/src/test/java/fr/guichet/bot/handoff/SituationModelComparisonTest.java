package fr.guichet.bot.handoff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The choice of the situation model, on the validation split (single messages, and the telling
 * turns of the validation conversations): the logistic regression the application trains, the
 * same regression built by Tribuo, and the nearest labelled examples in a Lucene index. Prints
 * the figures (docs/handoff.md); checks that the application's model is the best of the three
 * on the handoff decision and as accurate as Tribuo's.
 */
class SituationModelComparisonTest {
    private static final Path HANDOFF = Path.of("src/test/resources/handoff");

    /** Accuracy over the situations, and precision and recall of « an adviser is needed » (best situation). */
    record Figures(double accuracy, double precision, double recall) {
        double f1() {
            return 2 * precision * recall / (precision + recall);
        }
    }

    static Figures measure(SituationModel model, List<LabelledMessage> data) {
        int ok = 0;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (LabelledMessage m : data) {
            SituationModel.Scores s = model.classify(m.text());
            ok += s.best() == m.situation() ? 1 : 0;
            boolean decided = s.best().needsAdviser();
            boolean expected = m.situation().needsAdviser();
            tp += decided && expected ? 1 : 0;
            fp += decided && !expected ? 1 : 0;
            fn += !decided && expected ? 1 : 0;
        }
        return new Figures((double) ok / data.size(), (double) tp / (tp + fp), (double) tp / (tp + fn));
    }

    private static List<LabelledMessage> validation() throws IOException {
        List<LabelledMessage> data = new ArrayList<>();
        try (InputStream in = Files.newInputStream(HANDOFF.resolve("messages-validation.jsonl"))) {
            data.addAll(LabelledMessage.readMessages(in));
        }
        try (InputStream in = Files.newInputStream(HANDOFF.resolve("conversations-validation.jsonl"))) {
            data.addAll(LabelledMessage.readConversationTurns(in));
        }
        return data;
    }

    @Test
    void theApplicationsRegressionIsTheBestOfTheThreeOnTheValidationSplit() throws IOException {
        List<LabelledMessage> train = LabelledMessage.trainingCorpus();
        List<LabelledMessage> validation = validation();
        long start = System.nanoTime();
        Figures ours = measure(LogisticSituationModel.trainOn(train), validation);
        long oursMs = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        Figures tribuo = measure(TribuoSituationModel.trainOn(train), validation);
        long tribuoMs = (System.nanoTime() - start) / 1_000_000;
        Figures nearest = measure(NearestExamplesModel.trainOn(train), validation);
        for (var row : List.of(List.of("logistic regression (Guichet)", ours, oursMs), List.of("logistic regression (Tribuo)", tribuo,
                tribuoMs), List.of("nearest labelled examples (Lucene)", nearest, -1L))) {
            Figures f = (Figures) row.get(1);
            System.out.printf("[models] %-36s accuracy %.3f, adviser precision %.3f, recall %.3f (train + measure %s ms)%n",
                    row.get(0), f.accuracy(), f.precision(), f.recall(), row.get(2));
        }
        assertTrue(ours.f1() > nearest.f1(), "the regression beats the nearest examples: " + ours + " vs " + nearest);
        assertTrue(Math.abs(ours.accuracy() - tribuo.accuracy()) < 0.03, "as accurate as Tribuo's: " + ours + " vs " + tribuo);
    }
}
