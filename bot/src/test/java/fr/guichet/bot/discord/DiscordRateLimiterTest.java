package fr.guichet.bot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DiscordRateLimiterTest {

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theSeventhQuestionInAMinuteIsRefusedThenAllowedAgain() {
        MovingClock clock = new MovingClock();
        RateLimiter limiter = new RateLimiter(clock);
        for (int i = 0; i < 6; i++) {
            assertTrue(limiter.tryAcquire("discord:1"), "question " + (i + 1));
            clock.now = clock.now.plusSeconds(5);
        }
        assertFalse(limiter.tryAcquire("discord:1"), "seventh within the minute");
        assertTrue(limiter.tryAcquire("discord:2"), "another user is not affected");
        // the first question leaves the window 60 s after it was asked
        clock.now = Instant.parse("2026-12-01T10:01:00.001Z");
        assertTrue(limiter.tryAcquire("discord:1"));
        assertFalse(limiter.tryAcquire("discord:1"), "the five others are still within the minute");
    }

    @Test
    void refusedAttemptsDoNotCountAndIdleUsersAreForgotten() {
        MovingClock clock = new MovingClock();
        RateLimiter limiter = new RateLimiter(2, Duration.ofMinutes(1), clock);
        assertTrue(limiter.tryAcquire("a"));
        assertTrue(limiter.tryAcquire("a"));
        for (int i = 0; i < 10; i++) {
            assertFalse(limiter.tryAcquire("a"));
        }
        clock.now = clock.now.plusSeconds(61);
        assertTrue(limiter.tryAcquire("a"), "hammering while refused did not extend the wait");
        for (int i = 0; i < 2000; i++) {
            limiter.tryAcquire("user" + i);
            clock.now = clock.now.plusSeconds(1);
        }
        assertTrue(limiter.trackedUsers() < 200, "users idle beyond the window are dropped: " + limiter.trackedUsers());
        assertEquals(true, limiter.tryAcquire("a"));
    }
}
