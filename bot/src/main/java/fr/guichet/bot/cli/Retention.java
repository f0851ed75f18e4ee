package fr.guichet.bot.cli;

import fr.guichet.bot.Wiring;
import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.feedback.FeedbackStore;
import fr.guichet.bot.handoff.HandoffStore;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the retention limit to stored conversation data; run periodically by long-lived commands. */
public final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private Retention() {
    }

    public static void apply(Wiring.Settings settings, HandoffStore cases, FeedbackStore feedback, Assistant assistant,
                      Clock clock) {
        try {
            Instant cutoff = clock.instant().minus(settings.retention());
            int purged = feedback.purgeBefore(cutoff) + cases.purgeClosedBefore(cutoff);
            int idle = assistant.evictIdleConversations();
            LOG.debug("retention: {} stored rows purged, {} idle conversations dropped", purged, idle);
        } catch (RuntimeException e) {
            LOG.warn("retention pass failed: {}", e.getMessage());
        } catch (Error e) {
            // an Error would cancel the hourly schedule for good; the next pass may succeed
            LOG.error("retention pass failed: {}", e.getClass().getSimpleName());
        }
    }
}
