package fr.guichet.bot.feedback;

import java.time.Instant;

/** A question the catalogue had nothing for: what the CCI's catalogue lacks. */
public record UnansweredQuestion(Instant at, String entrepreneurId, String question) {
}
