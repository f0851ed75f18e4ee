package fr.guichet.bot.discord;

import java.util.List;

/**
 * The advisers' staff channel, as the notifier needs it: one thread per case. Implemented
 * over Javacord by {@link JavacordStaffChannel}; a small seam so the notifier is tested
 * without Discord. Every method blocks until Discord answered (or a timeout) and throws
 * {@link DiscordFailure} when it did not accept.
 */
public interface StaffChannel {

    /** Opens a public thread for the case in the staff channel and posts the messages in it, in order. */
    void openThread(String caseId, String threadName, List<DiscordMessage> messages);

    /**
     * Posts in the case's thread. When it cannot be found any more (deleted, or Guichet
     * restarted and it is gone from the lists), opens a new one under that name and posts
     * {@code ifNew} (the full case) before the messages.
     */
    void postInThread(String caseId, String threadName, List<DiscordMessage> messages, List<DiscordMessage> ifNew);

    /** Posts in the staff channel itself: operational notices (missing permissions…). */
    void notice(DiscordMessage message);

    /** What {@link #rewriteCase} could do. */
    enum Rewrite {
        /** The notice is in the thread and Guichet's messages about the case are rewritten. */
        REWRITTEN,
        /** No thread was ever opened for the case: Discord holds nothing of it. */
        NO_THREAD,
        /** The thread exists but is out of reach: the notice went to the staff channel, with a link. */
        OUT_OF_REACH
    }

    /**
     * For an entrepreneur who asked to be forgotten: posts {@code notice} in the case's thread,
     * then rewrites Guichet's own messages there that carry the case (those with embeds: the
     * case itself, reminders, escalations), the oldest into {@code first}, the others into
     * {@code others}, so that nothing erased can still be read in Discord. Finds the thread as
     * {@link #postInThread} does, but never opens one.
     */
    Rewrite rewriteCase(String caseId, DiscordMessage notice, DiscordMessage first, DiscordMessage others);

    /** Discord refused or did not answer in time. The message is for logs: no personal data. */
    final class DiscordFailure extends RuntimeException {
        private final boolean missingPermissions;

        public DiscordFailure(String message, Throwable cause, boolean missingPermissions) {
            super(message, cause);
            this.missingPermissions = missingPermissions;
        }

        public boolean missingPermissions() {
            return missingPermissions;
        }
    }
}
