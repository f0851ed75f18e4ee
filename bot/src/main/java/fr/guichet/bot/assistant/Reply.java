package fr.guichet.bot.assistant;

import fr.guichet.bot.handoff.AdviserRouter;
import fr.guichet.bot.handoff.HandoffDecision;
import java.util.List;
import java.util.Optional;

/**
 * What the assistant answers: French text, the entries it relies on, up to three
 * follow-up suggestions, and whether a human adviser should take the case (with who
 * would, so the channel can say it and ask for contact details).
 */
public record Reply(String text, List<Card> cards, List<String> suggestions, HandoffDecision handoff,
                    Optional<AdviserRouter.Routing> proposedAdviser) {
    public Reply {
        cards = List.copyOf(cards);
        suggestions = List.copyOf(suggestions);
    }

    public static Reply text(String text) {
        return new Reply(text, List.of(), List.of(), HandoffDecision.NONE, Optional.empty());
    }
}
