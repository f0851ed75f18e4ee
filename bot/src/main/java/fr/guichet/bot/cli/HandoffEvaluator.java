package fr.guichet.bot.cli;

import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.assistant.Reply;
import fr.guichet.knowledge.eval.EvalQuestion;
import java.util.ArrayList;
import java.util.List;

/**
 * The assistant's single-turn handoff decision on each question (a fresh conversation
 * each): precision and recall of "a human should take this", and how often a handed-off
 * case reaches one of the acceptable domains.
 */
public final class HandoffEvaluator {

    /**
     * A question the decision got wrong: the acceptable domains ("-" for no handoff), the
     * domain decided ("-" for none) and the reason the assistant gave (null for none).
     */
    public record Mistake(String id, String question, String expected, String decided, String reason) {
    }

    public record Report(double precision, double recall, double routingAccuracy, int truePositives,
                         int falsePositives, int falseNegatives, List<Mistake> mistakes) {
    }

    public Report evaluate(Assistant assistant, List<EvalQuestion> questions) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int routedRight = 0;
        List<Mistake> mistakes = new ArrayList<>();
        int n = 0;
        for (EvalQuestion q : questions) {
            Reply reply = assistant.handle("eval-" + n++, "eval", q.question());
            boolean decided = reply.handoff().needed();
            String domain = decided && reply.handoff().domain() != null ? reply.handoff().domain().code() : "-";
            String reason = decided ? reply.handoff().reason().name() : null;
            String expected = q.handoff() ? String.join("|", q.domains()) : "-";
            if (decided && q.handoff()) {
                tp++;
                if (q.domains().contains(domain)) {
                    routedRight++;
                } else {
                    mistakes.add(new Mistake(q.id(), q.question(), expected, domain, reason));
                }
            } else if (decided) {
                fp++;
                mistakes.add(new Mistake(q.id(), q.question(), expected, domain, reason));
            } else if (q.handoff()) {
                fn++;
                mistakes.add(new Mistake(q.id(), q.question(), expected, "-", null));
            }
        }
        return new Report(ratio(tp, tp + fp), ratio(tp, tp + fn), ratio(routedRight, tp), tp, fp, fn, mistakes);
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
