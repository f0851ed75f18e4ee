package fr.guichet.bot.discord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.javacord.api.DiscordApi;
import org.javacord.api.entity.channel.AutoArchiveDuration;
import org.javacord.api.entity.channel.ChannelType;
import org.javacord.api.entity.channel.ServerTextChannel;
import org.javacord.api.entity.channel.ServerThreadChannel;
import org.javacord.api.entity.channel.TextChannel;
import org.javacord.api.entity.message.Message;
import org.javacord.api.entity.message.MessageBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staff channel over Javacord: a public thread per case (archived after a week without
 * activity; posting again reopens it). The thread's id is stored with the case as soon as
 * Discord created it; a case whose id predates that is found by the thread's name, which
 * starts with the case id. Each send is one chain of steps (create the thread, then each
 * message in order): when Discord is slow past the timeout the chain goes on, and the
 * caller hears "pending", not "failed".
 */
final class JavacordStaffChannel implements StaffChannel {
    private static final Logger LOG = LoggerFactory.getLogger(JavacordStaffChannel.class);

    private final DiscordApi api;
    private final long channelId;
    private final Supplier<MessageBuilder> builders;
    private final Duration timeout;
    private final CaseThreads known;

    /** @param builders new message builders ({@code MessageBuilder::new}; tests give mocks) */
    JavacordStaffChannel(DiscordApi api, long channelId, Supplier<MessageBuilder> builders, Duration timeout,
                         CaseThreads known) {
        this.api = api;
        this.channelId = channelId;
        this.builders = builders;
        this.timeout = timeout;
        this.known = known;
    }

    private ServerTextChannel channel() {
        return api.getServerTextChannelById(channelId).orElseThrow(() -> new DiscordFailure(
                "staff channel " + channelId + " not found or not visible to the bot", null, true));
    }

    /**
     * Loads the staff channel's archived case threads into Javacord's cache: Javacord 3.8.0
     * drops an interaction from a thread it has not cached (an adviser's « Je prends » in a
     * thread archived before a restart). Only the most recent ones: 3.8.0 cannot page further.
     * @return how many were loaded
     */
    int cacheArchivedThreads() {
        try {
            int n = Futures.await(channel().getPublicArchivedThreads(), timeout, "list the archived case threads")
                    .getServerThreadChannels().size();
            LOG.info("staff channel: {} archived case threads loaded", n);
            return n;
        } catch (DiscordFailure e) {
            LOG.warn("staff channel: the archived case threads could not be listed ({})", e.getMessage());
            return 0;
        }
    }

    @Override
    public void openThread(String caseId, String threadName, List<DiscordMessage> messages) {
        check(messages, caseId);
        settle(createThread(caseId, threadName).thenCompose(thread -> sendAll(thread, messages, caseId)),
                "open the thread of case " + caseId);
    }

    private CompletableFuture<ServerThreadChannel> createThread(String caseId, String threadName) {
        return Futures.logged(channel().createThread(ChannelType.SERVER_PUBLIC_THREAD,
                        DiscordLimits.truncate(threadName, DiscordLimits.THREAD_NAME), AutoArchiveDuration.ONE_WEEK),
                "create the thread of case " + caseId)
                .thenApply(thread -> {
                    try {
                        known.remember(caseId, thread.getId());
                    } catch (RuntimeException e) {
                        LOG.warn("case {}: its thread id could not be stored ({})", caseId, e.getClass().getSimpleName());
                    }
                    return thread;
                });
    }

    @Override
    public void postInThread(String caseId, String threadName, List<DiscordMessage> messages, List<DiscordMessage> ifNew) {
        check(messages, caseId);
        check(ifNew, caseId);
        Optional<Long> stored = known.threadOf(caseId);
        Optional<ServerThreadChannel> thread = find(caseId, stored);
        if (thread.isPresent()) {
            settle(sendAll(thread.get(), messages, caseId), "post in the thread of case " + caseId);
        } else if (stored.isPresent()) {
            // the thread exists but the bot cannot reach it (archived beyond what Javacord lists): a
            // second thread would split the case, so the message goes to the staff channel, linking it
            LOG.warn("case {}: its thread is not reachable, posting in the staff channel", caseId);
            List<DiscordMessage> all = new ArrayList<>();
            all.add(DiscordMessage.text("🧵 Fil du dossier " + caseId + " : <#" + stored.get() + ">"));
            all.addAll(messages);
            settle(sendAll(channel(), all, caseId), "post about case " + caseId + " in the staff channel");
        } else {
            LOG.info("case {}: thread not found, opening a new one", caseId);
            settle(createThread(caseId, threadName).thenCompose(created -> sendAll(created, ifNew, caseId)
                    .thenCompose(v -> sendAll(created, messages, caseId))), "open a new thread for case " + caseId);
        }
    }

    /**
     * Guichet's messages read in a case thread to rewrite them: Discord's most per request. A
     * case thread holds the case, its reminders and the advisers' changes: far fewer.
     */
    static final int CASE_MESSAGES = 100;

