package fr.guichet.bot.discord;

import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.RETURNS_DEFAULTS;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.guichet.bot.Wiring;
import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.feedback.InMemoryFeedbackStore;
import fr.guichet.bot.handoff.HandoffStore;
import fr.guichet.bot.privacy.Forgetting;
import fr.guichet.bot.report.InMemoryQuestionLog;
import fr.guichet.knowledge.catalogue.Catalogue;
import fr.guichet.knowledge.catalogue.CatalogueException;
import fr.guichet.knowledge.catalogue.CatalogueLoader;
import fr.guichet.knowledge.search.CatalogueIndex;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.javacord.api.entity.channel.TextChannel;
import org.javacord.api.entity.message.Message;
import org.javacord.api.entity.message.embed.EmbedBuilder;
import org.javacord.api.entity.permission.Role;
import org.javacord.api.entity.server.Server;
import org.javacord.api.entity.user.User;
import org.javacord.api.exception.MissingPermissionsException;
import org.javacord.api.util.rest.RestRequestResponseInformation;
import org.javacord.api.interaction.InteractionBase;
import org.javacord.api.interaction.callback.InteractionFollowupMessageBuilder;
import org.javacord.api.interaction.callback.InteractionImmediateResponseBuilder;
import org.javacord.api.interaction.callback.InteractionOriginalResponseUpdater;
import org.javacord.core.entity.message.embed.EmbedBuilderDelegateImpl;
import org.slf4j.LoggerFactory;

/** Shared pieces of the Discord tests: the bundled catalogue, a real assistant, Javacord mocks. */
final class DiscordFixtures {
    /** A Tuesday at 11:00 in Paris, in the CCI's opening hours. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    static final Path CATALOGUE = Path.of("../knowledge/catalogue");
    static final long ROLE = 42L;
    static final long STAFF = 900L;
    static final long CHANNEL = 500L;
    static final long SERVER = 7L;

    private static Catalogue catalogue;

    private DiscordFixtures() {
    }

    static synchronized Catalogue catalogue() {
        if (catalogue == null) {
            try {
                catalogue = new CatalogueLoader().load(CATALOGUE).catalogue();
            } catch (CatalogueException e) {
                throw new IllegalStateException("bundled catalogue refused: " + e.problems(), e);
            }
        }
        return catalogue;
    }

    static Wiring.Settings settings(Path data) {
        return new Wiring.Settings(CATALOGUE, data, Duration.ofHours(4), Duration.ofDays(180), Duration.ofHours(2),
                BigDecimal.valueOf(500_000), Optional.empty());
    }

    /** The real assistant on the bundled catalogue, and the stores it records into besides the cases. */
    record Core(Assistant assistant, InMemoryFeedbackStore feedback, InMemoryQuestionLog questions) {
    }

    /** The real assistant on the bundled catalogue, with this case store and notifier. */
    static Core core(HandoffStore cases, DiscordNotifier notifier, Path data) {
        Catalogue c = catalogue();
        InMemoryFeedbackStore feedback = new InMemoryFeedbackStore();
        InMemoryQuestionLog questions = new InMemoryQuestionLog();
        return new Core(Wiring.assistant(c, CatalogueIndex.build(c, CLOCK), cases, feedback, questions, notifier,
                settings(data), CLOCK), feedback, questions);
    }

    /**
     * The bot as the tests drive it: the real assistant and /oublier over {@code core}, every
     * event handled on the caller's thread, two answers at once.
     */
    static DiscordBot bot(Core core, HandoffStore cases, DiscordNotifier notifier, ReplyRenderer renderer,
                          DiscordBot.Outbound outbound) {
        return new DiscordBot(core.assistant(), catalogue(), cases, core.questions(),
                new Forgetting(core.assistant(), cases, core.feedback(), notifier, catalogue().advisersById()), notifier,
                renderer, new RateLimiter(CLOCK), ROLE, STAFF, Runnable::run, Runnable::run, new Semaphore(2), outbound, CLOCK);
    }

    /**
     * A mock of one of Javacord's builders: every method returning the builder's own type
     * returns the mock itself (its generic self type defeats Mockito's RETURNS_SELF).
     */
    static <T> T builder(Class<T> type) {
        return mock(type, inv -> inv.getMethod().getReturnType().isInstance(inv.getMock()) ? inv.getMock()
                : RETURNS_DEFAULTS.answer(inv));
    }

    /** The response builders of one interaction, to verify and capture; its callbacks are in {@link #CALLBACKS}. */
    record Responses(InteractionImmediateResponseBuilder immediate, InteractionOriginalResponseUpdater updater,
                     InteractionFollowupMessageBuilder followUp, long id) {
        /** The callbacks Guichet sent for this interaction, in order. */
        List<Callbacks.Callback> callbacks() {
            return CALLBACKS.sent.stream().filter(s -> s.id() == id).map(Sent::callback).toList();
        }

        /** The only callback, asserted to be the only one. */
        Callbacks.Callback callback() {
            List<Callbacks.Callback> all = callbacks();
            if (all.size() != 1) {
                throw new AssertionError("one callback expected: " + all);
            }
            return all.get(0);
        }
    }

