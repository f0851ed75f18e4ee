package fr.guichet.bot.handoff;

import fr.guichet.knowledge.catalogue.Theme;
import java.time.Instant;
import java.util.List;

/** A stored handoff case, as the adviser sees it. {@code adviserId} is who holds it now. */
public record HandoffCase(
        String id,
        Instant createdAt,
        CaseState state,
        String entrepreneurId,
        Contact contact,
        Theme theme,
        String adviserId,
        String backupId,
        String reason,
        List<TranscriptLine> transcript,
        List<String> entryIds,
        List<CaseEvent> events) {

    public HandoffCase {
        transcript = List.copyOf(transcript);
        entryIds = List.copyOf(entryIds);
        events = List.copyOf(events);
    }

    /** When the last event of that kind happened, or null. */
    public Instant lastEvent(String action) {
        Instant last = null;
        for (CaseEvent e : events) {
            if (e.action().equals(action)) {
                last = e.at();
            }
        }
        return last;
    }
}
