package fr.guichet.bot.assistant;

import fr.guichet.bot.handoff.HandoffDecision;
import fr.guichet.bot.handoff.TranscriptLine;
import fr.guichet.knowledge.catalogue.Entry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory of one conversation: its last turns, the profile filled in so far, the need being
 * discussed (its words, the largest project amount given), what was last shown, and how the
 * entrepreneur reacted. Guarded by its own lock.
 */
final class Conversation {
    static final int MAX_TURNS = 20;

    final String id;
    final String userId;
    final List<TranscriptLine> turns = new ArrayList<>();
    Profile profile = Profile.EMPTY;
    /** The words of the need so far: the question that opened it and the details added since; null before any. */
    String topic;
    /** The largest project amount named in the conversation. */
    BigDecimal projectAmount = BigDecimal.ZERO;
    /** True once an adviser was offered for that amount: it is not offered again at every turn. */
    boolean largeProjectOffered;
    String lastQuestion;
    /** The anonymous report row of the last question answered (0: none), for its 👍/👎. */
    long lastQuestionRow;
    List<Entry> lastEntries = List.of();
    /** Answers the entrepreneur said did not help (in words or with 👎) since the last offer of an adviser. */
    int rejections;
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

    /** The amount earlier turns named that still calls for an adviser, zero once one was offered for it. */
    BigDecimal amountSoFar() {
        return largeProjectOffered ? BigDecimal.ZERO : projectAmount;
    }

    /** What the entrepreneur has written so far, oldest first. */
    String entrepreneurWords() {
        StringBuilder words = new StringBuilder();
        for (TranscriptLine t : turns) {
            if (t.speaker().equals(TranscriptLine.ENTREPRENEUR)) {
                words.append(words.isEmpty() ? "" : " ").append(t.text());
            }
        }
        return words.toString();
    }
}
