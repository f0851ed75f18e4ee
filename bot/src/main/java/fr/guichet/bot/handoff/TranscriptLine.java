package fr.guichet.bot.handoff;

import java.time.Instant;

/** One message of the conversation handed to the adviser. {@code speaker} is "entrepreneur" or "guichet". */
public record TranscriptLine(Instant at, String speaker, String text) {
    public static final String ENTREPRENEUR = "entrepreneur";
    public static final String GUICHET = "guichet";
}
