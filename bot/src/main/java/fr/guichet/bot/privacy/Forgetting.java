package fr.guichet.bot.privacy;

import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.feedback.FeedbackStore;
import fr.guichet.bot.handoff.AdviserNotifier;
import fr.guichet.bot.handoff.ForgottenCases;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.handoff.HandoffStore;
import fr.guichet.knowledge.catalogue.Adviser;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * « /oublier » for every channel: erases what an entrepreneur gave (stored data first, then
 * the live conversation), tells the advisers of their cases, and says exactly what went.
 *
 * <p>Stored data goes first: if the store fails (database locked, disk full) nothing is
 * claimed and the {@link fr.guichet.bot.handoff.StoreException} reaches the channel, which
 * tells the entrepreneur to try again. The advisers are told after the erasure is committed;
 * a channel that cannot tell them is logged (case id only) and does not undo the erasure.
 */
public final class Forgetting {
    private static final Logger LOG = LoggerFactory.getLogger(Forgetting.class);

    private final Assistant assistant;
    private final HandoffStore cases;
    private final FeedbackStore feedback;
    private final AdviserNotifier notifier;
    private final Supplier<Map<String, Adviser>> advisers;

    public Forgetting(Assistant assistant, HandoffStore cases, FeedbackStore feedback, AdviserNotifier notifier,
                      Map<String, Adviser> advisers) {
        this(assistant, cases, feedback, notifier, constant(advisers));
    }

    /** @param advisers the advisers of the catalogue being served, read at each erasure (it may be reloaded) */
    public Forgetting(Assistant assistant, HandoffStore cases, FeedbackStore feedback, AdviserNotifier notifier,
                      Supplier<Map<String, Adviser>> advisers) {
        this.assistant = Objects.requireNonNull(assistant, "assistant");
        this.cases = Objects.requireNonNull(cases, "cases");
        this.feedback = Objects.requireNonNull(feedback, "feedback");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.advisers = Objects.requireNonNull(advisers, "advisers");
    }

    private static Supplier<Map<String, Adviser>> constant(Map<String, Adviser> advisers) {
        Map<String, Adviser> copy = Map.copyOf(advisers);
        return () -> copy;
    }

    public Erasure forget(String entrepreneurId) {
        ForgottenCases forgotten = cases.eraseEntrepreneur(entrepreneurId);
        int rows = feedback.forgetEntrepreneur(entrepreneurId);
        int conversations;
        try {
            // also asks the stores again, which now have nothing left for this entrepreneur:
            // what it counts is the live conversations
            conversations = assistant.forget(entrepreneurId);
        } catch (RuntimeException e) {
            LOG.warn("forget: stored data erased, live conversation not ({})", e.getClass().getSimpleName());
            conversations = -1;
        }
        Map<String, Adviser> known = advisers.get();
        for (HandoffCase c : forgotten.cases()) {
            Adviser adviser = c.adviserId() == null ? null : known.get(c.adviserId());
            if (adviser == null) {
                continue;
            }
            try {
                notifier.caseForgotten(c, adviser);
            } catch (RuntimeException e) {
                LOG.warn("Dossier {} effacé, mais le canal des conseillers n'a pas pu être mis à jour ({}).", c.id(),
                        e.getClass().getSimpleName());
            }
        }
        return new Erasure(conversations, rows, forgotten.cases().stream().map(HandoffCase::id).toList(), forgotten.cancelled(),
                forgotten.hadContact());
    }
}
