package fr.guichet.bot.assistant;

import java.util.List;

/**
 * The text of a reply and the catalogue entries it cites. {@code complex} is an LLM's
 * opinion that a human should take the case (the rules decide without it).
 */
public record Answer(String text, List<String> citedIds, boolean fromLlm, boolean complex) {
    public Answer {
        citedIds = List.copyOf(citedIds);
    }
}
