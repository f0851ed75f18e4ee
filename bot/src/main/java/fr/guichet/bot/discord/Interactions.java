package fr.guichet.bot.discord;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.javacord.api.entity.DiscordEntity;
import org.javacord.api.entity.channel.TextChannel;
import org.javacord.api.entity.message.Message;
import org.javacord.api.entity.message.MessageBuilder;
import org.javacord.api.exception.NotFoundException;
import org.javacord.api.interaction.InteractionBase;
import org.javacord.api.interaction.callback.InteractionOriginalResponseUpdater;
import org.javacord.core.interaction.InteractionOriginalResponseUpdaterImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sending Guichet's messages to Discord. An interaction is first acknowledged by a callback
 * of Guichet's own ({@link Callbacks}: a deferral, a form, or a short refusal), at once;
 * its answer then replaces the deferral (« Guichet réfléchit… ») through Javacord, with
 * follow-ups when one message is not enough. Channel messages (replies to mentions and
 * direct messages) go through Javacord. Every message is checked against Discord's limits
 * and gets explicit allowed mentions; every failure is logged (never with what was
 * written), and a failure for want of permission is handed to {@code onFailure}.
 */
final class Interactions {
    private static final Logger LOG = LoggerFactory.getLogger(Interactions.class);

    /** How an interaction was acknowledged, which decides how its answer is sent. */
    enum Ack {
        /** Deferred privately: the answer replaces « Guichet réfléchit… », seen by the user only. */
        PRIVATE,
        /** A component acknowledged without a message: answers come as follow-ups, or edit the component's message. */
        UPDATE
    }

    private final Callbacks callbacks;
    private final Supplier<MessageBuilder> builders;
    private final Function<InteractionBase, InteractionOriginalResponseUpdater> updaters;
    private final Duration timeout;
    private final Consumer<Failure> onFailure;

    /** A send that failed: where (a channel id, or 0 when unknown) and why. */
    record Failure(long channelId, Throwable error) {
    }

    /**
     * @param updaters the updater of an interaction's original response (Javacord's; tests give mocks)
     */
    Interactions(Callbacks callbacks, Supplier<MessageBuilder> builders,
                 Function<InteractionBase, InteractionOriginalResponseUpdater> updaters, Duration timeout,
                 Consumer<Failure> onFailure) {
        this.callbacks = callbacks;
        this.builders = builders;
        this.updaters = updaters;
        this.timeout = timeout;
        this.onFailure = onFailure;
    }

    /** Javacord's updater of the original response, for an interaction Guichet acknowledged itself. */
    static InteractionOriginalResponseUpdater javacordUpdater(InteractionBase i) {
        return new InteractionOriginalResponseUpdaterImpl(i);
    }

    /** Acknowledges now. @return whether Discord took it (else the interaction is lost: nothing more to send) */
    boolean acknowledge(InteractionBase i, Ack ack, String what) {
        Callbacks.Callback callback = ack == Ack.UPDATE ? Callbacks.Callback.deferUpdate()
                : Callbacks.Callback.defer(ack == Ack.PRIVATE);
        return sent(callbacks.send(i.getId(), i.getToken(), callback), what + " (acknowledgement)");
    }

    /** Answers at once with a short notice (a refusal), instead of a deferral. */
    boolean immediate(InteractionBase i, String text, boolean ephemeral, String what) {
        String content = DiscordLimits.truncate(DiscordLimits.neutralize(text), DiscordLimits.CONTENT);
        return sent(callbacks.send(i.getId(), i.getToken(), Callbacks.Callback.text(content, ephemeral)), what);
    }

    /** Shows a form (it cannot follow a deferral: it is the acknowledgement). */
    boolean modal(InteractionBase i, String customId, String title, List<Callbacks.Input> inputs, String what) {
        return sent(callbacks.send(i.getId(), i.getToken(), Callbacks.Callback.modal(customId, title, inputs)), what);
    }

    private static boolean sent(Callbacks.Outcome outcome, String what) {
        if (outcome != Callbacks.Outcome.SENT) {
            LOG.warn("{}: not acknowledged ({})", what, outcome);
        }
        return outcome == Callbacks.Outcome.SENT;
    }

