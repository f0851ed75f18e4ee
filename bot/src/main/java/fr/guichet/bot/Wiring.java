package fr.guichet.bot;

import fr.guichet.bot.assistant.Answerer;
import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.assistant.ExtractiveAnswerer;
import fr.guichet.bot.assistant.llm.ChatModels;
import fr.guichet.bot.assistant.llm.LlmAnswerer;
import fr.guichet.bot.assistant.llm.LlmSettings;
import fr.guichet.bot.Args;
import fr.guichet.bot.feedback.FeedbackStore;
import fr.guichet.bot.feedback.InMemoryFeedbackStore;
import fr.guichet.bot.handoff.AdviserNotifier;
import fr.guichet.bot.handoff.AdviserRouter;
import fr.guichet.bot.handoff.Availability;
import fr.guichet.bot.handoff.HandoffJudge;
import fr.guichet.bot.handoff.HandoffModels;
import fr.guichet.bot.handoff.HandoffStore;
import fr.guichet.bot.handoff.InMemoryHandoffStore;
import fr.guichet.knowledge.catalogue.Catalogue;
import fr.guichet.knowledge.search.CatalogueIndex;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The one place that builds the application's parts from settings and connects them. */
public final class Wiring {

    /**
     * Settings from the command line and the environment. {@code GUICHET_DATA} (or --data)
     * is where cases live; durations and thresholds have defaults a CCI can change.
     */
    public record Settings(Path catalogue, Path data, Duration reminderDelay, Duration retention,
                           Duration memoryIdle, BigDecimal largeProjectEur, Optional<LlmSettings> llm) {
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
                    LlmSettings.fromEnvironment(env));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
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

    public static Assistant assistant(Catalogue catalogue, CatalogueIndex index, HandoffStore cases,
                                      FeedbackStore feedback, AdviserNotifier notifier, Settings settings, Clock clock) {
        Availability availability = new Availability(settings.data().resolve("absences.txt"), clock,
                catalogue.advisersById().keySet());
        availability.check(); // its warnings now, at start, not in the middle of a conversation
        return Assistant.builder(index, new AdviserRouter(catalogue, availability), cases, feedback)
                .answerer(answerer(settings.llm()))
                .judge(new HandoffJudge(HandoffModels.bundled(), settings.largeProjectEur()))
                .notifier(notifier)
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
