package fr.guichet.bot.handoff;

import fr.guichet.knowledge.catalogue.Theme;
import java.util.List;

/**
 * A case about to be stored. {@code contact} is null when the entrepreneur gave none or
 * did not consent. {@code entryIds} are the catalogue entries they were shown.
 */
public record NewCase(
        String entrepreneurId,
        Contact contact,
        Theme theme,
        String adviserId,
        String backupId,
        String reason,
        List<TranscriptLine> transcript,
        List<String> entryIds) {

    public NewCase {
        transcript = List.copyOf(transcript);
        entryIds = List.copyOf(entryIds);
        if (contact != null && !contact.consent()) {
            contact = null; // no consent, nothing kept
        }
    }
}
