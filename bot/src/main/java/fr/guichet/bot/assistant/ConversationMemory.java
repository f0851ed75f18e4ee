package fr.guichet.bot.assistant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Conversations in memory, forgotten after a period of silence (the retention of live memory).
 *
 * <p>Expiry is on access, and the access is recorded by the same atomic step that hands the
 * conversation out ({@link #get}): a conversation being answered was accessed when its turn
 * began, so an eviction pass can only remove conversations nobody has asked for during the
 * whole limit. (Before, a conversation idle for just under the limit could be handed out and
 * then evicted before its turn recorded any activity; the turn then wrote to a conversation
 * nobody would find again, and the entrepreneur's pending handoff was lost.)
 *
 * <p>Time is the given clock's (so tests move it), and maintenance runs on the calling thread:
 * nothing happens behind the caller's back in another pool.
 */
final class ConversationMemory {
    private final Cache<String, Conversation> conversations;
    private final Clock clock;
    /** Conversations dropped for silence since the last {@link #evictIdle}, counted as Caffeine removes them. */
    private final AtomicInteger expired = new AtomicInteger();

    ConversationMemory(Duration idleLimit, Clock clock) {
        this.clock = clock;
        this.conversations = Caffeine.newBuilder()
                .expireAfterAccess(idleLimit)
                .ticker(ticker(clock))
                .executor(Runnable::run)
                .evictionListener((String id, Conversation c, RemovalCause cause) -> {
                    if (cause == RemovalCause.EXPIRED) {
                        expired.incrementAndGet();
                    }
                })
                .build();
    }

    /** The clock as Caffeine reads time: nanoseconds, from the clock's instant (fits a long until 2262). */
    private static Ticker ticker(Clock clock) {
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }

    /** The live conversation, or a new one when there is none or it has been silent beyond the limit. */
    Conversation get(String conversationId, String userId) {
        return conversations.get(conversationId, id -> new Conversation(id, userId, clock.instant()));
    }

    /** Drops conversations silent for longer than the limit. Returns how many went since the last call. */
    int evictIdle() {
        conversations.cleanUp();
        return expired.getAndSet(0);
    }

    /** Forgets every conversation of a user. */
    int forgetUser(String userId) {
        int[] removed = {0};
        conversations.asMap().values().removeIf(c -> {
            boolean mine = c.userId.equals(userId);
            if (mine) {
                removed[0]++;
            }
            return mine;
        });
        return removed[0];
    }

    int size() {
        conversations.cleanUp();
        return (int) conversations.estimatedSize();
    }
}
