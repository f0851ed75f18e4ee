package fr.guichet.bot.handoff;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The two models the handoff judgement reads: the situation a message shows, and the domain
 * of its subject. Trained once per process on the corpus in the application's resources,
 * in the background from the first call, so that start-up does not wait for it.
 */
public record HandoffModels(SituationModel situations, DomainModel domains) {

    private static final CompletableFuture<HandoffModels> BUNDLED =
            CompletableFuture.supplyAsync(() -> trainOn(LabelledMessage.trainingCorpus()));

    /** The training of the bundled models, started in the background the first time any of them is asked for. */
    public static CompletableFuture<HandoffModels> training() {
        return BUNDLED;
    }

    /** The models trained on the bundled corpus (waits for the training if it is still running). */
    public static HandoffModels bundled() {
        return BUNDLED.join();
    }

    /** Both models, from the corpus's features read once; each trains on a core of its own. */
    public static HandoffModels trainOn(List<LabelledMessage> corpus) {
        List<Map<String, Double>> features = MessageFeatures.of(corpus);
        CompletableFuture<DomainModel> domains = CompletableFuture.supplyAsync(() -> DomainModel.trainOn(corpus, features));
        return new HandoffModels(LogisticSituationModel.trainOn(corpus, features), domains.join());
    }
}
