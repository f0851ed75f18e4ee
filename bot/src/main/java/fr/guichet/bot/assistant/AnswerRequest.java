package fr.guichet.bot.assistant;

import fr.guichet.knowledge.catalogue.Entry;
import java.time.LocalDate;
import java.util.List;

/**
 * What an answerer may use: the question, the retrieved entries (best first; nothing
 * else may be cited), the profile, and today's date for "next session" wording.
 */
public record AnswerRequest(String question, List<Entry> entries, Profile profile, LocalDate today) {
    public AnswerRequest {
        entries = List.copyOf(entries);
    }
}
