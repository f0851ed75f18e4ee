package fr.guichet.bot.assistant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Conversations in memory, forgotten after a period of silence (the retention of live memory). */
final class ConversationMemory {
    private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();
    private final Duration idleLimit;
    private final Clock clock;

    ConversationMemory(Duration idleLimit, Clock clock) {
        this.idleLimit = idleLimit;
        this.clock = clock;
    }

    Conversation get(String conversationId, String userId) {
        Instant now = clock.instant();
        Conversation c = conversations.compute(conversationId, (id, existing) ->
                existing == null || existing.lastActivity.plus(idleLimit).isBefore(now)
                        ? new Conversation(id, userId, now) : existing);
        return c;
    }

    /** Drops conversations silent for longer than the limit. Returns how many. */
    int evictIdle() {
        Instant cutoff = clock.instant().minus(idleLimit);
        int before = conversations.size();
        conversations.values().removeIf(c -> c.lastActivity.isBefore(cutoff));
        return before - conversations.size();
    }

    /** Forgets every conversation of a user. */
    int forgetUser(String userId) {
        int before = conversations.size();
        conversations.values().removeIf(c -> c.userId.equals(userId));
        return before - conversations.size();
    }

    int size() {
        return conversations.size();
    }
}
