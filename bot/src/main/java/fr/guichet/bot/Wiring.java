package fr.guichet.bot;

import fr.guichet.bot.assistant.Answerer;
import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.assistant.ExtractiveAnswerer;
import fr.guichet.bot.assistant.llm.ChatModels;
import fr.guichet.bot.assistant.llm.LlmAnswerer;
import fr.guichet.bot.assistant.llm.LlmSettings;
import fr.guichet.bot.cli.Args;
import fr.guichet.bot.feedback.FeedbackStore;
import fr.guichet.bot.feedback.InMemoryFeedbackStore;
import fr.guichet.bot.handoff.AdviserNotifier;
import fr.guichet.bot.handoff.AdviserRouter;
import fr.guichet.bot.handoff.Availability;
import fr.guichet.bot.handoff.HandoffJudge;
import fr.guichet.bot.handoff.HandoffModels;
import fr.guichet.bot.handoff.HandoffStore;
import fr.guichet.bot.store.SqliteHandoffStore;
import fr.guichet.knowledge.catalogue.Catalogue;
import fr.guichet.knowledge.search.CatalogueIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
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

    public static Settings settings(Args args, Map<String, String> env) throws Args.UsageException {
        Path data = Path.of(args.get("data", env.getOrDefault("GUICHET_DATA",
                Args.defaultCatalogue().getParent().getParent().resolve("data").toString())));
        try {
            return new Settings(args.catalogue(), data,
                    Duration.ofHours(positive(env, "GUICHET_REMINDER_HOURS", 4)),
                    Duration.ofDays(positive(env, "GUICHET_RETENTION_DAYS", 180)),
                    Duration.ofHours(2),
                    BigDecimal.valueOf(positive(env, "GUICHET_LARGE_PROJECT_EUR", 500_000)),
                    LlmSettings.fromEnvironment(env));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
    }

    private static long positive(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + " doit être un nombre entier positif (reçu « " + value + " »)");
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
        AdviserRouter router = new AdviserRouter(catalogue, new Availability(settings.data().resolve("absences.txt"), clock));
        return Assistant.builder(index, router, cases, feedback)
                .answerer(answerer(settings.llm()))
                .judge(new HandoffJudge(HandoffModels.bundled(), settings.largeProjectEur()))
                .notifier(notifier)
                .clock(clock)
                .memoryIdle(settings.memoryIdle())
                .contactDelay(contactDelay(settings.reminderDelay()))
                .build();
    }

    /**
     * An assistant for evaluations: the extractive answerer, everyone present, feedback kept in
     * memory, and a throw-away case store (single-turn decisions never open a case).
     */
    public static Assistant dryRunAssistant(Catalogue catalogue, CatalogueIndex index, Clock clock) {
        try {
            Path scratch = Files.createTempDirectory("guichet-eval");
            scratch.toFile().deleteOnExit();
            return Assistant.builder(index, new AdviserRouter(catalogue, Availability.everyonePresent()),
                            SqliteHandoffStore.open(scratch, clock), new InMemoryFeedbackStore())
                    .clock(clock)
                    .contactDelay(contactDelay(Duration.ofHours(4)))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
