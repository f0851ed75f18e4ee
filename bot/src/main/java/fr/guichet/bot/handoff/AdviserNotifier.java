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
}
