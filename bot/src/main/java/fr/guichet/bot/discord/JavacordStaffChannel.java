package fr.guichet.bot.discord;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.javacord.api.DiscordApi;
import org.javacord.api.entity.channel.AutoArchiveDuration;
import org.javacord.api.entity.channel.ChannelType;
import org.javacord.api.entity.channel.ServerTextChannel;
import org.javacord.api.entity.channel.ServerThreadChannel;
import org.javacord.api.entity.channel.TextChannel;
import org.javacord.api.entity.message.MessageBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staff channel over Javacord: a public thread per case (archived after a week without
 * activity; posting again reopens it), found again after a restart by its name, which starts
 * with the case id.
 */
final class JavacordStaffChannel implements StaffChannel {
    private static final Logger LOG = LoggerFactory.getLogger(JavacordStaffChannel.class);

    private final DiscordApi api;
    private final long channelId;
    private final Supplier<MessageBuilder> builders;
    private final Duration timeout;
    private final Map<String, Long> threads = new ConcurrentHashMap<>();

    /** @param builders new message builders ({@code MessageBuilder::new}; tests give mocks) */
    JavacordStaffChannel(DiscordApi api, long channelId, Supplier<MessageBuilder> builders, Duration timeout) {
        this.api = api;
        this.channelId = channelId;
        this.builders = builders;
        this.timeout = timeout;
    }

    private ServerTextChannel channel() {
        return api.getServerTextChannelById(channelId).orElseThrow(() -> new DiscordFailure(
                "staff channel " + channelId + " not found or not visible to the bot", null, true));
    }

    @Override
    public void openThread(String caseId, String threadName, List<DiscordMessage> messages) {
        sendAll(createThread(caseId, threadName), messages, caseId);
    }

    private ServerThreadChannel createThread(String caseId, String threadName) {
        ServerThreadChannel thread = Futures.await(Futures.logged(channel().createThread(ChannelType.SERVER_PUBLIC_THREAD,
                DiscordLimits.truncate(threadName, DiscordLimits.THREAD_NAME), AutoArchiveDuration.ONE_WEEK),
                "create the thread of case " + caseId), timeout, "create the thread of case " + caseId);
        threads.put(caseId, thread.getId());
        return thread;
    }

    @Override
    public void postInThread(String caseId, String threadName, List<DiscordMessage> messages, List<DiscordMessage> ifNew) {
        Optional<ServerThreadChannel> thread = find(caseId);
        if (thread.isPresent()) {
            sendAll(thread.get(), messages, caseId);
            return;
        }
        LOG.info("case {}: thread not found, opening a new one", caseId);
        ServerThreadChannel created = createThread(caseId, threadName);
        sendAll(created, ifNew, caseId);
        sendAll(created, messages, caseId);
    }

    @Override
    public void notice(DiscordMessage message) {
        send(channel(), message, "post a notice in the staff channel");
    }

    private Optional<ServerThreadChannel> find(String caseId) {
        Long known = threads.get(caseId);
        if (known != null) {
            Optional<ServerThreadChannel> cached = api.getServerThreadChannelById(known);
            if (cached.isPresent()) {
                return cached;
            }
        }
        ServerTextChannel channel = channel();
        String prefix = caseId + " ";
        Optional<ServerThreadChannel> active = channel.getServer().getThreadChannels().stream()
                .filter(t -> t.getParent().getId() == channelId && t.getName().startsWith(prefix)).findFirst();
        if (active.isEmpty()) {
            try {
                active = Futures.await(channel.getPublicArchivedThreads(), timeout, "list the archived threads")
                        .getServerThreadChannels().stream().filter(t -> t.getName().startsWith(prefix)).findFirst();
            } catch (DiscordFailure e) {
                LOG.warn("case {}: archived threads not readable ({})", caseId, e.getMessage());
            }
        }
        active.ifPresent(t -> threads.put(caseId, t.getId()));
        return active;
    }

    private void sendAll(TextChannel channel, List<DiscordMessage> messages, String caseId) {
        for (DiscordMessage m : messages) {
            send(channel, m, "post in the thread of case " + caseId);
        }
    }

    private void send(TextChannel channel, DiscordMessage m, String what) {
        List<String> problems = DiscordLimits.violations(m);
        if (!problems.isEmpty()) {
            throw new DiscordFailure(what + ": message outside Discord's limits " + problems, null, false);
        }
        Futures.await(Futures.logged(JavacordMessages.fill(builders.get(), m).send(channel), what), timeout, what);
    }
}
