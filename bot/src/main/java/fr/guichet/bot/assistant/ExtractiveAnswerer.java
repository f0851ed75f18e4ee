package fr.guichet.bot.assistant;

import fr.guichet.knowledge.catalogue.Entry;
import fr.guichet.knowledge.catalogue.EntryKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer without an LLM, and the fallback of any LLM: composed only from the fields
 * of the entries it cites, so it can state no amount, price or date that is not there.
 */
public final class ExtractiveAnswerer implements Answerer {
    static final int MAX_ENTRIES = 3;

    @Override
    public Answer answer(AnswerRequest request) {
        if (request.entries().isEmpty()) {
            return new Answer("Je n'ai rien trouvé dans le catalogue qui corresponde à votre demande.", List.of(), false, false);
        }
        List<Entry> shown = request.entries().subList(0, Math.min(MAX_ENTRIES, request.entries().size()));
        StringBuilder text = new StringBuilder(shown.size() == 1
                ? "Voici ce qui correspond à votre demande :\n"
                : "Voici les " + shown.size() + " pistes qui correspondent le mieux à votre demande :\n");
        for (Entry e : shown) {
            text.append("\n• ").append(e.title()).append(" (").append(e.provider()).append(") — ")
                    .append(Cards.firstSentences(e.summary(), 200));
            String why = Cards.whyItFits(e, request.profile());
            if (!why.isEmpty()) {
                text.append("\n  Pourquoi : ").append(why).append('.');
            }
            String gives = e.kind() == EntryKind.TRAINING ? Cards.trainingFacts(e, request.today()) : e.benefit();
            if (gives != null && !gives.isBlank()) {
                text.append("\n  Ce que vous obtenez : ").append(Cards.firstSentences(gives, 180));
            }
            if (e.howToApply() != null) {
                text.append("\n  Comment faire : ").append(Cards.firstSentences(e.howToApply(), 160));
            }
            if (e.url() != null) {
                text.append("\n  ").append(e.url());
            }
        }
        List<String> ids = new ArrayList<>();
        shown.forEach(e -> ids.add(e.id()));
        return new Answer(text.toString(), ids, false, false);
    }
}
