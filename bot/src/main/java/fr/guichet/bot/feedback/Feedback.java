package fr.guichet.bot.feedback;

import java.time.Instant;
import java.util.List;

/** A 👍 or 👎 on a reply, with the question and the entries it showed. */
public record Feedback(Instant at, String entrepreneurId, String conversationId, String question,
                       List<String> entryIds, boolean helpful) {
    public Feedback {
        entryIds = List.copyOf(entryIds);
    }
}
