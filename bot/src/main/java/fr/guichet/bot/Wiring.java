package fr.guichet.bot;

import fr.guichet.bot.assistant.Answerer;
import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.assistant.ExtractiveAnswerer;
import fr.guichet.bot.assistant.llm.ChatModels;
import fr.guichet.bot.assistant.llm.LlmAnswerer;
import fr.guichet.bot.assistant.llm.LlmSettings;
import fr.guichet.bot.feedback.FeedbackStore;
import fr.guichet.bot.feedback.InMemoryFeedbackStore;
import fr.guichet.bot.handoff.AdviserNotifier;
import fr.guichet.bot.handoff.AdviserRouter;
import fr.guichet.bot.handoff.Availability;
import fr.guichet.bot.handoff.HandoffJudge;
import fr.guichet.bot.handoff.HandoffModels;
import fr.guichet.bot.handoff.HandoffStore;
import fr.guichet.bot.report.QuestionLog;
import fr.guichet.bot.handoff.InMemoryHandoffStore;
import fr.guichet.bot.handoff.StoreException;
import fr.guichet.bot.ops.CatalogueLoad;
import fr.guichet.bot.ops.LiveCatalogue;
import fr.guichet.bot.ops.Metrics;
import fr.guichet.bot.store.Database;
import fr.guichet.knowledge.catalogue.Catalogue;
import fr.guichet.knowledge.search.CatalogueIndex;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/** The one place that builds the application's parts from settings and connects them. */
public final class Wiring {

    /** Guichet's time zone unless {@code GUICHET_TIMEZONE} names another. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Paris");
    /** Where {@code /health} and {@code /metrics} listen unless {@code GUICHET_HTTP_BIND} says otherwise. */
    public static final String DEFAULT_HTTP_BIND = "127.0.0.1";

    /**
     * Settings from the command line and the environment. {@code GUICHET_DATA} (or --data)
     * is where cases live; durations and thresholds have defaults a CCI can change.
     *
     * @param zone the time zone of every date Guichet reads or shows: catalogue validity, session
     *             dates, absences, working hours, case ids ({@code GUICHET_TIMEZONE})
     * @param http where {@code /health} and {@code /metrics} listen; empty: no HTTP endpoint
     *             ({@code GUICHET_HTTP_PORT}, {@code GUICHET_HTTP_BIND})
     */
    public record Settings(Path catalogue, Path data, Duration reminderDelay, Duration retention,
                           Duration memoryIdle, BigDecimal largeProjectEur, Optional<LlmSettings> llm, ZoneId zone,
                           Optional<InetSocketAddress> http) {

        /** In Paris, without an HTTP endpoint. */
        public Settings(Path catalogue, Path data, Duration reminderDelay, Duration retention, Duration memoryIdle,
                        BigDecimal largeProjectEur, Optional<LlmSettings> llm) {
            this(catalogue, data, reminderDelay, retention, memoryIdle, largeProjectEur, llm, DEFAULT_ZONE, Optional.empty());
        }
    }

    /** The start of an application was refused; what refused it is already printed. */
    public static final class Refused extends Exception {
        Refused() {
            super("refused", null, false, false);
        }
    }

    private Wiring() {
    }

    /**
     * Bounds of the numeric settings. Beyond them a value is a typo, and some would hurt: a
     * reminder delay of a billion hours keeps a core busy walking the calendar.
     */
    public static final long MAX_REMINDER_HOURS = 200;      // five weeks of working hours
    public static final long MAX_RETENTION_DAYS = 3650;     // ten years
    public static final long MAX_LARGE_PROJECT_EUR = 1_000_000_000_000L;

    public static Settings settings(Args args, Map<String, String> env) throws Args.UsageException {
        String dataDir = args.get("data");
        if (dataDir == null) {
            String fromEnv = env.get("GUICHET_DATA");
            if (fromEnv != null && fromEnv.isBlank()) {
                // an empty value is a mistake in a configuration, not a wish to write in the current folder
                throw new Args.UsageException("GUICHET_DATA est vide : donnez un dossier de données, ou retirez la variable "
                        + "pour utiliser le dossier par défaut");
            }
            dataDir = fromEnv != null ? fromEnv : Args.defaultCatalogue().getParent().getParent().resolve("data").toString();
        } else if (dataDir.isBlank()) {
            throw new Args.UsageException("--data est vide : donnez un dossier de données");
        }
        Path data;
        try {
            data = Path.of(dataDir);
        } catch (java.nio.file.InvalidPathException e) {
            throw new Args.UsageException("dossier de données invalide « " + dataDir + " » : " + e.getReason());
        }
        try {
            return new Settings(args.catalogue(), data,
                    Duration.ofHours(bounded(env, "GUICHET_REMINDER_HOURS", 4, MAX_REMINDER_HOURS)),
                    Duration.ofDays(bounded(env, "GUICHET_RETENTION_DAYS", 180, MAX_RETENTION_DAYS)),
                    Duration.ofHours(2),
                    BigDecimal.valueOf(bounded(env, "GUICHET_LARGE_PROJECT_EUR", 500_000, MAX_LARGE_PROJECT_EUR)),
                    LlmSettings.fromEnvironment(env), zone(env), http(env));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
    }

    /** {@code GUICHET_TIMEZONE}, Europe/Paris by default. @throws IllegalArgumentException in French */
    public static ZoneId zone(Map<String, String> env) {
        String value = env.get("GUICHET_TIMEZONE");
        if (value == null || value.isBlank()) {
            return DEFAULT_ZONE;
        }
        try {
            return ZoneId.of(value.strip());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("GUICHET_TIMEZONE : fuseau horaire inconnu « " + value.strip()
                    + " » (un nom de la base IANA, par exemple Europe/Paris ou America/Martinique)");
        }
    }

    /**
     * The clock of the commands: the system's time in Guichet's zone. A zone that does not exist
     * gives Paris here; the commands that read the settings refuse it with its message.
     */
    public static Clock clock(Map<String, String> env) {
        try {
            return Clock.system(zone(env));
        } catch (IllegalArgumentException e) {
            return Clock.system(DEFAULT_ZONE);
        }
    }

    /** {@code GUICHET_HTTP_PORT} and {@code GUICHET_HTTP_BIND}. @throws IllegalArgumentException in French */
    static Optional<InetSocketAddress> http(Map<String, String> env) {
        String port = env.get("GUICHET_HTTP_PORT");
        if (port == null || port.isBlank()) {
            return Optional.empty();
        }
        int n;
        try {
            n = Integer.parseInt(port.strip());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > 65_535) {
            throw new IllegalArgumentException("GUICHET_HTTP_PORT doit être un numéro de port entre 1 et 65535 (reçu « "
                    + port + " »)");
        }
        String bind = env.get("GUICHET_HTTP_BIND");
        String host = bind == null || bind.isBlank() ? DEFAULT_HTTP_BIND : bind.strip();
        InetSocketAddress address = new InetSocketAddress(host, n);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("GUICHET_HTTP_BIND : adresse inconnue « " + host
                    + " » (par exemple 127.0.0.1, ou 0.0.0.0 pour toutes les interfaces)");
        }
        return Optional.of(address);
    }

