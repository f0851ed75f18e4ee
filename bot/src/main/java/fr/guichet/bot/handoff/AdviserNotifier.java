package fr.guichet.bot.handoff;

import fr.guichet.knowledge.catalogue.Adviser;

/**
 * How advisers hear of cases (a Discord thread, the console…). Called only after the case
 * is stored. Implementations mention only the adviser given.
 */
public interface AdviserNotifier {

    /** Tells nobody: for evaluations and benchmarks, whose cases reach no adviser. */
    AdviserNotifier NONE = new AdviserNotifier() {
        @Override
        public void caseOpened(HandoffCase handoffCase, Adviser adviser) {
        }

        @Override
        public void reminder(HandoffCase handoffCase, Adviser adviser) {
        }

        @Override
        public void escalated(HandoffCase handoffCase, Adviser backup) {
        }
    };

    void caseOpened(HandoffCase handoffCase, Adviser adviser);

    void reminder(HandoffCase handoffCase, Adviser adviser);

    void escalated(HandoffCase handoffCase, Adviser backup);

    /**
     * The entrepreneur asked to be forgotten: {@code handoffCase} is the case as it now is (no
     * contact, no transcript, a neutral reason; cancelled if it was open). A channel that keeps
     * its own copy of the case (a Discord thread's first message) must replace it, so that
     * nothing erased can still be read there, and say the entrepreneur asked to be forgotten.
     * The default does nothing, for channels that keep no copy.
     */
    default void caseForgotten(HandoffCase handoffCase, Adviser adviser) {
    }
}
