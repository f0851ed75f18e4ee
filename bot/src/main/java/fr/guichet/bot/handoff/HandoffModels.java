package fr.guichet.bot.handoff;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The two models the handoff judgement reads: the situation a message shows, and the domain
 * of its subject. Trained once per process on the corpus in the application's resources,
 * in the background from the first call, so that start-up does not wait for it.
 */
public record HandoffModels(SituationModel situations, DomainModel domains) {

    private static final CompletableFuture<HandoffModels> BUNDLED =
            CompletableFuture.supplyAsync(() -> trainOn(LabelledMessage.trainingCorpus()));

    /** The models trained on the bundled corpus (waits for the training if it is still running). */
    public static HandoffModels bundled() {
        return BUNDLED.join();
    }

    /** Starts the training of the bundled models, if not done yet, without waiting for it. */
    public static void warmUp() {
        BUNDLED.isDone();
    }

    public static HandoffModels trainOn(List<LabelledMessage> corpus) {
        return new HandoffModels(LogisticSituationModel.trainOn(corpus), DomainModel.trainOn(corpus));
    }
}
