package fr.guichet.bot.handoff;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Logistic regression over {@link MessageFeatures}, trained on the labelled corpus at start-up
 * (deterministic, a fraction of a second). Chosen over the nearest labelled examples by the
 * validation figures (docs/benchmarks.md, "Handoff").
 */
public final class LogisticSituationModel implements SituationModel {
    /** Chosen by cross-validation on the training split (docs/benchmarks.md, "Handoff"). */
    static final int EPOCHS = 12;
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
        return trainOn(corpus, EPOCHS, LEARNING_RATE);
    }

    static LogisticSituationModel trainOn(List<LabelledMessage> corpus, int epochs, double learningRate) {
        List<Map<String, Double>> features = corpus.stream().map(m -> MessageFeatures.of(m.text())).toList();
        Map<String, Integer> seen = new HashMap<>();
        features.forEach(f -> f.keySet().forEach(name -> seen.merge(name, 1, Integer::sum)));
        List<SoftmaxRegression.Example> examples = new java.util.ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            Map<String, Double> kept = new LinkedHashMap<>(features.get(i));
            kept.keySet().removeIf(name -> seen.get(name) < MIN_MESSAGES);
            examples.add(new SoftmaxRegression.Example(kept, corpus.get(i).situation().ordinal()));
        }
        return new LogisticSituationModel(SoftmaxRegression.train(examples, SITUATIONS.length, epochs, learningRate, SEED));
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
