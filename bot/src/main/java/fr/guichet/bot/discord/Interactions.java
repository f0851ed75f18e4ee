package fr.guichet.bot.discord;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.javacord.api.entity.DiscordEntity;
import org.javacord.api.entity.channel.TextChannel;
import org.javacord.api.entity.message.Message;
import org.javacord.api.entity.message.MessageBuilder;
import org.javacord.api.interaction.InteractionBase;
import org.javacord.api.interaction.callback.InteractionOriginalResponseUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sending Guichet's messages through Javacord: interaction responses (immediate, or deferred
 * then updated, plus follow-ups when one message is not enough) and channel messages. Every
 * message is checked against Discord's limits and gets explicit allowed mentions; every
 * future is logged on failure, and a failure for want of permission is handed to
 * {@code onFailure} (which tells the staff channel).
 */
final class Interactions {
    private static final Logger LOG = LoggerFactory.getLogger(Interactions.class);

    private final Supplier<MessageBuilder> builders;
    private final Duration timeout;
    private final Consumer<Failure> onFailure;
    /** Whether the interaction being handled on this thread was answered or deferred already. */
    private final ThreadLocal<Boolean> acknowledged = ThreadLocal.withInitial(() -> false);

    /** A send that failed: where (a channel id, or 0 when unknown) and why. */
    record Failure(long channelId, Throwable error) {
    }

    Interactions(Supplier<MessageBuilder> builders, Duration timeout, Consumer<Failure> onFailure) {
        this.builders = builders;
        this.timeout = timeout;
        this.onFailure = onFailure;
    }

    /** Answers at once (within Discord's 3 seconds): the first message, then follow-ups. */
    void respond(InteractionBase i, List<DiscordMessage> messages, boolean ephemeral, String what) {
        if (messages.isEmpty()) {
            return;
        }
        guard(messages, what);
        acknowledged.set(true);
        Futures.await(logged(JavacordMessages.fill(i.createImmediateResponder(), messages.get(0), ephemeral).respond(), i,
                what), timeout, what);
        followUps(i, messages, ephemeral, what);
    }

    /** Acknowledges now (« Guichet réfléchit… »); the answer comes with {@link #complete}. */
    InteractionOriginalResponseUpdater defer(InteractionBase i, boolean ephemeral, String what) {
        acknowledged.set(true);
        return Futures.await(logged(i.respondLater(ephemeral), i, what + " (deferral)"), timeout, what + " (deferral)");
    }

    /** Replaces the deferred response by the first message, and sends the others as follow-ups. */
    void complete(InteractionBase i, InteractionOriginalResponseUpdater updater, List<DiscordMessage> messages,
                  boolean ephemeral, String what) {
        guard(messages, what);
        // the deferral fixed whether the response is ephemeral: no flags on the update
        Futures.await(logged(JavacordMessages.fill(updater, messages.get(0), false).update(), i, what), timeout, what);
        followUps(i, messages, ephemeral, what);
    }

    private void followUps(InteractionBase i, List<DiscordMessage> messages, boolean ephemeral, String what) {
        for (DiscordMessage m : messages.subList(1, messages.size())) {
            Futures.await(logged(JavacordMessages.fill(i.createFollowupMessageBuilder(), m, ephemeral).send(), i,
                    what + " (follow-up)"), timeout, what + " (follow-up)");
        }
    }

    /** Starts handling a new interaction on this thread. */
    void begin() {
        acknowledged.set(false);
    }

    /**
     * After a failure, tells the user something went wrong: as the response if none was sent
     * yet, else as a follow-up. Never throws.
     */
    void apologize(InteractionBase i, String text, String what) {
        try {
            DiscordMessage m = ReplyRenderer.notice(text).get(0);
            if (acknowledged.get()) {
                Futures.logged(JavacordMessages.fill(i.createFollowupMessageBuilder(), m, true).send(), what + " (apology)");
            } else {
                Futures.logged(JavacordMessages.fill(i.createImmediateResponder(), m, true).respond(), what + " (apology)");
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: the apology could not be sent either ({})", what, Futures.describe(e));
        }
    }

    /** Posts in a channel (replies to a mention or a direct message), the first message as a reply to {@code to}. */
    void send(TextChannel channel, Message to, List<DiscordMessage> messages, String what) {
        guard(messages, what);
        boolean first = true;
        for (DiscordMessage m : messages) {
            MessageBuilder builder = JavacordMessages.fill(builders.get(), m);
            if (first && to != null) {
                builder.replyTo(to);
            }
            first = false;
            Futures.await(Futures.logged(builder.send(channel), what,
                    e -> onFailure.accept(new Failure(channel.getId(), e))), timeout, what);
        }
    }

    private <T> java.util.concurrent.CompletableFuture<T> logged(java.util.concurrent.CompletableFuture<T> future,
                                                                 InteractionBase i, String what) {
        long channel = i.getChannel().map(DiscordEntity::getId).orElse(0L);
        return Futures.logged(future, what, e -> onFailure.accept(new Failure(channel, e)));
    }

    private static void guard(List<DiscordMessage> messages, String what) {
        for (DiscordMessage m : messages) {
            List<String> problems = DiscordLimits.violations(m);
            if (!problems.isEmpty()) {
                // a bug of ours: better a log line than a message Discord rejects
                LOG.error("{}: message outside Discord's limits {}", what, problems);
                throw new IllegalStateException("message outside Discord's limits");
            }
        }
    }
}
