package fr.guichet.bot.assistant;

import fr.guichet.bot.handoff.HandoffDecision;
import fr.guichet.bot.handoff.TranscriptLine;
import fr.guichet.knowledge.catalogue.Entry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory of one conversation: its last turns, the profile filled in so far, what was
 * last searched and shown, and whether the last replies helped. Guarded by its own lock.
 */
final class Conversation {
    static final int MAX_TURNS = 20;

    final String id;
    final String userId;
    final List<TranscriptLine> turns = new ArrayList<>();
    Profile profile = Profile.EMPTY;
    String lastSearch;
    String lastQuestion;
    List<Entry> lastEntries = List.of();
    /** One flag per reply: true when it did not help (nothing sure found, or a 👎). */
    final List<Boolean> unhelpful = new ArrayList<>();
    HandoffDecision pendingHandoff = HandoffDecision.NONE;
    Instant lastActivity;

    Conversation(String id, String userId, Instant now) {
        this.id = id;
        this.userId = userId;
        this.lastActivity = now;
    }

    void add(TranscriptLine line) {
        turns.add(line);
        if (turns.size() > MAX_TURNS) {
            turns.remove(0);
        }
        lastActivity = line.at();
    }

    /** How many replies in a row, up to the last, did not help. */
    int unhelpfulStreak() {
        int streak = 0;
        for (int i = unhelpful.size() - 1; i >= 0 && unhelpful.get(i); i--) {
            streak++;
        }
        return streak;
    }
}
