package fr.guichet.bot.handoff;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The same logistic regression as {@link LogisticSituationModel}, built by Tribuo (the kept
 * library the issue named): the reference our sparse implementation is checked against. It
 * takes seconds to train where ours takes a fraction of one, which is why it is not the one
 * the application uses.
 */
final class TribuoSituationModel implements SituationModel {
    private static final LabelFactory LABELS = new LabelFactory();
    private final Model<Label> model;

    private TribuoSituationModel(Model<Label> model) {
        this.model = model;
    }

    static TribuoSituationModel trainOn(List<LabelledMessage> corpus) {
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("guichet", LABELS), LABELS);
        List<Map<String, Double>> features = MessageFeatures.of(corpus);
        for (int i = 0; i < corpus.size(); i++) {
            data.add(example(new Label(corpus.get(i).situation().code()), features.get(i)));
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(LogisticSituationModel.LEARNING_RATE, 0.1),
                LogisticSituationModel.EPOCHS, Integer.MAX_VALUE, 1, 20261130L);
        return new TribuoSituationModel(trainer.train(data));
    }

    private static ArrayExample<Label> example(Label label, Map<String, Double> features) {
        return new ArrayExample<>(label, features.keySet().toArray(String[]::new),
                features.values().stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Override
    public Scores classify(String message) {
        Prediction<Label> p = model.predict(example(LABELS.getUnknownOutput(), MessageFeatures.of(message)));
        Map<Situation, Double> scores = new EnumMap<>(Situation.class);
        p.getOutputScores().forEach((code, label) -> Situation.fromCode(code).ifPresent(s -> scores.put(s, label.getScore())));
        return new Scores(scores);
    }
}
