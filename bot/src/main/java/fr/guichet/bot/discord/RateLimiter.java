package fr.guichet.bot.discord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * At most {@code limit} questions per user within a sliding {@code window}. A refused
 * attempt does not count. Thread-safe; the clock is injectable for tests.
 */
public final class RateLimiter {
    public static final int DEFAULT_LIMIT = 6;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new HashMap<>();
    private int calls;

    public RateLimiter(int limit, Duration window, Clock clock) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("limit and window must be positive");
        }
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Six a minute. */
    public RateLimiter(Clock clock) {
        this(DEFAULT_LIMIT, DEFAULT_WINDOW, clock);
    }

    /** Whether this user may ask now; if so the question is counted. */
    public synchronized boolean tryAcquire(String userId) {
        Instant now = clock.instant();
        Instant since = now.minus(window);
        if (++calls % 1000 == 0) {
            evictIdle(since);
        }
        Deque<Instant> times = recent.computeIfAbsent(userId, k -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
            times.pollFirst();
        }
        if (times.size() >= limit) {
            return false;
        }
        times.addLast(now);
        return true;
    }

    private void evictIdle(Instant since) {
        for (Iterator<Deque<Instant>> it = recent.values().iterator(); it.hasNext(); ) {
            Deque<Instant> times = it.next();
            if (times.isEmpty() || !times.peekLast().isAfter(since)) {
                it.remove();
            }
        }
    }

    synchronized int trackedUsers() {
        return recent.size();
    }
}
