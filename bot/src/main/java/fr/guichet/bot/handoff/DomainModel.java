package fr.guichet.bot.handoff;

import fr.guichet.knowledge.catalogue.Theme;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which advisers' domain the subject of a message belongs to, learnt from the corpus's
 * handed-off messages and the domain their writers chose for each. Words of the request itself
 * (« rappelez-moi », « un rendez-vous ») occur in every domain, so they weigh nothing here.
 */
public final class DomainModel {
    private static final Theme[] THEMES = Theme.values();
    private static final long SEED = 20261201L;

    private final SoftmaxRegression regression;

    private DomainModel(SoftmaxRegression regression) {
        this.regression = regression;
    }

    /** Trained on the messages with a domain: each counts for its preferred domain. */
    public static DomainModel trainOn(List<LabelledMessage> corpus) {
        return trainOn(corpus, MessageFeatures.of(corpus));
    }

    /** Trained on the corpus whose features were read already ({@code features.get(i)} is message i's). */
    static DomainModel trainOn(List<LabelledMessage> corpus, List<Map<String, Double>> features) {
        List<SoftmaxRegression.Example> examples = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            if (!corpus.get(i).domains().isEmpty()) {
                examples.add(new SoftmaxRegression.Example(features.get(i), corpus.get(i).domains().get(0).ordinal()));
            }
        }
        return new DomainModel(SoftmaxRegression.train(examples, THEMES.length, LogisticSituationModel.MIN_MESSAGES,
                LogisticSituationModel.EPOCHS, LogisticSituationModel.LEARNING_RATE, SEED));
    }

    /** How likely each domain is the subject's; the values sum to 1. */
    public Map<Theme, Double> classify(String message) {
        double[] p = regression.probabilities(MessageFeatures.of(message));
        Map<Theme, Double> out = new EnumMap<>(Theme.class);
        for (int c = 0; c < p.length; c++) {
            out.put(THEMES[c], p[c]);
        }
        return out;
    }
}
