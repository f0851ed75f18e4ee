package fr.guichet.bot;

import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.handoff.AdviserNotifier;
import fr.guichet.bot.handoff.AdviserRouter;
import fr.guichet.bot.handoff.Availability;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.handoff.HandoffJudge;
import fr.guichet.bot.handoff.HandoffModels;
import fr.guichet.bot.handoff.ReminderService;
import fr.guichet.bot.handoff.WorkingHours;
import fr.guichet.bot.ops.CatalogueReloader;
import fr.guichet.bot.ops.CatalogueSnapshot;
import fr.guichet.bot.ops.Health;
import fr.guichet.bot.ops.HttpEndpoint;
import fr.guichet.bot.ops.LiveCatalogue;
import fr.guichet.bot.ops.Metrics;
import fr.guichet.bot.privacy.Forgetting;
import fr.guichet.bot.report.QuestionLog;
import fr.guichet.bot.store.Database;
import fr.guichet.bot.store.SqliteFeedbackStore;
import fr.guichet.bot.store.SqliteHandoffStore;
import fr.guichet.bot.store.SqliteLease;
import fr.guichet.bot.store.SqliteQuestionLog;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guichet running: what every long-running channel (the console chat, the Discord bot) starts
 * the same way ({@link Wiring#start}) and closes on exit. It owns the served catalogue and its
 * reloader, the database and its stores, the scheduler of the background work (reloads,
 * reminders, retention), the metrics, the health checks and the HTTP endpoint, and the clock,
 * in Guichet's time zone. A channel adds what only it has: its notifier, its reminders' scope,
 * its own health check (the Discord gateway).
 *
 * <p>{@link #close} stops the background work, gives the reminders' lease back and closes the
 * database last: a channel closes it once its answers in progress are finished.
 */
public final class Application implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);
    /** Renewed every minute by the reminders: past three minutes without renewal, its holder is taken for dead. */
    static final Duration LEASE_TTL = Duration.ofMinutes(3);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.FRANCE);

    private final Wiring.Settings settings;
    private final Clock clock;
    private final LiveCatalogue catalogue;
    private final Database database;
    private final SqliteHandoffStore cases;
    private final SqliteFeedbackStore feedback;
    private final QuestionLog questions;
    private final Metrics metrics = new Metrics();
    private final Health health = new Health();
    private final Availability availability;
    private final ScheduledExecutorService scheduler;
    private final CatalogueReloader reloader;
    private final List<Consumer<List<String>>> refusals = new CopyOnWriteArrayList<>();
    private final HttpEndpoint http;
    private Assistant assistant; // guarded by this
    private ReminderService reminders; // guarded by this
    private boolean closed; // guarded by this

    Application(Wiring.Settings settings, Clock clock, LiveCatalogue catalogue, Database database, PrintStream err) {
        this.settings = settings;
        this.clock = clock;
        this.catalogue = catalogue;
        this.database = database;
        this.cases = new SqliteHandoffStore(database, clock);
        this.feedback = new SqliteFeedbackStore(database);
        this.questions = metrics.questionLog(new SqliteQuestionLog(database));
        this.availability = new Availability(settings.data().resolve("absences.txt"), clock,
                () -> catalogue.advisersById().keySet());
        availability.check(); // its warnings now, at start, not in the middle of a conversation
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "guichet-background");
            t.setDaemon(true);
            return t;
        });
        metrics.catalogue(catalogue::snapshot);
        health.register("catalogue", this::catalogueHealth);
        health.register("database", this::databaseHealth);
        this.reloader = new CatalogueReloader(settings.catalogue(), clock, catalogue, scheduler, new Reloads()).start();
        this.http = settings.http().map(address -> {
            try {
                return HttpEndpoint.start(address, health, metrics);
            } catch (IOException e) {
                // not fatal: a chat started beside the bot with the same environment finds the port taken
                err.println("attention : /health et /metrics indisponibles : " + address.getHostString() + ":"
                        + address.getPort() + " est déjà pris ou interdit (" + e.getClass().getSimpleName() + ").");
                return null;
            }
        }).orElse(null);
    }

    public Wiring.Settings settings() {
        return settings;
    }

    /** Now, in Guichet's time zone. */
    public Clock clock() {
        return clock;
    }

    /** The catalogue being served: a {@link fr.guichet.knowledge.search.Retriever} and a supplier of the catalogue. */
    public LiveCatalogue catalogue() {
        return catalogue;
    }

    public SqliteHandoffStore cases() {
        return cases;
    }

    public SqliteFeedbackStore feedback() {
        return feedback;
    }

    /** The anonymous question log, counted for the metrics: what the assistant records each answer in. */
    public QuestionLog questions() {
        return questions;
    }

    public Metrics metrics() {
        return metrics;
    }

    public Health health() {
        return health;
    }

    /** For tests that take the database away under a running Guichet. */
    Database database() {
        return database;
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    public CatalogueReloader reloader() {
        return reloader;
    }

    /** The port of {@code /health} and {@code /metrics}, when they are served. */
    public Optional<Integer> httpPort() {
        return Optional.ofNullable(http).map(HttpEndpoint::port);
    }

    /** Told every problem of a catalogue change that was refused (the last good one stays served), once per change. */
    public void onCatalogueRefused(Consumer<List<String>> listener) {
        refusals.add(listener);
    }

    /**
     * The assistant, over the served catalogue (a reload reaches it at the next question) and the
     * advisers of the served catalogue, telling {@code notifier} of the cases; built once. The
     * retention of stored and live conversations starts with it.
     */
    public synchronized Assistant assistant(AdviserNotifier notifier) {
        if (assistant == null) {
            assistant = Assistant.builder(catalogue, new AdviserRouter(catalogue, availability), cases, feedback)
                    .answerer(Wiring.answerer(settings.llm(), metrics))
                    // the models train in the background from here, once the catalogue is indexed (on 2 cores,
                    // training beside the index build slowed both): the prompt does not wait, a first question may
                    .judge(new HandoffJudge(HandoffModels.training()::join, settings.largeProjectEur()))
                    .notifier(metrics.notifier(notifier))
                    .questionLog(questions())
                    .clock(clock)
                    .memoryIdle(settings.memoryIdle())
                    .contactDelay(Wiring.contactDelay(settings.reminderDelay()))
                    .build();
            scheduler.scheduleWithFixedDelay(this::retention, 0, 1, TimeUnit.HOURS);
        }
        return assistant;
    }

    /** « /oublier » over this runtime's stores, telling the advisers of the served catalogue. */
    public Forgetting forgetting(AdviserNotifier notifier) {
        return new Forgetting(assistant(notifier), cases, feedback, notifier, catalogue::advisersById);
    }

    /**
     * Starts chasing unclaimed cases, every minute, when this process holds the reminders' lease
     * of the data directory ({@link SqliteLease}: one process at a time; {@code priority}
     * {@link SqliteLease#ALL_CASES} takes it from {@link SqliteLease#OWN_SESSION}).
     */
    public synchronized void startReminders(AdviserNotifier notifier, Predicate<HandoffCase> scope, int priority) {
        if (reminders != null) {
            throw new IllegalStateException("reminders already started");
        }
        reminders = new ReminderService(cases, catalogue::advisersById, metrics.notifier(notifier),
                WorkingHours.cci(clock.getZone()), settings.reminderDelay(), clock, scope,
                new SqliteLease(database, SqliteLease.REMINDERS, priority, LEASE_TTL, clock));
        reminders.start(scheduler);
    }

    /** What the console's /aide and Discord show of the served catalogue, in French. */
    public String catalogueLine() {
        CatalogueSnapshot s = catalogue.snapshot();
        return "Catalogue : " + s.entries() + " fiches, chargé le " + SHOWN.format(s.loadedAt().atZone(clock.getZone()))
                + s.reviewed().map(d -> ", revu au plus tard le " + d.format(DateTimeFormatter.ofPattern("dd/MM/yyyy")))
                .orElse("") + ".";
    }

    private void retention() {
        try {
            Instant cutoff = clock.instant().minus(settings.retention());
            int purged = feedback.purgeBefore(cutoff) + cases.purgeClosedBefore(cutoff);
            Assistant a;
            synchronized (this) {
                a = assistant;
            }
            int idle = a == null ? 0 : a.evictIdleConversations();
            LOG.debug("retention: {} stored rows purged, {} idle conversations dropped", purged, idle);
        } catch (RuntimeException e) {
            LOG.warn("retention pass failed: {}", e.getMessage());
        } catch (Error e) {
            // an Error would cancel the hourly schedule for good; the next pass may succeed
            LOG.error("retention pass failed: {}", e.getClass().getSimpleName());
        }
    }

    private Health.Status catalogueHealth() {
        CatalogueSnapshot s = catalogue.snapshot();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("entries", s.entries());
        details.put("loaded_at", s.loadedAt().toString());
        s.reviewed().ifPresent(d -> details.put("reviewed", d.toString()));
        return s.entries() > 0 ? Health.Status.ok(details) : Health.Status.problem("catalogue vide", details);
    }

    private Health.Status databaseHealth() {
        return database.probeWrite().map(problem -> Health.Status.problem(problem, Map.of()))
                .orElseGet(() -> Health.Status.ok(Map.of()));
    }

    /** What a reload does beyond the swap: log, metrics, and the channels told of a refusal. */
    private final class Reloads implements CatalogueReloader.Listener {
        @Override
        public void reloaded(CatalogueSnapshot next, CatalogueSnapshot previous, Duration took) {
            metrics.reload(true);
            LOG.info("catalogue reloaded: {} entries (before: {}) in {} ms", next.entries(), previous.entries(), took.toMillis());
            availability.check();
        }

        @Override
        public void refused(List<String> errors, Duration took) {
            metrics.reload(false);
            LOG.warn("catalogue change refused, the last good catalogue is still served ({} problem(s)):", errors.size());
            errors.forEach(e -> LOG.warn("catalogue: {}", e));
            for (Consumer<List<String>> listener : refusals) {
                try {
                    listener.accept(errors);
                } catch (RuntimeException e) {
                    LOG.warn("catalogue refusal not reported to a channel ({})", e.getClass().getSimpleName());
                }
            }
        }
    }

    /**
     * Stops the background work (a reload or a reminder in progress finishes first), gives the
     * reminders' lease back so another process may take it at once, and closes the database.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (http != null) {
            http.close();
        }
        reloader.close();
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("background work still running after 5 s; closing the database anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ReminderService r;
        synchronized (this) {
            r = reminders;
        }
        if (r != null) {
            r.release();
        }
        cases.close();
        database.close();
    }
}
