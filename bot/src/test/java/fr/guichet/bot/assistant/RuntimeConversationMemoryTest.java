package fr.guichet.bot.assistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import fr.guichet.bot.store.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Conversation memory: expiry on access, and never an eviction of a conversation in use. */
class RuntimeConversationMemoryTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final ConversationMemory memory = new ConversationMemory(Duration.ofHours(2), clock);

    @Test
    void aConversationLivesAsLongAsItIsAskedForAndGoesAfterTheLimitOfSilence() {
        Conversation first = memory.get("c1", "u1");
        clock.advance(Duration.ofMinutes(110));
        assertSame(first, memory.get("c1", "u1"), "read: its silence starts again");
        clock.advance(Duration.ofMinutes(110));
        assertEquals(0, memory.evictIdle());
        assertSame(first, memory.get("c1", "u1"));
        clock.advance(Duration.ofMinutes(121));
        assertEquals(1, memory.evictIdle());
        assertEquals(0, memory.size());
        assertNotSame(first, memory.get("c1", "u1"), "a new conversation after the silence");
    }

    @Test
    void aConversationHandedOutJustBeforeTheLimitIsNotEvictedWhileItsTurnRuns() {
        Conversation c = memory.get("c1", "u1");
        clock.advance(Duration.ofMinutes(119)); // silent almost up to the limit
        Conversation inUse = memory.get("c1", "u1");
        assertSame(c, inUse);
        // the turn has not yet written anything when an eviction pass runs past the old deadline
        clock.advance(Duration.ofMinutes(2));
        assertEquals(0, memory.evictIdle());
        synchronized (inUse) {
            inUse.rejections++;
        }
        assertSame(inUse, memory.get("c1", "u1"), "the turn's state is where the next message looks");
        assertEquals(1, memory.get("c1", "u1").rejections);
    }

    @Test
    void forgettingAUserDropsOnlyTheirConversations() {
        memory.get("a", "u1");
        memory.get("b", "u1");
        memory.get("c", "u2");
        assertEquals(2, memory.forgetUser("u1"));
        assertEquals(1, memory.size());
        assertEquals(0, memory.forgetUser("u1"));
    }

    /**
     * Eight threads take turns on twenty conversations, in rounds six seconds of clock apart,
     * while an eviction pass runs without pause and the clock runs far past the ten-second
     * limit: every conversation in use is kept (no turn's write is lost), and the five nobody
     * uses go.
     */
    @Test
    void concurrentTurnsAndEvictionsLoseNoWrite() throws Exception {
        MutableClock ticking = new MutableClock(T0);
        ConversationMemory shortMemory = new ConversationMemory(Duration.ofSeconds(10), ticking);
        for (int i = 0; i < 5; i++) {
            shortMemory.get("cold-" + i, "someone");
        }
        int threads = 8;
        int rounds = 30;
        int turnsPerRound = 2_000;
        // the clock moves between rounds only: what a turn reads as « now » is the round's time
        CyclicBarrier round = new CyclicBarrier(threads, () -> ticking.advance(Duration.ofSeconds(6)));
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger evicted = new AtomicInteger();
        try {
            Future<?> evictor = pool.submit(() -> {
                while (running.get()) {
                    evicted.addAndGet(shortMemory.evictIdle());
                }
            });
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                workers.add(pool.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        for (int i = 0; i < turnsPerRound; i++) {
                            Conversation c = shortMemory.get("conv-" + ((i + offset) % 20), "user");
                            synchronized (c) {
                                c.rejections++;
                            }
                        }
                        round.await();
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
            running.set(false);
            evictor.get();
        } finally {
            pool.shutdownNow();
        }
        evicted.addAndGet(shortMemory.evictIdle());
        int total = 0;
        for (int i = 0; i < 20; i++) {
            total += shortMemory.get("conv-" + i, "user").rejections;
        }
        assertEquals(threads * rounds * turnsPerRound, total, "every turn's write is in the conversation the next turn finds");
        assertEquals(5, evicted.get(), "only the five conversations nobody used went");
        assertEquals(rounds * 6, Duration.between(T0, ticking.instant()).toSeconds());
    }
}
