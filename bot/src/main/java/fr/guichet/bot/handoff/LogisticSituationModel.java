package fr.guichet.bot.handoff;

import java.util.EnumMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Logistic regression over {@link MessageFeatures}, trained on the labelled corpus at start-up
 * (deterministic: a fixed seed orders the examples). Chosen over the nearest labelled examples by the
 * validation figures (docs/benchmarks.md, "Handoff").
 */
public final class LogisticSituationModel implements SituationModel {
    /** Chosen by cross-validation on the training split (docs/benchmarks.md, "Handoff"). */
    static final int EPOCHS = 8;
    static final double LEARNING_RATE = 1.0;
    /** A feature seen in fewer messages teaches those messages only: it is left out. */
    static final int MIN_MESSAGES = 2;
    private static final long SEED = 20261130L;
    private static final Situation[] SITUATIONS = Situation.values();

    private final SoftmaxRegression regression;

    private LogisticSituationModel(SoftmaxRegression regression) {
        this.regression = regression;
    }

    public static LogisticSituationModel trainOn(List<LabelledMessage> corpus) {
        return trainOn(corpus, MessageFeatures.of(corpus));
    }

    /** Trained on the corpus whose features were read already ({@code features.get(i)} is message i's). */
    static LogisticSituationModel trainOn(List<LabelledMessage> corpus, List<Map<String, Double>> features) {
        List<SoftmaxRegression.Example> examples = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            examples.add(new SoftmaxRegression.Example(features.get(i), corpus.get(i).situation().ordinal()));
        }
        return new LogisticSituationModel(SoftmaxRegression.train(examples, SITUATIONS.length, MIN_MESSAGES, EPOCHS,
                LEARNING_RATE, SEED));
    }

    @Override
    public Scores classify(String message) {
        double[] p = regression.probabilities(MessageFeatures.of(message));
        Map<Situation, Double> scores = new EnumMap<>(Situation.class);
        for (int c = 0; c < p.length; c++) {
            scores.put(SITUATIONS[c], p[c]);
        }
        return new Scores(scores);
    }
}
