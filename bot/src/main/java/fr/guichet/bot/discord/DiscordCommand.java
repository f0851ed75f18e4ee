package fr.guichet.bot.discord;

import fr.guichet.bot.Application;
import fr.guichet.bot.Args;
import fr.guichet.bot.Command;
import fr.guichet.bot.Wiring;
import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.ops.CatalogueSnapshot;
import fr.guichet.bot.ops.Health;
import fr.guichet.bot.ops.Termination;
import fr.guichet.bot.privacy.Forgetting;
import fr.guichet.bot.store.SqliteHandoffStore;
import fr.guichet.bot.store.SqliteLease;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.javacord.api.DiscordApi;
import org.javacord.api.DiscordApiBuilder;
import org.javacord.api.entity.channel.Channel;
import org.javacord.api.entity.channel.ChannelType;
import org.javacord.api.entity.channel.ServerTextChannel;
import org.javacord.api.entity.intent.Intent;
import org.javacord.api.entity.message.MessageBuilder;
import org.javacord.api.entity.permission.PermissionType;
import org.javacord.api.entity.server.Server;
import org.javacord.api.entity.user.User;
import org.javacord.api.interaction.SlashCommandBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code discord [--catalogue DIR] [--data DIR]}: Guichet as a Discord bot. Checks every
 * setting before connecting (exit 2 naming the one missing or malformed), opens the catalogue
 * and the case store as the console chat does, asks Discord whether it takes the token, then
 * connects, registers the slash commands (bulk overwrite: running it again changes nothing),
 * starts reminders and retention, and runs until the process is stopped.
 */
public final class DiscordCommand implements Command {
    private static final Logger LOG = LoggerFactory.getLogger(DiscordCommand.class);
    static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(60);
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(20);

    /** Logs in to Discord (Javacord in production, a mock in tests). */
    @FunctionalInterface
    interface Connector {
        CompletableFuture<DiscordApi> login(DiscordSettings settings);
    }

    private final Map<String, String> env;
    private final Clock clock;
    private final Function<String, DiscordPreflight.Result> preflight;
    private final Connector connector;
    private final Termination termination;
    private final CountDownLatch stop = new CountDownLatch(1);
    /** Counted down once everything is closed: the shutdown hook waits for it. */
    private final CountDownLatch stopped = new CountDownLatch(1);

    public DiscordCommand(Map<String, String> env, Clock clock) {
        this(env, clock, Termination.process());
    }

    /** @param termination where SIGTERM and Ctrl-C reach the bot ({@link #stop}) */
    public DiscordCommand(Map<String, String> env, Clock clock, Termination termination) {
        this(env, clock, token -> DiscordPreflight.discord().check(token), DiscordCommand::javacordLogin, termination);
    }

    DiscordCommand(Map<String, String> env, Clock clock, Function<String, DiscordPreflight.Result> preflight,
                   Connector connector) {
        this(env, clock, preflight, connector, Termination.process());
    }

    DiscordCommand(Map<String, String> env, Clock clock, Function<String, DiscordPreflight.Result> preflight,
                   Connector connector, Termination termination) {
        this.termination = termination;
        this.env = env;
        this.clock = clock;
        this.preflight = preflight;
        this.connector = connector;
    }

    static CompletableFuture<DiscordApi> javacordLogin(DiscordSettings settings) {
        return builder(settings).login();
    }

    /**
     * The client as Guichet configures it. No Message Content intent: without it Discord still
     * gives the content of direct messages and of messages that mention the bot, the only
     * ones Guichet reads.
     */
    static DiscordApiBuilder builder(DiscordSettings settings) {
        return new DiscordApiBuilder()
                .setToken(settings.token())
                .setIntents(Intent.GUILDS, Intent.GUILD_MESSAGES, Intent.DIRECT_MESSAGES)
                .setShutdownHookRegistrationEnabled(false); // ours stops reminders first, then disconnects
    }