    private static long bounded(Map<String, String> env, String name, long fallback, long max) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n > 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + " doit être un nombre entier entre 1 et " + max + " (reçu « " + value + " »)");
    }

    /** The LLM answerer when one is configured (extractive fallback), else the extractive answerer. */
    public static Answerer answerer(Optional<LlmSettings> llm) {
        Answerer extractive = new ExtractiveAnswerer();
        return llm.<Answerer>map(s -> new LlmAnswerer(ChatModels.create(s), extractive)).orElse(extractive);
    }

    public static String contactDelay(Duration reminderDelay) {
        long hours = reminderDelay.toHours();
        return "sous " + hours + (hours > 1 ? " heures ouvrées" : " heure ouvrée") + " (du lundi au vendredi)";
    }

    /**
     * Starts Guichet's runtime, the same way for every long-running channel: the catalogue
     * (loaded, validated, indexed, then watched for changes), the database and its stores, the
     * scheduler, the metrics and, when configured, the HTTP endpoint; all in the settings' time
     * zone. Warnings and refusals are printed on {@code err}.
     *
     * @throws Refused when the catalogue or the database cannot be used (printed), for exit code 2
     */
    public static Application start(Settings settings, Clock clock, PrintStream err) throws Refused {
        Clock zoned = clock.withZone(settings.zone());
        CatalogueLoad load = CatalogueLoad.from(settings.catalogue(), zoned);
        load.warnings().forEach(w -> err.println("attention : " + w));
        if (!load.ok()) {
            load.errors().forEach(err::println);
            err.println("Catalogue refusé (" + settings.catalogue() + ") : " + load.errors().size() + " problème(s).");
            throw new Refused();
        }
        Database db;
        try {
            db = new Database(settings.data());
        } catch (StoreException e) {
            err.println(e.getMessage());
            throw new Refused();
        }
        try {
            return new Application(settings, zoned, new LiveCatalogue(load.snapshot()), db, err);
        } catch (RuntimeException | Error e) {
            db.close();
            throw e;
        }
    }

    /** The answerer: the LLM when one is configured (counted, with the extractive fallback), else the extractive one. */
    static Answerer answerer(Optional<LlmSettings> llm, Metrics metrics) {
        Answerer extractive = new ExtractiveAnswerer();
        return llm.<Answerer>map(s -> metrics.llm(new LlmAnswerer(ChatModels.create(s), extractive))).orElse(extractive);
    }

    /** A standalone assistant over a fixed catalogue (tests, benchmarks); a running Guichet's comes from {@link #start}. */
    public static Assistant assistant(Catalogue catalogue, CatalogueIndex index, HandoffStore cases,
                                      FeedbackStore feedback, QuestionLog questions, AdviserNotifier notifier,
                                      Settings settings, Clock clock) {
        clock = clock.withZone(settings.zone());
        Availability availability = new Availability(settings.data().resolve("absences.txt"), clock,
                catalogue.advisersById().keySet());
        availability.check(); // its warnings now, at start, not in the middle of a conversation
        return Assistant.builder(index, new AdviserRouter(catalogue, availability), cases, feedback)
                .answerer(answerer(settings.llm(), new Metrics()))
                .judge(new HandoffJudge(HandoffModels.training()::join, settings.largeProjectEur())) // trains while the channel starts
                .notifier(notifier)
                .questionLog(questions)
                .clock(clock)
                .memoryIdle(settings.memoryIdle())
                .contactDelay(contactDelay(settings.reminderDelay()))
                .build();
    }

    /**
     * An assistant for evaluations: the extractive answerer, everyone present, feedback and
     * cases kept in memory (single-turn decisions never open a case), so that an evaluation
     * leaves no file behind.
     */
    public static Assistant dryRunAssistant(Catalogue catalogue, CatalogueIndex index, Clock clock) {
        return Assistant.builder(index, new AdviserRouter(catalogue, Availability.everyonePresent()),
                        new InMemoryHandoffStore(clock), new InMemoryFeedbackStore())
                .clock(clock)
                .contactDelay(contactDelay(Duration.ofHours(4)))
                .build();
    }
}