    /** A callback as Guichet sent it. */
    record Sent(long id, String token, Callbacks.Callback callback) {
    }

    /** Records the callbacks and says they were taken. */
    static final class RecordingCallbacks implements Callbacks {
        final List<Sent> sent = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public Outcome send(long id, String token, Callback callback) {
            sent.add(new Sent(id, token, callback));
            return Outcome.SENT;
        }
    }

    static final RecordingCallbacks CALLBACKS = new RecordingCallbacks();
    private static final Map<InteractionBase, InteractionOriginalResponseUpdater> UPDATERS =
            java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
    private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong(5000);

    /** What the bot under test sends through: recorded callbacks, then the mocks of {@link #wire}. */
    static DiscordBot.Outbound outbound(java.util.function.Supplier<org.javacord.api.entity.message.MessageBuilder> builders) {
        return new DiscordBot.Outbound(CALLBACKS, builders, UPDATERS::get, Duration.ofSeconds(2));
    }

    /**
     * Wires an interaction mock: user, server (with or without the adviser role), channel,
     * and response builders that answer at once.
     */
    static Responses wire(InteractionBase i, long userId, boolean adviser) {
        User user = mock(User.class);
        lenient().when(user.getId()).thenReturn(userId);
        lenient().when(user.getName()).thenReturn("user" + userId);
        Server server = mock(Server.class);
        lenient().when(server.getId()).thenReturn(SERVER);
        Role role = mock(Role.class);
        lenient().when(role.getId()).thenReturn(adviser ? ROLE : ROLE + 1);
        lenient().when(server.getRoles(user)).thenReturn(List.of(role));
        TextChannel channel = mock(TextChannel.class);
        lenient().when(channel.getId()).thenReturn(CHANNEL);
        lenient().when(i.getUser()).thenReturn(user);
        lenient().when(i.getServer()).thenReturn(Optional.of(server));
        lenient().when(i.getChannel()).thenReturn(Optional.of(channel));
        long id = IDS.incrementAndGet();
        lenient().when(i.getId()).thenReturn(id);
        lenient().when(i.getToken()).thenReturn("token-" + id);
        lenient().when(i.getBotPermissions()).thenReturn(Optional.empty());
        Responses r = new Responses(builder(InteractionImmediateResponseBuilder.class),
                builder(InteractionOriginalResponseUpdater.class), builder(InteractionFollowupMessageBuilder.class), id);
        UPDATERS.put(i, r.updater());
        lenient().when(i.createImmediateResponder()).thenReturn(r.immediate());
        lenient().when(r.immediate().respond()).thenReturn(CompletableFuture.completedFuture(r.updater()));
        lenient().when(i.respondLater(anyBoolean())).thenReturn(CompletableFuture.completedFuture(r.updater()));
        lenient().when(r.updater().update()).thenReturn(CompletableFuture.completedFuture(mock(Message.class)));
        lenient().when(i.createFollowupMessageBuilder()).thenReturn(r.followUp());
        lenient().when(r.followUp().send()).thenReturn(CompletableFuture.completedFuture(mock(Message.class)));
        return r;
    }

    /** What Javacord fails a future with when Discord answers 403 Missing Permissions. */
    static MissingPermissionsException missingPermissions() {
        RestRequestResponseInformation response = mock(RestRequestResponseInformation.class);
        lenient().when(response.getCode()).thenReturn(403);
        return new MissingPermissionsException(null, "Received a 403 response from Discord: Missing Permissions", null,
                response);
    }

    /** The JSON Javacord would send for an embed. */
    static ObjectNode json(EmbedBuilder embed) {
        return ((EmbedBuilderDelegateImpl) embed.getDelegate()).toJsonNode();
    }

    /** The characters of an embed that Discord counts against its limits. */
    static int length(ObjectNode embed) {
        int n = embed.path("title").asText("").length() + embed.path("description").asText("").length()
                + embed.path("footer").path("text").asText("").length();
        for (var field : embed.path("fields")) {
            n += field.path("name").asText("").length() + field.path("value").asText("").length();
        }
        return n;
    }

    /** Captures what a logger writes, for the duration of a test. */
    static ListAppender<ILoggingEvent> captureLogs(Class<?> logger) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(logger)).addAppender(appender);
        return appender;
    }

    static void stopCapture(Class<?> logger, ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(logger)).detachAppender(appender);
    }

    /** A message of every one of Discord's limits, or an assertion error naming the broken ones. */
    static void assertWithinLimits(List<DiscordMessage> messages) {
        for (DiscordMessage m : messages) {
            List<String> problems = DiscordLimits.violations(m);
            if (!problems.isEmpty()) {
                throw new AssertionError("outside Discord's limits: " + problems);
            }
        }
    }
}