    /** Answers, concurrently, an interaction Javacord dropped (a channel it has not cached). */
    static final String NOT_SEEN = "Je ne vois pas ce salon ou ce fil (il me manque la permission « Voir le salon ») : "
            + "je ne peux pas y répondre. Écrivez-moi en message privé, ou dans un salon où je suis présent.";
    /** Assistant calls (and so language-model calls) at once; the others wait, already acknowledged. */
    static final int CONCURRENT_ANSWERS = 24;
    /** Two heartbeats of Discord's 41.25 s and a margin: past that without an acknowledgement, the gateway is dead. */
    static final Duration GATEWAY_STALE_AFTER = Duration.ofSeconds(100);

    private volatile GatewayWatch gateway;

    /** The gateway connection's state, once connected (for a health check). */
    public Optional<GatewayWatch.Status> gatewayStatus() {
        return Optional.ofNullable(gateway).map(GatewayWatch::status);
    }

    @Override
    public String name() {
        return "discord";
    }

    @Override
    public String usage() {
        return "discord [--catalogue DIR] [--data DIR]  le bot Discord (DISCORD_TOKEN… : voir le README ; par défaut quand DISCORD_TOKEN est défini)";
    }

    /** Ends {@link #run} as a stop signal would (tests). */
    void stop() {
        stop.countDown();
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        try {
            return runAndClose(argv, out, err);
        } finally {
            stopped.countDown();
        }
    }

    private int runAndClose(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        java.util.concurrent.atomic.AtomicReference<Callbacks> answerDropped = new java.util.concurrent.atomic.AtomicReference<>();
        JavacordLogGuard guard = JavacordLogGuard.install((id, token) -> {
            Callbacks callbacks = answerDropped.get();
            if (callbacks != null) {
                // public: a private answer there would make Javacord cache that channel as a direct message
                Thread.ofPlatform().daemon().start(() -> callbacks.send(id, token, Callbacks.Callback.text(NOT_SEEN, false)));
            }
        });
        try {
            return runGuarded(argv, out, err, answerDropped);
        } finally {
            guard.remove();
        }
    }