    /**
     * The answer to a deferred interaction: the first message replaces « Guichet réfléchit… »,
     * the others follow. After {@link Ack#UPDATE}, every message is a follow-up, private.
     */
    void answer(InteractionBase i, Ack ack, List<DiscordMessage> messages, String what) {
        if (messages.isEmpty()) {
            return;
        }
        guard(messages, what);
        if (ack == Ack.UPDATE) {
            followUps(i, messages, true, what);
            return;
        }
        // the deferral fixed whether the response is private: no flags on the update
        Futures.await(logged(JavacordMessages.fill(updaters.apply(i), messages.get(0), false).update(), i, what),
                timeout, what);
        followUps(i, messages.subList(1, messages.size()), ack == Ack.PRIVATE, what);
    }

    /**
     * The answer to a private deferral, one message with one file attached (a chart): sent as
     * multipart, the file beside the message's JSON.
     */
    void answerWithFile(InteractionBase i, DiscordMessage m, String fileName, byte[] bytes, String what) {
        guard(List.of(m), what);
        Futures.await(logged(JavacordMessages.fill(updaters.apply(i), m, false).addAttachment(bytes, fileName).update(), i,
                what), timeout, what);
    }

    /** Follow-up messages, private or public (after a deferred update: the public notice of a case change). */
    void followUps(InteractionBase i, List<DiscordMessage> messages, boolean ephemeral, String what) {
        guard(messages, what);
        for (DiscordMessage m : messages) {
            Futures.await(logged(JavacordMessages.fill(i.createFollowupMessageBuilder(), m, ephemeral).send(), i,
                    what + " (follow-up)"), timeout, what + " (follow-up)");
        }
    }

    /**
     * Edits the message the component was on (after {@link Ack#UPDATE}): its text stays, its
     * components become {@code m}'s (none: they are removed), its content too when {@code m} has some.
     */
    void editOriginal(InteractionBase i, DiscordMessage m, String what) {
        if (!m.content().isEmpty() || !m.embeds().isEmpty()) {
            guard(List.of(m), what);
        }
        Futures.await(logged(JavacordMessages.fill(updaters.apply(i), m, false).update(), i, what), timeout, what);
    }

    /**
     * After a failure, tells the user something went wrong, in place of « Guichet réfléchit… »
     * (or privately after a deferred update). Never throws.
     */
    void apologize(InteractionBase i, Ack ack, String text, String what) {
        try {
            DiscordMessage m = ReplyRenderer.notice(text).get(0);
            CompletableFuture<?> sending = ack == Ack.UPDATE
                    ? JavacordMessages.fill(i.createFollowupMessageBuilder(), m, true).send()
                    : JavacordMessages.fill(updaters.apply(i), m, false).update();
            Futures.await(Futures.logged(sending, what + " (apology)"), timeout, what + " (apology)");
        } catch (RuntimeException e) {
            LOG.warn("{}: the apology could not be sent either ({})", what, Futures.describe(e));
        }
    }

    /**
     * Whether the failure means the interaction is gone (its token expired after 15 minutes, or
     * it was never acknowledged): nobody can be told there any more.
     */
    static boolean expired(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof NotFoundException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Posts in a channel (replies to mentions and direct messages), the first message as a
     * reply to {@code to}, or as a plain message when {@code to} was deleted meanwhile.
     */
    void send(TextChannel channel, Message to, List<DiscordMessage> messages, String what) {
        guard(messages, what);
        boolean first = true;
        for (DiscordMessage m : messages) {
            MessageBuilder builder = JavacordMessages.fill(builders.get(), m);
            if (first && to != null) {
                builder.replyTo(to, false);
            }
            first = false;
            Futures.await(Futures.logged(builder.send(channel), what,
                    e -> onFailure.accept(new Failure(channel.getId(), e))), timeout, what);
        }
    }

    private <T> CompletableFuture<T> logged(CompletableFuture<T> future, InteractionBase i, String what) {
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