    @Override
    public Rewrite rewriteCase(String caseId, DiscordMessage notice, DiscordMessage first, DiscordMessage others) {
        check(List.of(notice, first, others), caseId);
        Optional<Long> stored = known.threadOf(caseId);
        Optional<ServerThreadChannel> found = find(caseId, stored);
        if (found.isEmpty()) {
            if (stored.isEmpty()) {
                return Rewrite.NO_THREAD;
            }
            LOG.warn("case {}: its thread is not reachable, the erasure is told in the staff channel", caseId);
            settle(sendAll(channel(), List.of(DiscordMessage.text("🧵 Fil du dossier " + caseId + " : <#" + stored.get() + ">"),
                    notice), caseId), "tell the erasure of case " + caseId + " in the staff channel");
            return Rewrite.OUT_OF_REACH;
        }
        ServerThreadChannel thread = found.get();
        // read first (an archived thread can be read), then post (which reopens an archived thread,
        // whose messages could not be edited otherwise), then edit, oldest first
        CompletableFuture<Void> chain = Futures.logged(thread.getMessagesAfter(CASE_MESSAGES, thread.getId()),
                        "read the thread of case " + caseId)
                .thenCompose(messages -> sendAll(thread, List.of(notice), caseId)
                        .thenCompose(posted -> rewrite(aboutTheCase(messages), first, others, caseId)));
        settle(chain, "rewrite the thread of case " + caseId);
        return Rewrite.REWRITTEN;
    }

    /** Guichet's own messages with embeds, oldest first: the case and what repeated it (reminders, escalations). */
    private static List<Message> aboutTheCase(Collection<Message> messages) {
        return messages.stream().filter(m -> m.getAuthor().isYourself() && !m.getEmbeds().isEmpty())
                .sorted(Comparator.comparingLong(Message::getId)).toList();
    }

    /** Replaces each message whole (content, embeds, components, attachments), one after the other. */
    private static CompletableFuture<Void> rewrite(List<Message> messages, DiscordMessage first, DiscordMessage others,
                                                   String caseId) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (int n = 0; n < messages.size(); n++) {
            Message m = messages.get(n);
            DiscordMessage with = n == 0 ? first : others;
            chain = chain.thenCompose(v -> Futures.logged(JavacordMessages.fill(m.createUpdater(), with).replaceMessage(),
                    "rewrite a message of case " + caseId).thenApply(edited -> null));
        }
        return chain;
    }

    @Override
    public void notice(DiscordMessage message) {
        check(List.of(message), "notice");
        settle(sendAll(channel(), List.of(message), "notice"), "post a notice in the staff channel");
    }

    private Optional<ServerThreadChannel> find(String caseId, Optional<Long> stored) {
        if (stored.isPresent()) {
            Optional<ServerThreadChannel> cached = api.getServerThreadChannelById(stored.get());
            if (cached.isPresent()) {
                return cached;
            }
        }
        ServerTextChannel channel = channel();
        String prefix = caseId + " ";
        Optional<ServerThreadChannel> found = channel.getServer().getThreadChannels().stream()
                .filter(t -> t.getParent().getId() == channelId && (stored.isPresent() ? t.getId() == stored.get()
                        : t.getName().startsWith(prefix))).findFirst();
        if (found.isEmpty()) {
            try {
                found = Futures.await(channel.getPublicArchivedThreads(), timeout, "list the archived threads")
                        .getServerThreadChannels().stream().filter(t -> stored.isPresent() ? t.getId() == stored.get()
                                : t.getName().startsWith(prefix)).findFirst();
            } catch (DiscordFailure e) {
                LOG.warn("case {}: archived threads not readable ({})", caseId, e.getMessage());
            }
        }
        if (found.isPresent() && stored.isEmpty()) {
            known.remember(caseId, found.get().getId());
        }
        return found;
    }

    /** The messages one after the other, each once the previous one is accepted. */
    private CompletableFuture<Void> sendAll(TextChannel channel, List<DiscordMessage> messages, String caseId) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (DiscordMessage m : messages) {
            chain = chain.thenCompose(v -> Futures.logged(JavacordMessages.fill(builders.get(), m).send(channel),
                    "post about case " + caseId).thenApply(sent -> null));
        }
        return chain;
    }

    private static void check(List<DiscordMessage> messages, String what) {
        for (DiscordMessage m : messages) {
            List<String> problems = DiscordLimits.violations(m);
            if (!problems.isEmpty()) {
                throw new DiscordFailure(what + ": message outside Discord's limits " + problems, null, false);
            }
        }
    }

    /**
     * Waits for the chain. A refusal throws; a chain still running after the timeout is
     * "pending": it goes on (it cannot be taken back once Discord has it), its end is logged.
     */
    private void settle(CompletableFuture<Void> chain, String what) {
        if (!Futures.awaitOrPending(chain, timeout, what)) {
            chain.whenComplete((done, error) -> {
                if (error == null) {
                    LOG.warn("{}: done late, after the {} s timeout", what, timeout.toSeconds());
                }
            });
        }
    }
}