    private int runGuarded(List<String> argv, PrintStream out, PrintStream err,
                           java.util.concurrent.atomic.AtomicReference<Callbacks> answerDropped) throws Exception {
        DiscordSettings settings;
        try {
            settings = DiscordSettings.load(Args.parse(argv, Set.of()), env);
        } catch (DiscordSettings.InvalidSetting | Args.UsageException e) {
            err.println(e.getMessage());
            return Command.REFUSED;
        }
        Application app;
        try {
            app = Wiring.start(settings.core(), clock, err);
        } catch (Wiring.Refused e) {
            return Command.REFUSED;
        }
        // until the gateway is connected, the bot cannot serve: /health says so
        app.health().register("discord", this::gatewayHealth);
        try (app) {
            DiscordPreflight.Result check = preflight.apply(settings.token());
            switch (check.status()) {
                case TOKEN_REFUSED -> {
                    err.println("Discord refuse le jeton (DISCORD_TOKEN) : " + check.detail());
                    return Command.REFUSED;
                }
                case UNREACHABLE -> {
                    err.println("Connexion à Discord impossible : " + check.detail());
                    return 1;
                }
                case OK -> LOG.info("Discord accepts the token ({})", check.detail());
            }
            DiscordApi api;
            try {
                api = connector.login(settings).get(LOGIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                err.println("Connexion à Discord impossible : pas de réponse en " + LOGIN_TIMEOUT.toSeconds() + " s.");
                return 1;
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.debug("login failed", e.getCause());
                err.println("Discord refuse la connexion : " + loginFailure(e.getCause()));
                return Command.REFUSED;
            }
            try {
                Callbacks callbacks = Callbacks.of(api);
                answerDropped.set(callbacks);
                return serve(api, settings, app, check, callbacks, out, err);
            } finally {
                disconnect(api);
            }
        }
    }

    /**
     * Disconnects. Javacord 3.8.0's {@code disconnect()} schedules a last task on its thread pool
     * after closing the socket, and the close event (which shuts that pool down) can come first:
     * it then throws RejectedExecutionException although it did disconnect. Never let it out.
     */
    static void disconnect(DiscordApi api) {
        try {
            Futures.await(Futures.logged(api.disconnect(), "disconnect"), Duration.ofSeconds(10), "disconnect");
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("disconnect: Javacord's executors stopped before its last task (the socket is closed)");
        } catch (RuntimeException e) {
            LOG.warn("disconnect from Discord: {}", Futures.describe(e));
        }
    }

    static String loginFailure(Throwable cause) {
        String message = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
        if (message.contains("READY")) {
            return "Discord a fermé la connexion avant qu'elle soit prête : jeton refusé (DISCORD_TOKEN) ou intents non "
                    + "autorisés pour cette application.";
        }
        return Futures.describe(cause);
    }

    private int serve(DiscordApi api, DiscordSettings settings, Application app, DiscordPreflight.Result check,
                      Callbacks callbacks, PrintStream out, PrintStream err) throws InterruptedException {
        // Guichet never reads past messages: nothing to keep (and no user text held in memory)
        api.setMessageCacheSize(0, 0);
        Optional<String> staffProblem = staffChannelProblem(api, settings.staffChannelId());
        if (staffProblem.isPresent()) {
            err.println(DiscordSettings.STAFF_CHANNEL + " : " + staffProblem.get());
            return Command.REFUSED;
        }
        if (api.getRoleById(settings.adviserRoleId()).isEmpty()) {
            err.println(DiscordSettings.ADVISER_ROLE + " : le rôle " + settings.adviserRoleId()
                    + " est introuvable sur les serveurs où le bot est invité.");
            return Command.REFUSED;
        }
        SqliteHandoffStore cases = app.cases();
        JavacordStaffChannel staff = new JavacordStaffChannel(api, settings.staffChannelId(), MessageBuilder::new,
                SEND_TIMEOUT, new CaseThreads() {
                    @Override
                    public Optional<Long> threadOf(String caseId) {
                        return cases.discordThread(caseId);
                    }

                    @Override
                    public void remember(String caseId, long threadId) {
                        cases.discordThread(caseId, threadId);
                    }
                });
        staff.cacheArchivedThreads();
        DiscordNotifier notifier = new DiscordNotifier(staff, app.catalogue()::advisersById);
        Assistant assistant = app.assistant(notifier);
        // a catalogue change the reloader refused is told where the staff who edit it will see it
        app.onCatalogueRefused(problems -> notifier.notice(refusedCatalogue(problems)));
        Clock zoned = app.clock();
        // acknowledgements on platform threads: the system gives them their turn however many answers keep the
        // processors busy (virtual threads are not preempted: on 2 cores, 24 answers being computed held the 50th
        // acknowledgement back 1.4 s); reused, and as many as interactions arrive at once (the caller acknowledges
        // past 256)
        ThreadPoolExecutor acknowledging = new ThreadPoolExecutor(0, 256, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                Thread.ofPlatform().daemon().name("guichet-discord-ack-", 1).factory(), new ThreadPoolExecutor.CallerRunsPolicy());
        // then one virtual thread per event: no answer waits behind another
        ExecutorService handlers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("guichet-discord-", 1).factory());
        GatewayWatch watch = new GatewayWatch(api, zoned, GATEWAY_STALE_AFTER);
        Futures.countErrors(app.metrics()::discordError);
        try {
            DiscordBot bot = new DiscordBot(assistant, app.catalogue(), cases, app.questions(), app.forgetting(notifier), notifier,
                    renderers(app), new RateLimiter(zoned), settings.adviserRoleId(), settings.staffChannelId(), acknowledging, handlers,
                    new java.util.concurrent.Semaphore(CONCURRENT_ANSWERS),
                    new DiscordBot.Outbound(callbacks, MessageBuilder::new, Interactions::javacordUpdater, SEND_TIMEOUT), zoned);
            bot.attach(api);
            watch.start(app.scheduler(), Duration.ofSeconds(5));
            gateway = watch;
            List<String> problems = registerCommands(api, settings.guildIds(), DiscordBot.commands());
            problems.forEach(p -> err.println("attention : " + p));
            app.startReminders(notifier, c -> true, SqliteLease.ALL_CASES);
            Thread hook = new Thread(() -> {
                stop.countDown();
                try {
                    stopped.await(15, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "guichet-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("Guichet est connecté à Discord en tant que " + api.getYourself().getName() + " ("
                    + api.getServers().size() + " serveur(s), " + (settings.guildIds().isEmpty() ? "commandes globales"
                    : "commandes sur " + settings.guildIds().size() + " serveur(s)") + "). " + app.catalogueLine()
                    + " Arrêt : Ctrl+C.");
            if (check.applicationId() != 0) {
                out.println("Lien d'invitation : " + DiscordPreflight.inviteLink(check.applicationId()));
            }
            // SIGTERM or Ctrl-C: stop as below; past STOP_PATIENCE, the database is closed all the same
            try (Termination.Registration onSignal = termination.register(stop::countDown, app::close, STOP_PATIENCE)) {
                stop.await();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it waits for us below
                }
                watch.stop();
                // no new interaction is taken; answers being written get their chance to finish (10 s)
                acknowledging.shutdown();
                handlers.shutdown();
                if (!handlers.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("answers still in progress after 10 s: stopping without them");
                }
            }
            return 0;
        } finally {
            gateway = null;
            Futures.countErrors(null);
            watch.stop();
            acknowledging.shutdownNow();
            handlers.shutdownNow();
        }
    }

    /** Up to 10 s for the answers in progress, 10 s to say goodbye to the gateway, then the database. */
    static final Duration STOP_PATIENCE = Duration.ofSeconds(25);

    /** The staff channel's notice of a refused catalogue change, in French, within one message. */
    static String refusedCatalogue(List<String> problems) {
        StringBuilder text = new StringBuilder("⚠️ Le catalogue modifié est refusé : Guichet continue de répondre avec "
                + "le précédent. " + problems.size() + " problème(s) à corriger (`./guichet validate` les redonne) :");
        for (String p : problems) {
            String line = "\n• " + p;
            if (text.length() + line.length() > DiscordLimits.CONTENT - 40) {
                text.append("\n… (voir les journaux ou `./guichet validate`)");
                break;
            }
            text.append(line);
        }
        return text.toString();
    }

    /** The renderer of the catalogue being served: made again when a reload replaces it (its footer names its review). */
    private static Supplier<ReplyRenderer> renderers(Application app) {
        return new Supplier<>() {
            private CatalogueSnapshot seen;
            private ReplyRenderer renderer;

            @Override
            public synchronized ReplyRenderer get() {
                CatalogueSnapshot now = app.catalogue().snapshot();
                if (now != seen) {
                    seen = now;
                    renderer = new ReplyRenderer(now.catalogue().info(), now.reviewed());
                }
                return renderer;
            }
        };
    }

    /** The gateway's state for /health: connected, or what is wrong and since when. */
    private Health.Status gatewayHealth() {
        GatewayWatch watch = gateway;
        if (watch == null) {
            return Health.Status.problem("pas connecté à Discord", Map.of());
        }
        GatewayWatch.Status s = watch.status();
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("state", s.state().name().toLowerCase(java.util.Locale.ROOT));
        details.put("since", s.since().toString());
        details.put("lost", s.lost());
        details.put("resumed", s.resumed());
        details.put("reconnected", s.reconnected());
        return s.healthy() ? Health.Status.ok(details)
                : Health.Status.problem(s.state() == GatewayWatch.State.LOST ? "connexion à Discord perdue, reconnexion en cours"
                        : "Discord n'accuse plus réception des battements de cœur, reprise en cours", details);
    }

    /** What Guichet needs in the staff channel, besides seeing it. */
    static final List<PermissionType> STAFF_PERMISSIONS = List.of(PermissionType.VIEW_CHANNEL,
            PermissionType.CREATE_PUBLIC_THREADS, PermissionType.SEND_MESSAGES_IN_THREADS, PermissionType.EMBED_LINKS,
            PermissionType.READ_MESSAGE_HISTORY);

    /**
     * Why the staff channel cannot hold the case threads, in French, if it cannot: unknown or
     * invisible, not a plain text channel (announcement channels need another kind of thread,
     * forum channels have posts), or a permission missing there.
     */
    static Optional<String> staffChannelProblem(DiscordApi api, long channelId) {
        Optional<Channel> found = api.getChannelById(channelId);
        if (found.isEmpty()) {
            return Optional.of("le salon " + channelId + " est introuvable, ou le bot ne le voit pas (est-il invité sur "
                    + "ce serveur ? Le salon des conseillers est privé : ajoutez le rôle du bot à ses permissions, avec "
                    + "« Voir le salon »).");
        }
        ChannelType type = found.get().getType();
        if (type == ChannelType.SERVER_FORUM_CHANNEL) {
            return Optional.of("le salon " + channelId + " est un forum ; Guichet ouvre un fil par dossier dans un salon "
                    + "textuel ordinaire : créez-en un, réservé aux conseillers.");
        }
        if (type == ChannelType.SERVER_NEWS_CHANNEL) {
            return Optional.of("le salon " + channelId + " est un salon d'annonces ; Guichet ouvre un fil par dossier dans "
                    + "un salon textuel ordinaire : créez-en un, réservé aux conseillers.");
        }
        Optional<ServerTextChannel> text = found.get().asServerTextChannel();
        if (type != ChannelType.SERVER_TEXT_CHANNEL || text.isEmpty()) {
            return Optional.of("le salon " + channelId + " n'est pas un salon textuel (" + type + ").");
        }
        User you = api.getYourself();
        if (text.get().getServer().isAdmin(you)) {
            return Optional.empty();
        }
        List<String> missing = STAFF_PERMISSIONS.stream().filter(p -> !text.get().hasPermission(you, p))
                .map(DiscordCommand::label).toList();
        if (!missing.isEmpty()) {
            return Optional.of("dans le salon " + channelId + ", il manque au bot : " + String.join(", ", missing)
                    + ". Ajoutez le rôle du bot aux permissions du salon (Modifier le salon › Permissions).");
        }
        return Optional.empty();
    }

    private static String label(PermissionType p) {
        return switch (p) {
            case VIEW_CHANNEL -> "Voir le salon";
            case CREATE_PUBLIC_THREADS -> "Créer des fils publics";
            case SEND_MESSAGES_IN_THREADS -> "Envoyer des messages dans les fils";
            case EMBED_LINKS -> "Intégrer des liens";
            case READ_MESSAGE_HISTORY -> "Voir les anciens messages";
            default -> p.name();
        };
    }

    /**
     * Puts exactly Guichet's commands where they belong, replacing whatever was there: on the
     * listed servers (instant) and none globally, or globally and none on any server (so no
     * command shows twice). Returns the problems, in French; the bot runs on without commands.
     */
    static List<String> registerCommands(DiscordApi api, List<Long> guildIds, Set<SlashCommandBuilder> commands) {
        List<String> problems = new ArrayList<>();
        if (guildIds.isEmpty()) {
            register(problems, "commandes globales", api.bulkOverwriteGlobalApplicationCommands(commands));
            for (Server server : api.getServers()) {
                register(problems, "nettoyage du serveur " + server.getId(),
                        api.bulkOverwriteServerApplicationCommands(server.getId(), Set.of()));
            }
        } else {
            for (long guild : guildIds) {
                register(problems, "commandes du serveur " + guild, api.bulkOverwriteServerApplicationCommands(guild, commands));
            }
            register(problems, "nettoyage des commandes globales", api.bulkOverwriteGlobalApplicationCommands(Set.of()));
        }
        return problems;
    }

    private static void register(List<String> problems, String what, CompletableFuture<?> future) {
        try {
            Futures.await(Futures.logged(future, "register " + what), SEND_TIMEOUT, what);
        } catch (StaffChannel.DiscordFailure e) {
            problems.add("enregistrement des " + what + " impossible (" + e.getMessage() + ") : le bot a-t-il été invité "
                    + "avec le scope applications.commands ?");
        }
    }
}
